/** gather: run awaitables concurrently and collect their results in argument order. */
import { CancelledError, ValueError } from '../errors.js';
import { Future } from '../futures.js';
import type { EventLoop } from '../loop/event-loop.js';
import { getEventLoop } from '../loop/running.js';
import type { AwaitableLike } from './coroutine.js';
import { ensureFuture } from './ensure-future.js';

/** Options for the array form of {@link gather}. */
export interface GatherOptions {
  /** Put errors (and CancelledErrors of cancelled children) in their slots instead of failing. */
  returnExceptions?: boolean;
}

/** The future `gather` returns: cancelling it cancels every child. */
class GatheringFuture<T> extends Future<T> {
  readonly #children: readonly Future<unknown>[];
  /** @internal */ _cancelRequested = false;

  constructor(children: readonly Future<unknown>[], loop: EventLoop) {
    super(loop);
    this.#children = children;
  }

  override _waitLabel(): string {
    return 'gather';
  }

  override _awaitedFutures(): Future<unknown>[] {
    return [...new Set(this.#children)];
  }

  /** Cancels every child; false when all children are already done (nothing to cancel). */
  override cancel(msg?: unknown): boolean {
    if (this.done()) return false;
    let cancelled = false;
    for (const child of this.#children) if (child.cancel(msg)) cancelled = true;
    if (cancelled) this._cancelRequested = true;
    return cancelled;
  }
}

type Results<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };
type Inputs<T extends readonly unknown[]> = { [K in keyof T]: AwaitableLike<T[K]> };

/**
 * Runs awaitables concurrently; the result is the list of their results in argument order.
 *
 * Coroutines and functions are scheduled as tasks; a duplicate argument runs once and its result
 * fills every slot. Without `returnExceptions`, the first error (a cancelled child counts as a
 * CancelledError) fails the gather and the other children go on, not cancelled. With it, errors
 * take their slots. Cancelling the gather (or the task awaiting it) cancels every child and always
 * raises CancelledError. With no arguments the result is `[]` at once.
 *
 * Two forms: variadic (`gather(a, b, c)`, tuple-typed) and array (`gather([a, b], { returnExceptions })`).
 *
 * @example
 * const [a, b] = await gather(delay(1), delay(2));
 * const results = await gather(urls.map((u) => fetchStatus(u)), { returnExceptions: true });
 */
export function gather<T extends readonly unknown[]>(...aws: Inputs<T>): Future<Results<T>>;
export function gather<T>(aws: readonly AwaitableLike<T>[], opts: GatherOptions & { returnExceptions: true }): Future<(Awaited<T> | Error)[]>;
export function gather<T>(aws: readonly AwaitableLike<T>[], opts?: GatherOptions): Future<Awaited<T>[]>;
export function gather(...args: unknown[]): Future<unknown[]> {
  let aws: readonly unknown[] = args;
  let returnExceptions = false;
  if (Array.isArray(args[0]) && args.length <= 2) {
    aws = args[0];
    const opts = args[1] as GatherOptions | undefined;
    if (opts !== undefined && (typeof opts !== 'object' || opts === null)) {
      throw new TypeError(`gather() options must be an object, got ${String(opts)}`);
    }
    returnExceptions = Boolean(opts?.returnExceptions);
  }
  return gatherList(aws, returnExceptions);
}

function gatherList(aws: readonly unknown[], returnExceptions: boolean): Future<unknown[]> {
  if (aws.length === 0) {
    const outer = new Future<unknown[]>(getEventLoop());
    outer.setResult([]);
    return outer;
  }
  const byArg = new Map<unknown, Future<unknown>>();
  const children: Future<unknown>[] = [];
  let loop: EventLoop | undefined;
  for (const aw of aws) {
    let fut = byArg.get(aw);
    if (fut === undefined) {
      fut = ensureFuture(aw as AwaitableLike<unknown>, loop);
      if (loop === undefined) loop = fut._loop;
      else if (fut._loop !== loop) throw new ValueError('gather() got futures bound to different event loops');
      byArg.set(aw, fut);
    }
    children.push(fut);
  }
  const outer = new GatheringFuture<unknown[]>(children, loop!);
  const unique = byArg.size;
  let finished = 0;
  const onChildDone = (child: Future<unknown>): void => {
    finished++;
    if (outer.done()) {
      if (!child.cancelled()) child.exception(); // retrieved: the gather already failed
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) {
        outer.setException(child._makeCancelledError());
        return;
      }
      const exc = child.exception();
      if (exc !== null) {
        outer.setException(exc);
        return;
      }
    }
    if (finished < unique) return;
    const results = children.map((c) => {
      if (c.cancelled()) return c._makeCancelledError();
      const exc = c.exception();
      return exc !== null ? exc : c.result();
    });
    if (outer._cancelRequested) outer.setException(child.cancelled() ? child._makeCancelledError() : new CancelledError());
    else outer.setResult(results);
  };
  for (const child of byArg.values()) child.addDoneCallback(onChildDone);
  return outer;
}
