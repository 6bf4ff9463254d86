/**
 * Checking and building what a request sends: URL with params, headers, body.
 * @module
 */
import { InvalidURL, ValueError } from '../errors.js';
import { describe } from '../internal/validate.js';
import type { ClientTimeout, ClientTimeoutOptions } from './client-timeout.js';

/** Query parameters: added to the URL's own, in order. */
export type Params =
  | URLSearchParams
  | Record<string, string | number | bigint | readonly (string | number | bigint)[]>
  | Iterable<readonly [string, string | number | bigint]>;

/** Request headers: names are case-insensitive; a later value replaces an earlier one. */
export type HeadersLike = Headers | Record<string, string | number> | Iterable<readonly [string, string | number]>;

/** A request body given as `data`. */
export type Data = string | Uint8Array | ArrayBuffer | URLSearchParams | Record<string, string | number | bigint>;

/** Options of one request. */
export interface RequestOptions {
  /** Query parameters, added to those of the URL. */
  params?: Params;
  /** Headers, on top of the session's (case-insensitive; these win). */
  headers?: HeadersLike;
  /** A value sent as JSON (`Content-Type: application/json`). Not with `data`. */
  json?: unknown;
  /**
   * The body: a string (`text/plain; charset=utf-8`), bytes (`application/octet-stream`), or
   * URLSearchParams / a plain object (sent as a form, `application/x-www-form-urlencoded`).
   */
  data?: Data | null;
  /** This request's timeouts, replacing the session's; a number is `total` alone. */
  timeout?: ClientTimeout | ClientTimeoutOptions | number;
  /** Overrides the session's `raiseForStatus` for this request. */
  raiseForStatus?: boolean;
  /** Aborts the request when aborted; the request then rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Follow redirects (301, 302, 303, 307, 308), as aiohttp does by default. Default true. */
  allowRedirects?: boolean;
  /** How many redirects to follow before TooManyRedirects. Default 10. */
  maxRedirects?: number;
}

