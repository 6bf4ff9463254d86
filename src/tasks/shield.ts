/** shield: protect an awaitable from cancellation of its awaiter. */
import type { Future } from '../futures.js';
import type { AwaitableLike } from './coroutine.js';
import { ensureFuture } from './ensure-future.js';

/**
 * Returns a future that follows `aw` but whose cancellation does not cancel `aw`, as
 * asyncio.shield: `await shield(x)` in a task that gets cancelled raises CancelledError in the
 * task while `x` goes on. If `aw` itself is cancelled, the outer future is cancelled too. An
 * error of `aw` after the outer was cancelled is not lost: nobody retrieves it, so it is reported
 * as "exception was never retrieved".
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
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  };
  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(onOuterDone);
  return outer;
}
