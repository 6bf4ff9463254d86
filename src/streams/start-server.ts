/** `startServer` and `startUnixServer`: make a {@link Server} that serves stream pairs. */
import { lstatSync, unlinkSync } from 'node:fs';
import * as tls from 'node:tls';
import { ValueError } from '../errors.js';
import { getRunningLoop } from '../loop/index.js';
import { describe } from '../internal/validate.js';
import type { ClientConnectedCallback } from './client-connection.js';
import type { ServerOpts, SslOption } from './options.js';
import {
  checkBacklog,
  checkLimit,
  checkListenHosts,
  checkPath,
  checkPort,
  checkReusePort,
  checkSslOptions,
  isSecureContext,
} from './options.js';
import { Server } from './server.js';
import type { ListenTarget } from './server.js';
import { tlsAcceptor } from './tls-accept.js';
import type { TlsAcceptor } from './tls-accept.js';

/**
 * Starts a TCP server (TLS with `ssl`) on `host:port` and calls `callback(reader, writer)` for
 * each client, in a task of its own. Returns once the server listens (unless
 * `startServing: false`). Port 0 picks a free port: `server.sockets[0].address().port`.
 *
 * `host` may be a list (one listening socket each); `null`, `undefined` or `''` listen on every
 * interface. A host name is bound to the first address Node resolves for it (asyncio binds
 * every address): list the addresses to bind several. Accepted sockets are half-open capable with Nagle off, as in asyncio.
 *
 * An async callback's connection is closed when the callback settles (CPython closes it when
 * the handler drops its writer); an error it raises is reported to the loop's exception handler
 * as 'Unhandled exception in client_connected_cb'; a cancelled callback is not reported. A plain
 * (non-async) callback leaves the connection to the program.
 *
 * Checked at the door, naming the bad value: a callback that is not a function, a non-string
 * host, a port outside 0–65535 (TypeError/ValueError), `limit <= 0` and a negative `backlog`
 * (ValueError), and `reusePort: true` on a Node that ignores it (ValueError, Node < 22.12).
 *
 * @example
 * ```ts
 * const server = await startServer(async (reader, writer) => {
 *   const line = await reader.readline();
 *   writer.write(line);
 *   await writer.drain();
 *   writer.close();
 *   await writer.waitClosed();
 * }, '127.0.0.1', 8888);
 * await server.serveForever();
 * ```
 */
export async function startServer(
  callback: ClientConnectedCallback,
  host?: string | readonly string[] | null,
  port?: number | null,
  opts: ServerOpts = {},
): Promise<Server> {
  checkCallback(callback);
  const hosts = checkListenHosts(host);
  const p = port === undefined || port === null ? 0 : checkPort(port);
  return start(callback, hosts.map((h): ListenTarget => ({ host: h, port: p })), opts, checkReusePort(opts.reusePort));
}

/**
 * Like {@link startServer}, on the unix domain socket at `path`. A stale socket file left at
 * `path` is removed first, as asyncio does; the file is removed when the server closes.
 */
export async function startUnixServer(callback: ClientConnectedCallback, path: string, opts: ServerOpts = {}): Promise<Server> {
  checkCallback(callback);
  const at = checkPath(path);
  if (opts.reusePort !== undefined && opts.reusePort !== false) {
    throw new ValueError('reusePort is only meaningful for TCP servers');
  }
  removeStaleSocket(at);
  return start(callback, [{ path: at }], opts, false);
}

async function start(
  callback: ClientConnectedCallback,
  targets: ListenTarget[],
  opts: ServerOpts,
  reusePort: boolean,
): Promise<Server> {
  const limit = checkLimit(opts.limit);
  const backlog = checkBacklog(opts.backlog);
  const { ssl, handshakeTimeout } = checkSslOptions(opts);
  const loop = getRunningLoop();
  const server = new Server(loop, callback, {
    targets, limit, backlog, reusePort, tls: ssl === null ? null : serverTls(ssl, handshakeTimeout * 1000), sslcontext: ssl,
  });
  if (opts.startServing !== false) await server.startServing();
  return server;
}

/** The server's TLS setup: an acceptor for a secure context, else Node TLS server options. */
function serverTls(ssl: SslOption, handshakeTimeoutMs: number): tls.TlsOptions | TlsAcceptor {
  if (isSecureContext(ssl)) return tlsAcceptor(ssl, handshakeTimeoutMs);
  if (typeof ssl !== 'object') {
    throw new ValueError(`ssl for a server must be a secure context or TLS options with key and cert, got ${describe(ssl)}`);
  }
  return { ...(ssl as tls.TlsOptions), handshakeTimeout: handshakeTimeoutMs };
}

function checkCallback(callback: unknown): void {
  if (typeof callback !== 'function') {
    throw new TypeError(`client_connected_cb must be a function, got ${describe(callback)}`);
  }
}

function removeStaleSocket(path: string): void {
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {
    // Nothing there (or not ours to remove): listen() reports real problems.
  }
}
