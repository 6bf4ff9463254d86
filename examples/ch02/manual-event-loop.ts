/**
 * Chapter 2 — creating and closing an event loop by hand instead of `run()`.
 * Observe: `runUntilComplete` runs main (one second) and `close()` always runs afterwards.
 */
import { coroutine, newEventLoop, sleep, type EventLoop } from '../../src/index.js';
import { isMain } from '../util.js';

const amain = coroutine(async function main(): Promise<void> {
  await sleep(1);
  console.log('main finished after one second');
});

/** Manages its own loop instead of being run by `run()`. */
export const ownsLoop = true;

export async function main(loop: EventLoop = newEventLoop()): Promise<void> {
  try {
    await loop.runUntilComplete(amain());
  } finally {
    loop.close();
    console.log(`loop closed: ${loop.isClosed()}`);
  }
}

if (isMain(import.meta.url)) await main();
