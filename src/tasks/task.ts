/**
 * Task: a coroutine scheduled on the loop, lazily started, really cancellable (ARCHITECTURE.md §3).
 * @module
 */
import { AsyncResource } from 'node:async_hooks';
import diagnosticsChannel from 'node:diagnostics_channel';
import { CancelledError, InvalidStateError, RuntimeError } from '../errors.js';
import { Future } from '../futures.js';
import { describe } from '../internal/validate.js';
import { callbackState, currentTaskOrNull, taskStorage } from '../loop/context.js';
import type { EventLoop } from '../loop/event-loop.js';
import { getRunningLoop } from '../loop/running.js';
import { hooks } from '../loop/runtime-hooks.js';
import { Coroutine, type CoroutineLike } from './coroutine.js';

let taskCounter = 0;

/**
 * `node:diagnostics_channel` channels for observability tools: `tsaio:task:created` and
 * `tsaio:task:done`, each published with `{ task }`. Publishing costs nothing without subscribers.
 */
export const taskCreatedChannel = diagnosticsChannel.channel('tsaio:task:created');
/** See {@link taskCreatedChannel}. */
export const taskDoneChannel = diagnosticsChannel.channel('tsaio:task:done');

/** Options for `createTask`. */
export interface TaskOptions {
  /** The task's name; default `Task-<n>`. */
  name?: string;
  /** Run the first step now, synchronously, instead of in the next loop iteration. */
  eagerStart?: boolean;
}

/**
 * A coroutine running as a task on the loop, as asyncio's Task. It is a {@link Future} of the
 * coroutine's result.
 *
 * Lazy: the coroutine starts in the next loop iteration (or at once with `eagerStart`), inside
 * the task's own context, so {@link currentTask} finds it.
 *
 * Cancellation: `cancel(msg)` cancels every tsaio awaitable the task is waiting on, so a
 * CancelledError is raised at its `await` (where `catch`/`finally` run normally); a task not
 * waiting on one gets the CancelledError at its next tsaio await, and a task that returns before
 * that still ends cancelled. `cancelling()`/`uncancel()` count requests as in Python 3.13.
 * `signal` is an AbortSignal aborted on the first request, for APIs that take one.
 */
export class Task<T = unknown> extends Future<T> {
  /** @internal A cancel request not yet delivered to the coroutine. */ _mustCancel = false;
  /** @internal */ _cancelMessage: unknown = undefined;
  readonly #coro: CoroutineLike<T>;
  /** The name, or the task's number until a name is asked for (no string made per task). */
  #name: string | number;
  #cancelRequests = 0;
  /** What the task awaits: one future, or a set when it awaits several (in a Promise.all). */
  #waiting: Future<unknown> | Set<Future<unknown>> | null = null;
  #abort: AbortController | null = null;
  /**
   * The async context at creation, entered for the first step, so that a user's own
   * AsyncLocalStorage values are the creator's (as asyncio copies the context for a task).
   */
  #context: AsyncResource | null = null;

  /** @internal Use `createTask` or `loop.createTask`. */
  constructor(coro: CoroutineLike<T>, loop: EventLoop, opts: TaskOptions = {}) {
    if (!(coro instanceof Coroutine) && typeof coro !== 'function') {
      throw new TypeError(`a coroutine was expected, got ${describe(coro)}`);
    }
    super(loop);
    this.#coro = coro;
    this.#name = opts.name === undefined ? ++taskCounter : String(opts.name);
    loop._tasks.add(this as Task<unknown>);
    if (taskCreatedChannel.hasSubscribers) taskCreatedChannel.publish({ task: this });
    if (opts.eagerStart && loop.isRunning()) this._run();
    else {
      this.#context = new AsyncResource('tsaio.Task', { requireManualDestroy: true });
      loop._schedule(this);
    }
  }

  /** @internal A task's first step is never cancelled as a handle (cancel() reaches the coroutine). */
  get _cancelled(): boolean {
    return false;
  }

  /** @internal The task is the runnable of its own first step. */
  get _task(): Task<unknown> {
    return this as Task<unknown>;
  }

