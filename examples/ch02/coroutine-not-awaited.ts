/**
 * Chapter 2 — `sleep` is a coroutine: calling `helloWorldMessage()` without `await` only makes
 * a coroutine object. Observe: `<coroutine helloWorldMessage()>` is printed at once and the
 * message never is. (Like Python's RuntimeWarning, tsaio warns "coroutine 'helloWorldMessage'
 * was never awaited" when such a coroutine is garbage-collected.)
 */
import { coroutine, run, sleep } from '../../src/index.js';
import { isMain } from '../util.js';

const helloWorldMessage = coroutine(async function helloWorldMessage(): Promise<string> {
  await sleep(1);
  return 'Hello World!';
});

export async function main(): Promise<void> {
  const message = helloWorldMessage();
  console.log(`${message}`);
}

if (isMain(import.meta.url)) await run(main);
