/**
 * `ThreadPoolExecutor`: jobs in worker threads.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { BrokenThreadPool } from '../errors.js';
import { describe } from '../internal/validate.js';
import { makeCore, PoolExecutor } from './executor.js';
import { checkKnownOptions, checkOptionsObject } from './options.js';
import { buildConfig, COMMON_OPTIONS, type CommonPoolOptions } from './pool-config.js';
import { threadSpawn } from './thread-transport.js';

/** Options of {@link ThreadPoolExecutor}. */
export interface ThreadPoolOptions extends CommonPoolOptions {
  /** V8 heap limits of each worker thread (`worker_threads` `resourceLimits`). */
  resourceLimits?: ResourceLimits;
}

/**
 * A pool of worker threads: Node's tool for CPU-bound work in parallel (isolates have no GIL)
 * and for blocking calls kept off the event loop.
 *
 * - `maxWorkers` defaults to `min(32, cpus + 4)`, as asyncio's; threads start on demand, are
 *   kept while busy, and never hold the process open while idle.
 * - A job is a self-contained function (shipped by its source, compiled once per worker) or a
 *   `workerModule()` reference. `SharedValue`, `SharedArray`, `SharedLock` and
 *   SharedArrayBuffers in arguments or `initArgs` share memory with the thread.
 * - A worker that dies fails its own jobs with `BrokenThreadPool` (carrying `exitCode`) and is
 *   replaced; with `brokenOnWorkerDeath: true` the whole pool is broken instead.
 *
 * @example
 * await using pool = new ThreadPoolExecutor({ maxWorkers: 2 });
 * const [a, b] = await gather(pool.submit((n: number) => n * 2, 21), pool.submit((x: number, y: number) => Math.hypot(x, y), 3, 4));
 */
export class ThreadPoolExecutor extends PoolExecutor {
  constructor(options?: ThreadPoolOptions) {
    const opts = checkOptionsObject('ThreadPoolExecutor', options);
    checkKnownOptions('ThreadPoolExecutor', opts, [...COMMON_OPTIONS, 'resourceLimits']);
    const limits = opts.resourceLimits;
    if (limits !== undefined && (limits === null || typeof limits !== 'object')) {
      throw new TypeError(`resourceLimits must be an object, got ${describe(limits)}`);
    }
    const config = buildConfig(opts, {
      kind: 'thread',
      defaultMaxWorkers: Math.min(32, availableParallelism() + 4),
      defaultBrokenOnWorkerDeath: false,
      spawn: threadSpawn({ resourceLimits: limits as ResourceLimits | undefined }),
      refuse: null,
      Broken: BrokenThreadPool,
    });
    super(makeCore(config), null);
  }
}
