/**
 * Chapter 2 — a Future holds a value that will exist later.
 * Observe: false, then true once `setResult(42)` was called, and the result 42.
 * (A tsaio Future belongs to a loop, so this runs inside `run()`; outside one, create it with
 * `newEventLoop().createFuture()`.)
 */
import { Future, run } from '../../src/index.js';
import { isMain } from '../util.js';

export async function main(): Promise<void> {
  const myFuture = new Future<number>();
  console.log(`Is my_future done? ${myFuture.done()}`);
  myFuture.setResult(42);
  console.log(`Is my_future done? ${myFuture.done()}`);
  console.log(`What is the result of my_future? ${myFuture.result()}`);
}

if (isMain(import.meta.url)) await run(main);
