/**
 * Lock: a mutual-exclusion lock for tasks, as asyncio's Lock.
 * @module
 */
import { CancelledError, RuntimeError } from '../errors.js';
import { Guard } from './guard.js';
import { LoopBound } from './loop-bound.js';
import { newWaiters, removeWaiter, type Waiters } from './waiters.js';

/**
 * A mutual-exclusion lock for tasks, as asyncio's Lock: either locked or unlocked, and owned by
 * nobody.
 *
 * - **FIFO, no barging:** when several tasks wait in {@link Lock.acquire}, each
 *   {@link Lock.release} lets exactly one through, in the order they started waiting. A task that
 *   calls `acquire()` while earlier waiters have not been cancelled queues behind them, even if
 *   the lock looks free at that moment (a woken waiter has not run yet).
 * - **Cancellation-safe:** cancelling a waiting task removes it from the queue; if it had already
 *   been handed the lock, the lock goes to the next waiter. No wake-up is lost.
 * - **No owner:** any task (or plain callback) may release it. Releasing an unlocked lock is a
 *   RuntimeError.
 * - Not reentrant: a task that acquires twice waits for itself.
 *
 * Awaiting the lock object itself (`await lock`) gives back the object and does not acquire it:
 * use {@link Lock.acquire} or {@link Lock.hold}. The lock binds to the running loop the first time
 * a task has to wait on it; using it from another loop afterwards is a RuntimeError.
 *
 * @example
 * const lock = new Lock();
 * async function critical() {
 *   await using _ = await lock.hold();
 *   // one task at a time here
 * }
 * // or, by hand:
 * await lock.acquire();
 * try { … } finally { lock.release(); }
 */
export class Lock extends LoopBound {
  #waiters: Waiters<true> | null = null;
  #locked = false;

  /** True if the lock is held. */
  locked(): boolean {
    return this.#locked;
  }

  /**
   * Waits until the lock is free and takes it; resolves to `true`. Returns at once (no loop
   * iteration) when the lock is free and nobody waits. FIFO among waiters; cancelling the waiting
   * task leaves the lock as it was and passes any wake-up on to the next waiter.
   */
  async acquire(): Promise<true> {
    const waiters = this.#waiters;
    if (!this.#locked && (waiters === null || allCancelled(waiters))) {
      this.#locked = true;
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
      // The lock may have been handed to us just before the cancellation arrived: pass it on.
      if (e instanceof CancelledError && !this.#locked) this.#wakeUpFirst();
      throw e;
    }
    this.#locked = true;
    return true;
  }

  /**
   * Frees the lock and wakes the first waiter, if any. Any task may call it (no owner).
   * RuntimeError ("Lock is not acquired.") if the lock is not held.
   */
  release(): void {
    if (!this.#locked) throw new RuntimeError('Lock is not acquired.');
    this.#locked = false;
    this.#wakeUpFirst();
  }

  /**
   * Acquires the lock and returns a {@link Guard} that releases it exactly once, for
   * `await using _ = await lock.hold()`. Cancellation while waiting leaves nothing held.
   */
  async hold(): Promise<Guard> {
    await this.acquire();
    return new Guard(() => this.release());
  }

  /** `<Lock [locked, waiters:2]>`, as asyncio's repr. */
  override toString(): string {
    let extra = this.#locked ? 'locked' : 'unlocked';
    if (this.#waiters !== null && this.#waiters.length > 0) extra += `, waiters:${this.#waiters.length}`;
    return `<Lock [${extra}]>`;
  }

  /** `'Lock'`, for `Object.prototype.toString`. */
  get [Symbol.toStringTag](): string {
    return 'Lock';
  }

  #wakeUpFirst(): void {
    const first = this.#waiters?.peekFirst();
    // A done head waiter is already set to wake up (or is cancelled and about to leave).
    if (first !== undefined && !first.done()) first.setResult(true);
  }
}

function allCancelled(waiters: Waiters<true>): boolean {
  for (const w of waiters) if (!w.cancelled()) return false;
  return true;
}
