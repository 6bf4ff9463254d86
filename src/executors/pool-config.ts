/**
 * Turns the options both pools share into a checked {@link PoolConfig}.
 *
 * @module
 */
import { fnRecord } from './job-source.js';
import { argList, bool, optionalDuration, wholeNumber } from './options.js';
import type { PoolConfig } from './pool-core.js';
import { JOB_SHARED } from './protocol.js';
import { encodeArgs, type EncodeContext } from './shared-codec.js';
import type { Spawn } from './transport.js';

/** Options both pools take. */
export interface CommonPoolOptions {
  /** The most workers at once (a whole number >= 1). Workers start on demand. */
  maxWorkers?: number;
  /**
   * Runs once in every worker before its first job, with `initArgs` (a self-contained function
   * or a workerModule() reference). If it throws, the pool is broken: every pending and later
   * job fails with the pool's Broken error.
   */
  initializer?: (...args: any[]) => unknown;
  /** Arguments of `initializer` (shared objects are shared by a thread pool). */
  initArgs?: unknown[];
  /** Seconds an idle worker is kept before it exits (default: kept until shutdown). */
  idleTimeout?: number | null;
  /**
   * When a worker dies (a crash, `process.exit()`), its jobs fail with the Broken error; with
   * `true` the whole pool is broken too, with `false` the worker is replaced.
   */
  brokenOnWorkerDeath?: boolean;
  /**
   * Cancelling a running job terminates and replaces its worker (default true); the jobs queued
   * behind it keep their turn. A worker announces the jobs it runs unless their function has
   * always been quick there; such a job that suddenly blocks cannot be stopped this way, and its
   * result is discarded when it comes.
   */
  cancelRunning?: boolean;
  /** A worker is replaced after running this many jobs (default: never). */
  maxTasksPerChild?: number;
}

/** The names of {@link CommonPoolOptions}. */
export const COMMON_OPTIONS = [
  'maxWorkers',
  'initializer',
  'initArgs',
  'idleTimeout',
  'brokenOnWorkerDeath',
  'cancelRunning',
  'maxTasksPerChild',
] as const;

/** Checks `opts` and builds the core's configuration. */
export function buildConfig(
  opts: Record<string, unknown>,
  base: {
    kind: 'thread' | 'process';
    defaultMaxWorkers: number;
    defaultBrokenOnWorkerDeath: boolean;
    spawn: Spawn;
    refuse: EncodeContext['refuse'];
    Broken: PoolConfig['Broken'];
  },
): PoolConfig {
  const maxWorkers = wholeNumber('maxWorkers', opts.maxWorkers, base.defaultMaxWorkers);
  const initializer = opts.initializer === undefined ? null : fnRecord(opts.initializer, 'initializer');
  const ctx: EncodeContext = { transfer: [], found: false, refuse: base.refuse };
  const initArgs = encodeArgs(argList('initArgs', opts.initArgs), ctx);
  if (initializer === null && opts.initArgs !== undefined && initArgs.length > 0) {
    throw new TypeError('initArgs was given without an initializer');
  }
  return {
    kind: base.kind,
    maxWorkers,
    spawn: base.spawn,
    initializer,
    initArgs,
    initFlags: ctx.found ? JOB_SHARED : 0,
    brokenOnWorkerDeath: bool('brokenOnWorkerDeath', opts.brokenOnWorkerDeath, base.defaultBrokenOnWorkerDeath),
    cancelRunning: bool('cancelRunning', opts.cancelRunning, true),
    maxTasksPerChild: opts.maxTasksPerChild === undefined ? Infinity : wholeNumber('maxTasksPerChild', opts.maxTasksPerChild, 1),
    idleTimeout: optionalDuration('idleTimeout', opts.idleTimeout),
    Broken: base.Broken,
  };
}
