/**
 * Every error class of tsaio. Each has a literal `name`, a stable `code` a program can branch on,
 * structured fields where the error carries data, and `cause` support (ES2022 `ErrorOptions`).
 *
 * Plain classes are made by {@link defineError}, and every class gets its `name` and `code` from
 * one helper (internal/brand-error.ts), so that `instanceof` answers exactly
 * along the declared hierarchy (the `instanceof` matrix is tested).
 *
 * @module
 */

import { brandError } from './internal/brand-error.js';

/** Base class of every tsaio error. `code` is stable across versions. */
export class AsyncioError extends Error {
  /** A stable identifier such as `ERR_TSAIO_CANCELLED`. */
  declare readonly code: string;
}
brandError(AsyncioError, 'AsyncioError', 'ERR_TSAIO');

/**
 * An instance of a class made by {@link defineError}. Its `name` is the literal at run time but
 * typed `string`: a literal type would make a subclass's instances unassignable to its parent's
 * (a BrokenThreadPool must be usable where a BrokenExecutorError is expected).
 */
type ErrorInstance<P extends new (...args: any[]) => Error> = InstanceType<P> & { readonly code: string };

/**
 * The type of a class made by {@link defineError}: one construct signature (an intersection with
 * the parent's would give two, and TypeScript refuses `class X extends TimeoutError` then).
 */
type ErrorClass<P extends new (...args: any[]) => Error> = Omit<P, 'prototype'> & {
  new (...args: ConstructorParameters<P>): ErrorInstance<P>;
  readonly prototype: ErrorInstance<P>;
};

/**
 * Makes an error class with a literal `name` and a stable `code` under `parent`.
 * The constructor keeps the parent's parameters.
 */
function defineError<N extends string, P extends new (...args: any[]) => Error>(
  name: N,
  code: string,
  parent: P,
): ErrorClass<P> {
  const cls = class extends (parent as new (...args: any[]) => Error) {};
  brandError(cls, name, code);
  return cls as unknown as ErrorClass<P>;
}

/**
 * The task or future was cancelled. Raised at the `await` where the cancelled task was waiting.
 * Unlike Python, this is an ordinary `Error`: use {@link isCancelled} and re-throw it rather than
 * swallowing it in a generic `catch`.
 */
export class CancelledError extends AsyncioError {
  /** The message given to `cancel(msg)`, or `undefined` when none was given. */
  readonly cancelMessage: unknown;
  constructor(msg?: unknown, options?: ErrorOptions) {
    super(msg === undefined || msg === null ? '' : String(msg), options);
    this.cancelMessage = msg === null ? undefined : msg;
  }
}
brandError(CancelledError, 'CancelledError', 'ERR_TSAIO_CANCELLED');

/** True when `e` is a {@link CancelledError}. */
export function isCancelled(e: unknown): e is CancelledError {
  return e instanceof CancelledError;
}

/** A deadline passed (`waitFor`, `timeout`, `asCompleted`, HTTP timeouts). */
export const TimeoutError = defineError('TimeoutError', 'ERR_TSAIO_TIMEOUT', AsyncioError);
export type TimeoutError = InstanceType<typeof TimeoutError>;
/** An operation is not allowed in the future's current state (e.g. `result()` while pending). */
export const InvalidStateError = defineError('InvalidStateError', 'ERR_TSAIO_INVALID_STATE', AsyncioError);
export type InvalidStateError = InstanceType<typeof InvalidStateError>;
/** Misuse of the runtime: no running loop, a lock released while unlocked, a closed session. */
export const RuntimeError = defineError('RuntimeError', 'ERR_TSAIO_RUNTIME', AsyncioError);
export type RuntimeError = InstanceType<typeof RuntimeError>;
/** An argument has the right type but a bad value (a negative semaphore value, NaN delay…). */
export const ValueError = defineError('ValueError', 'ERR_TSAIO_VALUE', AsyncioError);
export type ValueError = InstanceType<typeof ValueError>;
/** `getNowait()` on an empty queue. */
export const QueueEmpty = defineError('QueueEmpty', 'ERR_TSAIO_QUEUE_EMPTY', AsyncioError);
export type QueueEmpty = InstanceType<typeof QueueEmpty>;
/** `putNowait()` on a full queue. */
export const QueueFull = defineError('QueueFull', 'ERR_TSAIO_QUEUE_FULL', AsyncioError);
export type QueueFull = InstanceType<typeof QueueFull>;
/** `put`/`get` on a queue that was shut down. */
export const QueueShutDown = defineError('QueueShutDown', 'ERR_TSAIO_QUEUE_SHUT_DOWN', AsyncioError);
export type QueueShutDown = InstanceType<typeof QueueShutDown>;
/** A `Barrier` was reset or aborted while a task waited on it. */
export const BrokenBarrierError = defineError('BrokenBarrierError', 'ERR_TSAIO_BROKEN_BARRIER', RuntimeError);
export type BrokenBarrierError = InstanceType<typeof BrokenBarrierError>;
/** A pool cannot run jobs any more (a worker died, an initializer failed). */
export const BrokenExecutorError = defineError('BrokenExecutorError', 'ERR_TSAIO_BROKEN_EXECUTOR', RuntimeError);
export type BrokenExecutorError = InstanceType<typeof BrokenExecutorError>;
/** A `ThreadPoolExecutor` is broken. */
export const BrokenThreadPool = defineError('BrokenThreadPool', 'ERR_TSAIO_BROKEN_THREAD_POOL', BrokenExecutorError);
export type BrokenThreadPool = InstanceType<typeof BrokenThreadPool>;
/** A `ProcessPoolExecutor` is broken. */
export const BrokenProcessPool = defineError('BrokenProcessPool', 'ERR_TSAIO_BROKEN_PROCESS_POOL', BrokenExecutorError);
export type BrokenProcessPool = InstanceType<typeof BrokenProcessPool>;
/** Base of HTTP client errors. */
export class ClientError extends AsyncioError {
}
brandError(ClientError, 'ClientError', 'ERR_TSAIO_CLIENT');
/** A URL that the HTTP client cannot request (bad scheme, malformed). */
export class InvalidURL extends ClientError {
  /** The offending URL, as given. */
  readonly url: string;
  constructor(url: unknown, options?: ErrorOptions) {
    super(String(url), options);
    this.url = String(url);
  }
}
brandError(InvalidURL, 'InvalidURL', 'ERR_TSAIO_INVALID_URL');

