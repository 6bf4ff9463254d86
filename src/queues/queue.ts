/**
 * Queue: a FIFO queue for producer and consumer tasks, as asyncio's Queue; the base of
 * LifoQueue and PriorityQueue.
 * @module
 */
import { inspect } from 'node:util';
import { QueueEmpty, QueueFull, QueueShutDown, ValueError } from '../errors.js';
import { Deque } from '../internal/deque.js';
import { describe } from '../internal/validate.js';
import { Event } from '../sync/event.js';
import { LoopBound } from '../sync/loop-bound.js';
import { newWaiters, removeWaiter, type Waiters } from '../sync/waiters.js';

/** @internal How a queue keeps its items: the order is the store's business. */
export interface ItemStore<T> {
  readonly length: number;
  /** Adds an item (O(1), or O(log n) for a heap). */
  add(item: T): void;
  /** Removes and returns the next item; only called when `length > 0`. */
  take(): T;
  /** The items, in storage order (for `toString`). */
  values(): Iterable<T>;
}

/** @internal Items on a ring buffer, taken from the front (first in, first out) or the back (a stack). */
export class DequeStore<T> implements ItemStore<T> {
  readonly #items = new Deque<T>();
  constructor(private readonly lastInFirstOut: boolean) {}
  get length(): number {
    return this.#items.length;
  }
  add(item: T): void {
    this.#items.push(item);
  }
  take(): T {
    return (this.lastInFirstOut ? this.#items.pop() : this.#items.shift()) as T;
  }
  values(): Iterable<T> {
    return this.#items;
  }
}

/** Checks `maxsize`: any number (≤ 0 means unbounded), as in Python; NaN or a non-number is a TypeError. */
function checkMaxsize(maxsize: unknown): number {
  if (typeof maxsize !== 'number' || Number.isNaN(maxsize)) {
    throw new TypeError(`maxsize must be a number (<= 0 for unbounded), got ${describe(maxsize)}`);
  }
  return maxsize;
}

/**
 * A first-in, first-out queue for coordinating producer and consumer tasks, as asyncio's Queue.
 *
 * - **Bounded or not:** with `maxsize > 0`, {@link Queue.put} waits while the queue holds
 *   `maxsize` items (`full()` is `qsize() >= maxsize`, so a fractional maxsize works as in Python);
 *   `maxsize <= 0` (the default) means unbounded.
 * - **FIFO waiters:** blocked `get()` calls are served in the order they started, and so are
 *   blocked `put()` calls.
 * - **Cancellation-safe:** a cancelled `get()` takes no item, and a cancelled `put()` adds none:
 *   every item put is got exactly once or is still in the queue. A getter (putter) woken and then
 *   cancelled passes its turn to the next one.
 * - **join / taskDone:** every item put counts as an unfinished task until a consumer calls
 *   {@link Queue.taskDone}; {@link Queue.join} waits until none is left.
 * - **shutdown** (Python 3.13): {@link Queue.shutdown} makes `put` raise QueueShutDown; gets drain
 *   what is left (or, with `immediate`, the rest is discarded and counted as done), then raise
 *   QueueShutDown. Blocked callers are woken.
 * - `for await (const item of queue)` gets items until the queue is shut down and empty.
 *
 * O(1) `put`/`get` (a ring buffer). The queue binds to the running loop the first time a task has
 * to wait on it.
 *
 * @example
 * const queue = new Queue<string>(10);
 * const worker = createTask(async () => {
 *   for await (const url of queue) {
 *     try { await fetch(url); } finally { queue.taskDone(); }
 *   }
 * });
 * for (const url of urls) await queue.put(url);
 * await queue.join();   // every url processed
 * queue.shutdown();     // the worker's loop ends
 * await worker;
 */
export class Queue<T> extends LoopBound implements AsyncIterable<T> {
  readonly #maxsize: number;
  readonly #getters: Waiters<void> = newWaiters();
  readonly #putters: Waiters<void> = newWaiters();
  readonly #finished = new Event();
  #unfinishedTasks = 0;
  #isShutdown = false;
  /** @internal The items, in the subclass's order. */
  protected readonly _items: ItemStore<T>;

  /** A queue holding at most `maxsize` items (default 0: unbounded). */
  constructor(maxsize = 0) {
    super();
    this.#maxsize = checkMaxsize(maxsize);
    this.#finished.set();
    this._items = this._createStore();
  }

  /** @internal The item store; subclasses choose the order. Called once, from the constructor. */
  protected _createStore(): ItemStore<T> {
    return new DequeStore<T>(false);
  }

  /** The number of items in the queue. */
  qsize(): number {
    return this._items.length;
  }

  /** The most items the queue holds (≤ 0: unbounded). */
  get maxsize(): number {
    return this.#maxsize;
  }

  /** True if the queue holds no item. */
  empty(): boolean {
    return this._items.length === 0;
  }

  /** True if the queue holds `maxsize` items or more (never for an unbounded queue). */
  full(): boolean {
    return this.#maxsize > 0 && this._items.length >= this.#maxsize;
  }

