/** `Server`: the listening side of streams, with asyncio's lifecycle (3.12.1+ `wait_closed`). */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { Future } from '../futures.js';
import { isCancelled, RuntimeError } from '../errors.js';
import type { EventLoop } from '../loop/index.js';
import { sleep } from '../tasks/index.js';
import { ClientConnection } from './client-connection.js';
import type { ClientConnectedCallback } from './client-connection.js';
import { WRITE_HIGH_WATER } from './options.js';
import type { TransportInfo } from './socket-transport.js';
import type { TlsAcceptor } from './tls-accept.js';

/** Where a server listens: a TCP host and port, or a unix socket path. */
export type ListenTarget = { host: string | undefined; port: number } | { path: string };

/** How a {@link Server} was asked to listen (checked by `startServer`). @internal */
export interface ServerConfig {
  readonly targets: readonly ListenTarget[];
  readonly limit: number;
  readonly backlog: number;
  readonly reusePort: boolean;
  /** TLS: Node server options (with `handshakeTimeout`), or an acceptor for a secure context. */
  readonly tls: tls.TlsOptions | TlsAcceptor | null;
  readonly sslcontext: unknown;
}

/** Lifecycle: created (not listening yet), serving, closed. */
export type ServerState = 'created' | 'serving' | 'closed';

/**
 * A listening server made by `startServer`. Each client's callback runs as its own task; an
 * error in one is reported through the loop's exception handler and never stops the server.
 *
 * Lifecycle guarantees, as asyncio 3.12.1+:
 * - `close()` stops accepting connections and leaves the open ones alone (see
 *   `closeClients()` / `abortClients()`);
 * - `waitClosed()` returns once the server is closed *and* every client is gone (its socket
 *   closed and its callback finished), in either order;
 * - `serveForever()` serves until cancelled; cancelling it closes the server and waits for it.
 *   Closing the server ends `serveForever()` with `CancelledError`.
 *
 * Node binds and listens in one step, so a server made with `startServing: false` gets its port
 * only when it starts serving. A listening server keeps the Node process alive until it is
 * closed (`close()`, or `await using`), whatever happens to the loop.
 *
 * @example
 * ```ts
 * await using server = await startServer(handle, '127.0.0.1', 0);
 * const port = server.sockets[0]!.address().port;
 * ```
 */
export class Server {
  readonly #loop: EventLoop;
  readonly #callback: ClientConnectedCallback;
  readonly #config: ServerConfig;
  readonly #listeners: net.Server[];
  readonly #clients = new Set<ClientConnection>();
  #state: ServerState = 'created';
  /** Futures of the calls waiting for the listeners to be bound; `null` once they are (or failed). */
  #listenWaiters: Set<Future<void>> | null = new Set();
  #listenError: unknown = null;
  #waiters: Set<Future<void>> | null = new Set();
  #servingForever: Future<void> | null = null;

  /** @internal Use `startServer` / `startUnixServer`. */
  constructor(loop: EventLoop, callback: ClientConnectedCallback, config: ServerConfig) {
    this.#loop = loop;
    this.#callback = callback;
    this.#config = config;
    this.#listeners = config.targets.map((target) => this.#createListener(target));
  }

  /** The listening Node servers, one per bound address; empty once closed. */
  get sockets(): readonly net.Server[] {
    return this.#state === 'closed' ? [] : this.#listeners;
  }

  /** Where the server is in its lifecycle. */
  get state(): ServerState {
    return this.#state;
  }

  /** The loop the server belongs to. */
  getLoop(): EventLoop {
    return this.#loop;
  }

  /** True while the server accepts connections. */
  isServing(): boolean {
    return this.#state === 'serving';
  }

  /** Starts accepting connections (if not already) and returns once listening. */
  async startServing(): Promise<void> {
    await this.#listen();
    await sleep(0);
  }

