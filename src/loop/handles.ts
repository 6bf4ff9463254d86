/** Handles for scheduled callbacks: what `callSoon`, `callLater` and `callAt` return. */
import type { EventLoop } from './event-loop.js';
import type { Task } from '../tasks/task.js';

/**
 * Something the loop can run from its ready queue. A runnable with a `task` resumes (or starts)
 * that task: the loop then waits for the task to suspend before it runs the next one.
 * @internal
 */
export interface Runnable {
  readonly _task: Task<unknown> | null;
  _cancelled: boolean;
  _run(): void;
}

/** A callback scheduled on the loop. `cancel()` stops it from running if it has not run yet. */
export class Handle implements Runnable {
  readonly _task = null;
  _cancelled = false;
  /** @internal */ _callback: ((...args: any[]) => unknown) | null;
  /**
   * @internal The arguments, or null for a one-argument handle, whose argument is `_arg`: a
   * future's done callbacks take just the future, and need no array each.
   */ _args: readonly unknown[] | null;
  /** @internal The argument of a one-argument handle. */ _arg: unknown;
  /** @internal */ readonly _loop: EventLoop;

  /** @internal */
  constructor(callback: (...args: any[]) => unknown, args: readonly unknown[] | null, loop: EventLoop, arg?: unknown) {
    this._callback = callback;
    this._args = args;
    this._arg = arg;
    this._loop = loop;
  }

  /** Cancels the callback; it will not run. Cancelling twice, or after it ran, does nothing. */
  cancel(): void {
    if (!this._cancelled) {
      this._cancelled = true;
      this._callback = null;
      this._args = null;
      this._arg = undefined;
    }
  }

  /** True once {@link Handle.cancel} was called. */
  cancelled(): boolean {
    return this._cancelled;
  }

  /** @internal */
  _run(): void {
    const cb = this._callback;
    if (cb === null) return;
    const args = this._args;
    if (args === null) cb(this._arg);
    else if (args.length === 0) cb();
    else cb(...args);
  }

  /** The callback's name, for reports. */
  toString(): string {
    const name = this._callback?.name || 'anonymous';
    return `<${this.constructor.name} ${name}()${this._cancelled ? ' cancelled' : ''}>`;
  }
}

/** A callback scheduled for a time; {@link TimerHandle.when} tells when, in loop time. */
export class TimerHandle extends Handle {
  /** @internal */ readonly _when: number;
  /** @internal */ readonly _seq: number;
  /** @internal */ _scheduled = true;

  /** @internal */
  constructor(when: number, seq: number, callback: (...args: any[]) => unknown, args: readonly unknown[], loop: EventLoop) {
    super(callback, args, loop);
    this._when = when;
    this._seq = seq;
  }

  /** The loop time (seconds) at which the callback is due. */
  when(): number {
    return this._when;
  }

  override cancel(): void {
    if (!this._cancelled && this._scheduled) this._loop._timerCancelled();
    super.cancel();
  }
}
