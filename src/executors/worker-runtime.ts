/**
 * The loop that runs inside every worker, thread or process alike: it takes batches of jobs,
 * runs them one at a time in order, and sends results back in batches.
 *
 * - A job whose function has run quickly lately (under {@link FAST_MS}) runs straight away; its
 *   result waits in the batch, which is sent when the queue is empty, every {@link FLUSH_MS} ms,
 *   or when it holds {@link MAX_BATCH} results.
 * - Before any other job (first run of a function, a slow or async one) the worker lets pending
 *   messages in (a cancellation may be among them), then sends every result it holds together
 *   with a `started` notice. So a long job never holds back the results of short ones, and the
 *   parent knows exactly which job is running when it must terminate a worker to cancel it.
 *
 * @module
 */
import type { TransferListItem } from 'node:worker_threads';
import {
  encodeThrow,
  JOB_CHUNK,
  JOB_SHARED,
  JOB_SLOW,
  RESULT_ERROR,
  RESULT_OK,
  RESULT_OK_SHARED,
  RESULT_SKIPPED,
  type FromWorker,
  type ToWorker,
} from './protocol.js';
import { decodeArgs, encodeValue, type EncodeContext } from './shared-codec.js';
import { explainClosureError, FunctionTable, type Compiled } from './worker-compile.js';

/** A job whose function recently ran at most this long (ms) is run without a `started` notice. */
export const FAST_MS = 0.2;
/** A function is trusted to be fast only after this many runs in the worker. */
export const FAST_RUNS = 8;
/** A function that once ran this long (ms) is reported to the parent as slow. */
export const SLOW_MS = 5;
/** Results are sent at least this often (ms) while fast jobs keep running. */
export const FLUSH_MS = 1;
/** Most results in one message. */
export const MAX_BATCH = 1024;

