/**
 * The Future a pool returns for a job: it settles from the worker's result, and cancelling it
 * (directly, or by cancelling a task that awaits it) cancels the job at once.
 *
 * @module
 */
import type { EventLoop } from '../loop/index.js';
import { Future } from '../futures.js';
import type { JobSink } from './job.js';

/**
 * A job's future. `cancel()` also takes the job out of the queue, or stops it in its worker
 * (see the executor's `cancelRunning`).
 */
export class JobFuture<T> extends Future<T> implements JobSink {
  /** @internal Called once when the future is cancelled. */
  _onCancel: (() => void) | null = null;

  constructor(loop: EventLoop) {
    super(loop);
  }

  override cancel(msg?: unknown): boolean {
    if (!super.cancel(msg)) return false;
    const onCancel = this._onCancel;
    this._onCancel = null;
    onCancel?.();
    return true;
  }

  /** @internal The worker's result. */
  resolve(value: unknown): void {
    this._onCancel = null;
    if (!this.done()) this.setResult(value as T);
  }

  /** @internal The worker's error, or a pool failure. */
  reject(error: unknown): void {
    this._onCancel = null;
    if (!this.done()) this.setException(error);
  }
}
