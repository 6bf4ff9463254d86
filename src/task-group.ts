/**
 * TaskGroup and taskGroup: structured concurrency, as asyncio.TaskGroup (Python 3.11+).
 * @module
 */
import { CancelledError, ExceptionGroup, RuntimeError } from './errors.js';
import type { Future } from './futures.js';
import type { EventLoop } from './loop/event-loop.js';
import { getRunningLoop } from './loop/running.js';
import { Coroutine, type CoroutineLike } from './tasks/coroutine.js';
import { currentTask, Task, type TaskOptions } from './tasks/task.js';

/**
 * A group of tasks that finish together, given to the body of {@link taskGroup}.
 *
 * The group exits only when every child is done, including children added while it waits. The
 * first child failure (or an error of the body) cancels the body and every other child; then all
 * errors other than cancellations are raised together as one {@link ExceptionGroup}. A
 * cancellation of the parent task from outside is raised as CancelledError when no child failed.
 * The parent's `cancelling()` count is left as it was found. Single use.
 */
export class TaskGroup {
  #entered = false;
  #exiting = false;
  #aborting = false;
  #loop: EventLoop | null = null;
  #parent: Task<unknown> | null = null;
  #parentCancelRequested = false;
  readonly #tasks = new Set<Task<unknown>>();
  #errors: unknown[] = [];
  #onCompleted: Future<void> | null = null;
  #cancelOnEnter = false;

  /**
   * Schedules `coro` as a child task. RuntimeError before the group is entered, once it is
   * finished, and while it is shutting down after a failure (the coroutine is then closed).
   */
  createTask<T>(coro: CoroutineLike<T>, opts?: TaskOptions): Task<Awaited<T>> {
    const refuse = (why: string): never => {
      if (coro instanceof Coroutine) coro.close();
      throw new RuntimeError(`TaskGroup ${why}`);
    };
    if (!this.#entered) refuse('has not been entered');
    if (this.#exiting && this.#tasks.size === 0) refuse('is finished');
    if (this.#aborting) refuse('is shutting down');
    const task = new Task<Awaited<T>>(coro as CoroutineLike<Awaited<T>>, this.#loop!, opts);
    // Track the task even if an eager start already finished it: its done callback then runs in
    // the next iteration, so a failure cannot cancel the parent in the middle of this call
    // (asyncio 3.13, gh-128550).
    this.#tasks.add(task as Task<unknown>);
    task.addDoneCallback(this.#onTaskDone as (t: Future<Awaited<T>>) => void);
    // An eager task may have aborted the group before it joined #tasks.
    if (this.#aborting && !task.done()) task.cancel();
    return task;
  }

  /**
   * Cancels every child and the body; the group then exits without an error (unless a child
   * failed). Cancelling twice, or a group already shutting down, does nothing. Called before the
   * group is entered, it cancels the group as soon as it is entered (asyncio 3.14).
   */
  cancel(): void {
    if (!this.#entered) {
      this.#cancelOnEnter = true;
      return;
    }
    if (this.#aborting || this.#parent === null) return;
    this.#abort();
    if (!this.#parentCancelRequested) {
      this.#parentCancelRequested = true;
      this.#parent.cancel();
    }
  }

  /** @internal Runs `body(this)` inside the group. */
  async _run<T>(body: (tg: TaskGroup) => T | PromiseLike<T>): Promise<T> {
    this.#enter();
    let result: T | undefined;
    let failed = false;
    let error: unknown;
    try {
      result = await body(this);
    } catch (e) {
      failed = true;
      error = e;
    }
    await this.#exit(failed, error);
    return result as T;
  }

  #enter(): void {
    if (this.#entered) throw new RuntimeError('TaskGroup has already been entered');
    this.#loop ??= getRunningLoop();
    const parent = currentTask();
    if (parent === null) throw new RuntimeError('TaskGroup cannot determine the parent task');
    this.#parent = parent;
    this.#entered = true;
    if (this.#cancelOnEnter) this.cancel();
  }

  async #exit(failed: boolean, error: unknown): Promise<void> {
    this.#exiting = true;
    let propagateCancellation: CancelledError | null = failed && error instanceof CancelledError ? error : null;
    if (failed && !this.#aborting) this.#abort();
    let pendingCancellation: CancelledError | null = null;
    while (this.#tasks.size > 0) {
      this.#onCompleted ??= this.#loop!.createFuture<void>();
      try {
        await this.#onCompleted;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        pendingCancellation = e;
        if (!this.#aborting) {
          // The parent task is being cancelled from outside.
          propagateCancellation = e;
          this.#abort();
        }
      }
      this.#onCompleted = null;
    }
    if (this.#parentCancelRequested) {
      if (this.#parent!.uncancel() === 0) propagateCancellation = null;
      // The cancellation left over is not the group's own: do not drop it (gh-155433).
      else propagateCancellation ??= pendingCancellation;
    }
    const errors = this.#errors;
    const parent = this.#parent!;
    this.#parent = null;
    if (propagateCancellation !== null && errors.length === 0) throw propagateCancellation;
    if (failed && !(error instanceof CancelledError)) errors.push(error);
    if (errors.length > 0) {
      if (parent.cancelling() > 0) {
        // Keep an outside cancellation pending at a stable count.
        parent.uncancel();
        parent.cancel();
      }
      throw new ExceptionGroup('unhandled errors in a TaskGroup', errors);
    }
  }

  #abort(): void {
    this.#aborting = true;
    for (const t of this.#tasks) if (!t.done()) t.cancel();
  }

  readonly #onTaskDone = (task: Task<unknown>): void => {
    this.#tasks.delete(task);
    const onCompleted = this.#onCompleted;
    if (onCompleted !== null && this.#tasks.size === 0 && !onCompleted.done()) onCompleted.setResult();
    if (task.cancelled()) return;
    const exc = task.exception();
    if (exc === null) return;
    this.#errors.push(exc);
    const parent = this.#parent;
    if (parent === null || parent.done()) {
      this.#loop!.callExceptionHandler({
        message: `Task has errored out but its parent task is already completed`,
        exception: exc,
        task,
      });
      return;
    }
    if (!this.#aborting && !this.#parentCancelRequested) {
      // Cancel the body too, and take that cancellation back when the group exits.
      this.#abort();
      this.#parentCancelRequested = true;
      parent.cancel();
    }
  };
}

/**
 * Runs `body` with a new {@link TaskGroup} and returns its result once every child has finished.
 * Errors are raised as one ExceptionGroup (see TaskGroup).
 *
 * @example
 * await taskGroup(async (tg) => {
 *   tg.createTask(() => delay(1));
 *   tg.createTask(() => delay(2));
 * }); // both done here
 */
export function taskGroup<T>(body: (tg: TaskGroup) => T | PromiseLike<T>): Promise<T> {
  return new TaskGroup()._run(body);
}
