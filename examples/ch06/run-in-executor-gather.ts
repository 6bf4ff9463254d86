/**
 * Chapter 6 — `loop.runInExecutor` turns pool jobs into awaitables for `gather`.
 * Observe: the results come back in the order of the inputs, once all are done; the loop stays
 * free while the processes count. (tsaio passes arguments directly: no `functools.partial`.)
 */
import { gather, getRunningLoop, run } from '../../src/index.js';
import { ProcessPoolExecutor } from '../../src/executors/index.js';
import { isMain } from '../util.js';
import { count } from './_count.js';

export async function main(big: number = 100_000_000): Promise<number[]> {
  await using processPool = new ProcessPoolExecutor();
  const loop = getRunningLoop();
  const nums = [1, 3, 5, 22, big];
  const callCoros = nums.map((num) => loop.runInExecutor(processPool, count, num));
  const results = await gather(...callCoros);
  for (const result of results) console.log(result);
  return results;
}

if (isMain(import.meta.url)) await run(main);
