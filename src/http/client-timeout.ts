/**
 * ClientTimeout: aiohttp's four request timeouts.
 * @module
 */
import { ValueError } from '../errors.js';
import { describe } from '../internal/validate.js';
import type { TimeoutKind } from './errors.js';

/** The fields of a {@link ClientTimeout}, in seconds; `null`, `undefined` or `0` means none. */
export interface ClientTimeoutOptions {
  total?: number | null;
  connect?: number | null;
  sockConnect?: number | null;
  sockRead?: number | null;
}

const KINDS: readonly TimeoutKind[] = ['total', 'connect', 'sockConnect', 'sockRead'];

/**
 * The timeouts of a request, with aiohttp's meanings, in seconds of loop time:
 *
 * - `total`: the whole request, from the call until the body has been received (so a slow body
 *   counts too);
 * - `connect`: until a connection is ready, **including the wait for a free connection** when
 *   the session's `limit`/`limitPerHost` is reached, and the TCP (and TLS) connect;
 * - `sockConnect`: the TCP (and TLS) connect of a new connection alone;
 * - `sockRead`: the longest the server may stay silent once the request was sent: until the
 *   response headers, then between two chunks of the body.
 *
 * `null`, `undefined` or `0` means no limit for that field. The timers run on the loop's clock
 * (`loop.callLater`), so a 0.2 s timeout fires at 0.2 s, and on a virtual clock exactly then. A
 * timeout that fires aborts the request, frees its connection and raises
 * {@link ServerTimeoutError} (a `TimeoutError`) naming the field.
 *
 * The session's default is aiohttp's: `{ total: 300, sockConnect: 30 }`. A request's own
 * `timeout` replaces the session's as a whole (fields are not merged), as in aiohttp.
 *
 * @example
 * const session = new ClientSession({ timeout: new ClientTimeout({ total: 10, sockRead: 2 }) });
 */
export class ClientTimeout {
  readonly total: number | null;
  readonly connect: number | null;
  readonly sockConnect: number | null;
  readonly sockRead: number | null;

  constructor(opts: ClientTimeoutOptions = {}) {
    if (opts === null || typeof opts !== 'object') {
      throw new TypeError(`ClientTimeout options must be an object, got ${describe(opts)}`);
    }
    this.total = field('total', opts.total);
    this.connect = field('connect', opts.connect);
    this.sockConnect = field('sockConnect', opts.sockConnect);
    this.sockRead = field('sockRead', opts.sockRead);
    Object.freeze(this);
  }

  /**
   * A ClientTimeout from what a caller may pass: a ClientTimeout as it is, an options object, or
   * a number of seconds for `total` alone.
   */
  static from(value: ClientTimeout | ClientTimeoutOptions | number, name = 'timeout'): ClientTimeout {
    if (value instanceof ClientTimeout) return value;
    if (typeof value === 'number') return new ClientTimeout({ total: field(name, value) });
    if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (!(KINDS as readonly string[]).includes(key)) {
          throw new TypeError(`${name} has an unknown field '${key}'; expected ${KINDS.join(', ')}`);
        }
      }
      return new ClientTimeout(value);
    }
    throw new TypeError(`${name} must be a ClientTimeout, an object or a number of seconds, got ${describe(value)}`);
  }

  toString(): string {
    return `ClientTimeout(total=${this.total}, connect=${this.connect}, sockConnect=${this.sockConnect}, sockRead=${this.sockRead})`;
  }
}

/** aiohttp's default: five minutes in all, thirty seconds to connect a socket. */
export const DEFAULT_TIMEOUT = new ClientTimeout({ total: 300, sockConnect: 30 });

function field(name: string, value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number of seconds or null, got ${describe(value)}`);
  if (Number.isNaN(value) || value < 0) throw new ValueError(`${name} must be >= 0 seconds, got ${value}`);
  return value === 0 ? null : value;
}
