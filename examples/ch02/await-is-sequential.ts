/**
 * Chapter 2 — two coroutines awaited one after the other.
 * Observe: nothing is printed for one second, then 2 and "Hello World!": `await` pauses `main`
 * until `helloWorld` is done, so this code behaves sequentially.
 */
import { coroutine, run } from '../../src/index.js';
import { delay, isMain } from '../util.js';

const addOne = coroutine(async function addOne(n: number): Promise<number> {
  return n + 1;
});

const helloWorld = coroutine(async function helloWorld(): Promise<string> {
  await delay(1);
  return 'Hello World!';
});

export async function main(): Promise<void> {
  const message = await helloWorld();
  const onePlusOne = await addOne(1);
  console.log(onePlusOne);
  console.log(message);
}

if (isMain(import.meta.url)) await run(main);
