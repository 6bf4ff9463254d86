/**
 * Chapter 4 — `wait` with a timeout neither raises nor cancels.
 * Observe: after 1 s: 2 done, 1 pending; main returns at 1 s, and the slow request is still
 * running (its own "finished" line comes later, when `run()` cancels it or it completes).
 */
import { createTask, run, wait } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, fetchStatus, isMain } from '../util.js';

export const main = asyncTimed(async function main(slow: number = 3, timeout: number = 1): Promise<number> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://baidu.com
  await using session = new ClientSession();
  const url = server.url;
  const fetchers = [
    createTask(fetchStatus(session, url)),
    createTask(fetchStatus(session, url)),
    createTask(fetchStatus(session, url, slow)),
  ];
  const [done, pending] = await wait(fetchers, { timeout });
  console.log(`Done task count: ${done.size}`);
  console.log(`Pending task count: ${pending.size}`);
  for (const doneTask of done) {
    const result = await doneTask;
    console.log(result);
  }
  return pending.size;
});

if (isMain(import.meta.url)) await run(main());
