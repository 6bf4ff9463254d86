/**
 * Chapter 2 — a first coroutine.
 * Calling a `coroutine()` function does not run it: it gives a coroutine object (printed as
 * `<coroutine coroutineAddOne()>`); `run()` runs one and gives its result, 2.
 */
import { coroutine, run } from '../../src/index.js';
import { isMain } from '../util.js';

const coroutineAddOne = coroutine(async function coroutineAddOne(n: number): Promise<number> {
  return n + 1;
});

/** Runs its own loop with `run()`, as the book's module-level `asyncio.run(...)`. */
export const ownsLoop = true;

export async function main(): Promise<number> {
  const result = await run(coroutineAddOne(1));
  console.log(`${coroutineAddOne(1)}`);
  console.log(result);
  return result;
}

if (isMain(import.meta.url)) await main();
