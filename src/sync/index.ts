/** Synchronization primitives for tasks: FIFO-fair, no barging, cancellation-safe, no owner. */
export { Lock } from './lock.js';
export { Event } from './event.js';
export { Condition, type LockLike } from './condition.js';
export { Semaphore, BoundedSemaphore } from './semaphore.js';
export { Barrier, type BarrierState } from './barrier.js';
export { Guard } from './guard.js';
