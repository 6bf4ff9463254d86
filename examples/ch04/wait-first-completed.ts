/**
 * Chapter 4 — `wait(..., { returnWhen: FIRST_COMPLETED })` in a loop: results one by one.
 * Observe: each pass returns as soon as something finishes and prints how many are done and
 * pending; the slow request comes last, after about 3 s.
 */
import { FIRST_COMPLETED, createTask, run, wait, type Future } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, fetchStatus, isMain } from '../util.js';

export const main = asyncTimed(async function main(slow: number = 3): Promise<void> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://www.baidu.com
  await using session = new ClientSession();
  const url = server.url;
  let pending: Set<Future<number>> = new Set([
    createTask(fetchStatus(session, url)),
    createTask(fetchStatus(session, url)),
    createTask(fetchStatus(session, url, slow)),
  ]);
  while (pending.size > 0) {
    let done: Set<Future<number>>;
    [done, pending] = await wait(pending, { returnWhen: FIRST_COMPLETED });
    console.log(`完成任务数量: ${done.size}`); // done task count
    console.log(`阻塞任务数量: ${pending.size}`); // pending task count
    for (const doneTask of done) console.log(await doneTask);
  }
});

if (isMain(import.meta.url)) await run(main());
