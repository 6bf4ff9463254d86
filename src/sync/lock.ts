/**
 * Lock: a mutual-exclusion lock for tasks, as asyncio's Lock.
 * @module
 */
import { RuntimeError } from '../errors.js';
import type { EventLoop } from '../loop/event-loop.js';
import { Guard } from './guard.js';
import { LoopBound } from './loop-bound.js';
import { newWaiters, QueuedWaiter, type Waiters } from './waiters.js';

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
  #waiters: Waiters<true, QueuedWaiter<true>> | null = null;
  #locked = false;
  /** Bookkeeping when a waiter leaves the queue (see {@link Lock.acquire}). */
  readonly #onLeave = (waiter: QueuedWaiter<true>, discarded: boolean): void => {
    if (!discarded && !waiter.cancelled()) this.#locked = true;
    // Cancelled: the lock may have been handed to us just before; pass it on.
    else if (!this.#locked) this.#wakeUpFirst();
  };

  /** True if the lock is held. */
  locked(): boolean {
    return this.#locked;
  }

  /**
   * Waits until the lock is free and takes it; resolves to `true`. Returns at once (no loop
   * iteration) when the lock is free and nobody waits. FIFO among waiters; cancelling the waiting
   * task leaves the lock as it was and passes any wake-up on to the next waiter.
   *
   * The result is promise-compatible: a resolved promise, or the waiter future itself (no async
   * function, no promise per wait), which does what asyncio's code after `await fut` does as its
   * awaiter resumes. Errors (waiting outside a running loop) come as a rejection.
   */
  acquire(): Promise<true> {
    const waiters = this.#waiters;
    if (!this.#locked && (waiters === null || allCancelled(waiters))) {
      this.#locked = true;
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
    if (first !== undefined && !first.done()) first._wake(true);
  }
}

function allCancelled(waiters: Waiters<true, QueuedWaiter<true>>): boolean {
  return waiters.find(isNotCancelled) === undefined;
}

const isNotCancelled = (w: QueuedWaiter<true>): boolean => !w.cancelled();
