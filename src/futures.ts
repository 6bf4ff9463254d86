/**
 * Future: a result that will be set later, bound to one event loop. The awaitable every other
 * part of tsaio is built on.
 * @module
 */
import { CancelledError, InvalidStateError, RuntimeError } from './errors.js';
import { currentTaskOrNull } from './loop/context.js';
import type { EventLoop } from './loop/event-loop.js';
import { getRunningLoop } from './loop/running.js';
import { hooks } from './loop/runtime-hooks.js';
import type { Task } from './tasks/task.js';
import { Resumption, Subscription, TaskReturn, type FutureThen } from './resumption.js';
import { trackUnretrieved, untrackUnretrieved } from './unretrieved.js';

export type { FutureThen };

// The state, and what `#value` holds in it.
const PENDING = 0; // nothing
const RESULT = 1; // the result
const FAILED = 2; // the exception
const CANCELLED = 3; // the cancel message, until a CancelledError is made
const CANCELLED_ERROR = 4; // the CancelledError raised to awaiters
type State = typeof PENDING | typeof RESULT | typeof FAILED | typeof CANCELLED | typeof CANCELLED_ERROR;
const STATE_NAMES = ['PENDING', 'FINISHED', 'FINISHED', 'CANCELLED', 'CANCELLED'] as const;

/** What few futures need, kept apart so that every future stays small. */
interface FutureExtras {
  unretrievedToken: object | null;
  label: string | undefined;
  createdAt: string | undefined;
}

type DoneCallback<T> = (future: Future<T>) => void;
type Callback = DoneCallback<any> | Resumption;

/**
 * A result that will be set later, as asyncio's Future.
 *
 * States: pending, then exactly once finished (with a result or an exception) or cancelled.
 * Done callbacks are always scheduled on the loop with `callSoon`, never run inline, in the order
 * they were added. Awaiting a pending future inside a task resumes the task one loop iteration
 * after the future completes; awaiting a done one costs no iteration. A task waiting on a future
 * is recorded, so cancelling the task cancels the future.
 *
 * A future whose exception nobody retrieved (through `result()`, `exception()` or `await`) is
 * reported to the loop's exception handler when it is garbage-collected, or when `run()` ends.
 *
 * @example
 * const fut = getRunningLoop().createFuture<number>();
 * getRunningLoop().callLater(1, () => fut.setResult(42));
 * console.log(await fut); // 42, one second later
 */
export class Future<T = unknown> implements PromiseLike<T> {
  /** @internal */ readonly _loop: EventLoop;
  #state: State = PENDING;
  #value: unknown = undefined;
  /** One callback, or an array when there are several (most futures have one awaiter). */
  #callbacks: Callback | Callback[] | null = null;
  #extras: FutureExtras | null = null;

  /** Creates a pending future on `loop` (default: the running loop). */
  constructor(loop?: EventLoop) {
    this._loop = loop ?? getRunningLoop();
    if (this._loop.getDebug()) this.#extra().createdAt = new Error('created here').stack;
  }

  /** @internal Set while a failure of this future waits to be retrieved (see unretrieved.ts). */
  get _unretrievedToken(): object | null {
    return this.#extras === null ? null : this.#extras.unretrievedToken;
  }

