/**
 * Chapter 6 — two processes counting in parallel.
 * Observe: counting to 1,000,000,000 and to 2,000,000,000 at the same time takes about as long as
 * the longer count alone, not the sum: each process has a core of its own.
 * (The book counts to 10⁸ and 2×10⁸; V8 counts about 50 times faster than CPython.)
 */
import { gather, getRunningLoop, run } from '../../src/index.js';
import { ProcessPoolExecutor } from '../../src/executors/index.js';
import { isMain } from '../util.js';
import { count } from './_count.js';

export async function main(scale: number = 1): Promise<number[]> {
  const loop = getRunningLoop();
  await using pool = new ProcessPoolExecutor({ maxWorkers: 2 });
  const startTime = loop.time();
  const toOneBillion = pool.submit(count, 1_000_000_000 * scale);
  const toTwoBillion = pool.submit(count, 2_000_000_000 * scale);
  const results = await gather(toOneBillion, toTwoBillion);
  console.log(`Completed in ${loop.time() - startTime}`);
  return results;
}

if (isMain(import.meta.url)) await run(main);
