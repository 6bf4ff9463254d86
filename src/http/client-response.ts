/**
 * ClientResponse: the answer to a session's request, as aiohttp's.
 * @module
 */
import { Buffer } from 'node:buffer';
import { ClientError, ClientResponseError, ContentTypeError } from '../errors.js';
import { Future } from '../futures.js';
import type { Exchange } from './exchange.js';
import { findHeader } from './redirects.js';

/** Options for {@link ClientResponse.json}. */
export interface JsonOptions {
  /**
   * The content type the response must have, or `null` to accept any (aiohttp's
   * `content_type=None`). Default `'application/json'`, which also accepts `application/*+json`.
   */
  contentType?: string | null;
  /** The text encoding; default: the response's charset, else UTF-8. */
  encoding?: string;
  /** The parser; default `JSON.parse`. */
  loads?: (text: string) => unknown;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+?\+)?json$/;
const NO_HISTORY: readonly ClientResponse[] = Object.freeze([]);
const DISPOSED = Promise.resolve();

/**
 * A response of {@link ClientSession}: status line and headers at once, the body when read.
 *
 * The body is received as it arrives and kept, so `read()`, `text()` and `json()` may be called in
 * any order and any number of times: each resolves once the whole body is in, with the same
 * bytes. The connection goes back to the session's pool as soon as the body has been received,
 * whether or not it was read. `release()` (or leaving an `await using` block) drops a body still
 * arriving, which is then received and thrown away so that the connection is reused.
 *
 * Cancellation: cancelling a task while it awaits `read()`/`text()`/`json()` stops the transfer,
 * closes the connection and frees its slot at once.
 *
 * @example
 * await using resp = await session.get(`${base}/users/1`);
 * resp.raiseForStatus();
 * const user = await resp.json();
 */
export class ClientResponse {
  /** The request method. */
  readonly method: string;
  /** The HTTP status code. */
  readonly status: number;
  /** The status text (`OK`, `Not Found`). */
  readonly reason: string;
  /** The URL of this response: the last one when redirects were followed. */
  readonly url: URL;
  /** The redirect responses that led here, oldest first (empty without redirects). */
  readonly history: readonly ClientResponse[];
  readonly #exchange: Exchange;
  readonly #rawHeaders: Buffer[];
  #headers: Headers | null = null;

  /** @internal Made by the session. */
  constructor(exchange: Exchange, method: string, status: number, reason: string, rawHeaders: Buffer[]) {
    this.#exchange = exchange;
    this.method = method;
    this.status = status;
    this.reason = reason;
    this.url = exchange.url;
    this.history = exchange.history.length === 0 ? NO_HISTORY : exchange.history.slice();
    this.#rawHeaders = rawHeaders;
  }

  /** True when `status` is below 400, as aiohttp's `ok`. */
  get ok(): boolean {
    return this.status < 400;
  }

  /** The response headers; case-insensitive (`headers.get('Content-Type')`). */
  get headers(): Headers {
    if (this.#headers === null) {
      const headers = new Headers();
      const raw = this.#rawHeaders;
      for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!.toString('latin1'), raw[i + 1]!.toString('latin1'));
      this.#headers = headers;
    }
    return this.#headers;
  }

  /** The media type of the body, lower-cased, without parameters; `application/octet-stream` when absent. */
  get contentType(): string {
    const value = this.#header('content-type');
    if (value === null) return 'application/octet-stream';
    return value.split(';', 1)[0]!.trim().toLowerCase();
  }

  /** The `charset` parameter of the content type, or null. */
  get charset(): string | null {
    const value = this.#header('content-type');
    if (value === null) return null;
    const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(value);
    return match === null ? null : match[1]!.toLowerCase();
  }

  /**
   * The whole body as bytes, once received. Read once and cached: later calls (and `text()`,
   * `json()`) give the same bytes. Rejects with the request's error if it failed mid-body (a
   * `TimeoutError` for `sockRead`/`total`, a `ClientError` if the connection broke).
   */
  read(): Future<Uint8Array> {
    if (!this.#exchange.isCurrent(this)) {
      const fut = new Future<Uint8Array>(this.#exchange.future.getLoop());
      fut.setException(new ClientError('The body of a redirect response is not kept'));
      return fut;
    }
    return this.#exchange.read();
  }

  /**
   * The body decoded as text: with `encoding`, else the response's charset, else UTF-8. Invalid
   * bytes are an error unless `errors` is `'replace'` (aiohttp's `errors='strict'` default).
   */
  async text(encoding?: string, errors: 'strict' | 'replace' = 'strict'): Promise<string> {
    const bytes = await this.read();
    return decode(bytes, encoding ?? this.charset ?? 'utf-8', errors);
  }

  /**
   * The body parsed as JSON. ContentTypeError when the content type is not JSON, unless
   * `contentType` says otherwise (`null` accepts any). An empty body gives `null`, as in aiohttp.
   */
  async json(opts: JsonOptions = {}): Promise<unknown> {
    // As aiohttp: the body is read first, so it stays readable after a ContentTypeError.
    const bytes = await this.read();
    const expected = opts.contentType === undefined ? 'application/json' : opts.contentType;
    if (expected !== null) {
      const actual = this.contentType;
      const fits = expected === 'application/json' ? JSON_TYPE.test(actual) : actual.includes(expected);
      if (!fits) {
        throw new ContentTypeError(
          `${this.status}, message='Attempt to decode JSON with unexpected mimetype: ${actual}', url='${String(this.url)}'`,
        );
      }
    }
    const text = decode(bytes, opts.encoding ?? this.charset ?? 'utf-8', 'strict');
    if (text.trim() === '') return null;
    return (opts.loads ?? JSON.parse)(text);
  }

  /**
   * ClientResponseError (with `status`, the reason as its message, and `url`) when `status` is 400
   * or more; the body is released first, as in aiohttp. Nothing otherwise.
   */
  raiseForStatus(): void {
    if (this.status >= 400) {
      this.release();
      throw new ClientResponseError(this.status, this.reason, String(this.url));
    }
  }

  /**
   * Lets go of the response: a body still arriving is received and dropped, so that the
   * connection is reused. A body already received stays readable.
   */
  release(): void {
    if (this.#exchange.isCurrent(this)) this.#exchange.release();
  }

  /** Closes the connection if the body is still arriving (it is not reused); as aiohttp's `close()`. */
  close(): void {
    if (this.#exchange.isCurrent(this)) this.#exchange.close();
  }

  /** `await using resp = await session.get(url)`: releases the response when the block ends. */
  [Symbol.asyncDispose](): Promise<void> {
    this.release();
    return DISPOSED;
  }

  toString(): string {
    return `<ClientResponse(${String(this.url)}) [${this.status} ${this.reason}]>`;
  }

  #header(name: string): string | null {
    return findHeader(this.#rawHeaders, name);
  }
}

function decode(bytes: Uint8Array, encoding: string, errors: 'strict' | 'replace'): string {
  const label = encoding.toLowerCase();
  if (errors === 'replace' && (label === 'utf-8' || label === 'utf8')) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
  return new TextDecoder(label, { fatal: errors === 'strict' }).decode(bytes);
}
