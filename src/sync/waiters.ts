/**
 * Waiter queues shared by the primitives and queues: a FIFO of futures on a ring buffer.
 * @module
 */
import { Future } from '../futures.js';
import type { EventLoop } from '../loop/event-loop.js';
import { Deque } from '../internal/deque.js';

/** @internal A FIFO of waiter futures. */
export type Waiters<T, F extends Future<T> = Future<T>> = Deque<F>;

/** @internal A new, empty waiter FIFO. */
export function newWaiters<T, F extends Future<T> = Future<T>>(): Waiters<T, F> {
  return new Deque<F>(4);
}

/**
 * @internal Removes `fut` from `waiters`; true if it was there. Waiters mostly leave from the
 * head (they are woken in order), which is O(1); a cancelled one in the middle costs O(n).
 */
export function removeWaiter<T, F extends Future<T>>(waiters: Waiters<T, F>, fut: F): boolean {
  if (waiters.peekFirst() === fut) {
    waiters.shift();
    return true;
  }
  return waiters.remove(fut);
}

/**
 * @internal A waiter future that a primitive returns to its caller as is, instead of awaiting it
 * in an async function: that saves the function's promise and suspended frame per wait.
 *
 * It leaves its queue when asyncio's waiter would, in the `finally` after `await fut`: as its
 * awaiter resumes (see `Future._resumed`), then `onLeave` does the primitive's bookkeeping. A
 * waiter nobody awaits (`then`) leaves at once when it completes or is cancelled.
 */
export class QueuedWaiter<T> extends Future<T> {
  /** The queue while the waiter is in it; null once it left. */
  #queue: Waiters<T, QueuedWaiter<T>> | null;
  /** Someone awaits it: it leaves when that awaiter resumes. */
  #awaited = false;
  readonly #onLeave: ((waiter: QueuedWaiter<T>, discarded: boolean) => void) | null;

  constructor(loop: EventLoop, queue: Waiters<T, QueuedWaiter<T>>, onLeave: ((waiter: QueuedWaiter<T>, discarded: boolean) => void) | null) {
    super(loop);
    this.#queue = queue;
    this.#onLeave = onLeave;
    queue.push(this);
  }

  /** @internal True if the waiter stays queued until its awaiter resumes. */
  get _awaitedInQueue(): boolean {
    return this.#awaited;
  }

  override cancel(msg?: unknown): boolean {
    if (!super.cancel(msg)) return false;
    if (!this.#awaited) this.#leave(false);
    return true;
  }

  /** @internal Completes the waiter; one nobody awaits leaves its queue now. */
  _wake(value: T): void {
    this.setResult(value);
    if (!this.#awaited) this.#leave(false);
  }

  protected override _awaited(): void {
    this.#awaited = true;
  }

  // Named as the plain future the primitives used to create, in reprs and task listings.
  override toString(): string {
    return `<Future ${this._describeState()}>`;
  }

  override _waitLabel(): string {
    return this._label ?? 'Future';
  }

  override _resumed(discarded: boolean): void {
    this.#leave(discarded);
  }

  #leave(discarded: boolean): void {
    const queue = this.#queue;
    if (queue === null) return;
    this.#queue = null;
    removeWaiter(queue, this);
    this.#onLeave?.(this, discarded);
  }
}
