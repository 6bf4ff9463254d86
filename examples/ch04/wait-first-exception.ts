/**
 * Chapter 4 — `wait(..., { returnWhen: FIRST_EXCEPTION })`, then cancel what is left.
 * Observe: `wait` returns as soon as the bad URL fails: 1 done, 2 pending; the two slow
 * requests are then cancelled by hand (`wait` itself never cancels).
 */
import { FIRST_EXCEPTION, createTask, run, wait } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, fetchStatus, isMain } from '../util.js';
import { reprError } from './_format.js';

export const main = asyncTimed(async function main(slow: number = 3): Promise<void> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://www.baidu.com
  await using session = new ClientSession();
  const fetchers = [
    createTask(fetchStatus(session, 'python://bad.com')),
    createTask(fetchStatus(session, server.url, slow)),
    createTask(fetchStatus(session, server.url, slow)),
  ];
  const [done, pending] = await wait(fetchers, { returnWhen: FIRST_EXCEPTION });
  console.log(`已完成的任务数量: ${done.size}`); // done task count
  console.log(`阻塞的任务数量: ${pending.size}`); // pending task count
  for (const doneTask of done) {
    if (doneTask.exception() === null) console.log(doneTask.result());
    else console.error(`ERROR:root:请求异常 ${reprError(doneTask.exception())}`); // "request failed"
  }
  for (const pendingTask of pending) {
    console.log(`取消任务: ${pendingTask}`); // cancelling task
    pendingTask.cancel();
  }
});

if (isMain(import.meta.url)) await run(main());
