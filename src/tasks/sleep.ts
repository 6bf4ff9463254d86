/** sleep: a future that completes after a delay. */
import { Future } from '../futures.js';
import { checkSeconds } from '../internal/validate.js';
import type { TimerHandle } from '../loop/handles.js';
import { getRunningLoop } from '../loop/running.js';

function complete<T>(fut: SleepFuture<T>, result: T): void {
  if (!fut.done()) fut.setResult(result);
}

/** What `_yieldResult` holds when the sleep is not a pending `sleep(0)`. */
const NO_YIELD: unique symbol = Symbol('no yield');

/** A sleep's future: cancelling it also cancels its timer, so no live timer is left behind. */
class SleepFuture<T> extends Future<T> {
  /** @internal */ _timer: TimerHandle | null = null;
  /**
   * @internal For `sleep(0)`: the result to give once the future is awaited (no wrapper object,
   * NO_YIELD otherwise).
   */ _yieldResult: T | typeof NO_YIELD = NO_YIELD;

  override _waitLabel(): string {
    return this._timer === null ? 'sleep(0)' : `sleep until ${this._timer.when().toFixed(3)}`;
  }

  override cancel(msg?: unknown): boolean {
    if (!super.cancel(msg)) return false;
    this._timer?.cancel();
    this._timer = null;
    return true;
  }

  override addDoneCallback(callback: (future: Future<T>) => void): void {
    super.addDoneCallback(callback);
    this._awaited();
  }

  /** `sleep(0)` completes when first awaited, so the awaiter resumes exactly one iteration later. */
  protected override _awaited(): void {
    const pending = this._yieldResult;
    if (pending !== NO_YIELD && !this.done()) {
      this._yieldResult = NO_YIELD;
      this.setResult(pending);
    }
  }
}

/**
 * A future that completes with `result` after `delay` seconds of loop time.
 *
 * `sleep(0)` yields exactly one loop iteration: callbacks scheduled before it have run when it
 * returns. A negative delay counts as 0; a non-number is a TypeError and NaN a ValueError.
 * Cancelling the sleep (or the task awaiting it) cancels its timer.
 *
 * @example
 * const answer = await sleep(0.5, 42); // 42, half a second later
 */
export function sleep<T = void>(delay: number, result?: T): Future<T> {
  checkSeconds('delay', delay);
  const loop = getRunningLoop();
  const fut = new SleepFuture<T>(loop);
  if (delay <= 0) fut._yieldResult = result as T;
  else fut._timer = loop.callLater(delay, complete, fut, result as T);
  return fut;
}
