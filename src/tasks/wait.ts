/** wait: wait for a set of futures until some, the first failed, or all are done. */
import { ValueError } from '../errors.js';
import { Future } from '../futures.js';
import { checkOptionalSeconds, describe } from '../internal/validate.js';
import type { EventLoop } from '../loop/event-loop.js';
import { getRunningLoop } from '../loop/running.js';
import { Coroutine } from './coroutine.js';
import { ensureFuture } from './ensure-future.js';

/** `wait` returns when any future finishes or is cancelled. */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
/** `wait` returns when any future finishes by raising an error, or when all finish. */
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
/** `wait` returns when all futures finish or are cancelled. */
export const ALL_COMPLETED = 'ALL_COMPLETED';
/** When {@link wait} returns. */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/** Options for {@link wait}. */
export interface WaitOptions {
  /** Seconds to wait at most; null or absent: no limit. On timeout `wait` returns, it does not raise. */
  timeout?: number | null;
  /** Default {@link ALL_COMPLETED}. */
  returnWhen?: ReturnWhen;
}

function releaseWaiter(waiter: Future<void>): void {
  if (!waiter.done()) waiter.setResult();
}

/** Rejects what asyncio's `wait` rejects: a lone awaitable, coroutines, functions, nothing at all. */
function collect<F extends Future<unknown>>(aws: Iterable<F>): Set<F> {
  if (aws instanceof Future || aws instanceof Coroutine || typeof aws === 'function' || typeof (aws as Iterable<unknown>)?.[Symbol.iterator] !== 'function') {
    throw new TypeError(`expect an iterable of futures, not ${describe(aws)}; to wait for one coroutine, wrap it in createTask()`);
  }
  const list = [...aws];
  if (list.length === 0) throw new ValueError('Set of Tasks/Futures is empty.');
  const set = new Set<F>();
  let loop: EventLoop | undefined;
  for (const aw of list) {
    if (aw instanceof Coroutine || typeof aw === 'function') {
      throw new TypeError('Passing coroutines is forbidden, use tasks explicitly: wrap each in createTask()');
    }
    const fut = ensureFuture(aw as Future<unknown>, loop) as F; // a foreign promise becomes a task
    loop ??= fut._loop;
    set.add(fut);
  }
  return set;
}

/**
 * Waits for the futures (and tasks) in `aws` and returns `[done, pending]` as two sets, as
 * asyncio.wait. It never raises the futures' errors and never cancels them, not even on timeout.
 * ValueError for an empty iterable or an unknown `returnWhen`; TypeError for a single awaitable
 * or a coroutine (wrap it in `createTask`).
 *
 * @example
 * const [done, pending] = await wait(tasks, { returnWhen: FIRST_COMPLETED });
 */
export async function wait<F extends Future<unknown>>(
  aws: Iterable<F>,
  opts: WaitOptions = {},
): Promise<[done: Set<F>, pending: Set<F>]> {
  const returnWhen = opts.returnWhen ?? ALL_COMPLETED;
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
    throw new ValueError(`Invalid returnWhen value: ${String(returnWhen)}`);
  }
  const timeout = checkOptionalSeconds('timeout', opts.timeout);
  const futures = collect(aws);
  const loop = getRunningLoop();
  let counter = futures.size;
  const waiter = loop.createFuture<void>();
  const timer = timeout === null ? null : loop.callLater(timeout, releaseWaiter, waiter);
  const onDone = (f: Future<unknown>): void => {
    counter--;
    if (
      counter <= 0 ||
      returnWhen === FIRST_COMPLETED ||
      (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)
    ) {
      timer?.cancel();
      releaseWaiter(waiter);
    }
  };
  for (const f of futures) f.addDoneCallback(onDone);
  try {
    await waiter;
  } finally {
    timer?.cancel();
    for (const f of futures) f.removeDoneCallback(onDone);
  }
  const done = new Set<F>();
  const pending = new Set<F>();
  for (const f of futures) (f.done() ? done : pending).add(f);
  return [done, pending];
}
