/**
 * Chapter 6 — starting both jobs before waiting for either (Python's `Pool.apply_async`).
 * Observe: both calls start at once in different processes; each `await` then collects a
 * result, in the order we ask for them.
 */
import { run } from '../../src/index.js';
import { ProcessPoolExecutor } from '../../src/executors/index.js';
import { isMain } from '../util.js';

function sayHello(name: string): string {
  return `Hi there, ${name}`;
}

export async function main(): Promise<string[]> {
  await using processPool = new ProcessPoolExecutor();
  const hiJeff = processPool.submit(sayHello, 'Jeff');
  const hiJohn = processPool.submit(sayHello, 'John');
  console.log(await hiJeff);
  console.log(await hiJohn);
  return [hiJeff.result(), hiJohn.result()];
}

if (isMain(import.meta.url)) await run(main);
