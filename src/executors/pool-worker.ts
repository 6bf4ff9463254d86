/**
 * The pool's record of one worker: its jobs in flight (in the order sent), which functions it
 * already knows, and how many jobs it may hold at once.
 *
 * Prefetch adapts: a worker starts with {@link MIN_PREFETCH} jobs in flight; each batch of
 * results that ran fast doubles the bound up to {@link MAX_PREFETCH}, so tiny jobs travel
 * hundreds to a message; a slow job brings the bound back down. A worker that is running a job
 * that may be long (it said so), or has been silent for {@link STALL_MS}, gets no more jobs
 * until it answers: queued jobs wait for a free worker instead of hiding behind a long one.
 *
 * @module
 */
import type { TransferListItem } from 'node:worker_threads';
import type { Job } from './job.js';
import { decodeThrow, JOB_SLOW, RESULT_ERROR, RESULT_OK, RESULT_OK_SHARED, type EncodedThrow, type FnDef, type ToWorker } from './protocol.js';
import { decodeValue } from './shared-codec.js';
import type { WorkerHandle } from './transport.js';

/** Jobs in flight per worker at first, and after a slow job. */
export const MIN_PREFETCH = 2;
/** Most jobs in flight per worker. */
export const MAX_PREFETCH = 1024;

/** A busy worker silent for this long (ms) is treated as running a long job. */
export const STALL_MS = 5;

/** Life of a worker. `retiring`: stopped on purpose, so its exit is not a crash. */
export type WorkerState = 'starting' | 'ready' | 'retiring' | 'dead';

/** One worker, parent side. */
export class PoolWorker {
  state: WorkerState = 'starting';
  /** Jobs sent and not yet answered, in the order sent. */
  readonly inflight = new Map<number, Job>();
  /** Ids of functions this worker has been sent. */
  readonly known = new Set<number>();
  /** Ids of dispatched jobs to cancel, sent with the next flush. */
  cancels: number[] = [];
  limit = MIN_PREFETCH;
  /** Jobs sent over the worker's life (for `maxTasksPerChild`). */
  sent = 0;
  idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** The job it announced as possibly long and is running, or -1. */
  longJob = -1;
  /** When it last sent anything, or last became busy (performance.now()). */
  lastHeard = 0;
  handle!: WorkerHandle;

  /** `slowFns`: ids of functions that ran long somewhere (shared by the pool's workers). */
  constructor(
    readonly index: number,
    private readonly slowFns: ReadonlySet<number>,
  ) {}

  /** How many more jobs it may take now. */
  spare(maxTasks: number): number {
    if (this.state !== 'starting' && this.state !== 'ready') return 0;
    return Math.max(0, Math.min(this.limit - this.inflight.size, maxTasks - this.sent));
  }

  /** Adapts the prefetch bound after a batch of results. */
  adapt(fast: boolean): void {
    this.limit = fast ? Math.min(this.limit * 2, MAX_PREFETCH) : MIN_PREFETCH;
  }

  /** True while it should get no more jobs than those it has (see the module doc). */
  stalled(now: number): boolean {
    return this.longJob !== -1 || (this.inflight.size > 0 && now - this.lastHeard > STALL_MS);
  }

  /** Settles the jobs of a results batch (flat `[id, status, value, …]`); cancelled jobs are dropped. */
  settle(r: readonly unknown[]): void {
    for (let i = 0; i < r.length; i += 3) {
      const job = this.inflight.get(r[i] as number);
      if (job === undefined) continue;
      this.inflight.delete(job.id);
      if (job.id === this.longJob) this.longJob = -1;
      job.state = 'finished';
      job.worker = null;
      if (job.cancelled) continue;
      const status = r[i + 1];
      const value = r[i + 2];
      if (status === RESULT_OK) job.sink.resolve(value);
      else if (status === RESULT_OK_SHARED) job.sink.resolve(decodeValue(value));
      else if (status === RESULT_ERROR) job.sink.reject(decodeThrow(value as EncodedThrow));
      else job.sink.cancel(); // skipped: only cancelled jobs are, so this is a safety net
    }
  }

  /** Records `job` as sent to this worker. */
  take(job: Job): void {
    if (this.inflight.size === 0) this.lastHeard = performance.now();
    job.state = 'dispatched';
    job.worker = this;
    this.inflight.set(job.id, job);
    this.sent++;
  }

  /**
   * Sends `jobs` in one message. If the batch cannot be cloned, sends them one by one and
   * returns the jobs that could not be sent with the error for each.
   */
  sendJobs(jobs: readonly Job[]): [Job, unknown][] {
    const [msg, added] = this.#message(jobs);
    try {
      this.handle.send(msg, this.#transfers(jobs));
      return [];
    } catch {
      for (const id of added) this.known.delete(id);
      const failed: [Job, unknown][] = [];
      for (const job of jobs) {
        const [one, defined] = this.#message([job]);
        try {
          this.handle.send(one, job.transfer ?? []);
        } catch (err) {
          for (const id of defined) this.known.delete(id);
          failed.push([job, err]);
        }
      }
      return failed;
    }
  }

  /** Sends the pending cancellations, if any. */
  sendCancels(): void {
    if (this.cancels.length === 0) return;
    const ids = this.cancels;
    this.cancels = [];
    try {
      this.handle.send({ t: 'cancel', ids }, []);
    } catch {
      // the worker is gone: its exit settles the jobs
    }
  }

  /** The message for `jobs`, and the ids of the definitions it carries for the first time. */
  #message(jobs: readonly Job[]): [ToWorker, number[]] {
    let defs: FnDef[] | null = null;
    const flat: unknown[] = [];
    const added: number[] = [];
    for (const job of jobs) {
      const def = job.def;
      if (!this.known.has(def.id)) {
        this.known.add(def.id);
        added.push(def.id);
        (defs ??= []).push(def);
      }
      flat.push(job.id, def.id, job.args, this.slowFns.has(def.id) ? job.flags | JOB_SLOW : job.flags);
    }
    return [{ t: 'jobs', defs, jobs: flat }, added];
  }

  #transfers(jobs: readonly Job[]): TransferListItem[] {
    let out: TransferListItem[] | null = null;
    for (const job of jobs) if (job.transfer !== null) (out ??= []).push(...job.transfer);
    return out ?? [];
  }
}
