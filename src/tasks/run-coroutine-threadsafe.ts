/** runCoroutineThreadsafe: submit a coroutine to a loop from outside it. */
import { Future } from '../futures.js';
import { EventLoop } from '../loop/event-loop.js';
import type { CoroutineLike } from './coroutine.js';
import { Task } from './task.js';

/**
 * Schedules `coro` as a task on `loop` from code that does not run in that loop (another loop's
 * task, a Node callback), and returns a future of its result bound to `loop`. Cancelling the
 * returned future cancels the task.
 */
export function runCoroutineThreadsafe<T>(coro: CoroutineLike<T>, loop: EventLoop): Future<Awaited<T>> {
  if (!(loop instanceof EventLoop)) throw new TypeError(`loop must be an EventLoop, got ${String(loop)}`);
  const result = new Future<Awaited<T>>(loop);
  loop.callSoonThreadsafe(() => {
    if (result.cancelled()) return;
    const task = new Task<Awaited<T>>(coro as CoroutineLike<Awaited<T>>, loop);
    result.addDoneCallback(() => {
      if (result.cancelled()) task.cancel();
    });
    task.addDoneCallback(() => {
      if (result.done()) return;
      if (task.cancelled()) result.cancel();
      else if (task.exception() !== null) result.setException(task.exception());
      else result.setResult(task.result());
    });
  });
  return result;
}
