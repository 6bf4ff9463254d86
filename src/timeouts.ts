/**
 * timeout and timeoutAt: a deadline for a block of code, as asyncio.timeout (Python 3.11+).
 * @module
 */
import { CancelledError, RuntimeError, TimeoutError } from './errors.js';
import { ExceptionGroup } from './errors.js';
import { checkOptionalSeconds } from './internal/validate.js';
import type { Handle } from './loop/handles.js';
import { getRunningLoop } from './loop/running.js';
import { currentTask, type Task } from './tasks/task.js';

type TimeoutState = 'created' | 'active' | 'expiring' | 'expired' | 'finished';

/**
 * A timeout scope, given to the body of {@link timeout}/{@link timeoutAt}. When the deadline
 * passes, the task running the body is cancelled; the scope turns that cancellation into a
 * TimeoutError (its `cause` is the CancelledError) — but only its own: a cancellation that came
 * from elsewhere passes through unchanged. Single use.
 */
export class Timeout {
  #state: TimeoutState = 'created';
  #when: number | null;
  #task: Task<unknown> | null = null;
  #cancelling = 0;
  #handle: Handle | null = null;

  /** @internal Use {@link timeout} or {@link timeoutAt}. */
  constructor(when: number | null) {
    this.#when = when;
  }

  /** The deadline in loop time (seconds), or null when the scope has none. */
  when(): number | null {
    return this.#when;
  }

  /**
   * Moves the deadline (null removes it). RuntimeError before the scope is entered, and once it
   * is expiring, expired or finished.
   */
  reschedule(when: number | null): void {
    checkOptionalSeconds('when', when);
    if (this.#state !== 'active') {
      if (this.#state === 'created') throw new RuntimeError('Timeout has not been entered');
      throw new RuntimeError(`Cannot change state of ${this.#state} Timeout`);
    }
    this.#when = when;
    this.#handle?.cancel();
    this.#handle = null;
    if (when === null) return;
    const loop = getRunningLoop();
    this.#handle = when <= loop.time() ? loop.callSoon(this.#onTimeout) : loop.callAt(when, this.#onTimeout);
  }

  /** True once the deadline passed and the scope cancelled its task. */
  expired(): boolean {
    return this.#state === 'expiring' || this.#state === 'expired';
  }

  toString(): string {
    const when = this.#state === 'active' ? ` when=${this.#when}` : '';
    return `<Timeout [${this.#state}]${when}>`;
  }

  /** @internal Runs `body` inside the scope (enter, body, exit). */
  async _run<T>(body: (scope: Timeout) => T | PromiseLike<T>): Promise<T> {
    this.#enter();
    let result: T;
    try {
      result = await body(this);
    } catch (error) {
      this.#exit(true, error);
      throw error;
    }
    this.#exit(false, undefined);
    return result;
  }

  #enter(): void {
    if (this.#state !== 'created') throw new RuntimeError('Timeout has already been entered');
    const task = currentTask();
    if (task === null) throw new RuntimeError('Timeout should be used inside a task');
    this.#state = 'active';
    this.#task = task;
    this.#cancelling = task.cancelling();
    this.reschedule(this.#when);
  }

  /** Throws the TimeoutError when the scope's own cancellation is what ended the body. */
  #exit(failed: boolean, error: unknown): void {
    this.#handle?.cancel();
    this.#handle = null;
    if (this.#state === 'expiring') {
      this.#state = 'expired';
      if (this.#task!.uncancel() <= this.#cancelling && failed) {
        if (error instanceof CancelledError) throw new TimeoutError('Timeout expired', { cause: error });
        markTimedOut(error);
      }
    } else if (this.#state === 'active') {
      this.#state = 'finished';
    }
  }

  readonly #onTimeout = (): void => {
    this.#task!.cancel();
    this.#state = 'expiring';
    this.#handle = null;
  };
}

/** Records on an error that left an expired scope that the timeout happened (Python's __context__). */
function markTimedOut(error: unknown): void {
  const errors = error instanceof ExceptionGroup ? [error, ...error.errors] : [error];
  for (const e of errors) {
    if (e instanceof Error && e.cause === undefined) {
      Object.defineProperty(e, 'cause', { value: new TimeoutError('Timeout expired'), configurable: true, writable: true });
    }
  }
}

/**
 * Runs `body` with a deadline `delay` seconds from now (null: none; ≤ 0: already expired). When
 * the deadline passes, the body's task is cancelled at its current `await` and `timeout` raises
 * TimeoutError once the body has finished its clean-up. If the body swallows the cancellation and
 * returns, its value is returned. The scope `t` passed to the body can `reschedule` the deadline.
 *
 * @example
 * await timeout(0.5, async (t) => {
 *   await longOperation();
 * }); // TimeoutError after 0.5 s
 */
export function timeout<T>(delay: number | null, body: (scope: Timeout) => T | PromiseLike<T>): Promise<T> {
  const d = checkOptionalSeconds('delay', delay);
  const loop = getRunningLoop();
  return new Timeout(d === null ? null : loop.time() + d)._run(body);
}

/** As {@link timeout}, with an absolute deadline in loop time (`getRunningLoop().time()`). */
export function timeoutAt<T>(when: number | null, body: (scope: Timeout) => T | PromiseLike<T>): Promise<T> {
  return new Timeout(checkOptionalSeconds('when', when))._run(body);
}
