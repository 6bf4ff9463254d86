/**
 * Chapter 2 — pitfall 1: CPU-bound work in a coroutine.
 * Observe: although there are two tasks, the second starts only when the first has finished
 * counting: main takes the sum of both. CPU work belongs in a pool (chapter 6).
 * (The book counts to 100,000,000; V8 counts about 50 times faster than CPython, hence 10⁹.)
 */
import { createTask, run } from '../../src/index.js';
import { asyncTimed, isMain } from '../util.js';

export const cpuBoundWork = asyncTimed(async function cpuBoundWork(countTo: number = 1_000_000_000): Promise<number> {
  let counter = 0;
  for (let i = 0; i < countTo; i++) counter = counter + 1;
  return counter;
});

export const main = asyncTimed(async function main(countTo: number = 1_000_000_000): Promise<void> {
  const taskOne = createTask(cpuBoundWork(countTo));
  const taskTwo = createTask(cpuBoundWork(countTo));
  await taskOne;
  await taskTwo;
});

if (isMain(import.meta.url)) await run(main());
