/**
 * The parent's end of one worker, whichever transport carries it (see thread-transport.ts and
 * process-transport.ts).
 *
 * @module
 */
import type { TransferListItem } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.js';

/** A started worker, as the pool drives it. */
export interface WorkerHandle {
  /** Sends a message; throws when a value cannot be cloned (nothing is sent then). */
  send(msg: ToWorker, transfer: TransferListItem[]): void;
  /** Stops the worker at once; `onExit` follows. */
  terminate(): void;
  /** Keeps the process alive while the worker has jobs… */
  ref(): void;
  /** …and lets it exit while the worker is idle. */
  unref(): void;
}

/** What a transport reports about a worker. */
export interface WorkerEvents {
  message(msg: FromWorker): void;
  /** The worker is gone: exit code (or null), signal (or null), and the error that killed it if known. */
  exit(code: number | null, signal: string | null, error: unknown): void;
}

/** Starts one worker. */
export type Spawn = (events: WorkerEvents) => WorkerHandle;

