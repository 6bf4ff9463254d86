/**
 * One request of a session, from the call to the end of its body: the connection slot, the undici
 * dispatch, the ClientTimeout timers, cancellation and the body buffer.
 * @module
 */
import type { Dispatcher } from 'undici';
import { CancelledError, ClientConnectorError, ClientError, ClientResponseError, ValueError } from '../errors.js';
import type { Future } from '../futures.js';
import type { EventLoop } from '../loop/event-loop.js';
import type { ClientTimeout } from './client-timeout.js';
import type { Connection, ConnectionPool, SlotWaiter } from './connection-pool.js';
import { Deadlines } from './deadlines.js';
import { ServerTimeoutError, TooManyRedirects, type TimeoutKind } from './errors.js';
import { ClientResponse } from './client-response.js';
import { RequestFuture, ResponseBody } from './response-body.js';
import { IDEMPOTENT_METHODS, REDIRECT_STATUSES, findHeader, redirectHop, type Hop } from './redirects.js';

/** What the session hands an exchange. */
export interface ExchangeInit {
  loop: EventLoop;
  pool: ConnectionPool;
  url: URL;
  method: string;
  headers: Record<string, string> | null;
  body: string | Uint8Array | null;
  timeout: ClientTimeout;
  raiseForStatus: boolean;
  allowRedirects: boolean;
  maxRedirects: number;
  signal: AbortSignal | null;
  /** Called once the exchange is over (done or failed), for the session's bookkeeping. */
  onSettled: (exchange: Exchange) => void;
}

type Phase = 'waiting' | 'connecting' | 'sent' | 'body' | 'done' | 'failed';

/**
 * The life of one request. It is the undici dispatch handler of its connection and the waiter
 * the pool serves. Each hop goes waiting → connecting → sent → body; the last one ends in done,
 * and any may end in failed, after which every late undici callback is ignored. A redirect, or
 * the one retry of an idempotent request on a stale kept-alive connection, starts a new hop
 * (back to waiting) once the previous hop's connection has been handed back.
 *
 * Timeouts run on {@link Deadlines}: `total` from the call to the end of the body; per hop,
 * `connect` until the request is written (the wait for a slot included), `sockConnect` while a new
 * socket connects, `sockRead` from the request to the headers and between chunks.
 */
export class Exchange implements SlotWaiter, Dispatcher.DispatchHandler {
  readonly future: RequestFuture<ClientResponse>;
  readonly #init: ExchangeInit;
  readonly #loop: EventLoop;
  #phase: Phase = 'waiting';
  #conn: Connection | null = null;
  /** What the current hop sends (a redirect changes it), and its origin. */
  #hop: Hop;
  #origin: string;
  /** The responses that redirected here, oldest first. */
  readonly history: ClientResponse[] = [];
  #redirectTo: string | null = null;
  #retried = false;
  #response: ClientResponse | null = null;
  #body: ResponseBody;
  readonly #deadlines: Deadlines;
  #onAbortSignal: (() => void) | null = null;

