/**
 * Chapter 14 — telling coroutines from plain functions: `isCoroutine`, `isCoroutineFunction`.
 * Observe: `runJob` awaits what a coroutine function returns and calls a plain function
 * directly, choosing the logic with `isCoroutineFunction`; `isCoroutine` recognises the lazy
 * coroutine object itself, not the function or a plain value.
 */
import { coroutine, isCoroutine, isCoroutineFunction, run, sleep } from '../../src/index.js';
import { isMain } from '../util.js';

const coroutineAddOne = coroutine(async function coroutineAddOne(n: number): Promise<number> {
  await sleep(1);
  return n + 1;
});

async function asyncAddOne(n: number): Promise<number> {
  return n + 1;
}

function addOne(n: number): number {
  return n + 1;
}

async function runJob(job: (n: number) => unknown, n: number): Promise<unknown> {
  if (isCoroutineFunction(job)) {
    console.log(`${job.name} is a coroutine function: awaiting it`);
    return await job(n);
  }
  console.log(`${job.name} is a plain function: calling it`);
  return job(n);
}

export async function main(): Promise<unknown[]> {
  const coro = coroutineAddOne(1);
  console.log(`isCoroutine(coroutineAddOne(1)): ${isCoroutine(coro)}`);
  console.log(`isCoroutine(coroutineAddOne): ${isCoroutine(coroutineAddOne)}`);
  console.log(`isCoroutine(addOne(1)): ${isCoroutine(addOne(1))}`);
  console.log(`isCoroutineFunction(coroutineAddOne): ${isCoroutineFunction(coroutineAddOne)}`);
  console.log(`isCoroutineFunction(asyncAddOne): ${isCoroutineFunction(asyncAddOne)}`);
  console.log(`isCoroutineFunction(addOne): ${isCoroutineFunction(addOne)}`);
  coro.close(); // never run: closing it says so (debug mode would otherwise report it)
  const results = [await runJob(coroutineAddOne, 1), await runJob(asyncAddOne, 2), await runJob(addOne, 3)];
  console.log(results);
  return results;
}

if (isMain(import.meta.url)) await run(main);
