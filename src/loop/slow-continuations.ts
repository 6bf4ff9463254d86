/**
 * Debug mode's watch on task code that runs outside the loop's own passes: a task that awaited a
 * foreign promise (a Node API, a plain `setTimeout` promise) continues in a promise job the loop
 * does not drive. An async_hooks before/after pair times each such job; AsyncLocalStorage tells
 * whose task it is. The hook is enabled only while a loop runs in debug mode.
 * @internal
 */
import { createHook } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { taskStorage } from './context.js';
import type { Task } from '../tasks/task.js';

const starts: number[] = [];
const owners: (Task<unknown> | null)[] = [];
let users = 0;

const hook = createHook({
  before() {
    const task = taskStorage.getStore() ?? null;
    const watched = task !== null && task._loop.getDebug() && !task._loop._passActive;
    owners.push(watched ? task : null);
    starts.push(watched ? performance.now() : 0);
  },
  after() {
    const task = owners.pop();
    const start = starts.pop();
    if (task === undefined || task === null || start === undefined) return;
    task._loop._reportIfSlow(task, start);
  },
});

/** True while the hook is enabled (some loop runs in debug mode). */
export function slowContinuationHookEnabled(): boolean {
  return users > 0;
}

/** A loop entered debug mode while running. */
export function watchContinuations(): void {
  if (users++ === 0) hook.enable();
}

/** A loop left debug mode or stopped. */
export function unwatchContinuations(): void {
  if (users > 0 && --users === 0) {
    hook.disable();
    starts.length = 0;
    owners.length = 0;
  }
}
