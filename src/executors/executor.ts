/**
 * `PoolExecutor`: the public face shared by ThreadPoolExecutor and ProcessPoolExecutor
 * (submit, map, shutdown, `await using`) over a {@link PoolCore}.
 *
 * @module
 */
import { getRunningLoop } from '../loop/index.js';
import type { Future } from '../futures.js';
import { checkOptionalSeconds, describe } from '../internal/validate.js';
import { JobFuture } from './job-future.js';
import { fnRecord } from './job-source.js';
import { orderedResults } from './map.js';
import { bool, checkKnownOptions, checkOptionsObject, wholeNumber } from './options.js';
import { PoolCore, type PoolConfig } from './pool-core.js';
import { JOB_CHUNK, JOB_SHARED } from './protocol.js';
import { encodeArgs, type EncodeContext } from './shared-codec.js';

/** Options of `map`. */
export interface MapOptions {
  /** Seconds from the call to `map` by which every result must be ready (TimeoutError otherwise). */
  timeout?: number | null;
  /** Items per job (default 1): larger chunks mean fewer jobs for many tiny items. */
  chunksize?: number;
}

/** Options of `shutdown`. */
export interface ShutdownOptions {
  /** Wait until every job has finished and every worker has exited (default true). */
  wait?: boolean;
  /** Cancel the jobs that have not been sent to a worker yet (default false). */
  cancelFutures?: boolean;
}

/** A job function: a self-contained function, or a `workerModule()` reference. */
export type JobFn<A extends unknown[], R> = (...args: A) => R;

/**
 * What both pools share. Jobs run in FIFO order of submission; each job's future is a tsaio
 * Future, usable with `gather`, `wait`, `asCompleted` and `waitFor`.
 */
export abstract class PoolExecutor {
  readonly #core: PoolCore;
  readonly #refuse: EncodeContext['refuse'];

  /** @internal */
  protected constructor(core: PoolCore, refuse: EncodeContext['refuse']) {
    this.#core = core;
    this.#refuse = refuse;
  }

  /** The most workers this pool runs at once. */
  get maxWorkers(): number {
    return this.#core.config.maxWorkers;
  }

  /** Workers alive now, including those stopping (workers start on demand). */
  get workerCount(): number {
    return this.#core.workers.size + this.#core.retiring.size;
  }

  /**
   * Schedules `fn(...args)` in a worker and returns a Future of its result. Arguments and
   * results are structured clones (SharedArrayBuffers and shared objects are shared by a thread
   * pool; see `transfer()` to move buffers). A job's thrown error arrives with its name,
   * message, stack and data fields.
   *
   * Throws the pool's Broken error once the pool is broken, a RuntimeError after `shutdown()`,
   * and a TypeError when `fn` cannot be shipped (native, bound, a class) or an argument cannot
   * go to this kind of worker. Cancelling the future before the job starts removes it; while
   * it runs, terminates and replaces its worker (unless the pool has `cancelRunning: false`).
   */
  submit<A extends unknown[], R>(fn: JobFn<A, R>, ...args: A): Future<Awaited<R>> {
    const loop = getRunningLoop();
    this.#core.checkOpen();
    return this.#submit<Awaited<R>>(loop, fn, args, 0);
  }

  #submit<T>(loop: ReturnType<typeof getRunningLoop>, fn: unknown, args: unknown[], flags: number): JobFuture<T> {
    const def = fnRecord(fn);
    const ctx: EncodeContext = { transfer: [], found: false, refuse: this.#refuse };
    const encoded = encodeArgs(args, ctx);
    const fut = new JobFuture<T>(loop);
    const job = this.#core.submit(def, encoded, flags | (ctx.found ? JOB_SHARED : 0), ctx.transfer.length > 0 ? ctx.transfer : null, fut);
    const core = this.#core;
    fut._onCancel = () => core.cancel(job);
    return fut;
  }

  /**
   * Calls `fn(item)` for every item of `iterable` in the workers. Every item is submitted now
   * (the iterable is read at once); the returned async iterable yields the results in input
   * order. `timeout` counts from this call: a result not ready by then raises TimeoutError.
   * A job's error is raised when its turn comes. Leaving the loop early (an error, a timeout,
   * `break`) cancels the jobs not yet done.
   *
   * @example
   * for await (const n of pool.map((x: number) => x * x, [1, 2, 3])) console.log(n);
   */
  map<T, R>(fn: JobFn<[T], R>, iterable: Iterable<T>, options?: MapOptions): AsyncIterableIterator<Awaited<R>> {
    const loop = getRunningLoop();
    const opts = checkOptionsObject('map', options);
    checkKnownOptions('map', opts, ['timeout', 'chunksize']);
    const timeout = checkOptionalSeconds('timeout', opts.timeout);
    const chunksize = wholeNumber('chunksize', opts.chunksize, 1);
    if (iterable === null || typeof (iterable as Partial<Iterable<T>>)?.[Symbol.iterator] !== 'function') {
      throw new TypeError(`map: iterable must be iterable, got ${describe(iterable)}`);
    }
    this.#core.checkOpen();
    fnRecord(fn);
    const deadline = timeout === null ? null : loop.time() + timeout;
    const futures: Future<unknown>[] = [];
    try {
      if (chunksize === 1) {
        for (const item of iterable) futures.push(this.#submit(loop, fn, [item], 0));
      } else {
        let chunk: T[] = [];
        const send = (): void => {
          futures.push(this.#submit(loop, fn, chunk, JOB_CHUNK));
          chunk = [];
        };
        for (const item of iterable) if (chunk.push(item) === chunksize) send();
        if (chunk.length > 0) send();
      }
    } catch (err) {
      for (const f of futures) f.cancel();
      throw err;
    }
    return orderedResults<Awaited<R>>(loop, futures, chunksize > 1, deadline);
  }

  /**
   * Stops accepting jobs. With `wait` (default), resolves once every queued and running job
   * has finished and every worker has exited; without it, resolves at once while the jobs go
   * on. `cancelFutures` cancels the jobs not yet sent to a worker. Calling it again is safe.
   */
  shutdown(options?: ShutdownOptions): Promise<void> {
    const opts = checkOptionsObject('shutdown', options);
    checkKnownOptions('shutdown', opts, ['wait', 'cancelFutures']);
    const wait = bool('wait', opts.wait, true);
    const cancelFutures = bool('cancelFutures', opts.cancelFutures, false);
    const closed = this.#core.shutdown(cancelFutures);
    return wait ? closed : Promise.resolve();
  }

  /** `await using pool = new ThreadPoolExecutor()`: shuts down and waits, as `shutdown()`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown({ wait: true });
  }
}

/** Builds the core for a subclass. */
export function makeCore(config: PoolConfig): PoolCore {
  return new PoolCore(config);
}
