/**
 * Following redirects as aiohttp does, and reading undici's raw headers.
 * @module
 */
import { InvalidURL } from '../errors.js';

/** The statuses that redirect when they carry a `Location`. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Methods that may be sent twice (a retry after a stale kept-alive connection). */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** What a hop sends. */
export interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string> | null;
  body: string | Uint8Array | null;
}

/**
 * The request that follows a `status` redirect to `location` from `from`, with aiohttp's rules:
 * 303 (unless HEAD) and 301/302 after a POST turn into a GET without a body; 307/308 repeat the
 * request as it was; `Authorization` is not sent to another origin. InvalidURL (naming the
 * location) when it is malformed or not http(s).
 */
export function redirectHop(from: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, from.url);
  } catch (error) {
    throw new InvalidURL(location, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidURL(location, { cause: new TypeError(`redirect to an unsupported scheme '${url.protocol.slice(0, -1)}'`) });
  }
  let { method, headers, body } = from;
  if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = null;
    if (headers !== null) {
      const { 'content-type': _type, 'content-length': _length, ...rest } = headers;
      headers = rest;
    }
  }
  if (url.origin !== from.url.origin && headers !== null && 'authorization' in headers) {
    const { authorization: _auth, ...rest } = headers;
    headers = rest;
  }
  return { url, method, headers, body };
}

/** The first value of header `name` (lower-case) in undici's raw header list, or null. */
export function findHeader(raw: Buffer[], name: string): string | null {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.length === name.length && key.toString('latin1').toLowerCase() === name) return raw[i + 1]!.toString('latin1');
  }
  return null;
}
