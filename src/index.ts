/**
 * tsaio: Python's asyncio for TypeScript on Node.js.
 * @module
 */
export * from './errors.js';
export { EventLoop, Handle, TimerHandle, getRunningLoop, getEventLoop, setEventLoop, newEventLoop } from './loop/index.js';
export type { EventLoopOptions, ExceptionContext, ExceptionHandler, Executor } from './loop/index.js';
export { Future, isFuture } from './futures.js';
export { Task, createTask, currentTask, allTasks, type TaskOptions } from './tasks/task.js';
export { Coroutine, coroutine, isCoroutine, isCoroutineFunction, type CoroutineLike, type AwaitableLike } from './tasks/coroutine.js';
export { sleep } from './tasks/sleep.js';
export { ensureFuture, cancellable } from './tasks/ensure-future.js';
export { run, Runner, type RunOptions } from './runners.js';