  /** The task's name. */
  getName(): string {
    if (typeof this.#name === 'number') this.#name = `Task-${this.#name}`;
    return this.#name;
  }

  /** Renames the task. */
  setName(name: unknown): void {
    this.#name = String(name);
  }

  /** The coroutine or function this task runs. */
  getCoro(): CoroutineLike<T> {
    return this.#coro;
  }

  /**
   * An AbortSignal aborted (reason: a CancelledError) when cancellation of this task is
   * requested, so that `fetch`, `fs`, undici and any API taking a `signal` stop too. It stays
   * aborted even if the task later calls `uncancel()`.
   */
  get signal(): AbortSignal {
    if (this.#abort === null) {
      this.#abort = new AbortController();
      if (this.#cancelRequests > 0) this.#abort.abort(new CancelledError(this._cancelMessage));
    }
    return this.#abort.signal;
  }

  /**
   * Requests cancellation; see the class description. Returns false if the task is already done.
   * Each call counts one request (see {@link Task.cancelling}).
   */
  override cancel(msg?: unknown): boolean {
    if (this.done()) return super.cancel(msg); // false; marks a failure as looked at, as asyncio
    this.#cancelRequests++;
    this._cancelMessage = msg;
    if (this.#abort !== null && !this.#abort.signal.aborted) this.#abort.abort(new CancelledError(msg));
    let delivered = false;
    for (const fut of this._waitingOn()) if (fut.cancel(msg)) delivered = true;
    if (!delivered) this._mustCancel = true;
    return true;
  }

  /** How many cancellation requests are pending (not yet matched by {@link Task.uncancel}). */
  cancelling(): number {
    return this.#cancelRequests;
  }

  /**
   * Takes back one cancellation request; returns the remaining count. When it reaches 0, a
   * request not yet delivered is revoked. Used by timeouts and task groups to tell their own
   * cancellation from one that came from outside.
   */
  uncancel(): number {
    if (this.#cancelRequests > 0) {
      this.#cancelRequests--;
      if (this.#cancelRequests === 0) this._mustCancel = false;
    }
    return this.#cancelRequests;
  }

  /** Tasks are completed by their coroutine: RuntimeError. */
  override setResult(_value: T): never {
    throw new RuntimeError('Task does not support set_result operation');
  }

  /** Tasks are completed by their coroutine: RuntimeError. */
  override setException(_exception: unknown): never {
    throw new RuntimeError('Task does not support set_exception operation');
  }

  override get [Symbol.toStringTag](): string {
    return 'Task';
  }

  override toString(): string {
    const coro = this.#coro instanceof Coroutine ? this.#coro.name : this.#coro.name || 'anonymous';
    return `<Task ${this._describeState()} name='${this.getName()}' coro=${coro}()>`;
  }

  /** @internal Records that this task awaits `fut` (called from the future's `then`). */
  _addWaiting(fut: Future<unknown>): void {
    const waiting = this.#waiting;
    if (waiting === null) this.#waiting = fut;
    else if (waiting instanceof Set) waiting.add(fut);
    else this.#waiting = new Set([waiting, fut]);
  }

  /** @internal `fut` completed: the task no longer waits on it. */
  _doneWaiting(fut: Future<unknown>): void {
    const waiting = this.#waiting;
    if (waiting === fut) this.#waiting = null;
    else if (waiting instanceof Set) waiting.delete(fut);
  }

  /** @internal What the task awaits now (a copy). */
  _waitingOn(): Future<unknown>[] {
    const waiting = this.#waiting;
    if (waiting === null) return [];
    return waiting instanceof Set ? [...waiting] : [waiting];
  }

  /** @internal The first step: starts the coroutine in the task's context. */
  _run(): void {
    const context = this.#context;
    this.#context = null;
    if (this.done()) {
      // Completed behind the task's back (`Future.prototype.setResult.call(task, …)`), as asyncio.
      const exception = new InvalidStateError(`step(): already done: ${String(this)}`);
      this._loop.callExceptionHandler({ message: 'Exception in task step', exception, task: this as Task<unknown> });
      this._loop._stepSuspended(this as Task<unknown>);
      return;
    }
    if (this._mustCancel) {
      // Cancelled before it started: the coroutine never runs.
      this._mustCancel = false;
      this.#finish(false, this._makeCancelledError());
      return;
    }
    const previous = callbackState.loop;
    callbackState.loop = null;
    try {
      if (context === null) taskStorage.run(this as Task<unknown>, startCoroutine, this);
      else context.runInAsyncScope(runInTask, null, this);
    } finally {
      callbackState.loop = previous;
    }
  }

  /** @internal The coroutine returned or threw. */
  _settle(ok: boolean, value: unknown): void {
    if (this.done()) return;
    if (ok && this._mustCancel) {
      this._mustCancel = false;
      this.#finish(false, this._makeCancelledError());
    } else {
      this.#finish(ok, value);
    }
  }

  #finish(ok: boolean, value: unknown): void {
    if (ok) this._setResult(value as T);
    else if (value instanceof CancelledError) this._cancelWith(value);
    else this._setException(value);
    this._loop._tasks.delete(this as Task<unknown>);
    if (taskDoneChannel.hasSubscribers) taskDoneChannel.publish({ task: this });
    this._loop._stepSuspended(this as Task<unknown>);
  }

  /** @internal */
  override _makeCancelledError(): CancelledError {
    return this.cancelled() ? super._makeCancelledError() : new CancelledError(this._cancelMessage);
  }
}

function runInTask(task: Task<unknown>): void {
  taskStorage.run(task, startCoroutine, task);
}

function startCoroutine(task: Task<unknown>): void {
  let result: unknown;
  try {
    const coro = task.getCoro();
    result = coro instanceof Coroutine ? coro._start() : coro();
  } catch (e) {
    task._settle(false, e);
    return;
  }
  if (result instanceof Promise) {
    // A native promise's reactions run in the task's own context: the handlers find the task
    // there, so no closure is made per task.
    result.then(onCoroutineFulfilled, onCoroutineRejected);
  } else if (result instanceof Future && !result.done() && result !== task) {
    // A pending tsaio future (`() => event.wait()`): no closures per task.
    result._settleTaskWhenDone(task);
  } else if (result !== null && typeof (result as PromiseLike<unknown>)?.then === 'function') {
    (result as PromiseLike<unknown>).then(
      (value) => task._settle(true, value),
      (error) => task._settle(false, error),
    );
  } else {
    task._settle(true, result);
  }
}

function onCoroutineFulfilled(value: unknown): void {
  taskStorage.getStore()!._settle(true, value);
}

function onCoroutineRejected(error: unknown): void {
  taskStorage.getStore()!._settle(false, error);
}

/**
 * Schedules `coro` (a {@link Coroutine}, or a function returning a value or promise) as a task on
 * the running loop. It starts in the next loop iteration unless `eagerStart` is set.
 * TypeError for anything else ("a coroutine was expected, got 123").
 *
 * @example
 * const t = createTask(() => delay(3), { name: 'delay-3' });
 * await t;
 */
export function createTask<T>(coro: CoroutineLike<T>, opts?: TaskOptions): Task<Awaited<T>> {
  if (!(coro instanceof Coroutine) && typeof coro !== 'function') {
    throw new TypeError(`a coroutine was expected, got ${describe(coro)}`);
  }
  return new Task(coro as CoroutineLike<Awaited<T>>, getRunningLoop(), opts);
}

/**
 * The task whose code is running, or null outside tasks. With `loop`, the current task only if
 * it belongs to that loop. RuntimeError ("no running event loop") when called with no argument
 * outside any loop, as asyncio.
 */
export function currentTask(loop?: EventLoop | null): Task<unknown> | null {
  const task = currentTaskOrNull();
  if (loop === undefined || loop === null) {
    if (task === null) getRunningLoop();
    return task;
  }
  return task !== null && task._loop === loop ? task : null;
}

/** The pending tasks of `loop` (default: the running loop). */
export function allTasks(loop?: EventLoop): Set<Task<unknown>> {
  const l = loop ?? getRunningLoop();
  const pending = new Set<Task<unknown>>();
  for (const t of l._tasks) if (!t.done()) pending.add(t);
  return pending;
}

hooks.createTask = <T>(loop: EventLoop, coro: unknown, opts?: TaskOptions): Task<T> =>
  new Task(coro as CoroutineLike<T>, loop, opts);
