/** `StreamReader`: asyncio's buffered byte reader (CPython 3.13 `streams.py`). */
import { Buffer } from 'node:buffer';
import { Future } from '../futures.js';
import { IncompleteReadError, LimitOverrunError, RuntimeError, ValueError } from '../errors.js';
import { describe } from '../internal/validate.js';
import { ByteBuffer } from './byte-buffer.js';
import { checkLimit } from './options.js';
import { findEarliest, newline, normalizeSeparators, toBuffer } from './separators.js';
import type { Separator, Separators, SeparatorMatch } from './separators.js';

const EMPTY = Buffer.alloc(0);
const NEWLINE_BYTE = Buffer.from('\n');

/** What a reader asks of its source of data: stop and restart delivery (a socket). */
export interface ReadFlowControl {
  /** Stop delivering data: more than twice the limit is buffered. */
  pauseReading(): void;
  /** Deliver data again: the buffer is down to the limit, or a read is waiting. */
  resumeReading(): void;
}

/** Options of {@link StreamReader}. */
export interface StreamReaderOptions {
  /** Line length limit in bytes (default 65536); the source is paused above twice this. */
  limit?: number;
}

/**
 * A buffer of received bytes with asyncio's read methods. Sockets feed it (`openConnection`,
 * `startServer`), and so can a program or a test, through {@link StreamReader.feedData},
 * {@link StreamReader.feedEof} and {@link StreamReader.setException}.
 *
 * Guarantees, as in asyncio:
 * - one read at a time: a read that must wait while another waits is a `RuntimeError`;
 * - reads are cancellable: cancelling the waiting task leaves every buffered byte in place for
 *   the next read;
 * - an exception set with `setException` (a reset connection) is raised by every later read,
 *   even when data is still buffered;
 * - flow control: the source is paused when more than `2 × limit` bytes are buffered and resumed
 *   once reads bring it down to `limit` (or when a read must wait for more);
 * - bytes returned are `Buffer`s (so `Uint8Array`s); at EOF `read` and `readline` return an empty one.
 *
 * @example
 * ```ts
 * const reader = new StreamReader();
 * reader.feedData(Buffer.from('line1\nline2'));
 * reader.feedEof();
 * await reader.readline(); // 'line1\n'
 * await reader.readline(); // 'line2' (a partial last line)
 * ```
 */
export class StreamReader {
  readonly #limit: number;
  readonly #buffer = new ByteBuffer();
  #eof = false;
  #waiter: Future<void> | null = null;
  #exception: unknown = null;
  #transport: ReadFlowControl | null = null;
  #paused = false;

  /** @throws ValueError when `limit <= 0`. */
  constructor(options: StreamReaderOptions = {}) {
    this.#limit = checkLimit(options.limit);
  }

  /** The line length limit in bytes. */
  get limit(): number {
    return this.#limit;
  }

  /** How many bytes are buffered and not yet read. */
  get bufferedLength(): number {
    return this.#buffer.length;
  }

  /** The exception set by {@link StreamReader.setException}, or `null`. */
  exception(): unknown {
    return this.#exception;
  }

  /** Makes every later read raise `exc`, and wakes a waiting read with it. */
  setException(exc: unknown): void {
    this.#exception = exc;
    const waiter = this.#waiter;
    if (waiter !== null) {
      this.#waiter = null;
      if (!waiter.done()) waiter.setException(exc);
    }
  }