  constructor(init: ExchangeInit) {
    this.#init = init;
    this.#loop = init.loop;
    this.#hop = { url: init.url, method: init.method, headers: init.headers, body: init.body };
    this.#origin = init.url.origin;
    this.#body = new ResponseBody(init.loop);
    this.#deadlines = new Deadlines(init.loop, (kind) => this.#expired(kind));
    this.future = new RequestFuture<ClientResponse>(init.loop, (error) => this.#abort(error));
  }

  /** Starts the request: takes or waits for a connection, and arms the timers. */
  start(): void {
    const { signal, timeout } = this.#init;
    if (signal !== null) {
      if (signal.aborted) {
        this.#fail(signal.reason);
        return;
      }
      this.#onAbortSignal = () => this.#abort(signal.reason);
      signal.addEventListener('abort', this.#onAbortSignal, { once: true });
    }
    this.#deadlines.start('total', timeout.total);
    this.#deadlines.start('connect', timeout.connect);
    const conn = this.#init.pool.acquire(this);
    if (conn !== null) this.grant(conn);
  }

  /** The URL of the current hop; the final URL once the response is in. */
  get url(): URL {
    return this.#hop.url;
  }

  // --- SlotWaiter ---

  /** The origin of the current hop. */
  get origin(): string {
    return this.#origin;
  }

  wantsSlot(): boolean {
    return this.#phase === 'waiting';
  }

  grant(conn: Connection): void {
    this.#conn = conn;
    conn.uses++;
    this.#phase = 'connecting';
    if (!conn.connected) this.#deadlines.start('sockConnect', this.#init.timeout.sockConnect);
    const { url, method, headers, body } = this.#hop;
    conn.client.dispatch({ path: url.pathname + url.search, method, headers, body }, this);
  }

  // --- undici DispatchHandler (legacy callbacks, the client's native ones) ---

  onConnect(abort: (err?: Error) => void): void {
    if (this.#phase !== 'connecting' || this.#loopGone()) {
      abort(new ClientError('request no longer wanted'));
      return;
    }
    this.#phase = 'sent';
    this.#deadlines.clear('sockConnect');
    this.#deadlines.clear('connect');
    this.#deadlines.start('sockRead', this.#init.timeout.sockRead);
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    if (this.#phase !== 'sent' || this.#loopGone()) return false;
    if (statusCode < 200) return true; // 1xx informational: the real response follows
    this.#deadlines.push('sockRead', this.#init.timeout.sockRead);
    this.#phase = 'body';
    const response = new ClientResponse(this, this.#hop.method, statusCode, statusText, rawHeaders);
    this.#response = response;
    if (this.#init.allowRedirects && REDIRECT_STATUSES.has(statusCode)) {
      const location = findHeader(rawHeaders, 'location');
      if (location !== null) {
        // Followed once this response's body has been received (and dropped).
        this.#redirectTo = location;
        this.#body.discard();
        return true;
      }
    }
    if (this.#init.raiseForStatus && statusCode >= 400) {
      // As aiohttp: the body is released (read and dropped, so the connection is reused).
      this.#body.discard();
      this.#settleFuture(new ClientResponseError(statusCode, statusText, String(this.url)));
    } else if (!this.future.done()) {
      this.future.setResult(response);
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#phase !== 'body') return false;
    this.#deadlines.push('sockRead', this.#init.timeout.sockRead);
    this.#body.push(chunk);
    return true;
  }

  onComplete(_trailers: string[] | null): void {
    if (this.#phase !== 'body' || this.#loopGone()) return;
    if (this.#redirectTo !== null) {
      this.#followRedirect(this.#redirectTo);
      return;
    }
    this.#phase = 'done';
    this.#finish();
    this.#init.pool.release(this.#conn!, true);
    this.#body.end();
  }

  onError(err: Error): void {
    if (this.#phase === 'done' || this.#phase === 'failed' || this.#loopGone()) return;
    if (this.#phase === 'sent' && this.#canRetry()) {
      // The server closed a kept-alive connection just as the request went out on it. As
      // aiohttp, an idempotent request is sent once more, on a new connection.
      this.#retried = true;
      this.#init.pool.release(this.#conn!, false);
      this.#conn = null;
      this.#nextHop();
      return;
    }
    this.#fail(this.#translate(err));
  }

  // --- used by ClientResponse ---

  /** False for the redirect responses in `history`: their bodies were dropped. */
  isCurrent(response: ClientResponse): boolean {
    return this.#response === response;
  }

  /** The body, once it has been received in full (read once, then cached). */
  read(): Future<Uint8Array> {
    // A reader cancelled mid-body stops the transfer, which frees the connection; a later read()
    // (or another reader) gets a ClientError, not the cancellation meant for that one task.
    return this.#body.read((error) =>
      this.#abort(new ClientError('Connection closed: a read of the response body was cancelled', { cause: error })),
    );
  }

  /**
   * Lets go of the body: the rest of it is received and dropped, so the connection goes back to
   * the pool when it ends. A body already complete stays readable.
   */
  release(): void {
    if (this.#phase === 'body') this.#body.discard();
  }

  /** Closes the connection now if the body is still coming (aiohttp's `resp.close()`). */
  close(): void {
    if (this.#phase !== 'done' && this.#phase !== 'failed') {
      this.#fail(new ClientError('Connection closed: the response was closed before its body was read'));
    }
  }

  /** Fails a request still in flight when its session closes. */
  abortForClose(): void {
    if (this.#phase !== 'done' && this.#phase !== 'failed') {
      this.#fail(new ClientError(`Session closed during the request to ${String(this.url)}`));
    }
  }

  // --- internals ---

  /**
   * Follows a redirect (see {@link redirectHop} for the rules) once its body was received: the
   * connection goes back to the pool and the next hop waits for a slot of its own.
   */
  #followRedirect(location: string): void {
    const response = this.#response!;
    this.#redirectTo = null;
    this.history.push(response);
    this.#init.pool.release(this.#conn!, true);
    this.#conn = null;
    if (this.history.length > this.#init.maxRedirects) {
      this.#fail(new TooManyRedirects(response.status, response.reason, String(this.url), this.history.length));
      return;
    }
    try {
      this.#hop = redirectHop(this.#hop, response.status, location);
      this.#origin = this.#hop.url.origin;
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#response = null;
    this.#body = new ResponseBody(this.#loop);
    this.#nextHop();
  }

  /** True when a failure before any response may be retried: see onError. */
  #canRetry(): boolean {
    return !this.#retried && this.#conn !== null && this.#conn.uses > 1 && IDEMPOTENT_METHODS.has(this.#hop.method);
  }

  /** Sends the (new or repeated) request again: waits for a slot with fresh per-hop timers. */
  #nextHop(): void {
    this.#phase = 'waiting';
    this.#deadlines.clear('sockConnect');
    this.#deadlines.clear('sockRead');
    this.#deadlines.start('connect', this.#init.timeout.connect);
    const conn = this.#init.pool.acquire(this);
    if (conn !== null) this.grant(conn);
  }

  /**
   * True (and the request dropped, its connection closed) when the loop it was made on has been
   * closed: `run()` ended with the request still in flight. Nobody can await it any more, and
   * completing its futures would schedule callbacks on a closed loop.
   */
  #loopGone(): boolean {
    if (!this.#loop.isClosed()) return false;
    if (this.#phase !== 'done' && this.#phase !== 'failed') {
      this.#phase = 'failed';
      this.#deadlines.stop();
      this.#body.discard();
      if (this.#onAbortSignal !== null) this.#init.signal!.removeEventListener('abort', this.#onAbortSignal);
      this.#init.onSettled(this);
      if (this.#conn !== null) this.#init.pool.release(this.#conn, false);
    }
    return true;
  }

  #expired(kind: TimeoutKind): void {
    if (this.#phase === 'done' || this.#phase === 'failed') return;
    this.#fail(new ServerTimeoutError(kind, this.#init.timeout[kind]!, String(this.url)));
  }

  #finish(): void {
    this.#deadlines.stop();
    if (this.#onAbortSignal !== null) {
      this.#init.signal!.removeEventListener('abort', this.#onAbortSignal);
      this.#onAbortSignal = null;
    }
    this.#init.onSettled(this);
  }

  /** Stops the request for `reason` (a cancellation or an abort signal). */
  #abort(reason: unknown): void {
    if (this.#phase === 'done' || this.#phase === 'failed') return;
    this.#fail(reason);
  }

  /** Ends the request with `error`: closes its connection, rejects whoever waits for it. */
  #fail(error: unknown): void {
    const phase = this.#phase;
    this.#phase = 'failed';
    this.#finish();
    if (this.#conn !== null) this.#init.pool.release(this.#conn, false);
    this.#conn = null;
    if (phase !== 'body' || !this.future.done()) {
      this.#settleFuture(error);
      return;
    }
    this.#body.fail(error);
  }

  #settleFuture(error: unknown): void {
    if (!this.future.done()) this.future.setException(error);
  }

  /** undici's error, as the ClientError aiohttp would raise at this point of the request. */
  #translate(err: Error): unknown {
    if (err instanceof CancelledError) return err;
    if ((err as { code?: unknown }).code === 'UND_ERR_INVALID_ARG') return new ValueError(err.message, { cause: err });
    if (this.#phase === 'waiting' || this.#phase === 'connecting') {
      const { hostname, port, protocol } = this.url;
      const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
      return new ClientConnectorError(host, port === '' ? (protocol === 'https:' ? 443 : 80) : Number(port), { cause: err });
    }
    const what = this.#phase === 'body' ? 'while reading the response body' : 'before the response headers';
    return new ClientError(`Connection to ${this.origin} failed ${what}: ${err.message}`, { cause: err });
  }
}
