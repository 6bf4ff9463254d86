/**
 * `SocketTransport`: a Node socket (`net.Socket` or `tls.TLSSocket`) seen as an asyncio transport
 * feeding a {@link StreamReader}, with asyncio's write flow control and close handling.
 */
import type { Buffer } from 'node:buffer';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { Future } from '../futures.js';
import { ConnectionResetError, RuntimeError } from '../errors.js';
import { WRITE_HIGH_WATER, WRITE_LOW_WATER } from './options.js';
import type { StreamReader } from './stream-reader.js';
import { WriteFlow } from './write-flow.js';

/** Lifecycle of a transport: open, then closing (close/abort asked), then closed (socket gone). */
export type TransportState = 'open' | 'closing' | 'closed';

/** How the transport was made, for `getExtraInfo`. */
export interface TransportInfo {
  /** The TLS context or options in use, returned as `'sslcontext'`. */
  sslcontext?: unknown;
  /** For unix sockets: the socket path and which side this is. */
  unixPath?: string;
  side?: 'client' | 'server';
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Turns Node's reset-like socket errors into tsaio's `ConnectionResetError` (cause: the original). */
export function toConnectionError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && RESET_CODES.has(code)) {
    return new ConnectionResetError((err as Error).message, { cause: err });
  }
  return err;
}

/**
 * Owns one Node socket for a stream pair. Incoming bytes go to the reader; the peer's EOF is the
 * reader's EOF (the socket stays writable: half-open, as asyncio); the socket closing is the
 * reader's EOF, or its exception when the connection failed (resets become `ConnectionResetError`).
 * Writes pause once more than 64 KiB wait to be sent and resume at 16 KiB (asyncio's marks).
 */
export class SocketTransport {
  /** The Node socket. */
  readonly socket: Socket;
  readonly #reader: StreamReader | null;
  readonly #info: TransportInfo;
  readonly #flow = new WriteFlow();
  readonly #closeWaiters = new Set<Future<void>>();
  readonly #lostListeners: ((exc: unknown) => void)[] = [];
  #state: TransportState = 'open';
  #eofWritten = false;
  #error: unknown = null;

