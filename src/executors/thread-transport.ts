/**
 * Worker threads (`node:worker_threads`, one MessagePort each).
 *
 * @module
 */
import { Worker, type ResourceLimits, type WorkerOptions } from 'node:worker_threads';
import type { Spawn } from './transport.js';
import { workerLaunch } from './worker-launch.js';

/** Options of thread workers. */
export interface ThreadSpawnOptions {
  resourceLimits?: ResourceLimits | undefined;
}

let threadExecArgv: string[] | null = null;

/**
 * Starts a thread with the parent's flags. A thread refuses per-process flags (such as
 * `--expose-gc`) when they are passed explicitly: drop the ones it names and try again.
 */
function startThread(entry: string | URL, options: WorkerOptions): Worker {
  for (;;) {
    const execArgv = (threadExecArgv ??= [...workerLaunch().childExecArgv]);
    try {
      return new Worker(entry, { ...options, execArgv });
    } catch (err) {
      const m = /invalid execArgv flags: (.*)$/.exec((err as Error).message);
      if ((err as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV' || m === null) throw err;
      const bad = new Set(m[1]!.split(', '));
      const kept = execArgv.filter((a) => !bad.has(a) && !bad.has(a.split('=')[0]!));
      if (kept.length === execArgv.length) throw err;
      threadExecArgv = kept;
    }
  }
}

/** A {@link Spawn} that starts worker threads. */
export function threadSpawn(opts: ThreadSpawnOptions): Spawn {
  return (events) => {
    const launch = workerLaunch();
    const options: WorkerOptions = { resourceLimits: opts.resourceLimits, workerData: { tsaioHooks: launch.hooks } };
    // Node 20 does not apply the parent's `--import tsx` hooks in worker threads (tsx registers
    // them on the main thread only): a TypeScript entry registers them itself first.
    const worker = launch.needsHooks
      ? startThread(
          `(async () => { for (const h of ${JSON.stringify(launch.hooks)}) (await import(h)).register(); ` +
            `await import(${JSON.stringify(launch.entry.href)}); })();`,
          { ...options, eval: true },
        )
      : startThread(launch.entry, options);
    let lastError: unknown = null;
    worker.on('message', (msg) => events.message(msg));
    worker.on('error', (err) => {
      lastError = err;
    });
    worker.on('exit', (code) => events.exit(code, null, lastError));
    return {
      send: (msg, transfer) => worker.postMessage(msg, transfer),
      terminate: () => void worker.terminate(),
      ref: () => worker.ref(),
      unref: () => worker.unref(),
    };
  };
}
