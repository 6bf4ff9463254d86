/**
 * `executor.map`: every item submitted at the call, results yielded in input order.
 *
 * @module
 */
import { TimeoutError } from '../errors.js';
import type { Future } from '../futures.js';
import type { EventLoop } from '../loop/index.js';

/**
 * Yields the results of `futures` in order (flattening chunks when `chunked`). `deadline` is a
 * loop time or null. When a result is not there by the deadline, raises TimeoutError. On any
 * exit before the end (an error, a timeout, `break`), the futures not yet done are cancelled.
 */
export async function* orderedResults<R>(
  loop: EventLoop,
  futures: readonly Future<unknown>[],
  chunked: boolean,
  deadline: number | null,
): AsyncGenerator<R, void, undefined> {
  let finished = false;
  try {
    for (const fut of futures) {
      const value = deadline === null ? await fut : await until(loop, fut, deadline);
      if (chunked) yield* value as R[];
      else yield value as R;
    }
    finished = true;
  } finally {
    if (!finished) for (const fut of futures) fut.cancel();
  }
}

/** `fut`'s outcome, or a TimeoutError at `deadline`; `fut` itself is left alone. */
function until<T>(loop: EventLoop, fut: Future<T>, deadline: number): PromiseLike<T> {
  if (fut.done()) return fut;
  const out = loop.createFuture<T>();
  const timer = loop.callAt(deadline, () => {
    if (!out.done()) out.setException(new TimeoutError('executor.map: a result was not ready before the timeout'));
  });
  fut.addDoneCallback((f) => {
    timer.cancel();
    if (out.done()) return;
    if (f.cancelled()) {
      out.cancel();
      return;
    }
    let value: T;
    try {
      value = f.result();
    } catch (err) {
      out.setException(err);
      return;
    }
    out.setResult(value);
  });
  return out;
}