  /** Connects the reader to the source it can pause. Set once. */
  setTransport(transport: ReadFlowControl): void {
    if (this.#transport !== null) throw new RuntimeError('Transport already set');
    this.#transport = transport;
  }

  /** Appends received bytes (kept by reference: don't modify them afterwards). */
  feedData(data: Uint8Array | string): void {
    if (this.#eof) throw new RuntimeError('feedData() called after feedEof()');
    const chunk = toBuffer(data, 'data');
    if (chunk.length === 0) return;
    this.#buffer.push(chunk);
    this.#wakeup();
    if (this.#transport !== null && !this.#paused && this.#buffer.length > 2 * this.#limit) {
      this.#paused = true;
      this.#transport.pauseReading();
    }
  }

  /** Marks the end of the stream: waiting reads return what is buffered. */
  feedEof(): void {
    this.#eof = true;
    this.#wakeup();
  }

  /** True when EOF was fed and every buffered byte has been read. */
  atEof(): boolean {
    return this.#eof && this.#buffer.length === 0;
  }

  /**
   * Reads up to `n` bytes: with `n > 0`, returns as soon as at least one byte is buffered;
   * `n = 0` returns an empty array at once; `n < 0` (the default) reads until EOF. Not bound by
   * the limit. At EOF, returns an empty array.
   */
  async read(n = -1): Promise<Buffer> {
    if (typeof n !== 'number' || Number.isNaN(n)) throw new TypeError(`n must be a number, got ${describe(n)}`);
    if (this.#exception !== null) throw this.#exception;
    if (n === 0) return EMPTY;
    if (n < 0) {
      const blocks: Buffer[] = [];
      for (;;) {
        const block = await this.read(this.#limit);
        if (block.length === 0) break;
        blocks.push(block);
      }
      return blocks.length === 1 ? blocks[0]! : Buffer.concat(blocks);
    }
    if (this.#buffer.length === 0 && !this.#eof) await this.#waitForData('read');
    const data = this.#buffer.take(n);
    this.#maybeResume();
    return data;
  }

  /**
   * Reads one line, up to and including `\n`. At EOF a partial last line is returned, and an
   * empty array once nothing is left. A line longer than the limit is a `ValueError`: the line
   * (with its `\n`) is discarded if its end was seen, else the whole buffer is.
   */
  readline(): Promise<Buffer> {
    // Fast path: a whole line within the limit is already buffered.
    if (this.#exception === null) {
      const end = this.#buffer.indexOf(NEWLINE_BYTE);
      if (end !== -1 && end <= this.#limit) {
        const line = this.#buffer.take(end + 1);
        this.#maybeResume();
        return Promise.resolve(line);
      }
    }
    return this.#readlineSlow();
  }

  async #readlineSlow(): Promise<Buffer> {
    try {
      return await this.#readUntil(newline(), 'readline');
    } catch (e) {
      if (e instanceof IncompleteReadError) return Buffer.from(e.partial.buffer, e.partial.byteOffset, e.partial.length);
      if (e instanceof LimitOverrunError) {
        if (this.#buffer.byteAt(e.consumed) === 0x0a) this.#buffer.take(e.consumed + 1);
        else this.#buffer.clear();
        this.#maybeResume();
        throw new ValueError(e.message, { cause: e });
      }
      throw e;
    }
  }

  /**
   * Reads until `separator` (or, given a list, whichever separator match ends earliest) and
   * returns the data with the separator. The data before the separator may be at most `limit`
   * bytes, else `LimitOverrunError` (with `consumed`) is raised and the data stays buffered.
   * EOF first is an `IncompleteReadError` whose `partial` holds the consumed rest of the stream.
   */
  async readUntil(separator: Separator | readonly Separator[] = '\n'): Promise<Buffer> {
    return this.#readUntil(normalizeSeparators(separator), 'readUntil');
  }

  /**
   * Reads exactly `n` bytes (not bound by the limit). EOF first is an `IncompleteReadError`
   * with the bytes read so far as `partial` and `n` as `expected`; `n < 0` is a `ValueError`.
   */
  async readExactly(n: number): Promise<Buffer> {
    if (typeof n !== 'number' || Number.isNaN(n)) throw new TypeError(`n must be a number, got ${describe(n)}`);
    if (n < 0) throw new ValueError(`readExactly size can not be less than zero, got ${n}`);
    if (this.#exception !== null) throw this.#exception;
    if (n === 0) return EMPTY;
    while (this.#buffer.length < n) {
      if (this.#eof) throw new IncompleteReadError(this.#buffer.takeAll(), n);
      await this.#waitForData('readExactly');
    }
    const data = this.#buffer.take(n);
    this.#maybeResume();
    return data;
  }

  /** Iterates over lines (`readline`) until EOF. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer, void, undefined> {
    for (;;) {
      const line = await this.readline();
      if (line.length === 0) return;
      yield line;
    }
  }

  async #readUntil(seps: Separators, name: string): Promise<Buffer> {
    if (this.#exception !== null) throw this.#exception;
    // `offset`: how many leading bytes are known to hold no separator, so they are not rescanned.
    let offset = 0;
    let match: SeparatorMatch | null;
    for (;;) {
      const buflen = this.#buffer.length;
      if (buflen - offset >= seps.minLength) {
        match = findEarliest(this.#buffer, seps, offset);
        if (match !== null) break;
        offset = Math.max(0, buflen + 1 - seps.maxLength);
        if (offset > this.#limit) {
          throw new LimitOverrunError('Separator is not found, and chunk exceed the limit', offset);
        }
      }
      // A complete separator may have come with the last chunk: look before giving up at EOF.
      if (this.#eof) throw new IncompleteReadError(this.#buffer.takeAll(), null);
      await this.#waitForData(name);
    }
    if (match.start > this.#limit) {
      throw new LimitOverrunError('Separator is found, but chunk is longer than limit', match.start);
    }
    const chunk = this.#buffer.take(match.end);
    this.#maybeResume();
    return chunk;
  }

  /**
   * A future done when data, EOF or an error arrives. Returned as it is (not wrapped in an async
   * function): a waiter cancelled with its reader's task is left behind done, and counts as gone.
   */
  #waitForData(name: string): Future<void> {
    if (this.#waiter !== null && !this.#waiter.done()) {
      throw new RuntimeError(`${name}() called while another coroutine is already waiting for incoming data`);
    }
    // Waiting while paused would deadlock (readExactly(n) with n > limit).
    if (this.#paused) {
      this.#paused = false;
      this.#transport!.resumeReading();
    }
    const waiter = new Future<void>();
    this.#waiter = waiter;
    return waiter;
  }

  #wakeup(): void {
    const waiter = this.#waiter;
    if (waiter !== null) {
      this.#waiter = null;
      if (!waiter.done()) waiter.setResult(undefined);
    }
  }

  #maybeResume(): void {
    if (this.#paused && this.#buffer.length <= this.#limit) {
      this.#paused = false;
      this.#transport!.resumeReading();
    }
  }
}
