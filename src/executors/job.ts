/**
 * A job as the pool tracks it, and the strict-FIFO queue of jobs waiting for a worker.
 *
 * @module
 */
import type { TransferListItem } from 'node:worker_threads';
import type { FnRecord } from './job-source.js';

/** How a job reports its outcome (the executor connects it to a Future). */
export interface JobSink {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** Cancels the job's future (shutdown with `cancelFutures`). */
  cancel(): void;
}

/** Where a job is in its life. */
export type JobState = 'queued' | 'dispatched' | 'finished';

/** One submitted call. Jobs link into {@link JobQueue} themselves: no allocation per enqueue. */
export class Job {
  /** @internal queue links */ prev: Job | null = null;
  /** @internal */ next: Job | null = null;
  state: JobState = 'queued';
  /** The worker it was sent to, while dispatched. */
  worker: object | null = null;
  /** The worker said it is running this job (sent for jobs that may take a while). */
  started = false;
  /** The job's future was cancelled after the job was sent to a worker. */
  cancelled = false;

  constructor(
    readonly id: number,
    readonly def: FnRecord,
    readonly args: unknown[],
    readonly flags: number,
    readonly transfer: TransferListItem[] | null,
    readonly sink: JobSink,
  ) {}
}

/**
 * A FIFO queue of jobs with O(1) push, shift, remove (a cancelled job leaves at once) and
 * put-back at the front (jobs that a terminated worker never started keep their turn).
 */
export class JobQueue {
  #head: Job | null = null;
  #tail: Job | null = null;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(job: Job): void {
    job.prev = this.#tail;
    job.next = null;
    if (this.#tail === null) this.#head = job;
    else this.#tail.next = job;
    this.#tail = job;
    this.#length++;
  }

  shift(): Job | null {
    const job = this.#head;
    if (job !== null) this.remove(job);
    return job;
  }

  /** Removes `job`, which must be in this queue. */
  remove(job: Job): void {
    if (job.prev === null) this.#head = job.next;
    else job.prev.next = job.next;
    if (job.next === null) this.#tail = job.prev;
    else job.next.prev = job.prev;
    job.prev = job.next = null;
    this.#length--;
  }

  /** Puts `jobs` back at the front, keeping their order. */
  unshiftAll(jobs: readonly Job[]): void {
    for (let i = jobs.length - 1; i >= 0; i--) {
      const job = jobs[i]!;
      job.prev = null;
      job.next = this.#head;
      if (this.#head === null) this.#tail = job;
      else this.#head.prev = job;
      this.#head = job;
      this.#length++;
    }
  }

  /** Removes and returns every job, in order. */
  drain(): Job[] {
    const out: Job[] = [];
    for (let job = this.shift(); job !== null; job = this.shift()) out.push(job);
    return out;
  }
}
