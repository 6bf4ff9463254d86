/**
 * Chapter 6 — `submit` plus `asCompleted`: results as soon as each is ready.
 * Observe: 1, 3, 5 and 22 are printed while the big count is still running; 1,000,000,000
 * comes last, without holding up the others.
 */
import { asCompleted, run } from '../../src/index.js';
import { ProcessPoolExecutor } from '../../src/executors/index.js';
import { isMain } from '../util.js';
import { count } from './_count.js';

export async function main(big: number = 1_000_000_000): Promise<number[]> {
  await using processPool = new ProcessPoolExecutor();
  const numbers = [1, 3, big, 5, 22];
  const todoList = numbers.map((x) => processPool.submit(count, x));
  const results: number[] = [];
  for (const next of asCompleted(todoList)) {
    const result = await next;
    console.log(result);
    results.push(result);
  }
  return results;
}

if (isMain(import.meta.url)) await run(main);
