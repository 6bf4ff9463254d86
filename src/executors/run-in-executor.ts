/**
 * `runInExecutor` and `toThread`, and the loop's default executor.
 *
 * @module
 */
import type { Future } from '../futures.js';
import { getRunningLoop, registerDefaultExecutorFactory } from '../loop/index.js';
import type { JobFn, PoolExecutor } from './executor.js';
import { ThreadPoolExecutor } from './thread-pool.js';

registerDefaultExecutorFactory(() => new ThreadPoolExecutor());

/**
 * Runs `fn(...args)` in `executor`, or with `null` in the running loop's default executor (a
 * ThreadPoolExecutor created on first use and shut down by `run`; see
 * `loop.setDefaultExecutor`). Returns the job's Future: a task awaiting it that is cancelled
 * (by `waitFor`, a task group…) cancels the job as `submit`'s future does.
 *
 * @example
 * const [a, b] = await gather(runInExecutor(null, blockingRead, path1), runInExecutor(pool, crunch, data));
 */
export function runInExecutor<A extends unknown[], R>(executor: PoolExecutor | null, fn: JobFn<A, R>, ...args: A): Future<Awaited<R>> {
  return getRunningLoop().runInExecutor(executor, fn as (...a: unknown[]) => R, ...args) as Future<Awaited<R>>;
}

/**
 * Runs `fn(...args)` in a worker thread of the running loop's default executor, so that a
 * blocking or CPU-heavy call does not block the loop (Python's `asyncio.to_thread`). `fn` is a
 * self-contained function or a `workerModule()` reference.
 *
 * @example
 * const digest = await toThread((s: string) => require('node:crypto').createHash('sha256').update(s).digest('hex'), text);
 * // (`require` is available in shipped functions; see submit)
 */
export function toThread<A extends unknown[], R>(fn: JobFn<A, R>, ...args: A): Future<Awaited<R>> {
  return runInExecutor(null, fn, ...args);
}
