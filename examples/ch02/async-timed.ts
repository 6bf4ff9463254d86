/**
 * Chapter 2 — the `@async_timed()` decorator, here `asyncTimed(fn)`.
 * Observe: delay(2) and delay(3) run concurrently; they finish after 2 s and 3 s, and main
 * after 3 s in total.
 */
import { createTask, run, sleep } from '../../src/index.js';
import { asyncTimed, isMain } from '../util.js';

const delay = asyncTimed(async function delay(delaySeconds: number): Promise<number> {
  console.log(`sleeping for ${delaySeconds} second(s)`);
  await sleep(delaySeconds);
  console.log(`finished sleeping for ${delaySeconds} second(s)`);
  return delaySeconds;
});

export const main = asyncTimed(async function main(): Promise<void> {
  const taskOne = createTask(delay(2));
  const taskTwo = createTask(delay(3));
  await taskOne;
  await taskTwo;
});

if (isMain(import.meta.url)) await run(main);
