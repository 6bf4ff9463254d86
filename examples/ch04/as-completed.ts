/**
 * Chapter 4 — `asCompleted`: handle each result as soon as it arrives.
 * Observe: the two 1-second requests print 200 after about 1 s, the 3-second one at 3 s;
 * main takes about 3 s.
 */
import { asCompleted, run, sleep } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, isMain } from '../util.js';

export const request = asyncTimed(async function request(session: ClientSession, url: string, delay: number = 0): Promise<number> {
  await sleep(delay);
  await using result = await session.get(url);
  return result.status;
});

export const main = asyncTimed(async function main(delays: number[] = [1, 1, 3]): Promise<number[]> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://baidu.com
  await using session = new ClientSession();
  const fetchers = delays.map((d) => request(session, server.url, d));
  const results: number[] = [];
  for (const finishedTask of asCompleted(fetchers)) {
    const status = await finishedTask;
    console.log(status);
    results.push(status);
  }
  return results;
});

if (isMain(import.meta.url)) await run(main());
