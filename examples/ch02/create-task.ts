/**
 * Chapter 2 — a task schedules a coroutine to run as soon as possible; `createTask` returns at
 * once. Observe: `Task` is printed before "sleeping for 3 second(s)", and 3 three seconds later.
 */
import { createTask, run } from '../../src/index.js';
import { delay, isMain } from '../util.js';

export async function main(): Promise<void> {
  const sleepForThree = createTask(delay(3));
  console.log(sleepForThree.constructor.name);
  const result = await sleepForThree;
  console.log(result);
}

if (isMain(import.meta.url)) await run(main);
