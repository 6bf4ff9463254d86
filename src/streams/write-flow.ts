/**
 * Write-side flow control behind `StreamWriter.drain()` (asyncio's `FlowControlMixin`).
 * @internal
 */
import { Future } from '../futures.js';
import { ConnectionResetError } from '../errors.js';

/**
 * Tracks whether writes are paused (too many unsent bytes) and releases every `drain()` waiter
 * when they resume or when the connection is lost.
 */
export class WriteFlow {
  #paused = false;
  #lost = false;
  readonly #waiters = new Set<Future<void>>();

  /** True while writes are paused. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Pauses writes: later `wait()` calls block until {@link WriteFlow.resume}. */
  pause(): void {
    this.#paused = true;
  }

  /** Resumes writes and releases every waiter. */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    for (const waiter of this.#waiters) if (!waiter.done()) waiter.setResult(undefined);
  }

  /** The connection is gone: waiters get `exc` (or return, when it closed cleanly). */
  connectionLost(exc: unknown): void {
    this.#lost = true;
    if (!this.#paused) return;
    for (const waiter of this.#waiters) {
      if (waiter.done()) continue;
      if (exc === null || exc === undefined) waiter.setResult(undefined);
      else waiter.setException(exc);
    }
  }

  /** Returns at once unless paused; raises `ConnectionResetError` once the connection is lost. */
  async wait(): Promise<void> {
    if (this.#lost) throw new ConnectionResetError('Connection lost');
    if (!this.#paused) return;
    const waiter = new Future<void>();
    this.#waiters.add(waiter);
    try {
      await waiter;
    } finally {
      this.#waiters.delete(waiter);
    }
  }
}
