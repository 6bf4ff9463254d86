/**
 * `ProcessPoolExecutor`: jobs in child processes.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { BrokenProcessPool } from '../errors.js';
import { makeCore, PoolExecutor } from './executor.js';
import { checkKnownOptions, checkOptionsObject } from './options.js';
import { buildConfig, COMMON_OPTIONS, type CommonPoolOptions } from './pool-config.js';
import { processSpawn } from './process-transport.js';

/** Options of {@link ProcessPoolExecutor}. */
export type ProcessPoolOptions = CommonPoolOptions;

function refuseShared(what: string): TypeError {
  return new TypeError(
    `ProcessPoolExecutor cannot take a ${what}: child processes do not share memory with this process, ` +
      'so the worker would get a copy and its updates would be lost. Use a ThreadPoolExecutor, whose ' +
      'worker threads share memory, or return the values from the jobs instead.',
  );
}

/**
 * A pool of child processes (`child_process.fork`): the isolation tool. A job cannot corrupt
 * this process's memory, may call `process.exit()` or crash, and may load native modules that
 * are not thread-safe. For plain CPU parallelism a ThreadPoolExecutor is lighter.
 *
 * - `maxWorkers` defaults to the number of CPUs; processes start on demand, are kept while
 *   busy, and never hold this process open while idle.
 * - Children inherit `execArgv`, so a parent running TypeScript under tsx runs `.ts` worker
 *   modules too.
 * - Shared memory is refused with a TypeError that says why: processes cannot share memory.
 * - A worker that dies breaks the pool (`brokenOnWorkerDeath` defaults to true, as Python's):
 *   every pending and later job fails with `BrokenProcessPool`, which carries `exitCode`.
 *
 * @example
 * await using pool = new ProcessPoolExecutor();
 * for await (const n of pool.map((x: number) => x * x, [1, 2, 3])) console.log(n);
 */
export class ProcessPoolExecutor extends PoolExecutor {
  constructor(options?: ProcessPoolOptions) {
    const opts = checkOptionsObject('ProcessPoolExecutor', options);
    checkKnownOptions('ProcessPoolExecutor', opts, COMMON_OPTIONS);
    const config = buildConfig(opts, {
      kind: 'process',
      defaultMaxWorkers: availableParallelism(),
      defaultBrokenOnWorkerDeath: true,
      spawn: processSpawn,
      refuse: refuseShared,
      Broken: BrokenProcessPool,
    });
    super(makeCore(config), refuseShared);
  }
}