  /** Wires `socket`'s events; the socket must not have other `'data'` listeners. */
  constructor(socket: Socket, reader: StreamReader | null, info: TransportInfo = {}) {
    this.socket = socket;
    this.#reader = reader;
    this.#info = info;
    reader?.setTransport(this);
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('error', this.#onError);
    socket.on('close', this.#onClose);
  }

  /** Where the transport is in its lifecycle. */
  get state(): TransportState {
    return this.#state;
  }

  /** True for a TLS socket. */
  get isTls(): boolean {
    return this.socket instanceof TLSSocket;
  }

  /** Sends `data` (empty data does nothing). Dropped once the transport is closing. */
  write(data: Buffer): void {
    if (this.#eofWritten) throw new RuntimeError('Cannot call write() after writeEof()');
    if (data.length === 0 || this.#state !== 'open' || this.socket.destroyed) return;
    // A write callback costs Node a nextTick per write: ask for one only while writing is paused.
    if (this.#flow.paused) this.socket.write(data, this.#afterWrite);
    else this.socket.write(data);
    if (!this.#flow.paused && this.socket.writableLength > WRITE_HIGH_WATER) {
      this.#flow.pause();
      this.socket.once('drain', this.#afterWrite);
    }
  }

  /** Half-closes: sends EOF (FIN) after the buffered data; reading goes on. */
  writeEof(): void {
    if (!this.canWriteEof()) throw new RuntimeError('This transport cannot write EOF (TLS transports cannot, as in asyncio)');
    if (this.#eofWritten || this.#state !== 'open') return;
    this.#eofWritten = true;
    this.socket.end();
  }

  /** True for plain TCP and unix sockets; false for TLS (as asyncio's SSL transport). */
  canWriteEof(): boolean {
    return !this.isTls;
  }

  /** Closes after the buffered data is sent. Data received afterwards is dropped. */
  close(): void {
    if (this.#state !== 'open') return;
    this.#state = 'closing';
    const socket = this.socket;
    socket.resume();
    if (socket.destroyed) return;
    if (socket.writableFinished) {
      socket.destroy();
      return;
    }
    socket.once('finish', () => socket.destroy());
    if (!socket.writableEnded) socket.end();
  }

  /** Closes at once, dropping unsent data. */
  abort(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closing';
    this.socket.destroy();
  }

  /** True once `close`/`abort` was called or the connection was lost. */
  isClosing(): boolean {
    return this.#state !== 'open' || this.socket.destroyed;
  }

  /** Stops delivering data (the reader's buffer is full). */
  pauseReading(): void {
    this.socket.pause();
  }

  /** Delivers data again. */
  resumeReading(): void {
    this.socket.resume();
  }

  /** True when `drain()` has nothing to wait for: open, not paused. */
  canSkipDrain(): boolean {
    return this.#state === 'open' && !this.socket.destroyed && !this.#flow.paused;
  }

  /** Waits while writes are paused; raises once the connection is lost. */
  drainHelper(): Promise<void> {
    return this.#flow.wait();
  }

  /** Resolves when the socket is closed; rejects with the error that closed it, if any. */
  async waitClosed(): Promise<void> {
    if (this.#state === 'closed') {
      if (this.#error !== null) throw this.#error;
      return;
    }
    const waiter = new Future<void>();
    this.#closeWaiters.add(waiter);
    try {
      await waiter;
    } finally {
      this.#closeWaiters.delete(waiter);
    }
  }

  /** Calls `listener` once when the connection is lost, with its error or `null`. */
  onConnectionLost(listener: (exc: unknown) => void): void {
    if (this.#state === 'closed') listener(this.#error);
    else this.#lostListeners.push(listener);
  }

  /** asyncio's `get_extra_info`: `'peername'`, `'sockname'`, `'socket'`, `'sslcontext'`, `'peercert'`, `'cipher'`. */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    const socket = this.socket;
    const unix = this.#info.unixPath;
    switch (name) {
      case 'peername':
        if (unix !== undefined) return this.#info.side === 'client' ? unix : '';
        return socket.remoteAddress === undefined ? defaultValue : [socket.remoteAddress, socket.remotePort];
      case 'sockname':
        if (unix !== undefined) return this.#info.side === 'server' ? unix : '';
        return socket.localAddress === undefined ? defaultValue : [socket.localAddress, socket.localPort];
      case 'socket':
        return socket;
      case 'sslcontext':
        return this.#info.sslcontext ?? defaultValue;
      case 'peercert': {
        if (!(socket instanceof TLSSocket)) return defaultValue;
        const cert = socket.getPeerCertificate();
        return cert && Object.keys(cert).length > 0 ? cert : defaultValue;
      }
      case 'cipher':
        return socket instanceof TLSSocket ? (socket.getCipher() ?? defaultValue) : defaultValue;
      default:
        return defaultValue;
    }
  }

  readonly #afterWrite = (): void => {
    if (this.#flow.paused && this.socket.writableLength <= WRITE_LOW_WATER) this.#flow.resume();
  };

  readonly #onData = (chunk: Buffer): void => {
    if (this.#state === 'open') this.#reader?.feedData(chunk);
  };

  readonly #onEnd = (): void => {
    this.#reader?.feedEof();
    // asyncio's SSL transport closes on EOF; a plain socket stays open for writing (half-open).
    if (this.isTls) this.close();
  };

  readonly #onError = (err: unknown): void => {
    if (this.#error === null) this.#error = toConnectionError(err);
  };

  readonly #onClose = (): void => {
    this.#state = 'closed';
    const exc = this.#error;
    if (this.#reader !== null) {
      if (exc !== null) this.#reader.setException(exc);
      else this.#reader.feedEof();
    }
    this.#flow.connectionLost(exc);
    for (const waiter of this.#closeWaiters) {
      if (waiter.done()) continue;
      if (exc !== null) waiter.setException(exc);
      else waiter.setResult(undefined);
    }
    for (const listener of this.#lostListeners.splice(0)) listener(exc);
  };
}
