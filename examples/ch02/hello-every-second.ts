/**
 * Chapter 2 — running other code while tasks wait.
 * Observe: while the two `delay(3)` tasks sleep, `helloEverySecond` prints twice (at 1 s and
 * 2 s); both delays finish at 3 s.
 */
import { coroutine, createTask, run, sleep } from '../../src/index.js';
import { delay, isMain } from '../util.js';

const helloEverySecond = coroutine(async function helloEverySecond(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await sleep(1);
    console.log("I'm running other code while I'm waiting!");
  }
});

export async function main(): Promise<void> {
  const firstDelay = createTask(delay(3));
  const secondDelay = createTask(delay(3));
  await helloEverySecond();
  await firstDelay;
  await secondDelay;
}

if (isMain(import.meta.url)) await run(main);
