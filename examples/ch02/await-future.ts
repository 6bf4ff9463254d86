/**
 * Chapter 2 — awaiting a Future that a task completes one second later.
 * Observe: "Is the future done? false", then after 1 s "true" and 42.
 */
import { Future, coroutine, createTask, run, sleep } from '../../src/index.js';
import { isMain } from '../util.js';

function makeRequest(): Future<number> {
  const future = new Future<number>();
  createTask(setFutureValue(future));
  return future;
}

const setFutureValue = coroutine(async function setFutureValue(future: Future<number>): Promise<void> {
  await sleep(1);
  future.setResult(42);
});

export async function main(): Promise<void> {
  const future = makeRequest();
  console.log(`Is the future done? ${future.done()}`);
  const value = await future;
  console.log(`Is the future done? ${future.done()}`);
  console.log(value);
}

if (isMain(import.meta.url)) await run(main);
