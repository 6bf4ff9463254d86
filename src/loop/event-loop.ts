/**
 * The event loop: a scheduler on top of Node's own loop, as asyncio's BaseEventLoop sits on top
 * of a selector (ARCHITECTURE.md §2).
 * @module
 */
import { performance } from 'node:perf_hooks';
import { RuntimeError } from '../errors.js';
import { BinaryHeap } from '../internal/binary-heap.js';
import { Deque } from '../internal/deque.js';
import { checkSeconds } from '../internal/validate.js';
import type { Future } from '../futures.js';
import type { Task } from '../tasks/task.js';
import { RealClock, VirtualClock, type Clock } from './clock.js';
import { callbackState, runningLoopOrNull } from './context.js';
import { createDefaultExecutor, type Executor } from './default-executor.js';
import { Handle, TimerHandle, type Runnable } from './handles.js';
import { hooks } from './runtime-hooks.js';
import { unwatchContinuations, watchContinuations } from './slow-continuations.js';
import { defaultExceptionHandler, type ExceptionContext, type ExceptionHandler } from './exception-handler.js';

export type { ExceptionContext, ExceptionHandler } from './exception-handler.js';

/** How long one pass may run iterations before it yields to Node for I/O (milliseconds). */
const SLICE_MS = 2;

const timerLess = (a: TimerHandle, b: TimerHandle): boolean =>
  a._when < b._when || (a._when === b._when && a._seq < b._seq);

type Lifecycle = 'idle' | 'running' | 'closed';

/** Options for {@link EventLoop}. */
export interface EventLoopOptions {
  /** The clock; real time by default. Tests pass a {@link VirtualClock}. */
  clock?: Clock;
  /** Debug mode (see {@link EventLoop.setDebug}). Defaults to `TSAIO_DEBUG=1`. */
  debug?: boolean;
}

/**
 * An event loop: a FIFO ready queue of callbacks and a heap of timers, run in iterations.
 *
 * One iteration runs every callback that was ready when it began, in FIFO order; callbacks added
 * meanwhile run in the next iteration. Due timers join the ready queue at the start of an
 * iteration; timers with equal deadlines run in the order they were scheduled. A callback that
 * resumes a task lets that task run until it suspends before the next callback runs. The loop
 * yields to Node between short slices of iterations, so I/O is served even under a busy loop of
 * `await sleep(0)`. All times are in seconds.
 *
 * Most programs never touch the loop: `run(main)` makes one. Use `getRunningLoop()` inside tasks.
 */
export class EventLoop {
  readonly #clock: Clock;
  readonly #ready = new Deque<Runnable>(1024);
  readonly #timers = new BinaryHeap<TimerHandle>(timerLess);
  #timerSeq = 0;
  #cancelledTimers = 0;
  #lifecycle: Lifecycle = 'idle';
  #stopping = false;
  #onStopped: (() => void) | null = null;
  /** A pass is in progress: running callbacks, or waiting for a task step to suspend. */
  #passActive = false;
  /** The task whose step the pass waits on. */
  #stepping: Task<unknown> | null = null;
  #inRun = false;
  #iterationLeft = 0;
  /** An iteration ran since the loop started running (stop() is honoured after one). */
  #ranIteration = false;
  #sliceDeadline = 0;
  #immediatePending = false;
  #nodeTimer: ReturnType<typeof setTimeout> | null = null;
  #nodeTimerWhen = Infinity;
  #unsubscribeClock: (() => void) | null = null;
  #debug: boolean;
  /** The slow-continuation hook is counted for this loop (debug mode while running). */
  #watching = false;
  /** When the current task step began (debug mode only), in performance.now() milliseconds. */
  #stepStart = 0;
  #exceptionHandler: ExceptionHandler | null = null;
  #defaultExecutor: Executor | null = null;
  #executorShutdownCalled = false;
  /** @internal Failed futures whose exception nobody retrieved yet (see unretrieved.ts). */
  readonly _unretrieved = new Set<WeakRef<Future<unknown>>>();
  /** @internal Pending tasks of this loop (for `allTasks()` and `run()`'s clean-up). */
  readonly _tasks = new Set<Task<unknown>>();
  /**
   * How long (seconds) a callback or task step may run before debug mode reports it as slow.
   * Default 0.1, as in asyncio.
   */
  slowCallbackDuration = 0.1;

