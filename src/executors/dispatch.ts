/**
 * Which queued jobs go to which worker in one flush.
 *
 * Policy, in this order: one job to each idle worker; then one to each new worker, started
 * while jobs remain and the pool is below `maxWorkers`; then every worker that is not stalled
 * (see {@link PoolWorker.stalled}) is topped up to its prefetch bound. Jobs leave the queue in
 * FIFO order.
 *
 * @module
 */
import type { Job, JobQueue } from './job.js';
import type { PoolWorker } from './pool-worker.js';

/**
 * Takes jobs from `queue` for `workers`. `startWorker` starts one more worker, or returns null
 * when none may start. Returns the batch of each worker that got jobs.
 */
export function planDispatch(
  queue: JobQueue,
  workers: ReadonlySet<PoolWorker>,
  maxTasksPerChild: number,
  startWorker: () => PoolWorker | null,
): Map<PoolWorker, Job[]> {
  const batches = new Map<PoolWorker, Job[]>();
  const give = (w: PoolWorker, most: number): void => {
    const n = Math.min(most, w.spare(maxTasksPerChild));
    if (n === 0 || queue.length === 0) return;
    let batch = batches.get(w);
    if (batch === undefined) batches.set(w, (batch = []));
    for (let k = 0; k < n; k++) {
      const job = queue.shift();
      if (job === null) break;
      w.take(job);
      batch.push(job);
    }
  };
  for (const w of workers) if (w.inflight.size === 0) give(w, 1);
  while (queue.length > 0) {
    const w = startWorker();
    if (w === null) break;
    give(w, 1);
  }
  const now = performance.now();
  for (const w of workers) if (!w.stalled(now)) give(w, Infinity);
  return batches;
}