/** The server answered with an error status and `raiseForStatus` was asked for. */
export class ClientResponseError extends ClientError {
  readonly status: number;
  readonly url: string;
  constructor(status: number, message: string, url: string, options?: ErrorOptions) {
    super(`${status}, message='${message}', url='${url}'`, options);
    this.status = status;
    this.url = url;
  }
}
brandError(ClientResponseError, 'ClientResponseError', 'ERR_TSAIO_CLIENT_RESPONSE');

/** Could not connect to the host (refused, unreachable). */
export class ClientConnectorError extends ClientError {
  readonly host: string;
  readonly port: number;
  constructor(host: string, port: number, options?: ErrorOptions) {
    const reason = options?.cause instanceof Error ? ` [${options.cause.message}]` : '';
    super(`Cannot connect to host ${host}:${port}${reason}`, options);
    this.host = host;
    this.port = port;
  }
}
brandError(ClientConnectorError, 'ClientConnectorError', 'ERR_TSAIO_CLIENT_CONNECTOR');

/** The response's content type is not what `json()` expects. */
export const ContentTypeError = defineError('ContentTypeError', 'ERR_TSAIO_CONTENT_TYPE', ClientError);
export type ContentTypeError = InstanceType<typeof ContentTypeError>;

/** The peer reset the connection. */
export const ConnectionResetError = defineError('ConnectionResetError', 'ECONNRESET', AsyncioError);
export type ConnectionResetError = InstanceType<typeof ConnectionResetError>;

/** EOF came before the expected number of bytes (`readExactly`, `readUntil`). */
export class IncompleteReadError extends AsyncioError {
  /** The bytes read before EOF. */
  readonly partial: Uint8Array;
  /** The number of bytes expected, or `null` when unknown. */
  readonly expected: number | null;
  constructor(partial: Uint8Array, expected: number | null, options?: ErrorOptions) {
    const r = expected === null ? 'undefined' : String(expected);
    super(`${partial.length} bytes read on a total of ${r} expected bytes`, options);
    this.partial = partial;
    this.expected = expected;
  }
}
brandError(IncompleteReadError, 'IncompleteReadError', 'ERR_TSAIO_INCOMPLETE_READ');

/** The separator was not found within the stream's limit (`readUntil`). */
export class LimitOverrunError extends AsyncioError {
  /** How many bytes should be consumed to get past the problem. */
  readonly consumed: number;
  constructor(message: string, consumed: number, options?: ErrorOptions) {
    super(message, options);
    this.consumed = consumed;
  }
}
brandError(LimitOverrunError, 'LimitOverrunError', 'ERR_TSAIO_LIMIT_OVERRUN');

/**
 * Several errors raised together (by a task group). Extends `AggregateError`, so `.errors` holds
 * them; nested groups nest.
 */
export class ExceptionGroup extends AggregateError {
  /** `ERR_TSAIO_EXCEPTION_GROUP`. */
  declare readonly code: string;
  constructor(message: string, errors: readonly unknown[], options?: ErrorOptions) {
    super(errors, message, options);
  }
  /** The errors, as Python's `exceptions` attribute. */
  get exceptions(): readonly unknown[] {
    return this.errors;
  }
}
brandError(ExceptionGroup, 'ExceptionGroup', 'ERR_TSAIO_EXCEPTION_GROUP');
