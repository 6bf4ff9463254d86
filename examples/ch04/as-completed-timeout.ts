/**
 * Chapter 4 — `asCompleted` with a timeout.
 * Observe: two results arrive after about 1 s; at 2 s the last awaitable raises TimeoutError
 * ("获取到一个超时错误!", "got a timeout"). Nothing is cancelled: `allTasks()` still lists the
 * slow request, and main itself.
 */
import { TimeoutError, allTasks, asCompleted, run } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, isMain } from '../util.js';
import { request } from './as-completed.js';

export const main = asyncTimed(async function main(delays: number[] = [1, 1, 5], timeout: number = 2): Promise<void> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://baidu.com
  await using session = new ClientSession();
  const fetchers = delays.map((d) => request(session, server.url, d));
  for (const doneTask of asCompleted(fetchers, { timeout })) {
    try {
      const result = await doneTask;
      console.log(result);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      console.log('获取到一个超时错误!');
    }
  }
  for (const task of allTasks()) console.log(String(task));
});

if (isMain(import.meta.url)) await run(main());
