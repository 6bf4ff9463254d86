/**
 * Chapter 7 — the loop's default executor: `runInExecutor(null, ...)`.
 * Observe: no pool is created by hand; the loop makes a ThreadPoolExecutor on first use and
 * shuts it down when `run()` ends.
 */
import { gather, getRunningLoop, run } from '../../src/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, isMain } from '../util.js';
import { getStatusCode } from './_get-status-code.js';
import { summarize } from './thread-pool-asyncio.js';

export const main = asyncTimed(async function main(requestCount: number = 1000): Promise<number[]> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for www.baidu.com
  const loop = getRunningLoop();
  const urls = Array.from({ length: requestCount }, () => server.url);
  const tasks = urls.map((url) => loop.runInExecutor(null, getStatusCode, url));
  const results = await gather(...tasks);
  console.log(summarize(results));
  return results;
});

if (isMain(import.meta.url)) await run(main());
