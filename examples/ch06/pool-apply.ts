/**
 * Chapter 6 — a process pool, one job at a time (Python's `Pool.apply`).
 * Observe: "Hi there, Jeff" then "Hi there, John"; awaiting each job right after submitting it
 * makes the second wait for the first, as `apply` blocks.
 */
import { run } from '../../src/index.js';
import { ProcessPoolExecutor } from '../../src/executors/index.js';
import { isMain } from '../util.js';

function sayHello(name: string): string {
  return `Hi there, ${name}`;
}

export async function main(): Promise<string[]> {
  await using processPool = new ProcessPoolExecutor();
  const hiJeff = await processPool.submit(sayHello, 'Jeff');
  const hiJohn = await processPool.submit(sayHello, 'John');
  console.log(hiJeff);
  console.log(hiJohn);
  return [hiJeff, hiJohn];
}

if (isMain(import.meta.url)) await run(main);
