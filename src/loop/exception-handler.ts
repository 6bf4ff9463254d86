/** The loop's exception-handler types and the default handler. */
import type { EventLoop } from './event-loop.js';
import type { Handle } from './handles.js';
import type { Future } from '../futures.js';
import type { Task } from '../tasks/task.js';

/**
 * What is reported to the loop's exception handler, as asyncio's context dict: always a
 * `message`, and where known the `exception`, the `future`/`task` and the `handle` involved.
 */
export interface ExceptionContext {
  message: string;
  exception?: unknown;
  future?: Future<unknown>;
  task?: Task<unknown>;
  handle?: Handle;
  [key: string]: unknown;
}

/** A loop exception handler: `(loop, context) => void`. */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

/** Writes the report to stderr: the message, the other context fields, the error's stack. */
export function defaultExceptionHandler(context: ExceptionContext): void {
  const lines = [context.message || 'Unhandled exception in event loop'];
  for (const [key, value] of Object.entries(context)) {
    if (key === 'message' || key === 'exception') continue;
    lines.push(`${key}: ${String(value)}`);
  }
  const exception = context.exception;
  if (exception !== undefined) {
    lines.push(exception instanceof Error && exception.stack ? exception.stack : String(exception));
  }
  process.stderr.write(lines.join('\n') + '\n');
}
