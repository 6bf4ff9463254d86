/**
 * ClientSession: aiohttp's HTTP client session on undici.
 * @module
 */
import { RuntimeError, ValueError } from '../errors.js';
import { Future } from '../futures.js';
import { describe } from '../internal/validate.js';
import { getRunningLoop } from '../loop/running.js';
import { ClientTimeout, DEFAULT_TIMEOUT, type ClientTimeoutOptions } from './client-timeout.js';
import type { ClientResponse } from './client-response.js';
import { ConnectionPool } from './connection-pool.js';
import { Exchange } from './exchange.js';
import {
  buildUrl,
  checkMethod,
  checkRequestOptions,
  checkUrlType,
  encodeData,
  mergeHeaders,
  type HeadersLike,
  type RequestOptions,
} from './request-options.js';

/** Options of a {@link ClientSession}. */
export interface ClientSessionOptions {
  /** Default timeouts of its requests; aiohttp's default `{ total: 300, sockConnect: 30 }`. */
  timeout?: ClientTimeout | ClientTimeoutOptions | number;
  /** Connections open at once, across all hosts, idle ones included; 0 means no limit. Default 100. */
  limit?: number;
  /** Connections open at once to one host (scheme, host and port); 0 means no limit (default). */
  limitPerHost?: number;
  /** Relative request URLs are resolved against it. */
  baseUrl?: string | URL;
  /** Headers sent with every request (a request's own headers win). */
  headers?: HeadersLike;
  /** Raise ClientResponseError for a status of 400 or more, for every request. Default false. */
  raiseForStatus?: boolean;
  /** How long an idle connection is kept, in seconds, unless the server says less. Default 4. */
  keepAliveTimeout?: number;
}

type SessionState = 'open' | 'closed';

// As aiohttp's "Unclosed client session": a session collected while still open is reported.
const unclosed = new FinalizationRegistry<ConnectionPool>((pool) => {
  process.emitWarning(`Unclosed ClientSession (${pool.size} connections open): call close() or use \`await using\``, 'ResourceWarning');
});

const SESSION_KEYS = new Set(['timeout', 'limit', 'limitPerHost', 'baseUrl', 'headers', 'raiseForStatus', 'keepAliveTimeout']);

/**
 * An HTTP client session, as aiohttp's `ClientSession`: a pool of keep-alive connections shared
 * by its requests, default headers and timeouts. Create one per application (or per group of
 * requests), not one per request, and close it when done (`await using` does).
 *
 * Limits: at most `limit` connections are open at once across all hosts (default 100), and at
 * most `limitPerHost` to one host. A request that finds every slot taken waits for one, in FIFO
 * order; that wait counts against the `connect` timeout. Idle connections count too: when all
 * slots are taken and a request needs a host with none idle, the least recently used idle
 * connection to another host is closed to make room.
 *
 * Every request method returns a tsaio {@link Future} of the {@link ClientResponse}, which
 * resolves once the status line and headers are in. Errors are raised when it is awaited, so
 * `gather(..., { returnExceptions: true })` collects them: InvalidURL for a malformed URL or a
 * scheme other than http(s), ClientConnectorError when the host cannot be reached,
 * ServerTimeoutError (a TimeoutError) naming the timeout that fired, ClientResponseError with
 * `raiseForStatus`, RuntimeError('Session is closed') after `close()`. Arguments of the wrong type
 * are a TypeError thrown by the call itself.
 *
 * Cancellation: cancelling the task that awaits a request (or its body) aborts the request at
 * once and frees its connection slot; the task sees CancelledError. A request may also be given
 * an AbortSignal (`signal`), such as `currentTask().signal`.
 *
 * As in aiohttp, redirects are followed (at most `maxRedirects`, default 10; `resp.history` lists
 * them), and an idempotent request that meets a kept-alive connection the server has just closed
 * is sent once more on a new one. A request starts when the method is called, not when awaited.
 *
 * @example
 * const fetchStatus = coroutine(async (session: ClientSession, url: string) => {
 *   await using resp = await session.get(url);
 *   return resp.status;
 * });
 * await using session = new ClientSession({ timeout: { total: 10 }, limit: 10 });
 * const statuses = await gather(urls.map((url) => fetchStatus(session, url)));
 */
