/**
 * Chapter 7 — requests in a thread pool, without asyncio (`pool.map` over the URLs).
 * Observe: each thread does one request at a time, so 1,000 requests take about
 * 1,000 × 0.05 s / (number of threads): slower than the single-threaded asyncio version of
 * chapter 4, which keeps 100 requests in flight.
 */
import { getRunningLoop, run } from '../../src/index.js';
import { ThreadPoolExecutor } from '../../src/executors/index.js';
import { startLocalServer } from '../local-server.js';
import { isMain } from '../util.js';
import { getStatusCode } from './_get-status-code.js';

export async function main(requestCount: number = 1000): Promise<number[]> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for www.baidu.com
  const loop = getRunningLoop();
  const start = loop.time();
  const results: number[] = [];
  {
    await using pool = new ThreadPoolExecutor();
    console.log(`${pool.maxWorkers} threads`);
    const urls = Array.from({ length: requestCount }, () => server.url);
    for await (const result of pool.map(getStatusCode, urls)) results.push(result);
  }
  const end = loop.time();
  console.log(`finished requests in ${(end - start).toFixed(4)} second(s)`);
  return results;
}

if (isMain(import.meta.url)) await run(main);
