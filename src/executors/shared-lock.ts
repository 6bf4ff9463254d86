/**
 * `SharedLock`: a mutex in a SharedArrayBuffer, usable from every thread that holds a copy.
 *
 * @module
 */
import { RuntimeError } from '../errors.js';
import { checkOptionalSeconds } from '../internal/validate.js';

const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2; // locked, and someone may be waiting: release must notify

/** What {@link SharedLock.hold} resolves to: releases the lock when disposed (sync or async). */
export interface SharedLockGuard extends Disposable, AsyncDisposable {
  /** Releases the lock; a second call does nothing. */
  release(): void;
}

/** The awaitable {@link SharedLock.hold} returns (a tsaio `Future` once tsaio is loaded). */
export interface HoldWaiter<T> extends PromiseLike<T> {
  done(): boolean;
  setResult(value: T): void;
}

let makeWaiter: <T>() => HoldWaiter<T> = plainWaiter;

/**
 * @internal Installs the factory of the awaitables that `hold()` returns. tsaio/executors installs
 * one that makes tsaio Futures, so that cancelling the waiting task stops the wait; worker code
 * that has no loop gets plain promises.
 */
export function setHoldWaiterFactory(factory: <T>() => HoldWaiter<T>): void {
  makeWaiter = factory;
}

function plainWaiter<T>(): HoldWaiter<T> {
  let resolve!: (v: T) => void;
  let done = false;
  const promise = new Promise<T>((r) => (resolve = r));
  return {
    done: () => done,
    setResult(v: T) {
      done = true;
      resolve(v);
    },
    then: (a, b) => promise.then(a, b),
  };
}

const TOKEN = Symbol('SharedLock.fromBuffer');

/**
 * A lock shared by threads: a futex-style mutex on one `Int32Array` cell of a
 * SharedArrayBuffer. Pass it (or a `SharedValue`/`SharedArray` that owns one) to
 * ThreadPoolExecutor jobs or `initArgs`: every copy locks the same memory.
 *
 * - `acquire()` blocks the calling thread with `Atomics.wait`: use it inside worker jobs;
 *   on the event loop's thread use `hold()`, which waits with `Atomics.waitAsync` and never
 *   blocks the loop.
 * - It is not owned and not reentrant (as `multiprocessing.Lock`): any holder may release it;
 *   acquiring it twice from one thread deadlocks.
 * - It is not FIFO-fair: when it is released, whichever waiter wakes first gets it.
 * - A process pool refuses it: child processes cannot share memory.
 *
 * @example
 * const lock = new SharedLock();
 * await pool.submit((l: SharedLock) => { l.acquire(); try { work(); } finally { l.release(); } }, lock);
 * await using _ = await lock.hold();
 */
export class SharedLock {
  readonly #cell: Int32Array;

  constructor(buffer?: SharedArrayBuffer, token?: symbol) {
    if (buffer !== undefined && token !== TOKEN) {
      throw new TypeError('new SharedLock() takes no arguments');
    }
    this.#cell = new Int32Array(buffer ?? new SharedArrayBuffer(4), 0, 1);
  }

  /** @internal Revives a lock received from another thread. */
  static fromBuffer(buffer: SharedArrayBuffer): SharedLock {
    return new SharedLock(buffer, TOKEN);
  }

  /** The shared memory that holds the lock's state. */
  get buffer(): SharedArrayBuffer {
    return this.#cell.buffer as SharedArrayBuffer;
  }

  /**
   * Acquires the lock, blocking this thread until it is free (Python's `acquire(block, timeout)`).
   * With `blocking = false` it only tries; with a `timeout` in seconds it gives up after it.
   * Returns whether the lock was acquired.
   */
  acquire(blocking = true, timeout: number | null = null): boolean {
    const limit = checkOptionalSeconds('timeout', timeout);
    if (this.tryAcquire()) return true;
    if (!blocking) return false;
    const deadline = limit === null ? Infinity : performance.now() + Math.max(0, limit) * 1000;
    const cell = this.#cell;
    for (;;) {
      // Mark the lock contended before sleeping, so that its holder's release() wakes us.
      if (Atomics.exchange(cell, 0, CONTENDED) === UNLOCKED) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(cell, 0, CONTENDED, left === Infinity ? undefined : left);
    }
  }

  /** Acquires the lock if it is free, without waiting. */
  tryAcquire(): boolean {
    return Atomics.compareExchange(this.#cell, 0, UNLOCKED, LOCKED) === UNLOCKED;
  }

  /** Releases the lock. Releasing an unlocked lock is a RuntimeError. */
  release(): void {
    const prev = Atomics.exchange(this.#cell, 0, UNLOCKED);
    if (prev === UNLOCKED) throw new RuntimeError('SharedLock.release() called on an unlocked lock');
    if (prev === CONTENDED) Atomics.notify(this.#cell, 0, 1);
  }

  /** True when some thread holds the lock. */
  locked(): boolean {
    return Atomics.load(this.#cell, 0) !== UNLOCKED;
  }

  /**
   * Acquires the lock (blocking, as `acquire()`) and returns a guard for `using`:
   * `using _ = lock.guard();`.
   */
  guard(): SharedLockGuard {
    this.acquire();
    return this.#guard();
  }

  /**
   * Waits for the lock without blocking the thread (`Atomics.waitAsync`) and resolves to a
   * guard that releases it: `await using _ = await lock.hold()`. Under tsaio the awaitable is
   * a Future: cancelling the task that waits stops the wait, and the lock is not taken.
   */
  hold(): PromiseLike<SharedLockGuard> {
    const waiter = makeWaiter<SharedLockGuard>();
    const cell = this.#cell;
    const attempt = (): void => {
      if (waiter.done()) {
        // Cancelled while we slept: pass on the wake-up we may have consumed.
        Atomics.notify(cell, 0, 1);
        return;
      }
      if (Atomics.exchange(cell, 0, CONTENDED) === UNLOCKED) {
        waiter.setResult(this.#guard());
        return;
      }
      const res = Atomics.waitAsync(cell, 0, CONTENDED);
      if (res.async) void res.value.then(attempt);
      else setImmediate(attempt);
    };
    if (this.tryAcquire()) waiter.setResult(this.#guard());
    else attempt();
    return waiter;
  }

  #guard(): SharedLockGuard {
    let held = true;
    const release = (): void => {
      if (held) {
        held = false;
        this.release();
      }
    };
    return {
      release,
      [Symbol.dispose]: release,
      [Symbol.asyncDispose]: async () => release(),
    };
  }
}