  set _unretrievedToken(token: object | null) {
    if (token !== null || this.#extras !== null) this.#extra().unretrievedToken = token;
  }

  /** @internal A name for task listings, set by the primitive that made the future ("Lock.acquire"). */
  get _label(): string | undefined {
    return this.#extras?.label;
  }

  set _label(label: string | undefined) {
    this.#extra().label = label;
  }

  /** @internal Where the future was made (debug mode only). */
  get _createdAt(): string | undefined {
    return this.#extras?.createdAt;
  }

  #extra(): FutureExtras {
    return (this.#extras ??= { unretrievedToken: null, label: undefined, createdAt: undefined });
  }

  /**
   * Where this future (or task) was created, innermost frame first: filled in debug mode only,
   * empty otherwise.
   */
  getStack(): string[] {
    const stack = this._createdAt;
    if (stack === undefined) return [];
    return stack
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .filter((line) => !line.includes('/src/futures.') && !line.includes('/src/tasks/task.') && !line.includes('node:internal'));
  }

  /** True once the future has a result or an exception, or was cancelled. */
  done(): boolean {
    return this.#state !== PENDING;
  }

  /** True if the future was cancelled. */
  cancelled(): boolean {
    return this.#state >= CANCELLED;
  }

  /**
   * The result. Throws the future's exception if it has one, a CancelledError if it was
   * cancelled, and InvalidStateError while pending.
   */
  result(): T {
    if (this.#state === RESULT) return this.#value as T;
    if (this.#state === FAILED) {
      if (this.#extras !== null) untrackUnretrieved(this);
      throw this.#value;
    }
    if (this.#state >= CANCELLED) throw this._makeCancelledError();
    throw new InvalidStateError('Result is not set.');
  }

  /**
   * The exception set with {@link Future.setException}, or null if the future has a result.
   * Throws CancelledError if cancelled and InvalidStateError while pending.
   */
  exception(): unknown {
    if (this.#state === RESULT) return null;
    if (this.#state === FAILED) {
      if (this.#extras !== null) untrackUnretrieved(this);
      return this.#value;
    }
    if (this.#state >= CANCELLED) throw this._makeCancelledError();
    throw new InvalidStateError('Exception is not set.');
  }

  /** Marks the future done with `value`. InvalidStateError if it is already done. */
  setResult(value: T): void {
    this._setResult(value);
  }

  /** Marks the future done with `exception`. InvalidStateError if it is already done. */
  setException(exception: unknown): void {
    this._setException(exception);
  }

  /**
   * Cancels the future and schedules its callbacks. Returns false if it was already done.
   * The CancelledError raised to awaiters carries `msg` as its message.
   */
  cancel(msg?: unknown): boolean {
    // As asyncio: cancel() counts as looking at the outcome, even when it comes too late.
    if (this.#extras !== null) untrackUnretrieved(this as Future<unknown>);
    return this.#cancelState(msg);
  }

  /**
   * Adds `callback(future)`, run with `callSoon` when the future is done (or in the next iteration
   * if it already is). Callbacks run in the order they were added.
   */
  addDoneCallback(callback: DoneCallback<T>): void {
    if (typeof callback !== 'function') throw new TypeError(`callback must be a function, got ${String(callback)}`);
    if (this.#state !== PENDING) {
      this._loop.callSoon(callback, this);
      return;
    }
    this.#addCallback(callback);
  }

  /** Removes every registration of `callback`; returns how many were removed. */
  removeDoneCallback(callback: DoneCallback<T>): number {
    const callbacks = this.#callbacks;
    if (callbacks === null) return 0;
    if (!Array.isArray(callbacks)) {
      if (callbacks !== callback) return 0;
      this.#callbacks = null;
      return 1;
    }
    const kept = callbacks.filter((cb) => cb !== callback);
    const removed = callbacks.length - kept.length;
    if (removed > 0) this.#callbacks = kept;
    return removed;
  }

  /** The loop this future is bound to. */
  getLoop(): EventLoop {
    if (this._loop === undefined) throw new RuntimeError('Future object is not initialized.');
    return this._loop;
  }

  /**
   * Makes the future awaitable. Inside a task, a pending future records the task as its waiter
   * (so `task.cancel()` cancels it) and tells the loop the task's step has suspended.
   */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    if (this.#state !== PENDING) return this.#settledPromise().then(onFulfilled, onRejected);
    const task = currentTaskOrNull();
    if (task === (this as unknown)) {
      return Promise.reject(new RuntimeError(`Task cannot await on itself: ${String(this)}`)).then(onFulfilled, onRejected);
    }
    const sub = new Subscription(task, this as Future<unknown>, onFulfilled, onRejected);
    this.#subscribe(sub, task);
    // Typed as a Promise so a future fits wherever a promise does; on a pending future the object
    // is a promise-compatible thenable (then/catch/finally), not `instanceof Promise`.
    return sub as unknown as Promise<R1 | R2>;
  }

  /**
   * @internal The function of `task` returned this future, pending and not the task itself: the
   * task waits on it as on an `await`, and its outcome becomes the task's.
   */
  _settleTaskWhenDone(task: Task<unknown>): void {
    this.#subscribe(new TaskReturn(task, this as Future<unknown>), task);
  }

  /** Registers a pending future's `then`: records the waiting task and ends its step. */
  #subscribe(sub: Resumption, task: Task<unknown> | null): void {
    this.#addCallback(sub);
    if (task !== null) {
      task._addWaiting(this as Future<unknown>);
      if (task._mustCancel && this.cancel(task._cancelMessage)) task._mustCancel = false;
      this._awaited();
      task._loop._stepSuspended(task);
    } else {
      this._awaited();
    }
  }

  /** As `Promise.prototype.catch`. */
  catch<R = never>(onRejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return Promise.resolve(this.then(undefined, onRejected));
  }

  /** As `Promise.prototype.finally`. */
  finally(onFinally?: (() => void) | null): Promise<T> {
    return Promise.resolve(this.then(
      (value) => {
        onFinally?.();
        return value;
      },
      (reason) => {
        onFinally?.();
        throw reason;
      },
    ));
  }

  get [Symbol.toStringTag](): string {
    return 'Future';
  }

  /** `<Future pending>`, `<Future finished result=42>`, … */
  toString(): string {
    return `<${this.constructor.name} ${this._describeState()}>`;
  }

  /** @internal */
  _describeState(): string {
    if (this.#state === RESULT) return `finished result=${String(this.#value)}`;
    if (this.#state === FAILED) return `finished exception=${String(this.#value)}`;
    return STATE_NAMES[this.#state].toLowerCase();
  }

  /** @internal What this future stands for in task listings (`formatTasks`). */
  _waitLabel(): string {
    return this._label ?? this.constructor.name;
  }

  /** @internal The futures this one waits on itself (a gather's children, a shield's inner). */
  _awaitedFutures(): Future<unknown>[] {
    return [];
  }

  /** @internal Called after a pending future gets a `then` registration. */
  protected _awaited(): void {}

  /**
   * @internal Called when a `then` registration of this future runs, just before its awaiter
   * resumes: where a sync primitive's waiter leaves its queue, as the `finally` after asyncio's
   * `await fut` does. `discarded`: the awaiting task was cancelled after this future completed,
   * so the awaiter gets a CancelledError instead of the outcome (a permit handed to it must go
   * back).
   */
  _resumed(_discarded: boolean): void {}

  /** @internal Sets the result; subclasses that forbid `setResult` still use this. */
  protected _setResult(value: T): void {
    if (this.#state !== PENDING) throw new InvalidStateError(`${STATE_NAMES[this.#state]}: ${String(this)}`);
    this.#value = value;
    this.#state = RESULT;
    this.#scheduleCallbacks();
  }

  /** @internal */
  protected _setException(exception: unknown): void {
    if (this.#state !== PENDING) throw new InvalidStateError(`${STATE_NAMES[this.#state]}: ${String(this)}`);
    if (exception === undefined) exception = new TypeError('setException() needs an exception, got undefined');
    // As asyncio: an exception class stands for a new instance of it.
    else if (typeof exception === 'function' && exception.prototype instanceof Error) exception = new (exception as new () => Error)();
    this.#value = exception;
    this.#state = FAILED;
    trackUnretrieved(this as Future<unknown>, exception);
    this.#scheduleCallbacks();
  }

  /** @internal Cancels with a given CancelledError instance, kept for awaiters (identity). */
  protected _cancelWith(error: CancelledError): boolean {
    if (!this.#cancelState(error.cancelMessage)) return false;
    this.#value = error;
    this.#state = CANCELLED_ERROR;
    return true;
  }

  /** @internal The CancelledError to raise for this cancelled future (made once, then reused). */
  _makeCancelledError(): CancelledError {
    if (this.#state === CANCELLED) {
      this.#value = new CancelledError(this.#value);
      this.#state = CANCELLED_ERROR;
    }
    return this.#state === CANCELLED_ERROR ? (this.#value as CancelledError) : new CancelledError();
  }

  #cancelState(msg: unknown): boolean {
    if (this.#state !== PENDING) return false;
    this.#state = CANCELLED;
    this.#value = msg;
    this.#scheduleCallbacks();
    return true;
  }

  #settledPromise(): Promise<T> {
    if (this.#state === RESULT) return Promise.resolve(this.#value as T);
    try {
      return Promise.resolve(this.result());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  #addCallback(callback: Callback): void {
    const callbacks = this.#callbacks;
    if (callbacks === null) this.#callbacks = callback;
    else if (Array.isArray(callbacks)) callbacks.push(callback);
    else this.#callbacks = [callbacks, callback];
  }

  #scheduleCallbacks(): void {
    const callbacks = this.#callbacks;
    if (callbacks === null) return;
    this.#callbacks = null;
    if (this._loop.isClosed()) return;
    if (Array.isArray(callbacks)) for (const cb of callbacks) this.#scheduleCallback(cb);
    else this.#scheduleCallback(callbacks);
  }

  #scheduleCallback(cb: Callback): void {
    if (!(cb instanceof Resumption)) {
      this._loop._callSoonWith(cb, this);
      return;
    }
    const task = cb._task;
    if (task === null) {
      this._loop._schedule(cb);
      return;
    }
    task._doneWaiting(this as Future<unknown>);
    if (!task._loop.isClosed()) task._loop._schedule(cb);
  }
}

/** True if `x` is a tsaio {@link Future} (a Task is one). */
export function isFuture(x: unknown): x is Future<unknown> {
  return x instanceof Future;
}

hooks.createFuture = <T>(loop: EventLoop): Future<T> => new Future<T>(loop);