const OPTION_KEYS = new Set(['params', 'headers', 'json', 'data', 'timeout', 'raiseForStatus', 'signal', 'allowRedirects', 'maxRedirects']);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The request options checked at the door: TypeError / ValueError naming the bad value. */
export function checkRequestOptions(opts: unknown): RequestOptions {
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== 'object') throw new TypeError(`request options must be an object, got ${describe(opts)}`);
  for (const key of Object.keys(opts)) {
    if (!OPTION_KEYS.has(key)) throw new TypeError(`unknown request option '${key}'`);
  }
  const o = opts as RequestOptions;
  if (o.json !== undefined && o.data !== undefined && o.data !== null) {
    throw new ValueError('data and json parameters can not be used at the same time');
  }
  if (o.raiseForStatus !== undefined && typeof o.raiseForStatus !== 'boolean') {
    throw new TypeError(`raiseForStatus must be a boolean, got ${describe(o.raiseForStatus)}`);
  }
  if (o.allowRedirects !== undefined && typeof o.allowRedirects !== 'boolean') {
    throw new TypeError(`allowRedirects must be a boolean, got ${describe(o.allowRedirects)}`);
  }
  if (o.maxRedirects !== undefined) {
    if (typeof o.maxRedirects !== 'number') throw new TypeError(`maxRedirects must be a number, got ${describe(o.maxRedirects)}`);
    if (!Number.isInteger(o.maxRedirects) || o.maxRedirects < 0) throw new ValueError(`maxRedirects must be an integer >= 0, got ${o.maxRedirects}`);
  }
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${describe(o.signal)}`);
  }
  if (o.params !== undefined) appendParams(new URLSearchParams(), o.params);
  return o;
}

/** The method, upper-cased; TypeError unless it is an HTTP token. */
export function checkMethod(method: unknown): string {
  if (typeof method !== 'string' || !TOKEN.test(method)) {
    throw new TypeError(`method must be an HTTP method name, got ${describe(method)}`);
  }
  return method.toUpperCase();
}

/** TypeError unless `url` is a string or a URL. */
export function checkUrlType(url: unknown): string | URL {
  if (typeof url !== 'string' && !(url instanceof URL)) throw new TypeError(`url must be a string or a URL, got ${describe(url)}`);
  return url;
}

/**
 * The absolute http(s) URL to request, with `params` added. InvalidURL (naming the URL as given)
 * for a malformed URL or any other scheme.
 */
export function buildUrl(input: string | URL, base: URL | null, params: Params | undefined): URL {
  let url: URL;
  try {
    url = base === null ? new URL(input) : new URL(input, base);
  } catch (error) {
    throw new InvalidURL(String(input), { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidURL(String(input), { cause: new TypeError(`unsupported scheme '${url.protocol.slice(0, -1)}': expected http or https`) });
  }
  if (url.hostname === '') throw new InvalidURL(String(input), { cause: new TypeError('no host') });
  if (params !== undefined) appendParams(url.searchParams, params);
  return url;
}

function paramValue(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new TypeError(`params['${key}'] must be a string or a number, got ${describe(value)}`);
}

function appendParams(target: URLSearchParams, params: Params): void {
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) target.append(k, v);
    return;
  }
  if (params === null || typeof params !== 'object') throw new TypeError(`params must be an object, got ${describe(params)}`);
  if (Symbol.iterator in params) {
    for (const pair of params as Iterable<readonly [string, unknown]>) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
        throw new TypeError(`params must hold [name, value] pairs, got ${describe(pair)}`);
      }
      target.append(pair[0], paramValue(pair[0], pair[1]));
    }
    return;
  }
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const item of v) target.append(k, paramValue(k, item));
    else target.append(k, paramValue(k, v));
  }
}

/** Adds `headers` to `target` (lower-cased names); TypeError naming a bad name or value. */
export function mergeHeaders(target: Record<string, string>, headers: HeadersLike, what: string): Record<string, string> {
  if (headers === null || typeof headers !== 'object') throw new TypeError(`${what} must be an object, got ${describe(headers)}`);
  const entries: Iterable<readonly [unknown, unknown]> =
    headers instanceof Headers || Symbol.iterator in headers
      ? (headers as Iterable<readonly [unknown, unknown]>)
      : Object.entries(headers);
  for (const pair of entries) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`${what} must hold [name, value] pairs, got ${describe(pair)}`);
    const [name, value] = pair as [unknown, unknown];
    if (typeof name !== 'string' || !TOKEN.test(name)) throw new TypeError(`${what}: bad header name ${describe(name)}`);
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`${what}['${name}'] must be a string or a number, got ${describe(value)}`);
    }
    const text = String(value);
    if (/[\r\n\0]/.test(text)) throw new ValueError(`${what}['${name}'] must not contain CR, LF or NUL`);
    target[name.toLowerCase()] = text;
  }
  return target;
}

/** The bytes or text to send for `data`, and the content type it implies. */
export function encodeData(data: Data): { body: string | Uint8Array; contentType: string } {
  if (typeof data === 'string') return { body: data, contentType: 'text/plain; charset=utf-8' };
  if (data instanceof Uint8Array) return { body: data, contentType: 'application/octet-stream' };
  if (data instanceof ArrayBuffer) return { body: new Uint8Array(data), contentType: 'application/octet-stream' };
  const form = 'application/x-www-form-urlencoded';
  if (data instanceof URLSearchParams) return { body: data.toString(), contentType: form };
  if (data !== null && typeof data === 'object' && Object.getPrototypeOf(data) === Object.prototype) {
    const params = new URLSearchParams();
    appendParams(params, data as Params);
    return { body: params.toString(), contentType: form };
  }
  throw new TypeError(`data must be a string, bytes, URLSearchParams or a plain object, got ${describe(data)}`);
}
