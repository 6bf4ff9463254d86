/** `openConnection` and `openUnixConnection`: the client side of streams. */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { Future } from '../futures.js';
import { ConnectionResetError, TimeoutError } from '../errors.js';
import type { ConnectionOpts, SslOption } from './options.js';
import { WRITE_HIGH_WATER, checkHost, checkLimit, checkPath, checkPort, checkSslOptions, isSecureContext } from './options.js';
import { SocketTransport, toConnectionError } from './socket-transport.js';
import type { TransportInfo } from './socket-transport.js';
import { StreamReader } from './stream-reader.js';
import { StreamWriter } from './stream-writer.js';

/**
 * Connects to `host:port` over TCP (TLS with `ssl`) and returns the stream pair.
 *
 * The socket is half-open capable (the peer's EOF does not end the writer) and has Nagle off,
 * as in asyncio. Arguments are checked before anything happens: a port outside 0–65535 or a
 * non-string host is a TypeError/ValueError naming the value, as is `limit <= 0`.
 *
 * Cancelling the calling task while connecting destroys the socket. A refused or failed
 * connection rejects with Node's error (`ECONNREFUSED`…); a TLS handshake slower than
 * `sslHandshakeTimeout` (default 60 s) rejects with `TimeoutError`.
 *
 * @example
 * ```ts
 * const [reader, writer] = await openConnection('127.0.0.1', 8888);
 * writer.write('ping\n');
 * const line = await reader.readline();
 * writer.close();
 * await writer.waitClosed();
 * ```
 */
export async function openConnection(
  host: string,
  port: number,
  opts: ConnectionOpts = {},
): Promise<[StreamReader, StreamWriter]> {
  const h = checkHost(host);
  const p = checkPort(port);
  const limit = checkLimit(opts.limit);
  const { ssl, handshakeTimeout } = checkSslOptions(opts);
  const base = { allowHalfOpen: true, noDelay: true, highWaterMark: WRITE_HIGH_WATER };
  if (ssl === null) return connect(net.connect({ ...base, host: h, port: p }), limit, 'connect', null, {});
  const options: tls.ConnectionOptions = { ...base, ...clientTlsOptions(ssl), host: h, port: p };
  const name = opts.serverHostname ?? (net.isIP(h) === 0 ? h : undefined);
  if (name !== undefined) options.servername = name;
  const socket = tls.connect(options);
  return connect(socket, limit, 'secureConnect', handshakeTimeout, { sslcontext: ssl });
}

/** Like {@link openConnection}, over the unix domain socket at `path`. */
export async function openUnixConnection(
  path: string,
  opts: ConnectionOpts = {},
): Promise<[StreamReader, StreamWriter]> {
  const at = checkPath(path);
  const limit = checkLimit(opts.limit);
  const { ssl, handshakeTimeout } = checkSslOptions(opts);
  const base = { allowHalfOpen: true, highWaterMark: WRITE_HIGH_WATER };
  const info: TransportInfo = { unixPath: at, side: 'client' };
  if (ssl === null) return connect(net.connect({ ...base, path: at }), limit, 'connect', null, info);
  const options: tls.ConnectionOptions = { ...base, ...clientTlsOptions(ssl), path: at };
  if (typeof opts.serverHostname === 'string') options.servername = opts.serverHostname;
  return connect(tls.connect(options), limit, 'secureConnect', handshakeTimeout, { ...info, sslcontext: ssl });
}

/** Node's client TLS options from the `ssl` option. */
export function clientTlsOptions(ssl: SslOption): tls.ConnectionOptions {
  if (ssl === true) return {};
  if (isSecureContext(ssl)) return { secureContext: ssl };
  return ssl as tls.ConnectionOptions;
}

/** Waits for `socket` to connect (cancellable), then returns its stream pair. */
async function connect(
  socket: net.Socket,
  limit: number,
  event: 'connect' | 'secureConnect',
  handshakeTimeout: number | null,
  info: TransportInfo,
): Promise<[StreamReader, StreamWriter]> {
  socket.setNoDelay(true);
  const reader = new StreamReader({ limit });
  const transport = new SocketTransport(socket, reader, info);
  const connected = new Future<void>();
  const onError = (err: unknown) => {
    if (!connected.done()) connected.setException(toConnectionError(err));
  };
  socket.once(event, () => {
    if (!connected.done()) connected.setResult(undefined);
  });
  const onClose = () => onError(new ConnectionResetError('Connection closed before it was established'));
  socket.once('error', onError);
  socket.once('close', onClose);
  // A Node timer, not the loop's clock: the handshake runs in real time even on a virtual clock.
  const timer =
    handshakeTimeout === null
      ? null
      : setTimeout(() => {
          onError(new TimeoutError(`TLS handshake did not complete in ${handshakeTimeout} seconds`));
        }, handshakeTimeout * 1000);
  try {
    await connected;
  } catch (e) {
    socket.destroy();
    throw e;
  } finally {
    if (timer !== null) clearTimeout(timer);
    socket.off('error', onError);
    socket.off('close', onClose);
  }
  return [reader, new StreamWriter(transport, reader)];
}