  /**
   * Puts `item` in the queue, waiting (FIFO) while it is full. QueueShutDown if the queue is shut
   * down, before or while waiting. Cancelled while waiting, it puts nothing.
   */
  async put(item: T): Promise<void> {
    while (this.full()) {
      if (this.#isShutdown) throw new QueueShutDown('the queue is shut down');
      const putter = this._getLoop().createFuture<void>();
      this.#putters.push(putter);
      try {
        await putter;
      } catch (e) {
        putter.cancel(); // in case it is not done yet
        // It may be gone already, taken by a get or by shutdown().
        removeWaiter(this.#putters, putter);
        // Woken by a get, but we cannot take the slot: wake the next putter in line.
        if (!this.full() && !putter.cancelled()) this.#wakeUpNext(this.#putters);
        throw e;
      }
    }
    this.putNowait(item);
  }

  /** Puts `item` in the queue at once: QueueFull if it is full, QueueShutDown if it is shut down. */
  putNowait(item: T): void {
    if (this.#isShutdown) throw new QueueShutDown('the queue is shut down');
    if (this.full()) throw new QueueFull(`the queue is full (maxsize ${this.#maxsize})`);
    this._items.add(item);
    this.#unfinishedTasks++;
    this.#finished.clear();
    this.#wakeUpNext(this.#getters);
  }

  /**
   * Removes and returns the next item, waiting (FIFO) while the queue is empty. QueueShutDown once
   * the queue is shut down and empty. Cancelled while waiting, it takes nothing.
   */
  async get(): Promise<T> {
    while (this.empty()) {
      if (this.#isShutdown) throw new QueueShutDown('the queue is shut down');
      const getter = this._getLoop().createFuture<void>();
      this.#getters.push(getter);
      try {
        await getter;
      } catch (e) {
        getter.cancel(); // in case it is not done yet
        // It may be gone already, taken by a put or by shutdown().
        removeWaiter(this.#getters, getter);
        // Woken by a put, but we cannot take the item: wake the next getter in line.
        if (!this.empty() && !getter.cancelled()) this.#wakeUpNext(this.#getters);
        throw e;
      }
    }
    return this.getNowait();
  }

  /**
   * Removes and returns the next item at once: QueueEmpty if there is none, QueueShutDown if the
   * queue is shut down and empty.
   */
  getNowait(): T {
    if (this.empty()) {
      if (this.#isShutdown) throw new QueueShutDown('the queue is shut down');
      throw new QueueEmpty('the queue is empty');
    }
    const item = this._items.take();
    this.#wakeUpNext(this.#putters);
    return item;
  }

  /**
   * Marks one item got from the queue as processed. When every item put has been marked,
   * {@link Queue.join} returns. ValueError if called more times than items were put.
   */
  taskDone(): void {
    if (this.#unfinishedTasks <= 0) throw new ValueError('task_done() called too many times');
    this.#unfinishedTasks--;
    if (this.#unfinishedTasks === 0) this.#finished.set();
  }

  /**
   * Waits until every item put has been got and marked with {@link Queue.taskDone}. Returns at once
   * if none is unfinished.
   */
  async join(): Promise<void> {
    if (this.#unfinishedTasks > 0) await this.#finished.wait();
  }

  /**
   * Shuts the queue down (Python 3.13): `put` and `putNowait` raise QueueShutDown from now on, and
   * `get`/`getNowait` raise it once the queue is empty. With `immediate`, the items still queued
   * are discarded and each counts as done (which may let `join()` return), so gets raise at once.
   * Every blocked `put()` and `get()` is woken to find out. Shutting down twice is harmless.
   */
  shutdown(immediate = false): void {
    this.#isShutdown = true;
    if (immediate) {
      while (!this.empty()) {
        this._items.take();
        if (this.#unfinishedTasks > 0) this.#unfinishedTasks--;
      }
      if (this.#unfinishedTasks === 0) this.#finished.set();
    }
    // Every getter and putter re-checks the state and raises QueueShutDown where it must.
    for (let g = this.#getters.shift(); g !== undefined; g = this.#getters.shift()) if (!g.done()) g.setResult();
    for (let p = this.#putters.shift(); p !== undefined; p = this.#putters.shift()) if (!p.done()) p.setResult();
  }

  /**
   * `for await (const item of queue)`: gets items one by one (as {@link Queue.get}) until the
   * queue is shut down and empty, then ends. It does not call `taskDone()` for you. Leaving the
   * loop early leaves the queue as it is.
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    // Not an async generator: `yield` would unwrap items that are themselves thenables.
    const next = async (): Promise<IteratorResult<T>> => {
      try {
        return { done: false, value: await this.get() };
      } catch (e) {
        if (e instanceof QueueShutDown) return { done: true, value: undefined };
        throw e;
      }
    };
    const iterator: AsyncIterableIterator<T> = {
      next,
      return: async (): Promise<IteratorResult<T>> => ({ done: true, value: undefined }),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** `<Queue maxsize=0 _queue=[1, 2] _getters[1] tasks=2>`, as asyncio's str. */
  override toString(): string {
    let result = `maxsize=${this.#maxsize}`;
    if (this._items.length > 0) {
      const items = Array.from(this._items.values(), (v) => inspect(v, { depth: 2, breakLength: Infinity }));
      result += ` _queue=[${items.join(', ')}]`;
    }
    if (this.#getters.length > 0) result += ` _getters[${this.#getters.length}]`;
    if (this.#putters.length > 0) result += ` _putters[${this.#putters.length}]`;
    if (this.#unfinishedTasks > 0) result += ` tasks=${this.#unfinishedTasks}`;
    if (this.#isShutdown) result += ' shutdown';
    return `<${this.constructor.name} ${result}>`;
  }

  /** `Queue`, `LifoQueue` or `PriorityQueue`, for `Object.prototype.toString`. */
  get [Symbol.toStringTag](): string {
    return this.constructor.name;
  }

  /** Wakes the first waiter that is not done, dropping the done ones on the way. */
  #wakeUpNext(waiters: Waiters<void>): void {
    for (let w = waiters.shift(); w !== undefined; w = waiters.shift()) {
      if (!w.done()) {
        w.setResult();
        return;
      }
    }
  }
}

