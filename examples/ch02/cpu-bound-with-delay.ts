/**
 * Chapter 2 — pitfall 1 again: CPU-bound tasks block every other task.
 * Observe: `delay(4)` only starts sleeping after both counting tasks are done, so main takes
 * the counting time plus 4 s instead of max(counting, 4 s).
 */
import { createTask, run } from '../../src/index.js';
import { asyncTimed, delay, isMain } from '../util.js';
import { cpuBoundWork } from './cpu-bound-pitfall.js';

export const main = asyncTimed(async function main(countTo: number = 1_000_000_000): Promise<void> {
  const taskOne = createTask(cpuBoundWork(countTo));
  const taskTwo = createTask(cpuBoundWork(countTo));
  const delayTask = createTask(delay(4));
  await taskOne;
  await taskTwo;
  await delayTask;
});

if (isMain(import.meta.url)) await run(main());
