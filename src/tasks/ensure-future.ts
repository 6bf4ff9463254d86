/** ensureFuture and cancellable: turning awaitables into tsaio futures. */
import { ValueError } from '../errors.js';
import { Future } from '../futures.js';
import { describe } from '../internal/validate.js';
import type { EventLoop } from '../loop/event-loop.js';
import { getEventLoop } from '../loop/running.js';
import { hooks } from '../loop/runtime-hooks.js';
import { Coroutine, type AwaitableLike } from './coroutine.js';
import { Task } from './task.js';

function isPromiseLike(x: unknown): x is PromiseLike<unknown> {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && typeof (x as PromiseLike<unknown>).then === 'function';
}

/**
 * A tsaio future for `aw`: a Future or Task is returned as it is (ValueError if it belongs to a
 * loop other than `loop`); a Coroutine or function is scheduled as a task; any other thenable is
 * awaited by a new task. TypeError for anything else.
 */
export function ensureFuture<T>(aw: AwaitableLike<T> | Future<T>, loop?: EventLoop): Future<T> {
  if (aw instanceof Future) {
    if (loop !== undefined && aw._loop !== loop) {
      throw new ValueError('The future belongs to a different loop than the one specified as the loop argument');
    }
    return aw;
  }
  if (aw instanceof Coroutine || typeof aw === 'function') return new Task<T>(aw as never, loop ?? getEventLoop());
  if (isPromiseLike(aw)) return new Task<T>(() => aw as PromiseLike<T>, loop ?? getEventLoop());
  throw new TypeError(`An asyncio.Future, a coroutine or an awaitable is required, got ${describe(aw)}`);
}

/**
 * Turns a foreign promise into a tsaio future, so that a task awaiting it can be cancelled at
 * once. The promise itself cannot be stopped (pass `task.signal` to APIs that take a signal for
 * that); its later result or error is ignored once the future is cancelled.
 */
export function cancellable<T>(promise: PromiseLike<T>, loop?: EventLoop): Future<T> {
  const fut = new Future<T>(loop ?? getEventLoop());
  promise.then(
    (value) => {
      if (!fut.done()) fut.setResult(value);
    },
    (error) => {
      if (!fut.done()) fut.setException(error);
    },
  );
  return fut;
}

hooks.ensureFuture = <T>(aw: unknown, loop: EventLoop): Future<T> => ensureFuture(aw as Future<T>, loop);
