/**
 * Chapter 2 — changing what debug mode calls slow: `loop.slowCallbackDuration = 0.25`.
 * Observe: a step that blocks for 0.15 s is no longer reported; one that blocks for 0.3 s is.
 */
import { createTask, getRunningLoop, run } from '../../src/index.js';
import { isMain } from '../util.js';

function blockFor(seconds: number): void {
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    // busy: this blocks the event loop, as CPU-bound code does
  }
}

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  loop.slowCallbackDuration = 0.25;
  console.log(`slowCallbackDuration = ${loop.slowCallbackDuration}`);
  await createTask(async function blocksFor150ms() { blockFor(0.15); }, { name: 'blocks-150ms' });
  await createTask(async function blocksFor300ms() { blockFor(0.3); }, { name: 'blocks-300ms' });
}

export const runOptions = { debug: true };

if (isMain(import.meta.url)) await run(main, runOptions);
