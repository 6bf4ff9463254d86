/**
 * The server side of TLS given a ready secure context: each accepted TCP socket is wrapped in a
 * `TLSSocket` and handed on once its handshake is done. Node's `tls.createServer` rebuilds its
 * context from key/cert options and ignores a `secureContext`, so that case is done by hand;
 * TLS options go to `tls.createServer` as usual.
 * @internal
 */
import type { Socket } from 'node:net';
import * as tls from 'node:tls';

/** Wraps accepted sockets in TLS; made once per server. */
export type TlsAcceptor = (raw: Socket, onSecure: (socket: tls.TLSSocket) => void) => void;

/** Builds the acceptor for a secure context (no client certificates are requested). */
export function tlsAcceptor(secureContext: tls.SecureContext, handshakeTimeoutMs: number): TlsAcceptor {
  const socketOptions: tls.TLSSocketOptions = { isServer: true, secureContext };
  return (raw, onSecure) => {
    const socket = new tls.TLSSocket(raw, socketOptions);
    // A failed or slow handshake concerns that client only: drop it quietly.
    const timer = setTimeout(() => socket.destroy(), handshakeTimeoutMs);
    timer.unref();
    const onError = () => {
      clearTimeout(timer);
      socket.destroy();
    };
    socket.on('error', onError);
    socket.once('secure', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      onSecure(socket);
    });
  };
}
