/**
 * The HTTP client's own error: which {@link ClientTimeout} field ran out. The other HTTP errors
 * (InvalidURL, ClientError, ClientResponseError, ClientConnectorError, ContentTypeError) live in
 * the shared errors module.
 * @module
 */
import { ClientResponseError, TimeoutError, type AsyncioError } from '../errors.js';
import { brandError } from '../internal/brand-error.js';

/** The four fields of a ClientTimeout. */
export type TimeoutKind = 'total' | 'connect' | 'sockConnect' | 'sockRead';

const WHAT: Record<TimeoutKind, string> = {
  total: 'Total timeout',
  connect: 'Connection timeout (waiting for a free connection and connecting)',
  sockConnect: 'Socket connect timeout',
  sockRead: 'Socket read timeout',
};

/**
 * A request ran out of time. It is a tsaio `TimeoutError` (so `catch (e) { if (e instanceof
 * TimeoutError) … }` catches every HTTP timeout, as `asyncio.TimeoutError` does in aiohttp), and
 * says which field of the ClientTimeout fired in `timeout`, with its value in `seconds`.
 */
// TimeoutError is made by the errors module's helper; its type has an overloaded constructor that
// a class cannot extend directly. At run time the prototype chain is TimeoutError's.
const TimeoutErrorBase: new (message?: string, options?: ErrorOptions) => AsyncioError = TimeoutError;

export class ServerTimeoutError extends TimeoutErrorBase {
  /** Which timeout fired. */
  readonly timeout: TimeoutKind;
  /** Its value, in seconds. */
  readonly seconds: number;
  /** The URL requested. */
  readonly url: string;
  constructor(timeout: TimeoutKind, seconds: number, url: string, options?: ErrorOptions) {
    super(`${WHAT[timeout]}: ${timeout}=${seconds} s expired for ${url}`, options);
    this.timeout = timeout;
    this.seconds = seconds;
    this.url = url;
  }
}
brandError(ServerTimeoutError, 'ServerTimeoutError', 'ERR_TSAIO_SERVER_TIMEOUT');

/**
 * A request was redirected more than its `maxRedirects` (default 10) times. A
 * ClientResponseError for the last redirect response; `redirects` says how many were followed.
 */
export class TooManyRedirects extends ClientResponseError {
  readonly redirects: number;
  constructor(status: number, message: string, url: string, redirects: number, options?: ErrorOptions) {
    super(status, message, url, options);
    this.redirects = redirects;
  }
}
brandError(TooManyRedirects, 'TooManyRedirects', 'ERR_TSAIO_TOO_MANY_REDIRECTS');
