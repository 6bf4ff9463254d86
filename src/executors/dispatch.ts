/**
 * Which queued jobs go to which worker in one flush.
 *
 * Policy, in this order: one job to each idle worker; then one to each new worker, started
 * while jobs remain and the pool is below `maxWorkers`; then the workers that are not stalled
 * (see {@link PoolWorker.stalled}) are topped up in even shares, up to their prefetch bounds.
 * Jobs leave the queue in FIFO order.
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
  // Top up in even shares, so jobs whose length is not known yet spread over the workers.
  const now = performance.now();
  for (;;) {
    const open = [...workers].filter((w) => !w.stalled(now) && w.spare(maxTasksPerChild) > 0);
    if (queue.length === 0 || open.length === 0) break;
    const share = Math.ceil(queue.length / open.length);
    for (const w of open) give(w, share);
  }
  return batches;
}
