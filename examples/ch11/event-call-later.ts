/**
 * Chapter 11 — an Event set by a callback that `callLater` runs after 5 s.
 * Observe: both workers wait; at 5 s the event is set and both start working at once, and
 * finish at 6 s.
 */
import { Event, coroutine, gather, getRunningLoop, run, sleep } from '../../src/index.js';
import { isMain } from '../util.js';

function triggerEvent(event: Event): void {
  event.set();
}

const doWorkOnEvent = coroutine(async function doWorkOnEvent(event: Event): Promise<void> {
  console.log('等待 event...'); // waiting for the event
  await event.wait();
  console.log('开始工作!'); // starting work
  await sleep(1);
  console.log('完成工作!'); // work done
  event.clear();
});

export async function main(): Promise<void> {
  const event = new Event();
  getRunningLoop().callLater(5.0, triggerEvent, event);
  await gather(doWorkOnEvent(event), doWorkOnEvent(event));
}

if (isMain(import.meta.url)) await run(main);
