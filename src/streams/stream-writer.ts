/** `StreamWriter`: asyncio's writer over a socket transport, with `drain()` backpressure. */
import { sleep } from '../tasks/index.js';
import { describe } from '../internal/validate.js';
import { toBuffer } from './separators.js';
import type { SocketTransport } from './socket-transport.js';
import type { StreamReader } from './stream-reader.js';

const DONE: Promise<void> = Promise.resolve();

/**
 * Writes to a connection. `write` never blocks: it queues the bytes. Call `drain()` after
 * writing to let the peer catch up; `close()` then `waitClosed()` to end the connection.
 *
 * Guarantees, as in asyncio:
 * - `drain()` returns at once while fewer than 64 KiB wait to be sent; past that it waits until
 *   they fall to 16 KiB. Every concurrent `drain()` is released together;
 * - once the connection is lost, `drain()` raises: the reader's exception if it has one (a
 *   `ConnectionResetError` after a reset), else `ConnectionResetError('Connection lost')`;
 * - `drain()` and `waitClosed()` are cancellable; cancelling them leaves the connection as it is;
 * - closing the writer feeds EOF to its reader.
 *
 * @example
 * ```ts
 * const [reader, writer] = await openConnection('127.0.0.1', port);
 * writer.write('hello\n');
 * await writer.drain();
 * console.log(String(await reader.readline()));
 * writer.close();
 * await writer.waitClosed();
 * ```
 */
export class StreamWriter {
  readonly #transport: SocketTransport;
  readonly #reader: StreamReader | null;

  /** Made by `openConnection` / `startServer`; rarely built by hand. */
  constructor(transport: SocketTransport, reader: StreamReader | null) {
    this.#transport = transport;
    this.#reader = reader;
  }

  /** The transport: the Node socket is `transport.socket`. */
  get transport(): SocketTransport {
    return this.#transport;
  }

  /**
   * Queues `data` (bytes, or a string sent as UTF-8). Bytes are sent by reference, as Node's
   * `socket.write` does: don't modify them afterwards. Data written after `close()` is dropped,
   * as asyncio does; a write after `writeEof()` is a `RuntimeError`.
   */
  write(data: Uint8Array | string): void {
    this.#transport.write(toBuffer(data, 'data'));
  }

  /** Writes each item of `lines` in order (no separator is added). */
  writeLines(lines: Iterable<Uint8Array | string>): void {
    if (lines === null || typeof (lines as Iterable<unknown>)?.[Symbol.iterator] !== 'function') {
      throw new TypeError(`lines must be an iterable of Uint8Array or string, got ${describe(lines)}`);
    }
    for (const line of lines) this.write(line);
  }

  /** Sends EOF after the queued data (a TCP half-close); the reader keeps reading replies. */
  writeEof(): void {
    this.#transport.writeEof();
  }

  /** True when `writeEof()` is possible: plain TCP and unix sockets, not TLS. */
  canWriteEof(): boolean {
    return this.#transport.canWriteEof();
  }

  /** Closes the connection once the queued data is sent. Idempotent. */
  close(): void {
    this.#transport.close();
  }

  /** True once `close()` was called or the connection was lost. */
  isClosing(): boolean {
    return this.#transport.isClosing();
  }

  /**
   * Waits until the connection is closed. Raises the error that closed it, if any (a
   * `ConnectionResetError` after a reset), as asyncio's `wait_closed` does.
   */
  waitClosed(): Promise<void> {
    return this.#transport.waitClosed();
  }

  /**
   * Information about the connection: `'peername'` and `'sockname'` (`[address, port]`, or the
   * path for unix sockets), `'socket'` (the Node socket), and for TLS `'sslcontext'`,
   * `'peercert'` and `'cipher'`. Returns `defaultValue` when unknown.
   */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this.#transport.getExtraInfo(name, defaultValue);
  }

  /** Waits until the peer has taken enough of the queued data (see the class guarantees). */
  drain(): Promise<void> {
    // Fast path: nothing to wait for, as asyncio's drain() when writes are not paused.
    if ((this.#reader === null || this.#reader.exception() === null) && this.#transport.canSkipDrain()) return DONE;
    return this.#drainSlow();
  }

  async #drainSlow(): Promise<void> {
    const exc = this.#reader?.exception() ?? null;
    if (exc !== null) throw exc;
    // Let the loop deliver the connection-lost event, so `write(); await drain()` in a loop sees it.
    if (this.#transport.isClosing()) await sleep(0);
    await this.#transport.drainHelper();
  }
}