export class ClientSession {
  #state: SessionState = 'open';
  readonly #pool: ConnectionPool;
  readonly #timeout: ClientTimeout;
  readonly #baseUrl: URL | null;
  readonly #headers: Record<string, string>;
  readonly #hasHeaders: boolean;
  readonly #raiseForStatus: boolean;
  readonly #active = new Set<Exchange>();
  readonly #onSettled = (exchange: Exchange): void => {
    this.#active.delete(exchange);
  };

  constructor(opts: ClientSessionOptions = {}) {
    if (opts === null || typeof opts !== 'object') throw new TypeError(`ClientSession options must be an object, got ${describe(opts)}`);
    for (const key of Object.keys(opts)) {
      if (!SESSION_KEYS.has(key)) throw new TypeError(`unknown ClientSession option '${key}'`);
    }
    const limit = checkCount('limit', opts.limit ?? 100);
    const limitPerHost = checkCount('limitPerHost', opts.limitPerHost ?? 0);
    this.#timeout = opts.timeout === undefined ? DEFAULT_TIMEOUT : ClientTimeout.from(opts.timeout);
    this.#baseUrl = checkBaseUrl(opts.baseUrl);
    this.#headers = opts.headers === undefined ? {} : mergeHeaders({}, opts.headers, 'headers');
    this.#hasHeaders = Object.keys(this.#headers).length > 0;
    if (opts.raiseForStatus !== undefined && typeof opts.raiseForStatus !== 'boolean') {
      throw new TypeError(`raiseForStatus must be a boolean, got ${describe(opts.raiseForStatus)}`);
    }
    this.#raiseForStatus = opts.raiseForStatus ?? false;
    let keepAliveTimeout: number | undefined;
    if (opts.keepAliveTimeout !== undefined) {
      const k = opts.keepAliveTimeout;
      if (typeof k !== 'number') throw new TypeError(`keepAliveTimeout must be a number of seconds, got ${describe(k)}`);
      if (!(k > 0) || !Number.isFinite(k)) throw new ValueError(`keepAliveTimeout must be > 0 seconds, got ${k}`);
      keepAliveTimeout = Math.max(1, Math.round(k * 1000));
    }
    this.#pool = new ConnectionPool(limit, limitPerHost, { keepAliveTimeout });
    unclosed.register(this, this.#pool, this);
  }

  /** True once {@link ClientSession.close} was called. */
  get closed(): boolean {
    return this.#state === 'closed';
  }

  /** The session's default timeouts. */
  get timeout(): ClientTimeout {
    return this.#timeout;
  }

  /** The global connection limit (0: none). */
  get limit(): number {
    return this.#pool.limit;
  }

  /** The per-host connection limit (0: none). */
  get limitPerHost(): number {
    return this.#pool.limitPerHost;
  }

  /** Connections open now (idle ones included). */
  get connections(): number {
    return this.#pool.size;
  }

  /**
   * Sends a request and resolves with the response once its headers are in; see the class
   * description for errors and cancellation. Must be called inside a running loop.
   */
  request(method: string, url: string | URL, opts?: RequestOptions): Future<ClientResponse> {
    const m = checkMethod(method);
    const input = checkUrlType(url);
    const o = checkRequestOptions(opts);
    const timeout = o.timeout === undefined ? this.#timeout : ClientTimeout.from(o.timeout);
    let headers: Record<string, string> | null = null;
    if (this.#hasHeaders || o.headers !== undefined || o.json !== undefined || (o.data !== undefined && o.data !== null)) {
      headers = { ...this.#headers };
      if (o.headers !== undefined) mergeHeaders(headers, o.headers, 'headers');
    }
    let body: string | Uint8Array | null = null;
    if (o.json !== undefined) {
      const text = JSON.stringify(o.json);
      if (text === undefined) throw new TypeError(`json must be a JSON-serialisable value, got ${describe(o.json)}`);
      body = text;
      headers!['content-type'] ??= 'application/json';
    } else if (o.data !== undefined && o.data !== null) {
      const encoded = encodeData(o.data);
      body = encoded.body;
      headers!['content-type'] ??= encoded.contentType;
    }
    const loop = getRunningLoop();
    let target: URL;
    try {
      if (this.#state === 'closed') throw new RuntimeError('Session is closed');
      target = buildUrl(input, this.#baseUrl, o.params);
    } catch (error) {
      const failed = new Future<ClientResponse>(loop);
      failed.setException(error);
      return failed;
    }
    const exchange = new Exchange({
      loop,
      pool: this.#pool,
      url: target,
      method: m,
      headers,
      body,
      timeout,
      raiseForStatus: o.raiseForStatus ?? this.#raiseForStatus,
      allowRedirects: o.allowRedirects ?? true,
      maxRedirects: o.maxRedirects ?? 10,
      signal: o.signal ?? null,
      onSettled: this.#onSettled,
    });
    this.#active.add(exchange);
    exchange.start();
    return exchange.future;
  }

  /** `request('GET', url, opts)`. */
  get(url: string | URL, opts?: RequestOptions): Future<ClientResponse> {
    return this.request('GET', url, opts);
  }

  /** `request('POST', url, opts)`. */
  post(url: string | URL, opts?: RequestOptions): Future<ClientResponse> {
    return this.request('POST', url, opts);
  }

  /** `request('PUT', url, opts)`. */
  put(url: string | URL, opts?: RequestOptions): Future<ClientResponse> {
    return this.request('PUT', url, opts);
  }

  /** `request('PATCH', url, opts)`. */
  patch(url: string | URL, opts?: RequestOptions): Future<ClientResponse> {
    return this.request('PATCH', url, opts);
  }

  /** `request('DELETE', url, opts)`. */
  delete(url: string | URL, opts?: RequestOptions): Future<ClientResponse> {
    return this.request('DELETE', url, opts);
  }

  /** `request('HEAD', url, opts)`. */
  head(url: string | URL, opts?: RequestOptions): Future<ClientResponse> {
    return this.request('HEAD', url, opts);
  }

  /** `request('OPTIONS', url, opts)`. */
  options(url: string | URL, opts?: RequestOptions): Future<ClientResponse> {
    return this.request('OPTIONS', url, opts);
  }

  /**
   * Closes the session: requests still in flight or waiting for a connection fail with a
   * ClientError, every connection is closed, and later requests fail with RuntimeError('Session
   * is closed'). Closing twice is harmless.
   */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    unclosed.unregister(this);
    for (const exchange of [...this.#active]) exchange.abortForClose();
    await this.#pool.close();
  }

  /** `await using session = new ClientSession()` closes it when the block ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  toString(): string {
    return `<ClientSession ${this.#state} connections=${this.#pool.size} limit=${this.#pool.limit}>`;
  }
}

function checkCount(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < 0) throw new ValueError(`${name} must be an integer >= 0 (0: no limit), got ${value}`);
  return value;
}

function checkBaseUrl(value: unknown): URL | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' && !(value instanceof URL)) throw new TypeError(`baseUrl must be a string or a URL, got ${describe(value)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new ValueError(`baseUrl must be an absolute URL, got '${String(value)}'`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValueError(`baseUrl must be an http(s) URL, got '${String(value)}'`);
  return url;
}
