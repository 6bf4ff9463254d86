/**
 * tsaio/executors: thread and process pools with asyncio's API, jobs awaited as tsaio Futures.
 *
 * How jobs reach workers: a function passed to `submit`/`map` is sent as its source text and
 * compiled once per worker, so it must be self-contained (a variable from its closure is
 * reported by name); anything else goes in a module reached through `workerModule()`.
 * Arguments and results are structured clones, batched many to a message.
 *
 * @module
 */
import { Future } from '../futures.js';
import { setHoldWaiterFactory } from './shared-lock.js';

// SharedLock.hold() returns a tsaio Future on the loop thread, so that it can be cancelled.
setHoldWaiterFactory(<T>() => new Future<T>());

export { PoolExecutor, type JobFn, type MapOptions, type ShutdownOptions } from './executor.js';
export { ThreadPoolExecutor, type ThreadPoolOptions } from './thread-pool.js';
export { ProcessPoolExecutor, type ProcessPoolOptions } from './process-pool.js';
export type { CommonPoolOptions } from './pool-config.js';
export { runInExecutor, toThread } from './run-in-executor.js';
export { workerModule, type WorkerModule } from './worker-module.js';
export { SharedValue, SharedArray, type SharedOptions } from './shared-value.js';
export { SharedLock, type SharedLockGuard } from './shared-lock.js';
export { transfer } from './shared-codec.js';
export type { Typecode, NumberTypecode, BigIntTypecode, ValueOf } from './typecodes.js';
export { BrokenExecutorError, BrokenThreadPool, BrokenProcessPool } from '../errors.js';
