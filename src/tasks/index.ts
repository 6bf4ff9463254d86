/** Tasks and the combinators over them. */
export { Task, createTask, currentTask, allTasks, type TaskOptions } from './task.js';
export { Coroutine, coroutine, isCoroutine, isCoroutineFunction, type CoroutineLike, type AwaitableLike } from './coroutine.js';
export { sleep } from './sleep.js';
export { ensureFuture, cancellable } from './ensure-future.js';
export { gather, type GatherOptions } from './gather.js';
export { wait, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED, type ReturnWhen, type WaitOptions } from './wait.js';
export { asCompleted, AsCompletedIterator } from './as-completed.js';
export { waitFor } from './wait-for.js';
export { shield } from './shield.js';
export { runCoroutineThreadsafe } from './run-coroutine-threadsafe.js';
