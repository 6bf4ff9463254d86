/**
 * Binding a primitive to one event loop, as asyncio's `_LoopBoundMixin`.
 * @module
 */
import { RuntimeError } from '../errors.js';
import type { EventLoop } from '../loop/event-loop.js';
import { getRunningLoop } from '../loop/running.js';

/**
 * Base of every synchronization primitive and queue: the object binds to the running loop the
 * first time it has to wait (it creates a waiter future), as asyncio's do. Using it later from
 * another loop is a RuntimeError. A primitive that never has to wait binds to nothing.
 */
export class LoopBound {
  #loop: EventLoop | null = null;

  /**
   * @internal The running loop, after checking that this object is bound to it (binding it on
   * first call). RuntimeError outside a loop, or from a second loop.
   */
  protected _getLoop(): EventLoop {
    const loop = getRunningLoop();
    if (this.#loop === null) this.#loop = loop;
    else if (this.#loop !== loop) throw new RuntimeError(`${String(this)} is bound to a different event loop`);
    return loop;
  }
}
