/**
 * "Exception was never retrieved": a future that failed and that nobody asked about is reported
 * to its loop's exception handler when it is garbage-collected, or when `run()` ends, whichever
 * comes first. Only failed futures pay for this.
 * @internal
 */
import type { EventLoop } from './loop/event-loop.js';
import type { Future } from './futures.js';
import type { ExceptionContext } from './loop/exception-handler.js';
import type { Task } from './tasks/task.js';

interface Held {
  loop: EventLoop;
  message: string;
  exception: unknown;
  description: string;
  token: WeakRef<Future<unknown>>;
}

const registry = new FinalizationRegistry<Held>((held) => {
  held.loop._unretrieved.delete(held.token);
  // The future itself is gone: say what it was.
  held.loop.callExceptionHandler({ message: held.message, exception: held.exception, collected: held.description });
});

/** A task, told apart without importing tasks/ (which sits above this module). */
function isTask(future: Future<unknown>): future is Task<unknown> {
  return typeof (future as { getName?: unknown }).getName === 'function';
}

function messageFor(future: Future<unknown>): string {
  const kind = isTask(future) ? 'Task' : 'Future';
  return `${kind} exception was never retrieved`;
}

/** Starts watching a future that just failed with `exception`. */
export function trackUnretrieved(future: Future<unknown>, exception: unknown): void {
  // Format the stack now: an unformatted one keeps its frames' receivers (the task) alive, and
  // the registry would never see the future collected.
  if (exception instanceof Error) void exception.stack;
  const token = new WeakRef(future);
  future._unretrievedToken = token;
  const loop = future._loop;
  loop._unretrieved.add(token);
  registry.register(future, { loop, message: messageFor(future), exception, description: String(future), token }, token);
}

/** The future's exception was looked at: stop watching it. */
export function untrackUnretrieved(future: Future<unknown>): void {
  const token = future._unretrievedToken as WeakRef<Future<unknown>> | null;
  if (token === null) return;
  future._unretrievedToken = null;
  registry.unregister(token);
  future._loop._unretrieved.delete(token);
}

/** Reports every failed future of `loop` still alive whose exception nobody retrieved. */
export function reportUnretrieved(loop: EventLoop): void {
  for (const token of [...loop._unretrieved]) {
    const future = token.deref();
    if (future === undefined || future._unretrievedToken === null) continue;
    const exception = future.exception(); // marks it retrieved
    const context: ExceptionContext = { message: messageFor(future), exception, future };
    if (isTask(future)) context.task = future;
    loop.callExceptionHandler(context);
  }
}
