/**
 * How the loop makes futures and tasks without importing the modules above it
 * (errors ← loop ← futures ← tasks). futures.ts and tasks/task.ts register themselves here.
 * @internal
 */
import type { Future } from '../futures.js';
import type { Task } from '../tasks/task.js';
import type { EventLoop } from './event-loop.js';

export interface RuntimeHooks {
  createFuture<T>(loop: EventLoop): Future<T>;
  createTask<T>(loop: EventLoop, coro: unknown, opts?: { name?: string; eagerStart?: boolean }): Task<T>;
  ensureFuture<T>(aw: unknown, loop: EventLoop): Future<T>;
}

export const hooks: Partial<RuntimeHooks> = {};
