/**
 * Chapter 7 — `toThread(fn, ...args)`: the default executor without `getRunningLoop()`.
 * Observe: the same results as `runInExecutor(null, ...)`, in fewer lines.
 */
import { gather, run, toThread } from '../../src/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, isMain } from '../util.js';
import { getStatusCode } from './_get-status-code.js';
import { summarize } from './thread-pool-asyncio.js';

export const main = asyncTimed(async function main(requestCount: number = 1000): Promise<number[]> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for www.baidu.com
  const urls = Array.from({ length: requestCount }, () => server.url);
  const tasks = urls.map((url) => toThread(getStatusCode, url));
  const results = await gather(...tasks);
  console.log(summarize(results));
  return results;
});

if (isMain(import.meta.url)) await run(main());
