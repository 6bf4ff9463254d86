/**
 * Chapter 2 — getting the running loop and scheduling a plain callback with `callSoon`.
 * Observe: the callback runs at the next loop iteration, i.e. as soon as main awaits: after
 * "sleeping for 1 second(s)" and long before the second is over.
 */
import { getRunningLoop, run } from '../../src/index.js';
import { delay, isMain } from '../util.js';

function callLater(): void {
  console.log("I'm being called in the future!");
}

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  loop.callSoon(callLater);
  await delay(1);
}

if (isMain(import.meta.url)) await run(main);
