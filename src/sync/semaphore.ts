/**
 * Semaphore and BoundedSemaphore, as asyncio's.
 * @module
 */
import { ValueError } from '../errors.js';
import { describe } from '../internal/validate.js';
import type { EventLoop } from '../loop/event-loop.js';
import { Guard } from './guard.js';
import { LoopBound } from './loop-bound.js';
import { newWaiters, QueuedWaiter, type Waiters } from './waiters.js';

/** Checks a semaphore's initial value: a non-negative integer. */
function checkValue(value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`Semaphore value must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value)) throw new ValueError(`Semaphore value must be an integer, got ${String(value)}`);
  if (value < 0) throw new ValueError(`Semaphore initial value must be >= 0, got ${value}`);
  return value;
}

const isNotCancelled = (w: QueuedWaiter<true>): boolean => !w.cancelled();
const isPending = (w: QueuedWaiter<true>): boolean => !w.done();

/**
 * A counter of permits for tasks, as asyncio's Semaphore: {@link Semaphore.acquire} takes one
 * (waiting while there are none), {@link Semaphore.release} gives one back.
 *
 * - **FIFO, no barging:** waiters get permits in the order they started waiting, and
 *   `acquire()` never succeeds at once while an un-cancelled task is waiting, even if permits
 *   are free at that moment (they are promised to the woken waiters). {@link Semaphore.locked}
 *   says so too.
 * - **Cancellation-safe:** a permit handed to a task that is cancelled before it runs goes back
 *   and on to the next waiter: no permit is lost or duplicated.
 * - **No owner:** any task may release. `release()` beyond the initial value is allowed here;
 *   use {@link BoundedSemaphore} to catch it.
 *
 * The semaphore binds to the running loop the first time a task has to wait on it.
 *
 * @example
 * const sem = new Semaphore(3); // at most 3 downloads at once
 * async function download(url: string) {
 *   await using _ = await sem.hold();
 *   return fetch(url);
 * }
 */
export class Semaphore extends LoopBound {
  #waiters: Waiters<true, QueuedWaiter<true>> | null = null;
  #value: number;
  /** Bookkeeping when a waiter leaves the queue (see {@link Semaphore.acquire}). */
  readonly #onLeave = (waiter: QueuedWaiter<true>, discarded: boolean): void => {
    // Handed a permit but cancelled before it could be used: give it back.
    if (discarded && !waiter.cancelled()) this.#value++;
    // Waiters that arrived meanwhile had to queue (FIFO): wake as many as there are permits.
    while (this.#value > 0) if (!this.#wakeUpNext()) break;
  };

  /** Starts with `value` permits (default 1). TypeError for a non-number, ValueError if negative or not an integer. */
  constructor(value = 1) {
    super();
    this.#value = checkValue(value);
  }

  /** @internal The number of free permits (asyncio's `_value`); for tests and introspection. */
  get _value(): number {
    return this.#value;
  }

  /**
   * True if `acquire()` would have to wait: no permit is free, or un-cancelled tasks are already
   * waiting (FIFO: they go first).
   */
  locked(): boolean {
    if (this.#value === 0) return true;
    return this.#waiters !== null && this.#waiters.find(isNotCancelled) !== undefined;
  }

  /**
   * Takes a permit, waiting in FIFO order while none is available; resolves to `true`. Returns at
   * once (no loop iteration) when a permit is free and nobody waits.
   *
   * The result is promise-compatible: a resolved promise, or the waiter future itself (no async
   * function, no promise per wait), which does what asyncio's `finally` after `await fut` does as
   * its awaiter resumes. Errors (waiting outside a running loop) come as a rejection.
   */
  acquire(): Promise<true> {
    if (!this.locked()) {
      this.#value--;
      return Promise.resolve(true);
    }
    let loop: EventLoop;
    try {
      loop = this._getLoop();
    } catch (e) {
      return Promise.reject(e);
    }
    // A Future has then/catch/finally: it fits wherever a promise is expected.
    return new QueuedWaiter<true>(loop, (this.#waiters ??= newWaiters()), this.#onLeave);
  }

  /** Gives a permit back and wakes the first waiter, if any. Any task may call it (no owner). */
  release(): void {
    this.#value++;
    this.#wakeUpNext();
  }

  /** Acquires a permit and returns a {@link Guard} that releases it exactly once. */
  async hold(): Promise<Guard> {
    await this.acquire();
    return new Guard(() => this.release());
  }

  /** `<Semaphore [unlocked, value:2]>` or `<Semaphore [locked, waiters:3]>`, as asyncio's repr. */
  override toString(): string {
    let extra = this.locked() ? 'locked' : `unlocked, value:${this.#value}`;
    if (this.#waiters !== null && this.#waiters.length > 0) extra += `, waiters:${this.#waiters.length}`;
    return `<${this.constructor.name} [${extra}]>`;
  }

  /** `'Semaphore'` or `'BoundedSemaphore'`, for `Object.prototype.toString`. */
  get [Symbol.toStringTag](): string {
    return this.constructor.name;
  }

  /** Hands a permit to the first waiter that is not done yet; false if there is none. */
  #wakeUpNext(): boolean {
    const fut = this.#waiters?.find(isPending);
    if (fut === undefined) return false;
    this.#value--;
    fut._wake(true);
    return true;
  }
}

/**
 * A {@link Semaphore} that refuses to be released more times than it was acquired: a
 * `release()` that would raise the count above the initial value is a ValueError
 * ("BoundedSemaphore released too many times"), and changes nothing. Same FIFO and cancellation
 * guarantees as Semaphore.
 *
 * @example
 * const slots = new BoundedSemaphore(2);
 * await slots.acquire();
 * slots.release();
 * slots.release(); // ValueError: a bug caught early
 */
export class BoundedSemaphore extends Semaphore {
  readonly #bound: number;

  /** Starts with `value` permits (default 1), which is also the most it may ever hold. */
  constructor(value = 1) {
    super(value);
    this.#bound = value;
  }

  /** As {@link Semaphore.release}; ValueError if that would exceed the initial value. */
  override release(): void {
    if (this._value >= this.#bound) throw new ValueError('BoundedSemaphore released too many times');
    super.release();
  }
}
