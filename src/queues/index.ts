/** Queues for producer and consumer tasks: FIFO, LIFO and priority. */
export { Queue } from './queue.js';
export { LifoQueue } from './lifo-queue.js';
export { PriorityQueue, type PriorityQueueOptions } from './priority-queue.js';
