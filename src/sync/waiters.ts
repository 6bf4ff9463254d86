/**
 * Waiter queues shared by the primitives and queues: a FIFO of futures on a ring buffer.
 * @module
 */
import type { Future } from '../futures.js';
import { Deque } from '../internal/deque.js';

/** @internal A FIFO of waiter futures. */
export type Waiters<T> = Deque<Future<T>>;

/** @internal A new, empty waiter FIFO. */
export function newWaiters<T>(): Waiters<T> {
  return new Deque<Future<T>>(4);
}

/**
 * @internal Removes `fut` from `waiters`; true if it was there. Waiters mostly leave from the
 * head (they are woken in order), which is O(1); a cancelled one in the middle costs O(n).
 */
export function removeWaiter<T>(waiters: Waiters<T>, fut: Future<T>): boolean {
  if (waiters.peekFirst() === fut) {
    waiters.shift();
    return true;
  }
  return waiters.remove(fut);
}
