/**
 * Chapter 2 — `await` runs a coroutine and pauses the caller until it returns.
 * Observe: 2 then 3; for now this is no different from sequential code.
 */
import { coroutine, run } from '../../src/index.js';
import { isMain } from '../util.js';

const addOne = coroutine(async function addOne(n: number): Promise<number> {
  return n + 1;
});

export async function main(): Promise<void> {
  const onePlusOne = await addOne(1);
  const twoPlusOne = await addOne(2);
  console.log(onePlusOne);
  console.log(twoPlusOne);
}

if (isMain(import.meta.url)) await run(main);
