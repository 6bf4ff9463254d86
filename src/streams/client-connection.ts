/**
 * One accepted connection of a `Server`: its stream pair and the task that runs the server's
 * callback for it.
 * @internal
 */
import type { Socket } from 'node:net';
import type { EventLoop } from '../loop/index.js';
import { createTask } from '../tasks/index.js';
import { SocketTransport } from './socket-transport.js';
import type { TransportInfo } from './socket-transport.js';
import { StreamReader } from './stream-reader.js';
import { StreamWriter } from './stream-writer.js';

/**
 * The callback `startServer` runs for each client. An async function (or anything returning an
 * awaitable) runs as its own task; its writer is closed when it settles. A plain function runs
 * once and the connection is the program's to close.
 */
export type ClientConnectedCallback = (reader: StreamReader, writer: StreamWriter) => unknown;

/**
 * A client of a server: alive while its socket is open or its callback is still running, which
 * is what `Server.waitClosed()` waits for.
 */
export class ClientConnection {
  readonly transport: SocketTransport;
  readonly #reader: StreamReader;
  readonly #writer: StreamWriter;
  readonly #onFinished: (client: ClientConnection) => void;
  #connected = true;
  #handlerDone = false;

  constructor(socket: Socket, limit: number, info: TransportInfo, onFinished: (client: ClientConnection) => void) {
    socket.setNoDelay(true);
    this.#reader = new StreamReader({ limit });
    this.transport = new SocketTransport(socket, this.#reader, info);
    this.#writer = new StreamWriter(this.transport, this.#reader);
    this.#onFinished = onFinished;
    this.transport.onConnectionLost(() => {
      this.#connected = false;
      this.#checkFinished();
    });
  }

  /** True once the socket is closed and the callback has finished. */
  get finished(): boolean {
    return !this.#connected && this.#handlerDone;
  }

  /**
   * Runs `callback` in a new task of `loop`. Its error is reported through the loop's exception
   * handler as 'Unhandled exception in client_connected_cb' and closes the connection; a
   * cancelled callback closes the connection and is not reported (asyncio 3.12+).
   */
  start(loop: EventLoop, callback: ClientConnectedCallback): void {
    let isAsync = false;
    const task = createTask(async () => {
      const result = callback(this.#reader, this.#writer);
      if (isThenable(result)) {
        isAsync = true;
        await result;
      }
    });
    task.addDoneCallback(() => {
      if (task.cancelled()) {
        this.transport.close();
      } else {
        const exc = task.exception();
        if (exc !== null && exc !== undefined) {
          loop.callExceptionHandler({
            message: 'Unhandled exception in client_connected_cb',
            exception: exc,
            transport: this.transport,
          });
          this.transport.close();
        } else if (isAsync) {
          // CPython closes the writer when the handler drops its last reference to it.
          this.transport.close();
        }
      }
      this.#handlerDone = true;
      this.#checkFinished();
    });
  }

  /** Closes after the queued data is sent. */
  close(): void {
    this.transport.close();
  }

  /** Closes at once. */
  abort(): void {
    this.transport.abort();
  }

  #checkFinished(): void {
    if (this.finished) this.#onFinished(this);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
