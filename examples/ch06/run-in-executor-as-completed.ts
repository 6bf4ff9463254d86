/**
 * Chapter 6 — `runInExecutor` with `asCompleted`.
 * Observe: small counts are printed first, the big count last: results in completion order.
 * (The book prints the un-awaited awaitables by mistake; here each one is awaited.)
 */
import { asCompleted, getRunningLoop, run } from '../../src/index.js';
import { ProcessPoolExecutor } from '../../src/executors/index.js';
import { isMain } from '../util.js';
import { count } from './_count.js';

export async function main(big: number = 100_000_000): Promise<number[]> {
  await using processPool = new ProcessPoolExecutor();
  const loop = getRunningLoop();
  const nums = [1, 3, 5, 22, big];
  const callCoros = nums.map((num) => loop.runInExecutor(processPool, count, num));
  const results: number[] = [];
  for (const finished of asCompleted(callCoros)) {
    const result = await finished;
    console.log(result);
    results.push(result);
  }
  return results;
}

if (isMain(import.meta.url)) await run(main);
