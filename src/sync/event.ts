/**
 * Event: a flag that tasks can wait for, as asyncio's Event.
 * @module
 */
import { LoopBound } from './loop-bound.js';
import { newWaiters, removeWaiter, type Waiters } from './waiters.js';

/**
 * A flag that tasks can wait for, as asyncio's Event. It starts unset.
 *
 * - {@link Event.set} wakes every task waiting at that moment, in the order they started
 *   waiting; a waiter woken by `set()` still returns even if `clear()` runs before it resumes.
 *   Setting an event that is already set does nothing (no duplicate wake-ups).
 * - {@link Event.wait} on a set event returns at once, without a loop iteration.
 * - Cancellation-safe: a cancelled waiter leaves the event with no trace.
 *
 * @example
 * const ready = new Event();
 * createTask(async () => { await ready.wait(); console.log('go'); });
 * ready.set();
 */
export class Event extends LoopBound {
  #waiters: Waiters<true> = newWaiters();
  #value = false;

  /** True if the flag is set. */
  isSet(): boolean {
    return this.#value;
  }

  /** Sets the flag and wakes every waiting task (FIFO). Tasks that wait later do not block. */
  set(): void {
    if (this.#value) return;
    this.#value = true;
    for (const fut of this.#waiters) if (!fut.done()) fut.setResult(true);
  }

  /** Resets the flag: later {@link Event.wait} calls block until the next {@link Event.set}. */
  clear(): void {
    this.#value = false;
  }

  /** Waits until the flag is set; resolves to `true`. */
  async wait(): Promise<true> {
    if (this.#value) return true;
    const fut = this._getLoop().createFuture<true>();
    this.#waiters.push(fut);
    try {
      await fut;
      return true;
    } finally {
      removeWaiter(this.#waiters, fut);
    }
  }

  /** `<Event [set, waiters:1]>`, as asyncio's repr. */
  override toString(): string {
    let extra = this.#value ? 'set' : 'unset';
    if (this.#waiters.length > 0) extra += `, waiters:${this.#waiters.length}`;
    return `<Event [${extra}]>`;
  }

  /** `'Event'`, for `Object.prototype.toString`. */
  get [Symbol.toStringTag](): string {
    return 'Event';
  }
}
