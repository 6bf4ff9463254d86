/**
 * Chapter 4 — the right way: create every task first, then await them.
 * Observe: the three delay(3) tasks sleep at the same time: 3 s in total.
 */
import { createTask, run } from '../../src/index.js';
import { asyncTimed, delay, isMain } from '../util.js';

export const main = asyncTimed(async function main(): Promise<void> {
  const delayTimes = [3, 3, 3];
  const tasks = delayTimes.map((seconds) => createTask(delay(seconds)));
  for (const task of tasks) await task;
});

if (isMain(import.meta.url)) await run(main);
