/**
 * `tsaio/streams`: asyncio's streams on Node sockets. `openConnection` and `startServer` give
 * `StreamReader`/`StreamWriter` pairs with asyncio 3.13 semantics: `readline`, `readUntil`,
 * `readExactly` with a limit and typed errors, `drain()` backpressure, and a `Server` with a
 * lifecycle.
 *
 * @module
 */
export { StreamReader } from './stream-reader.js';
export type { StreamReaderOptions, ReadFlowControl } from './stream-reader.js';
export { StreamWriter } from './stream-writer.js';
export { SocketTransport } from './socket-transport.js';
export type { TransportInfo, TransportState } from './socket-transport.js';
export { Server } from './server.js';
export type { ServerState, ListenTarget } from './server.js';
export type { ClientConnectedCallback } from './client-connection.js';
export { openConnection, openUnixConnection } from './open-connection.js';
export { startServer, startUnixServer } from './start-server.js';
export type { Separator } from './separators.js';
export { DEFAULT_LIMIT, WRITE_HIGH_WATER, WRITE_LOW_WATER } from './options.js';
export type { ConnectionOpts, ServerOpts, StreamOptions, SslOption } from './options.js';
export { IncompleteReadError, LimitOverrunError, ConnectionResetError } from '../errors.js';
