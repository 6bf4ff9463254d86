/**
 * Worker side of ch06/pool-initializer: the module-level counter each worker keeps, as the
 * book's `global shared_counter`.
 */
import type { SharedValue } from '../../../src/executors/index.js';

let sharedCounter: SharedValue<'d'>;

/** The pool's initializer: runs once in each worker with the pool's `initArgs`. */
export function init(counter: SharedValue<'d'>): void {
  sharedCounter = counter;
}

/** A job: adds 1 to the shared counter under its lock. */
export function increment(): void {
  const lock = sharedCounter.getLock();
  lock.acquire();
  try {
    sharedCounter.value += 1;
  } finally {
    lock.release();
  }
}
