/**
 * The errors a pool raises when it cannot run a job: a worker that died, workers that keep
 * dying at start-up, an initializer that failed. Each is the pool's Broken class
 * (BrokenThreadPool or BrokenProcessPool) with the worker's exit code and signal attached.
 *
 * @module
 */
import { decodeThrow, type EncodedThrow } from './protocol.js';

/** Which pool is speaking. */
export interface PoolIdentity {
  readonly kind: 'thread' | 'process';
  readonly Broken: new (message: string, options?: ErrorOptions) => Error;
}

/** How a worker ended. */
export interface WorkerEnd {
  readonly code: number | null;
  readonly signal: string | null;
  /** The error that killed it, when the transport knows it. */
  readonly error: unknown;
}

function how(end: WorkerEnd): string {
  return end.signal !== null ? `signal ${end.signal}` : `exit code ${end.code}`;
}

function withCause(end: WorkerEnd): ErrorOptions | undefined {
  return end.error === null || end.error === undefined ? undefined : { cause: end.error };
}

/**
 * A worker ended without being asked to: the error for its jobs (and for the pool when that
 * breaks it). `exitCode` and `signal` are set on the error.
 */
export function workerDeathError(pool: PoolIdentity, end: WorkerEnd, wasStarting: boolean): Error {
  const where = wasStarting ? 'before it was ready' : 'while running a job';
  const err = new pool.Broken(`A worker ${pool.kind} terminated abruptly (${how(end)}) ${where}`, withCause(end));
  Object.defineProperties(err, { exitCode: { value: end.code }, signal: { value: end.signal } });
  return err;
}

/** Workers died before they were ready `count` times in a row: the pool stops respawning. */
export function stormError(pool: PoolIdentity, end: WorkerEnd, count: number): Error {
  const err = new pool.Broken(`Workers keep dying before they are ready (${count} in a row, last: ${how(end)})`, withCause(end));
  Object.defineProperties(err, { exitCode: { value: end.code }, signal: { value: end.signal } });
  return err;
}

/** The initializer threw in a worker; `cause` is its error as thrown there. */
export function initializerError(pool: PoolIdentity, thrown: EncodedThrow): Error {
  const cause = decodeThrow(thrown);
  const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new pool.Broken(`A ${pool.kind} initializer failed: ${text}`, { cause });
}
