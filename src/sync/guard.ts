/**
 * The guard that `hold()` returns, for `await using _ = await lock.hold()`.
 * @module
 */

/**
 * Holds an acquired Lock, Semaphore, BoundedSemaphore or Condition, and releases it exactly once:
 * when it is disposed (`using` / `await using`), or when {@link Guard.release} is called,
 * whichever comes first. Later calls do nothing, so a guard can never release twice.
 *
 * @example
 * const lock = new Lock();
 * {
 *   await using _ = await lock.hold();
 *   // … the lock is held here …
 * } // released here, even if the block threw
 */
export class Guard implements Disposable, AsyncDisposable {
  #release: (() => void) | null;

  /** @internal Made by `hold()`; `release` is called at most once. */
  constructor(release: () => void) {
    this.#release = release;
  }

  /** True once the guard has released what it held. */
  get released(): boolean {
    return this.#release === null;
  }

  /** Releases what the guard holds, if it has not done so yet. */
  release(): void {
    const release = this.#release;
    if (release === null) return;
    this.#release = null;
    release();
  }

  /** `using` support: {@link Guard.release}. */
  [Symbol.dispose](): void {
    this.release();
  }

  /** `await using` support: {@link Guard.release}; resolves at once (no loop iteration). */
  [Symbol.asyncDispose](): Promise<void> {
    try {
      this.release();
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** `'Guard'`, for `Object.prototype.toString`. */
  get [Symbol.toStringTag](): string {
    return 'Guard';
  }
}