  constructor(opts: EventLoopOptions = {}) {
    this.#clock = opts.clock ?? new RealClock();
    this.#debug = opts.debug ?? process.env['TSAIO_DEBUG'] === '1';
  }

  /** The loop's monotonic clock, in seconds. */
  time(): number {
    return this.#clock.now();
  }

  /** @internal The clock this loop runs on. */
  get _clock(): Clock {
    return this.#clock;
  }

  /**
   * Schedules `callback(...args)` to run in the next iteration, after the callbacks already
   * scheduled (FIFO). Returns a {@link Handle} that can cancel it.
   */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    this.#checkOpen();
    checkCallback(callback);
    const handle = new Handle(callback as (...a: unknown[]) => unknown, args, this);
    this._schedule(handle);
    return handle;
  }

  /**
   * Like {@link EventLoop.callSoon}, for code that runs outside the loop's own callbacks (a Node
   * event handler, a worker message). In Node there are no other threads sharing this loop, so this
   * is `callSoon`; it exists so that code written for asyncio reads the same.
   */
  callSoonThreadsafe<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    return this.callSoon(callback, ...args);
  }

  /**
   * Schedules `callback(...args)` to run `delay` seconds from now. A negative delay counts as 0;
   * a non-number is a TypeError and NaN a ValueError.
   */
  callLater<A extends unknown[]>(delay: number, callback: (...args: A) => unknown, ...args: A): TimerHandle {
    checkSeconds('delay', delay);
    return this.callAt(this.time() + delay, callback, ...args);
  }

  /** Schedules `callback(...args)` to run at loop time `when` (seconds, as {@link EventLoop.time}). */
  callAt<A extends unknown[]>(when: number, callback: (...args: A) => unknown, ...args: A): TimerHandle {
    this.#checkOpen();
    checkSeconds('when', when);
    checkCallback(callback);
    const handle = new TimerHandle(when, ++this.#timerSeq, callback as (...a: unknown[]) => unknown, args, this);
    this.#timers.push(handle);
    if (this.#lifecycle === 'running' && !this.#passActive) this.#waitForWork();
    return handle;
  }

  /** Creates a pending {@link Future} bound to this loop. */
  createFuture<T>(): Future<T> {
    return hooks.createFuture!<T>(this);
  }

  /** Creates a {@link Task} on this loop; see `createTask`. */
  createTask<T>(coro: unknown, opts?: { name?: string; eagerStart?: boolean }): Task<T> {
    return hooks.createTask!<T>(this, coro, opts);
  }

  /**
   * Runs the loop until `aw` (a future, task, coroutine or function) completes, then stops and
   * returns its result or rejects with its error. RuntimeError if this loop is already running,
   * if another loop is running in this context, or if the loop is stopped first
   * ("Event loop stopped before Future completed.").
   */
  runUntilComplete<T>(aw: unknown): Promise<T> {
    this.#checkCanRun();
    const fut = hooks.ensureFuture!<T>(aw, this);
    return new Promise<T>((resolve, reject) => {
      const onDone = (): void => this.stop();
      fut.addDoneCallback(onDone);
      this.#runUntilStopped(() => {
        fut.removeDoneCallback(onDone);
        if (!fut.done()) {
          reject(new RuntimeError('Event loop stopped before Future completed.'));
          return;
        }
        try {
          resolve(fut.result());
        } catch (e) {
          reject(e);
        }
      });
    });
  }

  /** Runs the loop until {@link EventLoop.stop} is called. */
  runForever(): Promise<void> {
    this.#checkCanRun();
    return new Promise<void>((resolve) => this.#runUntilStopped(resolve));
  }

  /**
   * Stops the loop after the current iteration (the callbacks already ready still run).
   * Calling it when the loop is not running makes the next run do one iteration.
   */
  stop(): void {
    this.#stopping = true;
    if (this.#lifecycle === 'running' && !this.#passActive) this.#ensureImmediate();
  }

  /** True while `runForever`/`runUntilComplete` runs. */
  isRunning(): boolean {
    return this.#lifecycle === 'running';
  }

  /** True once {@link EventLoop.close} was called. */
  isClosed(): boolean {
    return this.#lifecycle === 'closed';
  }

  /**
   * Closes the loop: pending callbacks are dropped and the default executor is shut down without
   * waiting. RuntimeError while running; closing twice does nothing.
   */
  close(): void {
    if (this.#lifecycle === 'running') throw new RuntimeError('Cannot close a running event loop');
    if (this.#lifecycle === 'closed') return;
    this.#lifecycle = 'closed';
    for (const task of this._tasks) {
      if (!task.done()) this.callExceptionHandler({ message: 'Task was destroyed but it is pending!', task });
    }
    this._tasks.clear();
    this.#ready.clear();
    this.#timers.clear();
    const executor = this.#defaultExecutor;
    this.#defaultExecutor = null;
    if (executor !== null) void executor.shutdown({ wait: false });
  }

  /**
   * Runs `fn(...args)` in `executor` (null: the loop's default ThreadPoolExecutor, created on first
   * use) and returns a future of its result. Cancelling the future cancels the job.
   */
  runInExecutor<R>(executor: Executor | null, fn: (...args: any[]) => R | PromiseLike<R>, ...args: unknown[]): Future<Awaited<R>> {
    this.#checkOpen();
    if (executor === null || executor === undefined) {
      if (this.#executorShutdownCalled) throw new RuntimeError('Executor shutdown has been called');
      executor = this.#defaultExecutor ??= createDefaultExecutor();
    }
    return executor.submit(fn, ...args) as Future<Awaited<R>>;
  }

  /** Sets the executor used by `runInExecutor(null, …)` and `toThread`. */
  setDefaultExecutor(executor: Executor): void {
    this.#defaultExecutor = executor;
  }

  /** Shuts the default executor down and waits for its jobs; later `runInExecutor(null)` is a RuntimeError. */
  async shutdownDefaultExecutor(): Promise<void> {
    this.#executorShutdownCalled = true;
    const executor = this.#defaultExecutor;
    this.#defaultExecutor = null;
    if (executor !== null) await executor.shutdown({ wait: true });
  }

  /** Sets the handler for errors nobody else can receive; `null` restores the default. */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null && typeof handler !== 'function') {
      throw new TypeError(`A callable object or null is expected, got ${String(handler)}`);
    }
    this.#exceptionHandler = handler;
  }

  /** The handler set with {@link EventLoop.setExceptionHandler}, or null. */
  getExceptionHandler(): ExceptionHandler | null {
    return this.#exceptionHandler;
  }

  /** The default handler: writes the message, the error and its stack to stderr. */
  defaultExceptionHandler(context: ExceptionContext): void {
    defaultExceptionHandler(context);
  }

  /**
   * Reports `context` to the exception handler (or the default one). A handler that throws is
   * itself reported by the default handler: nothing is lost silently.
   */
  callExceptionHandler(context: ExceptionContext): void {
    const handler = this.#exceptionHandler;
    if (handler === null) {
      defaultExceptionHandler(context);
      return;
    }
    try {
      handler(this, context);
    } catch (exception) {
      defaultExceptionHandler({ message: 'Unhandled error in exception handler', exception, context });
    }
  }

  /** True in debug mode. */
  getDebug(): boolean {
    return this.#debug;
  }

  /** Switches debug mode on or off. */
  setDebug(enabled: boolean): void {
    this.#debug = Boolean(enabled);
    this.#updateWatching();
  }

  /** @internal True while a pass runs (callbacks or a task step the loop drives). */
  get _passActive(): boolean {
    return this.#passActive;
  }

  /**
   * @internal Debug mode: reports a task step or callback that ran longer than
   * {@link EventLoop.slowCallbackDuration}, naming it ("Executing <Task …> took 0.300 seconds").
   */
  _reportIfSlow(what: Task<unknown> | Handle, startMs: number): void {
    const seconds = (performance.now() - startMs) / 1000;
    if (seconds < this.slowCallbackDuration) return;
    const context: ExceptionContext = { message: `Executing ${String(what)} took ${seconds.toFixed(3)} seconds` };
    if (what instanceof Handle) context.handle = what;
    else context.task = what;
    this.callExceptionHandler(context);
  }

  #updateWatching(): void {
    const watch = this.#debug && this.#lifecycle === 'running';
    if (watch === this.#watching) return;
    this.#watching = watch;
    if (watch) watchContinuations();
    else unwatchContinuations();
  }

  // ---- internal scheduling -------------------------------------------------------------------

  /**
   * @internal As `callSoon(callback, arg)` for a callback already checked (a future's done
   * callback): one argument, no array.
   */
  _callSoonWith<A>(callback: (arg: A) => unknown, arg: A): void {
    this._schedule(new Handle(callback as (a: unknown) => unknown, null, this, arg));
  }

  /** @internal Puts a runnable at the end of the ready queue. */
  _schedule(runnable: Runnable): void {
    this.#ready.push(runnable);
    if (!this.#passActive && !this.#immediatePending && this.#lifecycle === 'running') this.#ensureImmediate();
  }

  /**
   * @internal Called when `task` suspends on a pending tsaio awaitable or finishes. If the pass
   * was waiting for that task's step, it goes on with the next ready callback.
   */
  _stepSuspended(task: Task<unknown>): void {
    if (this.#stepping !== task) return;
    this.#stepping = null;
    if (this.#debug && this.#stepStart >= 0) this._reportIfSlow(task, this.#stepStart);
    if (!this.#inRun) this.#continue();
  }

  /** @internal A scheduled timer was cancelled; the heap is compacted when most are cancelled. */
  _timerCancelled(): void {
    this.#cancelledTimers++;
  }

  #checkOpen(): void {
    if (this.#lifecycle === 'closed') throw new RuntimeError('Event loop is closed');
  }

  #checkCanRun(): void {
    this.#checkOpen();
    if (this.#lifecycle === 'running') throw new RuntimeError('This event loop is already running');
    if (runningLoopOrNull() !== null) {
      throw new RuntimeError('Cannot run the event loop while another loop is running');
    }
  }

  #runUntilStopped(onStopped: () => void): void {
    this.#lifecycle = 'running';
    this.#ranIteration = false;
    this.#onStopped = onStopped;
    this.#updateWatching();
    if (this.#clock instanceof VirtualClock && !this.#clock.autoAdvance) {
      this.#unsubscribeClock = this.#clock.onAdvance(() => {
        if (this.#lifecycle === 'running' && !this.#passActive) this.#ensureImmediate();
      });
    }
    this.#ensureImmediate();
  }

  #ensureImmediate(): void {
    if (!this.#immediatePending) {
      this.#immediatePending = true;
      setImmediate(this.#onImmediate);
    }
  }

  readonly #onImmediate = (): void => {
    this.#immediatePending = false;
    if (this.#lifecycle !== 'running') return;
    if (this.#stepping !== null) {
      // The step is parked on a foreign promise (no tsaio awaitable saw it suspend): go on.
      if (this.#debug && this.#stepStart >= 0) this._reportIfSlow(this.#stepping, this.#stepStart);
      this.#stepping = null;
      this.#sliceDeadline = performance.now() + SLICE_MS;
      this.#continue();
      return;
    }
    if (!this.#passActive) this.#startPass();
  };

  readonly #onNodeTimer = (): void => {
    this.#nodeTimer = null;
    this.#nodeTimerWhen = Infinity;
    if (this.#lifecycle === 'running' && !this.#passActive) this.#startPass();
  };

  #startPass(): void {
    this.#passActive = true;
    this.#sliceDeadline = performance.now() + SLICE_MS;
    const clock = this.#clock;
    if (clock instanceof VirtualClock && clock.autoAdvance && this.#ready.length === 0 && !this.#stopping) {
      const next = this.#nextTimer();
      if (next !== undefined) clock.jumpTo(next._when);
    }
    this.#continue();
  }

  /** Runs ready callbacks until the pass must wait for a task step, the slice ends, or nothing is ready. */
  #continue(): void {
    const ready = this.#ready;
    for (;;) {
      if (this.#iterationLeft === 0) {
        // asyncio checks for stop() after each iteration, so a stop() made before the loop
        // started still lets one iteration run.
        if (this.#stopping && this.#ranIteration) {
          this.#finishStop();
          return;
        }
        if (performance.now() > this.#sliceDeadline) {
          this.#endPass();
          return;
        }
        this.#collectDueTimers();
        this.#ranIteration = true;
        if (ready.length === 0) {
          if (this.#stopping) continue;
          this.#endPass();
          return;
        }
        this.#iterationLeft = ready.length;
      }
      const runnable = ready.shift()!;
      this.#iterationLeft--;
      if (runnable._cancelled) continue;
      const task = runnable._task;
      if (task === null) {
        this.#runCallback(runnable as Handle);
        continue;
      }
      this.#stepping = task;
      this.#stepStart = this.#debug ? performance.now() : -1;
      this.#inRun = true;
      try {
        runnable._run();
      } catch (exception) {
        this.callExceptionHandler({ message: 'Exception in task step', exception, task });
      } finally {
        this.#inRun = false;
      }
      if (this.#stepping !== null) {
        // Wait for the step to suspend; a Node macrotask releases a step parked on a foreign promise.
        this.#ensureImmediate();
        return;
      }
    }
  }

  #runCallback(handle: Handle): void {
    const previous = callbackState.loop;
    callbackState.loop = this;
    const start = this.#debug ? performance.now() : -1;
    try {
      handle._run();
    } catch (exception) {
      this.callExceptionHandler({ message: `Exception in callback ${handle}`, exception, handle });
    } finally {
      callbackState.loop = previous;
    }
    if (this.#debug && start >= 0) this._reportIfSlow(handle, start);
  }

  #collectDueTimers(): void {
    const timers = this.#timers;
    if (this.#cancelledTimers > 256 && this.#cancelledTimers * 2 > timers.length) {
      timers.filter((t) => !t._cancelled);
      this.#cancelledTimers = 0;
    }
    if (timers.length === 0) return;
    const now = this.#clock.now();
    for (let top = timers.peek(); top !== undefined; top = timers.peek()) {
      if (top._cancelled) {
        timers.pop();
        this.#cancelledTimers--;
        continue;
      }
      if (top._when > now) break;
      timers.pop();
      top._scheduled = false;
      this.#ready.push(top);
    }
  }

  #nextTimer(): TimerHandle | undefined {
    const timers = this.#timers;
    for (let top = timers.peek(); top !== undefined; top = timers.peek()) {
      if (!top._cancelled) return top;
      timers.pop();
      this.#cancelledTimers--;
    }
    return undefined;
  }

  #endPass(): void {
    this.#passActive = false;
    if (this.#ready.length > 0 || this.#stopping) {
      this.#ensureImmediate();
      return;
    }
    this.#waitForWork();
  }

  /** Nothing is ready: arrange to wake up for the next timer (new callbacks wake the loop themselves). */
  #waitForWork(): void {
    const next = this.#nextTimer();
    if (next === undefined) return;
    const clock = this.#clock;
    if (clock instanceof VirtualClock) {
      if (clock.autoAdvance) this.#ensureImmediate();
      return;
    }
    if (this.#nodeTimer !== null) {
      if (this.#nodeTimerWhen <= next._when) return;
      clearTimeout(this.#nodeTimer);
    }
    const ms = Math.max(0, Math.ceil((next._when - clock.now()) * 1000));
    this.#nodeTimerWhen = next._when;
    this.#nodeTimer = setTimeout(this.#onNodeTimer, ms);
  }

  #finishStop(): void {
    this.#stopping = false;
    this.#passActive = false;
    this.#lifecycle = 'idle';
    this.#updateWatching();
    if (this.#nodeTimer !== null) {
      clearTimeout(this.#nodeTimer);
      this.#nodeTimer = null;
      this.#nodeTimerWhen = Infinity;
    }
    this.#unsubscribeClock?.();
    this.#unsubscribeClock = null;
    const onStopped = this.#onStopped;
    this.#onStopped = null;
    onStopped?.();
  }
}

function checkCallback(callback: unknown): void {
  if (typeof callback !== 'function') {
    throw new TypeError(`a callable object was expected, got ${String(callback)}`);
  }
}
