/**
 * Lazy coroutines: Python's spelling `createTask(delay(3))` and `gather(fetch(a), fetch(b))`.
 * Calling a JS async function starts it at once; `coroutine(fn)` wraps it so that calling it
 * returns a {@link Coroutine} that runs only when awaited or scheduled.
 * @module
 */
import { RuntimeError } from '../errors.js';
import { runningLoopOrNull } from '../loop/context.js';
import type { EventLoop } from '../loop/event-loop.js';

const COROUTINE_FUNCTION = Symbol('tsaio.coroutineFunction');

interface NeverAwaited {
  name: string;
  loop: EventLoop | null;
  createdAt: string | undefined;
}

/** Reports a coroutine collected before it ran, as Python's "coroutine '…' was never awaited". */
const neverAwaited = new FinalizationRegistry<NeverAwaited>(({ name, loop, createdAt }) => {
  const message = `coroutine '${name}' was never awaited`;
  if (loop !== null && !loop.isClosed()) {
    loop.callExceptionHandler(createdAt === undefined ? { message } : { message, createdAt });
  } else {
    process.emitWarning(createdAt === undefined ? message : `${message}\n${createdAt}`, 'RuntimeWarning');
  }
});

/**
 * A lazy call of an async function: it runs when awaited (inline, in the awaiting task, as
 * Python's `await coro()`) or when scheduled as a task. It runs at most once: awaiting or
 * scheduling it a second time is a RuntimeError.
 */
export class Coroutine<T = unknown> implements PromiseLike<T> {
  readonly #fn: (...args: any[]) => T | PromiseLike<T>;
  readonly #args: readonly unknown[];
  #state: 'created' | 'started' | 'closed' = 'created';

  /** @internal Use {@link coroutine}. */
  constructor(fn: (...args: any[]) => T | PromiseLike<T>, args: readonly unknown[]) {
    this.#fn = fn;
    this.#args = args;
    const loop = runningLoopOrNull();
    const createdAt = loop?.getDebug() ? new Error('Coroutine created here').stack?.split('\n').slice(2).join('\n') : undefined;
    neverAwaited.register(this, { name: fn.name || 'anonymous', loop, createdAt }, this);
  }

  /** The wrapped function's name, for reports ("coroutine 'delay' was never awaited"). */
  get name(): string {
    return this.#fn.name || 'anonymous';
  }

  /** True once it was awaited, scheduled or closed. */
  get started(): boolean {
    return this.#state !== 'created';
  }

  /** @internal Runs the function; RuntimeError if it already ran or was closed. */
  _start(): T | PromiseLike<T> {
    if (this.#state !== 'created') {
      throw new RuntimeError(`cannot reuse already awaited coroutine '${this.name}'`);
    }
    this.#state = 'started';
    neverAwaited.unregister(this);
    return this.#fn(...this.#args);
  }

  /** Marks the coroutine as never to run (a task group that refused it closes it). */
  close(): void {
    if (this.#state === 'created') {
      this.#state = 'closed';
      neverAwaited.unregister(this);
    }
  }

  /** Awaiting a coroutine runs it inline in the awaiting task. */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    let started: Promise<T>;
    try {
      started = Promise.resolve(this._start());
    } catch (e) {
      started = Promise.reject(e);
    }
    return started.then(onFulfilled, onRejected);
  }

  get [Symbol.toStringTag](): string {
    return 'Coroutine';
  }

  toString(): string {
    return `<coroutine ${this.name}()>`;
  }
}

/**
 * Wraps an async function so that calling it returns a lazy {@link Coroutine}.
 *
 * @example
 * const delay = coroutine(async (s: number) => { await sleep(s); return s; });
 * await gather(delay(1), delay(2)); // [1, 2] after 2 s
 */
export function coroutine<A extends unknown[], T>(fn: (...args: A) => T | PromiseLike<T>): (...args: A) => Coroutine<Awaited<T>> {
  if (typeof fn !== 'function') throw new TypeError(`coroutine() needs a function, got ${String(fn)}`);
  const wrapper = (...args: A): Coroutine<Awaited<T>> => new Coroutine(fn as never, args);
  Object.defineProperty(wrapper, 'name', { value: fn.name });
  Object.defineProperty(wrapper, COROUTINE_FUNCTION, { value: true });
  return wrapper;
}

/** True if `x` is a {@link Coroutine} object (what calling a `coroutine()` wrapper returns). */
export function isCoroutine(x: unknown): x is Coroutine<unknown> {
  return x instanceof Coroutine;
}

/** True for `coroutine()` wrappers and native async functions. */
export function isCoroutineFunction(f: unknown): boolean {
  if (typeof f !== 'function') return false;
  return (f as unknown as Record<symbol, unknown>)[COROUTINE_FUNCTION] === true || f.constructor?.name === 'AsyncFunction';
}

/** Something to run as a task: a Coroutine, or a function returning a value or a promise. */
export type CoroutineLike<T> = Coroutine<T> | (() => T | PromiseLike<T>);

/** Anything tsaio can await: a Future, Task, Promise, or a {@link CoroutineLike}. */
export type AwaitableLike<T> = PromiseLike<T> | CoroutineLike<T>;
