/**
 * The hook through which the executors subsystem provides the loop's default executor
 * (a ThreadPoolExecutor, created lazily). The loop sits lower than the executors and must not
 * import them.
 */
import type { Future } from '../futures.js';

/** What the loop needs of an executor. */
export interface Executor {
  submit(fn: (...args: any[]) => unknown, ...args: unknown[]): Future<unknown>;
  shutdown(opts?: { wait?: boolean; cancelFutures?: boolean }): Promise<void>;
}

let factory: (() => Executor) | null = null;

/** @internal Registers how to create the default executor. */
export function registerDefaultExecutorFactory(make: () => Executor): void {
  factory = make;
}

/** @internal */
export function createDefaultExecutor(): Executor {
  if (factory === null) {
    throw new Error('No default executor is available: import "tsaio" or "tsaio/executors" first');
  }
  return factory();
}
