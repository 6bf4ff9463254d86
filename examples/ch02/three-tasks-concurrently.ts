/**
 * Chapter 2 — running several tasks concurrently.
 * Observe: the three `delay(3)` tasks all start at the first `await` and sleep at the same time:
 * the program takes about 3 seconds, not 9.
 */
import { createTask, run } from '../../src/index.js';
import { delay, isMain } from '../util.js';

export async function main(): Promise<void> {
  const sleepForThree = createTask(delay(3));
  const sleepAgain = createTask(delay(3));
  const sleepOnceMore = createTask(delay(3));
  await sleepForThree;
  await sleepAgain;
  await sleepOnceMore;
}

if (isMain(import.meta.url)) await run(main);