/** The worker's end of its transport. */
export interface WorkerChannel {
  /** Sends a message; may throw when a value cannot be cloned. */
  post(msg: FromWorker, transfer: TransferListItem[]): void;
  onMessage(handler: (msg: ToWorker) => void): void;
  /** Set by a process: shared memory cannot cross to the parent. */
  readonly refuse: EncodeContext['refuse'];
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Starts serving jobs on `ch`. */
export function startWorkerRuntime(ch: WorkerChannel): void {
  const table = new FunctionTable();
  let queue: unknown[] = []; // flat: id, fnId, args, flags
  let head = 0;
  const cancelled = new Set<number>();
  let ready = false;
  let running = false;
  let results: unknown[] = [];
  let transfers: TransferListItem[] = [];
  let batchStart = 0;
  let allFast = true;
  let slowFns: number[] | null = null;

  ch.onMessage((msg) => {
    if (msg.t === 'jobs') {
      if (msg.defs !== null) table.define(msg.defs);
      for (const x of msg.jobs) queue.push(x);
      kick();
    } else if (msg.t === 'cancel') {
      for (const id of msg.ids) cancelled.add(id);
    } else if (msg.t === 'init') {
      void init(msg);
    }
  });

  async function init(msg: Extract<ToWorker, { t: 'init' }>): Promise<void> {
    let compiled: Compiled | null = null;
    try {
      if (msg.initializer !== null) {
        table.define([msg.initializer]);
        const got = table.get(msg.initializer.id);
        compiled = got instanceof Promise ? await got : got;
        const args = msg.flags & JOB_SHARED ? decodeArgs(msg.initArgs) : msg.initArgs;
        const r = compiled.fn(...args);
        if (isThenable(r)) await r;
      }
    } catch (err) {
      ch.post({ t: 'init-failed', error: encodeThrow(compiled ? explainClosureError(err, compiled) : err) }, []);
      return;
    }
    ch.post({ t: 'ready' }, []);
    ready = true;
    kick();
  }

  function kick(): void {
    if (ready && !running && head < queue.length) void drain();
  }

  function push(id: number, status: number, value: unknown): void {
    if (results.length === 0) batchStart = performance.now();
    results.push(id, status, value);
  }

  function flush(started: number, long: boolean): void {
    const msg: FromWorker = { t: 'results', r: results, started, long, fast: allFast, slow: slowFns };
    try {
      ch.post(msg, transfers);
    } catch {
      postOneByOne(results, started, long);
    }
    results = [];
    transfers = [];
    allFast = true;
    slowFns = null;
  }

  /** A batch failed to clone: send results one by one, turning the bad ones into errors. */
  function postOneByOne(batch: unknown[], started: number, long: boolean): void {
    for (let i = 0; i < batch.length; i += 3) {
      const one = batch.slice(i, i + 3);
      try {
        ch.post({ t: 'results', r: one, started: -1, long: false, fast: false, slow: slowFns }, []);
      } catch (err) {
        const why = new TypeError(`the result of the job could not be sent back from the worker: ${(err as Error).message}`);
        ch.post({ t: 'results', r: [one[0], RESULT_ERROR, encodeThrow(why)], started: -1, long: false, fast: false, slow: slowFns }, []);
      }
    }
    if (started !== -1) ch.post({ t: 'results', r: [], started, long, fast: false, slow: slowFns }, []);
  }

  async function drain(): Promise<void> {
    running = true;
    while (head < queue.length) {
      const id = queue[head] as number;
      const fnId = queue[head + 1] as number;
      const rawArgs = queue[head + 2] as unknown[];
      const flags = queue[head + 3] as number;
      queue[head + 2] = undefined;
      head += 4;
      if (head === queue.length) {
        queue = [];
        head = 0;
      }
      if (cancelled.delete(id)) {
        push(id, RESULT_SKIPPED, null);
        continue;
      }
      let job: Compiled;
      try {
        const got = table.get(fnId);
        job = got instanceof Promise ? await got : got;
      } catch (err) {
        push(id, RESULT_ERROR, encodeThrow(err));
        continue;
      }
      const long = job.runs < FAST_RUNS || job.recentMax > SLOW_MS || (flags & JOB_SLOW) !== 0;
      if (long || job.recentMax > FAST_MS) {
        await yieldToEvents();
        if (cancelled.delete(id)) {
          push(id, RESULT_SKIPPED, null);
          continue;
        }
        flush(id, long);
      }
      const t0 = performance.now();
      let value: unknown;
      let status = RESULT_OK;
      try {
        const args = flags & JOB_SHARED ? decodeArgs(rawArgs) : rawArgs;
        value = flags & JOB_CHUNK ? runChunk(job, args) : job.fn(...args);
        if (isThenable(value)) {
          value = await value;
          job.recentMax = Infinity; // async jobs always get a `started` notice: they can be cancelled
        }
        if (typeof value === 'object' && value !== null) {
          const ctx: EncodeContext = { transfer: [], found: false, refuse: ch.refuse };
          value = encodeValue(value, ctx);
          if (ctx.found) status = RESULT_OK_SHARED;
          for (const t of ctx.transfer) transfers.push(t);
        }
      } catch (err) {
        status = RESULT_ERROR;
        value = encodeThrow(explainClosureError(err, job));
      }
      const dt = performance.now() - t0;
      job.recentMax = Math.max(dt, job.recentMax * 0.9);
      job.runs++;
      if (dt > FAST_MS) allFast = false;
      if (dt > SLOW_MS && !(flags & JOB_SLOW)) (slowFns ??= []).push(fnId);
      push(id, status, value);
      if (cancelled.size > 0) cancelled.delete(id); // a cancellation that came too late
      if (head >= queue.length || results.length >= MAX_BATCH * 3 || performance.now() - batchStart > FLUSH_MS) {
        flush(-1, false);
      }
    }
    if (results.length > 0) flush(-1, false);
    running = false;
  }
}

/** A `map` chunk: the function once per item, results in order (awaited when async). */
function runChunk(job: Compiled, items: unknown[]): unknown[] | Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    const r = job.fn(items[i]);
    if (isThenable(r)) {
      return (async () => {
        out.push(await r);
        for (let k = i + 1; k < items.length; k++) out.push(await job.fn(items[k]));
        return out;
      })();
    }
    out.push(r);
  }
  return out;
}
