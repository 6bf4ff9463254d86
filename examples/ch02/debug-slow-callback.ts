/**
 * Chapter 2 — debug mode reports steps that block the loop for too long.
 * `run(main, { debug: true })` (or `TSAIO_DEBUG=1`) is asyncio's `asyncio.run(main(), debug=True)`.
 * Observe: after the CPU-bound task finishes, the loop reports that executing the task took
 * about as long as the counting (anything over 100 ms is reported by default).
 */
import { createTask, run } from '../../src/index.js';
import { isMain } from '../util.js';
import { cpuBoundWork } from './cpu-bound-pitfall.js';

export async function main(countTo: number = 1_000_000_000): Promise<void> {
  const taskOne = createTask(cpuBoundWork(countTo));
  await taskOne;
}

/** The options this example needs from `run()`. */
export const runOptions = { debug: true };

if (isMain(import.meta.url)) await run(() => main(), runOptions);
