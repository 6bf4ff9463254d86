/**
 * Event: a flag that tasks can wait for, as asyncio's Event.
 * @module
 */
import type { EventLoop } from '../loop/event-loop.js';
import { LoopBound } from './loop-bound.js';
import { newWaiters, QueuedWaiter, type Waiters } from './waiters.js';

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
  #waiters: Waiters<true, QueuedWaiter<true>> = newWaiters();
  #value = false;

  /** True if the flag is set. */
  isSet(): boolean {
    return this.#value;
  }

  /** Sets the flag and wakes every waiting task (FIFO). Tasks that wait later do not block. */
  set(): void {
    if (this.#value) return;
    this.#value = true;
    // Over a copy: a woken waiter that nobody awaits leaves the queue at once.
    for (const fut of [...this.#waiters]) if (!fut.done()) fut._wake(true);
  }

  /** Resets the flag: later {@link Event.wait} calls block until the next {@link Event.set}. */
  clear(): void {
    this.#value = false;
  }

  /**
   * Waits until the flag is set; resolves to `true`. The result is promise-compatible: a resolved
   * promise when the flag is set, else the waiter future itself (no async function, no promise per
   * wait). Errors, such as waiting outside a running loop, come as a rejection, never as a throw.
   */
  wait(): Promise<true> {
    if (this.#value) return Promise.resolve(true);
    let loop: EventLoop;
    try {
      loop = this._getLoop();
    } catch (e) {
      return Promise.reject(e);
    }
    // A Future has then/catch/finally: it fits wherever a promise is expected.
    return new QueuedWaiter<true>(loop, this.#waiters, null);
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
