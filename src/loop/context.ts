/**
 * Which task and which loop are current. A task's code runs inside one AsyncLocalStorage `run`
 * (entered once when the task starts, never per await); plain callbacks run by a loop see no
 * current task, as in asyncio.
 * @internal
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventLoop } from './event-loop.js';
import type { Task } from '../tasks/task.js';

export const taskStorage = new AsyncLocalStorage<Task<unknown>>();

/** Set while a loop runs a plain callback (not a task step), so that callback sees no task. */
export const callbackState: { loop: EventLoop | null } = { loop: null };

/** The task whose code is running, or null (outside tasks, or in a plain loop callback). */
export function currentTaskOrNull(): Task<unknown> | null {
  if (callbackState.loop !== null) return null;
  return taskStorage.getStore() ?? null;
}

/** The running loop of the current context, or null. */
export function runningLoopOrNull(): EventLoop | null {
  const loop = callbackState.loop ?? taskStorage.getStore()?._loop ?? null;
  return loop !== null && loop.isRunning() ? loop : null;
}
