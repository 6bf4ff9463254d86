/** shield: protect an awaitable from cancellation of its awaiter. */
import type { Future } from '../futures.js';
import type { AwaitableLike } from './coroutine.js';
import { ensureFuture } from './ensure-future.js';

/** Reports the failure of a shielded awaitable whose outer future was cancelled (else nobody would see it). */
function logOnException(fut: Future<unknown>): void {
  if (fut.cancelled()) return;
  const exception = fut.exception();
  if (exception === null) return;
  const name = exception instanceof Error ? exception.name : typeof exception;
  fut._loop.callExceptionHandler({ message: `${name} exception in shielded future`, exception, future: fut });
}

/**
 * Returns a future that follows `aw` but whose cancellation does not cancel `aw`, as
 * asyncio.shield: `await shield(x)` in a task that gets cancelled raises CancelledError in the
 * task while `x` goes on. If `aw` itself is cancelled, the outer future is cancelled too. An
 * error of `aw` after the outer was cancelled is not lost: it is reported to the loop's exception
 * handler once ("Error exception in shielded future"), however many shields guarded `aw`.
 *
 * @example
 * const task = createTask(() => saveToDatabase());
 * await waitFor(shield(task), 1); // TimeoutError after 1 s, the save goes on
 */
export function shield<T>(aw: AwaitableLike<T> | Future<T>): Future<T> {
  const inner = ensureFuture(aw);
  if (inner.done()) return inner;
  const outer = inner._loop.createFuture<T>();
  const onInnerDone = (): void => {
    if (outer.cancelled()) return;
    if (inner.cancelled()) {
      outer.cancel();
      return;
    }
    const exc = inner.exception();
    if (exc !== null) outer.setException(exc);
    else outer.setResult(inner.result());
  };
  const onOuterDone = (): void => {
    if (!inner.done()) {
      inner.removeDoneCallback(onInnerDone);
      // One report however many cancelled shields guard the same inner.
      inner.removeDoneCallback(logOnException);
      inner.addDoneCallback(logOnException);
    }
  };
  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(onOuterDone);
  return outer;
}
