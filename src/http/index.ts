/**
 * tsaio/http: aiohttp's client session on undici — connection limits across hosts, timeouts on
 * the loop's clock, cancellation from the task.
 * @module
 */
export { ClientSession, type ClientSessionOptions } from './client-session.js';
export { ClientResponse, type JsonOptions } from './client-response.js';
export { ClientTimeout, DEFAULT_TIMEOUT, type ClientTimeoutOptions } from './client-timeout.js';
export { ServerTimeoutError, TooManyRedirects, type TimeoutKind } from './errors.js';
export type { RequestOptions, Params, HeadersLike, Data } from './request-options.js';
export {
  ClientError,
  ClientConnectorError,
  ClientResponseError,
  ContentTypeError,
  InvalidURL,
  TimeoutError,
} from '../errors.js';
