/**
 * run and Runner: the entry points that make a loop, run a main task and clean up (ARCHITECTURE.md §4).
 * @module
 */
import { RuntimeError } from './errors.js';
import type { Clock } from './loop/clock.js';
import { runningLoopOrNull } from './loop/context.js';
import { EventLoop } from './loop/event-loop.js';
import { setEventLoop } from './loop/running.js';
import { Task } from './tasks/task.js';
import type { CoroutineLike } from './tasks/coroutine.js';
import { reportUnretrieved } from './unretrieved.js';

/** Options for {@link run} and {@link Runner}. */
export interface RunOptions {
  /** Debug mode for the loop (default: `TSAIO_DEBUG=1`). */
  debug?: boolean;
  /** Seconds a callback or step may run before debug mode reports it (default 0.1). */
  slowCallbackDuration?: number;
  /** The loop's clock (default: real time). `tsaio/testing` passes a virtual one. */
  clock?: Clock;
}

type RunnerState = 'initialized' | 'running' | 'closed';

/**
 * Runs coroutines on one loop that it owns, as asyncio.Runner: `run()` may be called several
 * times; `close()` (or `await using`) cancels what is left, shuts the default executor down and
 * closes the loop.
 *
 * Ctrl-C (SIGINT) during `run()` cancels the main task; a second one ends the process. This only
 * happens when the program has no SIGINT listener of its own.
 */
export class Runner {
  readonly #opts: RunOptions;
  #loop: EventLoop | null = null;
  #state: RunnerState = 'initialized';

  constructor(opts: RunOptions = {}) {
    this.#opts = opts;
  }

  /** The runner's loop (created on first use). RuntimeError once closed. */
  getLoop(): EventLoop {
    if (this.#state === 'closed') throw new RuntimeError('Runner is closed');
    if (this.#loop === null) {
      const loop = new EventLoop({ clock: this.#opts.clock, debug: this.#opts.debug });
      if (this.#opts.slowCallbackDuration !== undefined) loop.slowCallbackDuration = this.#opts.slowCallbackDuration;
      this.#loop = loop;
    }
    return this.#loop;
  }

  /**
   * Runs `main` as a task to completion and returns its result, or rejects with its error.
   * RuntimeError when called from a running loop or while this runner already runs.
   */
  async run<T>(main: CoroutineLike<T>): Promise<Awaited<T>> {
    if (runningLoopOrNull() !== null) {
      throw new RuntimeError('Runner.run() cannot be called from a running event loop');
    }
    if (this.#state === 'running') throw new RuntimeError('Runner.run() is already running');
    const loop = this.getLoop();
    const task = new Task<Awaited<T>>(main as CoroutineLike<Awaited<T>>, loop, {});
    this.#state = 'running';
    const removeSigint = installSigint(task);
    try {
      return await loop.runUntilComplete<Awaited<T>>(task);
    } finally {
      removeSigint();
      this.#state = 'initialized';
    }
  }

  /**
   * Cancels every task still pending and waits for them, reports failures nobody retrieved,
   * shuts the default executor down and closes the loop. Closing twice does nothing.
   */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    const loop = this.#loop;
    this.#state = 'closed';
    if (loop === null) return;
    try {
      await cancelAllTasks(loop);
      await loop.runUntilComplete(() => loop.shutdownDefaultExecutor());
      reportUnretrieved(loop);
    } finally {
      loop.close();
      setEventLoop(null);
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

async function cancelAllTasks(loop: EventLoop): Promise<void> {
  const pending = [...loop._tasks].filter((t) => !t.done());
  if (pending.length === 0) return;
  for (const task of pending) task.cancel();
  await loop.runUntilComplete(async () => {
    for (const task of pending) {
      try {
        await task;
      } catch {
        // examined below
      }
    }
  });
  for (const task of pending) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception !== null) {
      loop.callExceptionHandler({ message: 'unhandled exception during run() shutdown', exception, task });
    }
  }
}

function installSigint(main: Task<unknown>): () => void {
  if (process.listenerCount('SIGINT') > 0) return () => {};
  let interrupted = false;
  const onSigint = (): void => {
    if (!interrupted && !main.done()) {
      interrupted = true;
      main.cancel('KeyboardInterrupt');
      return;
    }
    process.off('SIGINT', onSigint);
    process.kill(process.pid, 'SIGINT');
  };
  process.on('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}

/**
 * Runs `main` (a coroutine or async function) on a new event loop and returns its result,
 * as `asyncio.run`. When `main` finishes, the tasks still pending are cancelled and awaited,
 * the default executor is shut down and the loop is closed; a failed task whose exception nobody
 * retrieved is reported. RuntimeError when called inside a running loop.
 *
 * @example
 * await run(async () => {
 *   await sleep(1);
 *   return 'done';
 * });
 */
export async function run<T>(main: CoroutineLike<T>, opts?: RunOptions): Promise<Awaited<T>> {
  if (runningLoopOrNull() !== null) {
    throw new RuntimeError('run() cannot be called from a running event loop');
  }
  const runner = new Runner(opts);
  try {
    return await runner.run(main);
  } finally {
    await runner.close();
  }
}

