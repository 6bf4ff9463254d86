/**
 * Entry point of every pool worker: a worker thread (MessagePort) or a child process started
 * with `child_process.fork` (IPC channel, `advanced` serialization). Not for import.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import type { ToWorker } from './protocol.js';
import { startWorkerRuntime } from './worker-runtime.js';

function refuseShared(what: string): TypeError {
  return new TypeError(`a ${what} cannot be sent from a child process: processes do not share memory`);
}

if (parentPort !== null) {
  const port = parentPort;
  startWorkerRuntime({
    post: (msg, transfer) => port.postMessage(msg, transfer),
    onMessage: (handler) => port.on('message', handler as (m: ToWorker) => void),
    refuse: null,
  });
} else if (typeof process.send === 'function') {
  const send = process.send.bind(process);
  // The parent is gone: nothing can reach us any more.
  process.on('disconnect', () => process.exit(0));
  startWorkerRuntime({
    post: (msg) => {
      send(msg);
    },
    onMessage: (handler) => process.on('message', handler as (m: unknown) => void),
    refuse: refuseShared,
  });
} else {
  throw new Error('tsaio/executors worker-entry is the entry point of pool workers, not a module to import');
}
