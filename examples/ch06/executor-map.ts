/**
 * Chapter 6 — `ProcessPoolExecutor.map`: results in the order of the inputs.
 * Observe: the workers print "Finished counting to 5" and "to 22" long before the big count is
 * done, but `map` yields 1, 3, then waits for 1,000,000,000 before it gives 5 and 22.
 */
import { run } from '../../src/index.js';
import { ProcessPoolExecutor } from '../../src/executors/index.js';
import { isMain } from '../util.js';
import { count } from './_count.js';

export async function main(big: number = 1_000_000_000): Promise<number[]> {
  await using processPool = new ProcessPoolExecutor();
  const numbers = [1, 3, big, 5, 22];
  const results: number[] = [];
  for await (const result of processPool.map(count, numbers)) {
    console.log(result);
    results.push(result);
  }
  return results;
}

if (isMain(import.meta.url)) await run(main);
