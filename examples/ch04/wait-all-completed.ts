/**
 * Chapter 4 — `wait` (default ALL_COMPLETED) returns the done and pending sets.
 * Observe: 2 done, 0 pending; the good request's result (200) and the bad one's error, read
 * with `task.exception()` / `task.result()` instead of try/catch.
 */
import { createTask, run, wait } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, fetchStatus, isMain } from '../util.js';
import { reprError } from './_format.js';

export const main = asyncTimed(async function main(): Promise<void> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://baidu.com
  await using session = new ClientSession();
  const goodRequest = fetchStatus(session, server.url);
  const badRequest = fetchStatus(session, 'python://bad');
  const fetchers = [createTask(goodRequest), createTask(badRequest)];
  const [done, pending] = await wait(fetchers);
  console.log(`已完成的任务数量: ${done.size}`); // done task count
  console.log(`阻塞的任务数量: ${pending.size}`); // pending task count
  for (const doneTask of done) {
    if (doneTask.exception() === null) console.log(doneTask.result());
    else console.error(`ERROR:root:请求异常 ${reprError(doneTask.exception())}`); // "request failed", as logging.error
  }
});

if (isMain(import.meta.url)) await run(main());
