/**
 * Options of `openConnection` and `startServer`, their defaults, and the checks made at the door:
 * each bad value is a TypeError (wrong type) or ValueError (bad value) that names it.
 */
import type { SecureContext, SecureContextOptions, TlsOptions, ConnectionOptions } from 'node:tls';
import { ValueError } from '../errors.js';
import { checkSeconds, describe } from '../internal/validate.js';

/** asyncio's default line length limit: 64 KiB. The reader pauses the socket above twice this. */
export const DEFAULT_LIMIT = 2 ** 16;
/** Writes pause (drain() waits) once more than this many bytes wait to be sent, as in asyncio. */
export const WRITE_HIGH_WATER = 64 * 1024;
/** Paused writes resume (drain() returns) once the unsent bytes fall to this, as in asyncio. */
export const WRITE_LOW_WATER = 16 * 1024;
/** asyncio's default listen backlog. */
export const DEFAULT_BACKLOG = 100;
/** asyncio's default TLS handshake timeout, in seconds. */
export const DEFAULT_SSL_HANDSHAKE_TIMEOUT = 60;

/**
 * TLS settings: a secure context from `tls.createSecureContext`, or the options Node's `tls`
 * module takes (`key`/`cert` for a server; `ca`, `rejectUnauthorized`… for a client). `true`
 * on a client means "TLS with Node's default trust store".
 */
export type SslOption = SecureContext | TlsOptions | ConnectionOptions | SecureContextOptions | boolean;

/** Options shared by `openConnection` and `startServer`. */
export interface StreamOptions {
  /** The reader's limit in bytes (default 65536): the longest line, and half the read buffer. */
  limit?: number;
  /** Use TLS with these settings. */
  ssl?: SslOption | null;
  /** Seconds allowed for the TLS handshake (default 60). Only with `ssl`. */
  sslHandshakeTimeout?: number | null;
}

/** Options of `openConnection` / `openUnixConnection`. */
export interface ConnectionOpts extends StreamOptions {
  /** The name the server's certificate must carry (default: `host`). Only with `ssl`. */
  serverHostname?: string | null;
}

/** Options of `startServer` / `startUnixServer`. */
export interface ServerOpts extends StreamOptions {
  /** The listen backlog (default 100). */
  backlog?: number;
  /** Start listening at once (default true); else on `startServing()` or `serveForever()`. */
  startServing?: boolean;
  /** SO_REUSEPORT. Node ignores it before 22.12, so `true` is refused there. */
  reusePort?: boolean;
}

/** True for what `tls.createSecureContext()` returns (Node does not export its class). */
export function isSecureContext(value: unknown): value is SecureContext {
  return (
    typeof value === 'object' &&
    value !== null &&
    'context' in value &&
    (value as { constructor?: { name?: string } }).constructor?.name === 'SecureContext'
  );
}

/** Checks `limit`: a number > 0. */
export function checkLimit(limit: unknown): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (typeof limit !== 'number') throw new TypeError(`limit must be a number, got ${describe(limit)}`);
  if (!(limit > 0)) throw new ValueError(`Limit cannot be <= 0: limit is ${describe(limit)}`);
  return limit;
}

/** Checks a TCP port: an integer 0–65535 (a string of digits is accepted, as asyncio does). */
export function checkPort(port: unknown): number {
  const value = typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
  if (typeof value !== 'number') throw new TypeError(`port must be a number, got ${describe(port)}`);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ValueError(`port must be an integer from 0 to 65535, got ${describe(port)}`);
  }
  return value;
}

/** Checks a host to connect to: a non-empty string. */
export function checkHost(host: unknown): string {
  if (typeof host !== 'string') throw new TypeError(`host must be a string, got ${describe(host)}`);
  if (host === '') throw new ValueError(`host must not be empty`);
  return host;
}

/**
 * Checks the hosts to listen on: a string, a list of strings, or `null`/`undefined`/`''` for
 * every interface. Returns the list, `[undefined]` standing for "every interface".
 */
export function checkListenHosts(host: unknown): (string | undefined)[] {
  if (host === null || host === undefined || host === '') return [undefined];
  if (typeof host === 'string') return [host];
  if (Array.isArray(host) && host.length > 0) {
    return host.map((h) => {
      if (typeof h !== 'string' || h === '') throw new TypeError(`host must be a string, got ${describe(h)} in the host list`);
      return h;
    });
  }
  throw new TypeError(`host must be a string or a list of strings, got ${describe(host)}`);
}

/** Checks a unix socket path: a non-empty string. */
export function checkPath(path: unknown): string {
  if (typeof path !== 'string') throw new TypeError(`path must be a string, got ${describe(path)}`);
  if (path === '') throw new ValueError('path must not be empty');
  return path;
}

/** Checks `backlog`: an integer >= 0. */
export function checkBacklog(backlog: unknown): number {
  if (backlog === undefined) return DEFAULT_BACKLOG;
  if (typeof backlog !== 'number') throw new TypeError(`backlog must be a number, got ${describe(backlog)}`);
  if (!Number.isInteger(backlog) || backlog < 0) {
    throw new ValueError(`backlog must be an integer >= 0, got ${describe(backlog)}`);
  }
  return backlog;
}

/** Checks the TLS-only options: they make sense only together with `ssl`. */
export function checkSslOptions(opts: ConnectionOpts): { ssl: SslOption | null; handshakeTimeout: number } {
  const ssl = opts.ssl === undefined || opts.ssl === null || opts.ssl === false ? null : opts.ssl;
  if (typeof opts.ssl !== 'undefined' && opts.ssl !== null && typeof opts.ssl !== 'object' && typeof opts.ssl !== 'boolean') {
    throw new TypeError(`ssl must be a secure context, TLS options or a boolean, got ${describe(opts.ssl)}`);
  }
  const timeout = opts.sslHandshakeTimeout;
  if (timeout !== undefined && timeout !== null) {
    if (ssl === null) throw new ValueError('sslHandshakeTimeout is only meaningful with ssl');
    checkSeconds('sslHandshakeTimeout', timeout);
    if (!(timeout > 0)) throw new ValueError(`sslHandshakeTimeout should be a positive number, got ${describe(timeout)}`);
  }
  const name = opts.serverHostname;
  if (name !== undefined && name !== null) {
    if (ssl === null) throw new ValueError('serverHostname is only meaningful with ssl');
    if (typeof name !== 'string') throw new TypeError(`serverHostname must be a string, got ${describe(name)}`);
  }
  return { ssl, handshakeTimeout: timeout ?? DEFAULT_SSL_HANDSHAKE_TIMEOUT };
}

/** The first Node versions whose `listen()` honours `reusePort`: 22.12 and 23.1. */
export function nodeSupportsReusePort(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12);
}

/** Refuses `reusePort: true` where Node would silently ignore it. */
export function checkReusePort(reusePort: unknown, version = process.versions.node): boolean {
  if (reusePort === undefined || reusePort === null || reusePort === false) return false;
  if (reusePort !== true) throw new TypeError(`reusePort must be a boolean, got ${describe(reusePort)}`);
  if (!nodeSupportsReusePort(version)) {
    const major = version.split('.')[0];
    throw new ValueError(
      `reusePort: true is not supported on Node ${version}: Node ${major} ignores the reusePort ` +
        `option (it is honoured from Node 22.12 and 23.1), so SO_REUSEPORT would silently stay off`,
    );
  }
  return true;
}
