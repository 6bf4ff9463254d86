/**
 * How an awaiter of a pending future is resumed: the `then` registration of an `await`
 * (Subscription, also what `then` returns) and a task waiting on the future its function returned
 * (TaskReturn). Scheduled on the awaiting task's loop when the future completes.
 * @internal
 */
import type { Future } from './futures.js';
import type { Runnable } from './loop/handles.js';
import type { Task } from './tasks/task.js';

/** A pending native promise with its resolvers. */
interface Deferred {
  promise: Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** What a subscription's `#value` holds before it settles. */
const NOT_SETTLED: unique symbol = Symbol('not settled');

let tmpResolve: (value: unknown) => void;
let tmpReject: (reason: unknown) => void;
function captureResolvers(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  tmpResolve = resolve;
  tmpReject = reject;
}

/**
 * What `Future.then` returns: a promise-like of the handler's result, with `catch` and `finally`.
 */
export interface FutureThen<T> extends PromiseLike<T> {
  catch<R = never>(onRejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R>;
  finally(onFinally?: (() => void) | null): Promise<T>;
}

/**
 * One awaiter of a pending future. When the future completes it is scheduled on the awaiting
 * task's loop (one iteration later, as asyncio's task wake-up), and it resumes that task.
 */
export abstract class Resumption implements Runnable {
  readonly _task: Task<unknown> | null;
  readonly #future: Future<unknown>;

  constructor(task: Task<unknown> | null, future: Future<unknown>) {
    this._task = task;
    this.#future = future;
  }

  /** A resumption is never cancelled as a handle (cancelling the task cancels the future). */
  get _cancelled(): boolean {
    return false;
  }

  _run(): void {
    const task = this._task;
    if (task !== null && task._mustCancel) {
      // A cancel requested after the awaited future completed but before the task resumed is
      // delivered instead of the value (asyncio's __step with _must_cancel).
      task._mustCancel = false;
      this.#future._resumed(true);
      this._settle(false, task._makeCancelledError());
      return;
    }
    const future = this.#future;
    future._resumed(false);
    let ok = true;
    let value: unknown;
    try {
      value = future.result();
    } catch (e) {
      ok = false;
      value = e;
    }
    this._settle(ok, value);
  }

  /** Hands the future's outcome (or the CancelledError that replaces it) to the awaiter. */
  protected abstract _settle(ok: boolean, value: unknown): void;
}

/**
 * One `then` registration on a pending future, and what `then` returns. The native promise behind
 * it is made only when someone chains on it, which an `await` never does: that saves a promise
 * per await. A handler error that nobody chains on becomes a rejected promise at once, so Node
 * still reports it as unhandled.
 */
export class Subscription extends Resumption implements FutureThen<unknown> {
  readonly #onFulfilled: ((value: any) => unknown) | null | undefined;
  readonly #onRejected: ((reason: any) => unknown) | null | undefined;
  /**
   * The native promise made for someone who chained on this subscription: its resolvers while
   * pending, the promise itself once settled. Null until someone chains (an `await` never does).
   */
  #chain: Deferred | Promise<unknown> | null = null;
  /** The handler's result once settled with no chain yet; NOT_SETTLED before. */
  #value: unknown = NOT_SETTLED;

  constructor(
    task: Task<unknown> | null,
    future: Future<unknown>,
    onFulfilled: ((value: any) => unknown) | null | undefined,
    onRejected: ((reason: any) => unknown) | null | undefined,
  ) {
    super(task, future);
    this.#onFulfilled = onFulfilled;
    this.#onRejected = onRejected;
  }

  then<R1 = unknown, R2 = never>(
    onFulfilled?: ((value: unknown) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#promise().then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<unknown> {
    return this.#promise().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<unknown> {
    return this.#promise().finally(onFinally);
  }

  get [Symbol.toStringTag](): string {
    return 'Promise';
  }

  #promise(): Promise<unknown> {
    const chain = this.#chain;
    if (chain instanceof Promise) return chain;
    if (chain !== null) return chain.promise;
    if (this.#value !== NOT_SETTLED) return (this.#chain = Promise.resolve(this.#value));
    const promise = new Promise(captureResolvers);
    this.#chain = { promise, resolve: tmpResolve, reject: tmpReject };
    return promise;
  }

  /** Runs the handler on the outcome and hands the handler's outcome to whoever chained. */
  protected override _settle(ok: boolean, value: unknown): void {
    const handler = ok ? this.#onFulfilled : this.#onRejected;
    if (typeof handler === 'function') {
      try {
        value = handler(value);
        ok = true;
      } catch (e) {
        value = e;
        ok = false;
      }
    }
    const chain = this.#chain;
    if (chain !== null && !(chain instanceof Promise)) {
      this.#chain = chain.promise;
      if (ok) chain.resolve(value);
      else chain.reject(value);
    } else if (ok) {
      this.#value = value;
    } else {
      this.#chain = Promise.reject(value);
    }
  }
}

/**
 * How a task waits on the pending tsaio future its function returned (`createTask(() =>
 * event.wait())`): as on an `await`, but the future's outcome settles the task directly, with no
 * handler closures per task.
 */
export class TaskReturn extends Resumption {
  protected override _settle(ok: boolean, value: unknown): void {
    this._task!._settle(ok, value);
  }
}
