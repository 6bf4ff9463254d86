/** waitFor: await with a time limit. */
import { TimeoutError } from '../errors.js';
import type { Future } from '../futures.js';
import { checkOptionalSeconds } from '../internal/validate.js';
import { timeout } from '../timeouts.js';
import { Coroutine, type AwaitableLike } from './coroutine.js';
import { ensureFuture } from './ensure-future.js';

/** Awaits `aw` in the current task: a coroutine or function runs inline, as Python's `await`. */
function awaitInline<T>(aw: AwaitableLike<T> | Future<T>): PromiseLike<T> | T {
  if (aw instanceof Coroutine) return aw._start();
  if (typeof aw === 'function') return aw();
  return aw;
}

/** Cancels `fut` and waits until it is done, without letting our own cancellation reach it again. */
async function cancelAndWait(fut: Future<unknown>): Promise<void> {
  const waiter = fut._loop.createFuture<void>();
  const release = (): void => {
    if (!waiter.done()) waiter.setResult();
  };
  fut.addDoneCallback(release);
  try {
    fut.cancel();
    await waiter;
  } finally {
    fut.removeDoneCallback(release);
  }
}

/**
 * Waits for `aw` at most `seconds` (null: no limit), as asyncio.wait_for (3.12+). On timeout it
 * cancels `aw`, waits until `aw` has really finished, then raises TimeoutError (cause: the
 * CancelledError). If `aw` swallows the cancellation and returns a value, that value is returned;
 * if its clean-up raises another error, that error propagates. With `seconds <= 0`, a done `aw`
 * gives its result and a pending one is cancelled (a coroutine never starts).
 *
 * @example
 * try { await waitFor(delay(2), 1); } catch (e) { if (e instanceof TimeoutError) console.log('timed out'); }
 */
export async function waitFor<T>(aw: AwaitableLike<T> | Future<T>, seconds: number | null): Promise<Awaited<T>> {
  const limit = checkOptionalSeconds('timeout', seconds);
  if (limit !== null && limit <= 0) {
    const fut = ensureFuture(aw);
    if (fut.done()) return fut.result() as unknown as Awaited<T>;
    await cancelAndWait(fut);
    try {
      return fut.result() as unknown as Awaited<T>;
    } catch (e) {
      if (fut.cancelled()) throw new TimeoutError('Timeout expired', { cause: e });
      throw e;
    }
  }
  return timeout(limit, async (): Promise<Awaited<T>> => (await awaitInline(aw)) as Awaited<T>) as Promise<Awaited<T>>;
}
