/** Finding the loop: the running one, or the one set for this program. */
import { RuntimeError } from '../errors.js';
import { runningLoopOrNull } from './context.js';
import { EventLoop, type EventLoopOptions } from './event-loop.js';

let current: EventLoop | null = null;

/**
 * The loop running the current task or callback. RuntimeError ("no running event loop") when
 * called outside one.
 */
export function getRunningLoop(): EventLoop {
  const loop = runningLoopOrNull();
  if (loop === null) throw new RuntimeError('no running event loop');
  return loop;
}

/**
 * The running loop if there is one, else the loop set with {@link setEventLoop}. Unlike old
 * asyncio it never creates one: RuntimeError ("There is no current event loop") otherwise.
 */
export function getEventLoop(): EventLoop {
  const loop = runningLoopOrNull() ?? current;
  if (loop === null || loop.isClosed()) throw new RuntimeError('There is no current event loop');
  return loop;
}

/** Sets the loop that {@link getEventLoop} returns when no loop is running (null clears it). */
export function setEventLoop(loop: EventLoop | null): void {
  if (loop !== null && !(loop instanceof EventLoop)) {
    throw new TypeError(`loop must be an EventLoop or null, got ${String(loop)}`);
  }
  current = loop;
}

/** Creates a new event loop. It may be created anywhere, even inside a running loop. */
export function newEventLoop(opts?: EventLoopOptions): EventLoop {
  return new EventLoop(opts);
}
