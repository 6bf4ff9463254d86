/**
 * The body of a response, buffered as it arrives and handed to its readers once complete.
 * @module
 */
import { Buffer } from 'node:buffer';
import { ClientError, type CancelledError } from '../errors.js';
import { Future } from '../futures.js';
import type { EventLoop } from '../loop/event-loop.js';

/**
 * A future that runs `onCancel` when it is cancelled, so that cancelling the task awaiting it
 * (which cancels the future) stops the request at once and frees its connection.
 */
export class RequestFuture<T> extends Future<T> {
  readonly #onCancel: (error: CancelledError) => void;
  constructor(loop: EventLoop, onCancel: (error: CancelledError) => void) {
    super(loop);
    this.#onCancel = onCancel;
  }
  override cancel(msg?: unknown): boolean {
    if (!super.cancel(msg)) return false;
    this.#onCancel(this._makeCancelledError());
    return true;
  }
}

/**
 * Chunks kept in arrival order, joined once at the end (a body in one chunk is not copied).
 * Ends with the bytes (`end`) or an error (`fail`); readers waiting meanwhile get either. After
 * `discard()` chunks are dropped as they come, and a read that was not complete fails.
 */
export class ResponseBody {
  readonly #loop: EventLoop;
  #chunks: Buffer[] = [];
  #length = 0;
  #discarding = false;
  #bytes: Uint8Array | null = null;
  #error: unknown = null;
  #readers: RequestFuture<Uint8Array>[] | null = null;
  /** Once the body has ended: a done future every read() returns. */
  #settled: Future<Uint8Array> | null = null;

  constructor(loop: EventLoop) {
    this.#loop = loop;
  }

  /** True once the whole body is in. */
  get complete(): boolean {
    return this.#bytes !== null;
  }

  push(chunk: Buffer): void {
    if (this.#discarding) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** Drops what arrived and what will arrive (a released response, a redirect). */
  discard(): void {
    this.#discarding = true;
    this.#chunks = [];
    this.#length = 0;
  }

  end(): void {
    const chunks = this.#chunks;
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#length);
    this.#bytes = bytes;
    this.#chunks = [];
    const readers = this.#readers;
    this.#readers = null;
    if (readers !== null) for (const r of readers) if (!r.done()) r.setResult(bytes);
  }

  fail(error: unknown): void {
    this.#chunks = [];
    this.#error = error;
    const readers = this.#readers;
    this.#readers = null;
    if (readers !== null) for (const r of readers) if (!r.done()) r.setException(error);
  }

  /**
   * The bytes, now if complete, else when they are. Cancelling the returned future calls
   * `onCancel` (which stops the transfer).
   */
  read(onCancel: (error: CancelledError) => void): Future<Uint8Array> {
    if (this.#settled !== null) return this.#settled;
    if (this.#bytes !== null) {
      this.#settled = new Future<Uint8Array>(this.#loop);
      this.#settled.setResult(this.#bytes);
      return this.#settled;
    }
    if (this.#error !== null || this.#discarding) {
      // A new failed future per call: each caller retrieves its own exception.
      const fut = new Future<Uint8Array>(this.#loop);
      fut.setException(this.#error ?? new ClientError('Connection closed: the response was released before its body was read'));
      return fut;
    }
    const fut = new RequestFuture<Uint8Array>(this.#loop, onCancel);
    (this.#readers ??= []).push(fut);
    return fut;
  }
}
