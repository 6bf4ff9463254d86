/**
 * tsaio: Python's asyncio for TypeScript on Node.js.
 * @module
 */
export * from './errors.js';
export { EventLoop, Handle, TimerHandle, getRunningLoop, getEventLoop, setEventLoop, newEventLoop } from './loop/index.js';
export type { EventLoopOptions, ExceptionContext, ExceptionHandler, Executor } from './loop/index.js';
export { Future, isFuture } from './futures.js';
export * from './tasks/index.js';
export { timeout, timeoutAt, Timeout } from './timeouts.js';
export { taskGroup, TaskGroup } from './task-group.js';
export { run, Runner, type RunOptions } from './runners.js';
export { formatTasks, printTasks } from './introspection.js';
export { runInExecutor, toThread } from './executors/index.js';
export * from './sync/index.js';
export * from './queues/index.js';
