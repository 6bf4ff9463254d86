/**
 * LifoQueue: a last-in, first-out queue, as asyncio's LifoQueue.
 * @module
 */
import { DequeStore, Queue, type ItemStore } from './queue.js';

/**
 * A {@link Queue} that gives back the most recently added item first (a stack), as asyncio's
 * LifoQueue. Everything else (maxsize, FIFO order of blocked callers, cancellation safety,
 * join/taskDone, shutdown, async iteration) is as in Queue. O(1) `put`/`get`.
 *
 * @example
 * const stack = new LifoQueue<number>();
 * stack.putNowait(1);
 * stack.putNowait(2);
 * await stack.get(); // 2
 */
export class LifoQueue<T> extends Queue<T> {
  /** @internal */
  protected override _createStore(): ItemStore<T> {
    return new DequeStore<T>(true);
  }
}
