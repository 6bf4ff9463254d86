/** asCompleted: results in the order they complete. */
import { TimeoutError } from '../errors.js';
import { Future } from '../futures.js';
import { HandoffQueue } from '../internal/handoff-queue.js';
import { checkOptionalSeconds, describe } from '../internal/validate.js';
import type { TimerHandle } from '../loop/handles.js';
import { getEventLoop } from '../loop/running.js';
import { Coroutine, coroutine, type AwaitableLike } from './coroutine.js';
import { ensureFuture } from './ensure-future.js';

/**
 * What {@link asCompleted} returns: both an `Iterable` of awaitables (each gives the next result
 * to complete, bound only when first awaited) and an `AsyncIterable` of the original futures and
 * tasks in completion order (Python 3.13's `async for`). It is its own iterator: leaving a loop
 * early does not close it, and iterating again continues with the rest.
 */
export class AsCompletedIterator<T> implements IterableIterator<Coroutine<T>>, AsyncIterable<Future<T>> {
  readonly #done: HandoffQueue<{ future: Future<T> } | null>; // boxed: a promise would adopt a bare future
  readonly #todo: Set<Future<T>>;
  #left: number;
  #timer: TimerHandle | null = null;
  /** The next completed future's result, or (resolve false) the future itself, kept in its box. */
  readonly #waitForOne = coroutine(async (resolve: boolean): Promise<T | { future: Future<T> }> => {
    const box = await this.#done.get();
    if (box === null) throw new TimeoutError('asCompleted() timed out');
    return resolve ? box.future.result() : box;
  });

  /** @internal Use {@link asCompleted}. */
  constructor(aws: Iterable<AwaitableLike<T>>, timeout: number | null) {
    const loop = getEventLoop();
    this.#done = new HandoffQueue(loop);
    const todo = new Set<Future<T>>();
    for (const aw of new Set(aws)) todo.add(ensureFuture(aw, loop));
    for (const f of todo) f.addDoneCallback(this.#onCompletion);
    if (todo.size > 0 && timeout !== null) this.#timer = loop.callLater(timeout, this.#onTimeout);
    this.#todo = todo;
    this.#left = todo.size;
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** Async iteration shares this object's state: both forms take from the same remaining set. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Future<T>> {
    const self = this;
    return {
      next: () => self.nextAsync(),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** The next awaitable: awaiting it gives the next result to complete, or its error. */
  next(): IteratorResult<Coroutine<T>> {
    if (this.#left === 0) return { done: true, value: undefined };
    this.#left--;
    return { done: false, value: this.#waitForOne(true) as Coroutine<T> };
  }

  /** (async iteration) The next future or task to complete, as given. */
  async nextAsync(): Promise<IteratorResult<Future<T>>> {
    if (this.#left === 0) return { done: true, value: undefined };
    this.#left--;
    const box = (await this.#waitForOne(false)) as { future: Future<T> };
    return { done: false, value: box.future };
  }

  readonly #onCompletion = (f: Future<T>): void => {
    if (this.#todo.size === 0) return; // the timeout came first
    this.#todo.delete(f);
    this.#done.put({ future: f });
    if (this.#todo.size === 0) this.#timer?.cancel();
  };

  readonly #onTimeout = (): void => {
    for (const f of this.#todo) {
      f.removeDoneCallback(this.#onCompletion);
      this.#done.put(null);
    }
    this.#todo.clear();
  };
}

/**
 * Yields the awaitables' results in the order they complete, as asyncio.as_completed.
 *
 * `for (const next of asCompleted(aws)) { const r = await next; }` gives results (or raises
 * errors) in completion order; `for await (const task of asCompleted(tasks))` gives the original
 * futures and tasks. With `timeout` (seconds from the call), each awaitable still outstanding
 * raises TimeoutError; nothing is cancelled. TypeError for a single awaitable instead of an
 * iterable; RuntimeError outside a running (or set) loop.
 *
 * @example
 * for (const next of asCompleted([fetch(a), fetch(b)], { timeout: 2 })) {
 *   try { console.log(await next); } catch (e) { if (e instanceof TimeoutError) console.log('late'); }
 * }
 */
export function asCompleted<T>(aws: Iterable<AwaitableLike<T>>, opts: { timeout?: number | null } = {}): AsCompletedIterator<T> {
  if (aws instanceof Future || aws instanceof Coroutine || typeof aws === 'function' || typeof (aws as Iterable<unknown>)?.[Symbol.iterator] !== 'function' || typeof aws === 'string') {
    throw new TypeError(`expects an iterable of awaitables, not ${describe(aws)}`);
  }
  return new AsCompletedIterator(aws, checkOptionalSeconds('timeout', opts.timeout));
}
