/**
 * Chapter 4 — the wrong way to run tasks from a list: awaiting each as it is created.
 * Observe: each delay(3) starts only after the previous one finished: 9 s in total, not 3.
 */
import { createTask, run } from '../../src/index.js';
import { asyncTimed, delay, isMain } from '../util.js';

export const main = asyncTimed(async function main(): Promise<void> {
  const delayTimes = [3, 3, 3];
  for (const seconds of delayTimes) await createTask(delay(seconds));
});

if (isMain(import.meta.url)) await run(main);
