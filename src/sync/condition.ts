/**
 * Condition: a condition variable for tasks, as asyncio's Condition.
 * @module
 */
import { CancelledError, RuntimeError } from '../errors.js';
import { describe } from '../internal/validate.js';
import { Guard } from './guard.js';
import { Lock } from './lock.js';
import { LoopBound } from './loop-bound.js';
import { newWaiters, removeWaiter, type Waiters } from './waiters.js';

/** What a {@link Condition} needs from the lock it is built on (a {@link Lock} has it). */
export interface LockLike {
  /** Takes the lock, waiting if needed. */
  acquire(): PromiseLike<unknown>;
  /** Frees the lock. */
  release(): void;
  /** True while the lock is held. */
  locked(): boolean;
}

/**
 * A condition variable for tasks, as asyncio's Condition: tasks holding the lock wait until
 * another task notifies them.
 *
 * - {@link Condition.wait} releases the lock, waits for a notification, and re-acquires the lock
 *   before it returns, **always**, even when the wait is cancelled or times out: the caller holds
 *   the lock again whatever happens.
 * - {@link Condition.notify} wakes up to `n` waiters in FIFO order; each returns only once it holds
 *   the lock again. Notifying wakes nobody who starts waiting later.
 * - Cancellation-safe: a waiter cancelled after it was notified passes the notification on to the
 *   next waiter, so no wake-up is lost (which may give that one a spurious wake-up: re-check your
 *   predicate, or use {@link Condition.waitFor}).
 * - No owner: `notify()` and `release()` only check that the lock is held, not by whom.
 *
 * The lock is a new {@link Lock} unless one is given; several conditions may share one lock.
 *
 * @example
 * const cond = new Condition();
 * const items: number[] = [];
 * // consumer
 * {
 *   await using _ = await cond.hold();
 *   await cond.waitFor(() => items.length > 0);
 *   console.log(items.shift());
 * }
 * // producer
 * {
 *   await using _ = await cond.hold();
 *   items.push(1);
 *   cond.notify();
 * }
 */
export class Condition extends LoopBound {
  readonly #lock: LockLike;
  readonly #waiters: Waiters<boolean> = newWaiters();

  /** Builds the condition on `lock` (default: a new {@link Lock}). TypeError if it is not lock-like. */
  constructor(lock?: LockLike | null) {
    super();
    if (lock === undefined || lock === null) lock = new Lock();
    else if (
      typeof lock !== 'object' ||
      typeof lock.acquire !== 'function' ||
      typeof lock.release !== 'function' ||
      typeof lock.locked !== 'function'
    ) {
      throw new TypeError(`Condition needs a lock with acquire(), release() and locked(), got ${describe(lock)}`);
    }
    this.#lock = lock;
  }

  /** True if the underlying lock is held. */
  locked(): boolean {
    return this.#lock.locked();
  }

  /** Acquires the underlying lock (see {@link Lock.acquire}); resolves to `true`. */
  async acquire(): Promise<true> {
    await this.#lock.acquire();
    return true;
  }

  /** Releases the underlying lock (see {@link Lock.release}). */
  release(): void {
    this.#lock.release();
  }

  /** Acquires the underlying lock and returns a {@link Guard} that releases it exactly once. */
  async hold(): Promise<Guard> {
    await this.#lock.acquire();
    return new Guard(() => this.#lock.release());
  }

  /**
   * Releases the lock, waits until notified, re-acquires the lock and resolves to `true`.
   * RuntimeError if the lock is not held. If the wait is cancelled, the lock is still re-acquired
   * before the CancelledError (the same instance) propagates. May wake spuriously: re-check the
   * state after it returns.
   */
  async wait(): Promise<true> {
    if (!this.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    const fut = this._getLoop().createFuture<boolean>();
    this.release();
    try {
      try {
        this.#waiters.push(fut);
        try {
          await fut;
          return true;
        } finally {
          removeWaiter(this.#waiters, fut);
        }
      } finally {
        // Re-acquire even if the wait was cancelled. Only a CancelledError is retried, and the
        // last one is raised again once the lock is held.
        let cancelled: CancelledError | null = null;
        for (;;) {
          try {
            await this.acquire();
            break;
          } catch (e) {
            if (!(e instanceof CancelledError)) throw e;
            cancelled = e;
          }
        }
        if (cancelled !== null) throw cancelled;
      }
    } catch (e) {
      // We may have been notified before the error: pass the notification on.
      this.#notify(1);
      throw e;
    }
  }

  /**
   * Waits until `predicate()` is truthy and resolves to its value. The predicate is checked first
   * (with no lock needed if it is already truthy), then again after every wake-up, with the lock
   * held. RuntimeError if it has to wait without holding the lock.
   */
  async waitFor<R>(predicate: () => R): Promise<R> {
    if (typeof predicate !== 'function') {
      throw new TypeError(`predicate must be a function, got ${describe(predicate)}`);
    }
    let result = predicate();
    while (!result) {
      await this.wait();
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiting tasks (default 1), oldest first; more than are waiting is fine.
   * RuntimeError if the lock is not held. Woken tasks return from `wait()` once they get the lock,
   * so release it after notifying.
   */
  notify(n = 1): void {
    if (typeof n !== 'number' || Number.isNaN(n)) {
      throw new TypeError(`n must be a number, got ${describe(n)}`);
    }
    if (!this.locked()) throw new RuntimeError('cannot notify on un-acquired lock');
    this.#notify(n);
  }

  /** Wakes every waiting task. RuntimeError if the lock is not held. */
  notifyAll(): void {
    this.notify(this.#waiters.length);
  }

  /** `<Condition [locked, waiters:1]>`, as asyncio's repr. */
  override toString(): string {
    let extra = this.locked() ? 'locked' : 'unlocked';
    if (this.#waiters.length > 0) extra += `, waiters:${this.#waiters.length}`;
    return `<Condition [${extra}]>`;
  }

  /** `'Condition'`, for `Object.prototype.toString`. */
  get [Symbol.toStringTag](): string {
    return 'Condition';
  }

  #notify(n: number): void {
    let woken = 0;
    for (const fut of this.#waiters) {
      if (woken >= n) break;
      if (!fut.done()) {
        woken++;
        fut.setResult(false);
      }
    }
  }
}
