/**
 * A minimal unbounded queue of values handed to waiting futures, for tsaio's own combinators
 * (the public Queue lives in queues/). A cancelled getter never takes an item.
 */
import { Future } from '../futures.js';
import type { EventLoop } from '../loop/event-loop.js';
import { Deque } from './deque.js';

export class HandoffQueue<T> {
  readonly #items = new Deque<T>();
  readonly #getters = new Deque<Future<T>>();
  readonly #loop: EventLoop;

  constructor(loop: EventLoop) {
    this.#loop = loop;
  }

  put(item: T): void {
    for (let getter = this.#getters.shift(); getter !== undefined; getter = this.#getters.shift()) {
      if (!getter.done()) {
        getter.setResult(item);
        return;
      }
    }
    this.#items.push(item);
  }

  /** A future of the next item: done at once if one is queued. */
  get(): Future<T> {
    const fut = new Future<T>(this.#loop);
    if (this.#items.length > 0) fut.setResult(this.#items.shift()!);
    else this.#getters.push(fut);
    return fut;
  }
}
