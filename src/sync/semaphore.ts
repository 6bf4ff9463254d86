/**
 * Semaphore and BoundedSemaphore, as asyncio's.
 * @module
 */
import { CancelledError, ValueError } from '../errors.js';
import { describe } from '../internal/validate.js';
import { Guard } from './guard.js';
import { LoopBound } from './loop-bound.js';
import { newWaiters, removeWaiter, type Waiters } from './waiters.js';

/** Checks a semaphore's initial value: a non-negative integer. */
function checkValue(value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`Semaphore value must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value)) throw new ValueError(`Semaphore value must be an integer, got ${String(value)}`);
  if (value < 0) throw new ValueError(`Semaphore initial value must be >= 0, got ${value}`);
  return value;
}

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
  #waiters: Waiters<true> | null = null;
  #value: number;

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
    const waiters = this.#waiters;
    if (waiters !== null) for (const w of waiters) if (!w.cancelled()) return true;
    return false;
  }

  /**
   * Takes a permit, waiting in FIFO order while none is available; resolves to `true`. Returns at
   * once (no loop iteration) when a permit is free and nobody waits.
   */
  async acquire(): Promise<true> {
    if (!this.locked()) {
      this.#value--;
      return true;
    }
    const fut = this._getLoop().createFuture<true>();
    (this.#waiters ??= newWaiters()).push(fut);
    try {
      try {
        await fut;
      } finally {
        removeWaiter(this.#waiters, fut);
      }
    } catch (e) {
      // Handed a permit but cancelled before we could use it: give it back.
      if (e instanceof CancelledError && fut.done() && !fut.cancelled()) this.#value++;
      throw e;
    } finally {
      // Waiters that arrived meanwhile had to queue (FIFO): wake as many as there are permits.
      while (this.#value > 0) if (!this.#wakeUpNext()) break;
    }
    return true;
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
    const waiters = this.#waiters;
    if (waiters === null) return false;
    for (const fut of waiters) {
      if (!fut.done()) {
        this.#value--;
        fut.setResult(true);
        return true;
      }
    }
    return false;
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