  /**
   * Accepts connections until cancelled. Cancelling the calling task closes the server, waits
   * for it to be closed, and re-raises the cancellation. Calling it twice at once, or on a
   * closed server, is a `RuntimeError`.
   */
  async serveForever(): Promise<void> {
    if (this.#servingForever !== null) throw new RuntimeError('server is already being awaited on serveForever()');
    if (this.#state === 'closed') throw new RuntimeError('server is closed');
    const forever = new Future<void>(this.#loop);
    this.#servingForever = forever;
    try {
      await this.#listen();
      await forever;
    } catch (e) {
      if (isCancelled(e)) {
        this.close();
        try {
          await this.waitClosed();
        } catch {
          // The first cancellation is the one re-raised.
        }
      }
      throw e;
    } finally {
      if (this.#servingForever === forever) this.#servingForever = null;
    }
  }

  /** Stops listening. Open connections stay open. Idempotent. */
  close(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    for (const listener of this.#listeners) listener.close(() => {});
    const forever = this.#servingForever;
    this.#servingForever = null;
    if (forever !== null && !forever.done()) forever.cancel();
    if (this.#clients.size === 0) this.#wakeup();
  }

  /** Closes every open connection once its queued data is sent. */
  closeClients(): void {
    for (const client of [...this.#clients]) client.close();
  }

  /** Closes every open connection at once, dropping queued data. */
  abortClients(): void {
    for (const client of [...this.#clients]) client.abort();
  }

  /** Waits until the server is closed and every client is gone (cancellable). */
  async waitClosed(): Promise<void> {
    if (this.#waiters === null) return;
    const waiter = new Future<void>();
    this.#waiters.add(waiter);
    try {
      await waiter;
    } finally {
      this.#waiters?.delete(waiter);
    }
  }

  /** `await using server = await startServer(…)`: closes the server and waits for it. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }

  /** Listens on every target (once); on a failure, closes the server and raises the error. */
  async #listen(): Promise<void> {
    if (this.#state === 'closed') throw new RuntimeError('server is closed');
    if (this.#state === 'created') {
      this.#state = 'serving';
      let pending = this.#listeners.length;
      this.#listeners.forEach((listener, i) => {
        this.#listenOne(listener, this.#config.targets[i]!, (err) => {
          if (err !== null) this.#listenDone(err);
          else if (--pending === 0) this.#listenDone(null);
        });
      });
    }
    if (this.#listenWaiters === null) {
      if (this.#listenError !== null) throw this.#listenError;
      return;
    }
    const waiter = new Future<void>(this.#loop);
    this.#listenWaiters.add(waiter);
    try {
      await waiter;
    } finally {
      this.#listenWaiters?.delete(waiter);
    }
  }

  #listenDone(err: unknown): void {
    const waiters = this.#listenWaiters;
    if (waiters === null) return;
    this.#listenWaiters = null;
    if (err !== null) {
      this.#listenError = err;
      this.close();
    }
    for (const waiter of waiters) {
      if (waiter.done()) continue;
      if (err !== null) waiter.setException(err);
      else waiter.setResult(undefined);
    }
  }

  #listenOne(listener: net.Server, target: ListenTarget, done: (err: unknown) => void): void {
    const onError = (err: unknown) => done(err);
    listener.once('error', onError);
    const options: net.ListenOptions & { reusePort?: boolean } = { backlog: this.#config.backlog };
    if ('path' in target) options.path = target.path;
    else {
      options.port = target.port;
      if (target.host !== undefined) options.host = target.host;
      if (this.#config.reusePort) options.reusePort = true;
    }
    try {
      listener.listen(options, () => {
        listener.off('error', onError);
        done(null);
      });
    } catch (e) {
      listener.off('error', onError);
      done(e); // options Node refuses synchronously
    }
  }

  #createListener(target: ListenTarget): net.Server {
    const base = { allowHalfOpen: true, noDelay: true, highWaterMark: WRITE_HIGH_WATER };
    const info: TransportInfo = 'path' in target ? { unixPath: target.path, side: 'server' } : {};
    if (this.#config.tls !== null) info.sslcontext = this.#config.sslcontext;
    const secure = this.#config.tls;
    const listener = secure === null || typeof secure === 'function' ? net.createServer(base) : tls.createServer({ ...base, ...secure });
    const onSocket = (socket: net.Socket) => this.#accept(socket, info);
    if (secure === null) listener.on('connection', onSocket);
    else if (typeof secure === 'function') listener.on('connection', (raw: net.Socket) => secure(raw, onSocket));
    else {
      listener.on('secureConnection', onSocket);
      // A failed handshake concerns that client only; Node already destroys its socket.
      listener.on('tlsClientError', () => {});
    }
    listener.on('error', (err) => {
      if (this.#listenWaiters !== null) return; // a listen error: #listenOne reports it
      this.#report('Error on server socket', err);
    });
    return listener;
  }

  #accept(socket: net.Socket, info: TransportInfo): void {
    if (this.#state === 'closed') {
      socket.destroy();
      return;
    }
    const client = new ClientConnection(socket, this.#config.limit, info, (c) => this.#detach(c));
    this.#clients.add(client);
    try {
      // Node calls us outside the loop; the callback starts from the loop, as in asyncio.
      this.#loop.callSoon(() => client.start(this.#loop, this.#callback));
    } catch {
      // The loop is closed: nobody can serve this client.
      client.abort();
      this.#clients.delete(client);
    }
  }

  #detach(client: ClientConnection): void {
    this.#clients.delete(client);
    if (this.#clients.size === 0 && this.#state === 'closed') this.#wakeup();
  }

  #wakeup(): void {
    const waiters = this.#waiters;
    this.#waiters = null;
    if (waiters === null) return;
    for (const waiter of waiters) if (!waiter.done()) waiter.setResult(undefined);
  }

  #report(message: string, exception: unknown): void {
    try {
      this.#loop.callExceptionHandler({ message, exception, server: this });
    } catch {
      // The loop is closed: there is no handler left to tell.
    }
  }
}
