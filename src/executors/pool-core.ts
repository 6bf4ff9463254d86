/**
 * The pool core shared by ThreadPoolExecutor and ProcessPoolExecutor: the job queue, the
 * workers, dispatch, crashes, cancellation and shutdown. The transport (threads or processes)
 * is given as a {@link Spawn}; the core knows nothing of Futures (the executor connects each
 * job's {@link JobSink}).
 *
 * Dispatch: `submit` queues the job and schedules one flush in a microtask, so every job
 * submitted in the same synchronous run goes out together, one message per worker (the policy
 * is in dispatch.ts). Results come back in batches and settle the jobs' sinks.
 *
 * @module
 */
import type { TransferListItem } from 'node:worker_threads';
import { RuntimeError } from '../errors.js';
import { planDispatch } from './dispatch.js';
import { Job, JobQueue, type JobSink } from './job.js';
import type { FnRecord } from './job-source.js';
import { initializerError, stormError, workerDeathError } from './pool-errors.js';
import type { FromWorker } from './protocol.js';
import { PoolWorker } from './pool-worker.js';
import type { Spawn } from './transport.js';

/** Workers that die before they are ready this many times in a row break the pool. */
export const STORM_LIMIT = 3;

/** What the core needs to know; validated by the executor. */
export interface PoolConfig {
  readonly kind: 'thread' | 'process';
  readonly maxWorkers: number;
  readonly spawn: Spawn;
  readonly initializer: FnRecord | null;
  readonly initArgs: unknown[];
  readonly initFlags: number;
  readonly brokenOnWorkerDeath: boolean;
  readonly cancelRunning: boolean;
  readonly maxTasksPerChild: number;
  /** Seconds an idle worker is kept, or null to keep it. */
  readonly idleTimeout: number | null;
  /** BrokenThreadPool or BrokenProcessPool. */
  readonly Broken: new (message: string, options?: ErrorOptions) => Error;
}

/** Lifecycle of a pool. */
export type PoolState = 'running' | 'shutting-down' | 'broken' | 'closed';

/** The pool. */
export class PoolCore {
  state: PoolState = 'running';
  /** Workers that take jobs (starting or ready). */
  readonly workers = new Set<PoolWorker>();
  /** Workers stopped on purpose whose exit has not come yet: they no longer count toward `maxWorkers`. */
  readonly retiring = new Set<PoolWorker>();
  readonly #queue = new JobQueue();
  #brokenError: Error | null = null;
  #flushScheduled = false;
  #nextJobId = 1;
  #nextWorker = 1;
  #startupDeaths = 0;
  /** Functions that ran long in some worker: every worker announces their jobs (so they can be cancelled). */
  readonly #slowFns = new Set<number>();
  #shutdownRequested = false;
  #closed: Promise<void> | null = null;
  #resolveClosed: (() => void) | null = null;

  constructor(readonly config: PoolConfig) {}

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Queues a job. Throws the pool's Broken error once broken, a RuntimeError after shutdown. */
  submit(def: FnRecord, args: unknown[], flags: number, transfer: TransferListItem[] | null, sink: JobSink): Job {
    this.checkOpen();
    const job = new Job(this.#nextJobId++, def, args, flags, transfer, sink);
    this.#queue.push(job);
    this.#scheduleFlush();
    return job;
  }

  /** Throws unless new jobs are accepted. */
  checkOpen(): void {
    if (this.#brokenError !== null) {
      throw new this.config.Broken(this.#brokenError.message, { cause: this.#brokenError.cause ?? this.#brokenError });
    }
    if (this.state !== 'running') throw new RuntimeError('cannot schedule new futures after shutdown');
  }

  /**
   * The job's future was cancelled: a queued job leaves the queue; a job sent to a worker is
   * skipped there if it has not started; a running one has its worker terminated (and the
   * jobs queued behind it requeued) unless `cancelRunning` is false.
   */
  cancel(job: Job): void {
    if (job.state === 'queued') {
      this.#queue.remove(job);
      job.state = 'finished';
      return;
    }
    if (job.state !== 'dispatched' || job.cancelled) return;
    job.cancelled = true;
    const w = job.worker as PoolWorker;
    if (job.started) {
      if (this.config.cancelRunning) this.#terminateForCancel(w, job);
    } else {
      w.cancels.push(job.id);
      this.#scheduleFlush();
    }
  }

  /** Stops accepting jobs; resolves when every worker has exited (see the executor's docs). */
  shutdown(cancelFutures: boolean): Promise<void> {
    this.#shutdownRequested = true;
    if (this.state === 'running') this.state = 'shutting-down';
    if (cancelFutures) {
      for (const job of this.#queue.drain()) {
        job.state = 'finished';
        job.sink.cancel();
      }
      // Jobs sent ahead to a worker but not started are cancelled too (the worker skips them).
      for (const w of this.workers) for (const job of w.inflight.values()) if (!job.started) job.sink.cancel();
    }
    this.#closed ??= new Promise((resolve) => (this.#resolveClosed = resolve));
    this.#maybeClose();
    return this.#closed;
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => this.#flush());
  }

  #flush(): void {
    this.#flushScheduled = false;
    const batches =
      this.#brokenError === null
        ? planDispatch(this.#queue, this.workers, this.config.maxTasksPerChild, () =>
            this.workers.size < this.config.maxWorkers ? this.#startWorker() : null,
          )
        : new Map<PoolWorker, Job[]>();
    for (const w of this.workers) w.sendCancels();
    for (const [w, jobs] of batches) {
      this.#busy(w);
      for (const [job, err] of w.sendJobs(jobs)) {
        w.inflight.delete(job.id);
        job.state = 'finished';
        job.sink.reject(new TypeError(`the job's arguments could not be sent to the worker: ${(err as Error)?.message ?? err}`, { cause: err }));
      }
      if (w.inflight.size === 0) this.#idle(w);
    }
    this.#maybeClose();
  }

  /** Starts a worker; if that throws (bad flags, no resources), the pool is broken. */
  #startWorker(): PoolWorker | null {
    const w = new PoolWorker(this.#nextWorker++, this.#slowFns);
    try {
      w.handle = this.config.spawn({
        message: (msg) => this.#onMessage(w, msg),
        exit: (code, signal, error) => this.#onExit(w, code, signal, error),
      });
    } catch (err) {
      this.#break(new this.config.Broken(`Could not start a worker ${this.config.kind}: ${(err as Error)?.message ?? err}`, { cause: err }));
      return null;
    }
    this.workers.add(w);
    const { initializer, initArgs, initFlags } = this.config;
    w.handle.send({ t: 'init', initializer, initArgs, flags: initFlags }, []);
    if (initializer !== null) w.known.add(initializer.id);
    return w;
  }

  #onMessage(w: PoolWorker, msg: FromWorker): void {
    if (w.state === 'dead') return;
    if (msg.t === 'ready') {
      if (w.state === 'starting') w.state = 'ready';
      this.#startupDeaths = 0;
      return;
    }
    if (msg.t === 'init-failed') {
      this.#break(initializerError(this.config, msg.error));
      return;
    }
    w.lastHeard = performance.now();
    if (msg.slow !== null) for (const id of msg.slow) this.#slowFns.add(id);
    const r = msg.r;
    w.settle(r);
    if (r.length > 0) w.adapt(msg.fast);
    if (msg.started !== -1) {
      const job = w.inflight.get(msg.started);
      if (job !== undefined) {
        job.started = true;
        if (msg.long) w.longJob = job.id;
        w.adapt(false);
        // (Not during shutdown: a job that shutdown cancelled but had already started runs to its end.)
        if (job.cancelled && this.config.cancelRunning && !this.#shutdownRequested) return this.#terminateForCancel(w, job);
      }
    }
    if (w.inflight.size === 0) this.#idle(w);
    if (this.#queue.length > 0 || this.#shutdownRequested) this.#scheduleFlush();
  }

  #onExit(w: PoolWorker, code: number | null, signal: string | null, error: unknown): void {
    const expected = w.state === 'retiring';
    const wasStarting = w.state === 'starting';
    w.state = 'dead';
    if (w.idleTimer !== null) clearTimeout(w.idleTimer);
    this.workers.delete(w);
    this.retiring.delete(w);
    const jobs = [...w.inflight.values()];
    w.inflight.clear();
    if (!expected && this.#brokenError === null) {
      const end = { code, signal, error };
      if (wasStarting) this.#startupDeaths++;
      const storm = wasStarting && this.#startupDeaths >= STORM_LIMIT;
      const err = storm ? stormError(this.config, end, this.#startupDeaths) : workerDeathError(this.config, end, wasStarting);
      if (wasStarting && !storm && !this.config.brokenOnWorkerDeath) {
        this.#requeue(jobs); // they never started: a new worker gets them
      } else {
        for (const job of jobs) this.#fail(job, storm ? err : workerDeathError(this.config, end, wasStarting));
      }
      if (storm || this.config.brokenOnWorkerDeath) this.#break(err);
    } else {
      for (const job of jobs) this.#fail(job, new this.config.Broken(`The worker ${this.config.kind} was stopped while running this job`));
    }
    if (this.#queue.length > 0 || this.#shutdownRequested) this.#scheduleFlush();
    this.#maybeClose();
  }

  #fail(job: Job, err: Error): void {
    job.state = 'finished';
    if (!job.cancelled) job.sink.reject(err);
  }

  /** Terminates `w` to stop `job`, which it is running; requeues the jobs it had not started. */
  #terminateForCancel(w: PoolWorker, job: Job): void {
    this.#retire(w);
    const behind: Job[] = [];
    let seen = false;
    for (const j of w.inflight.values()) {
      if (j === job) seen = true;
      else if (seen && !j.cancelled) behind.push(j);
      else if (!seen) this.#fail(j, new this.config.Broken('The worker was terminated to cancel another job before this result arrived'));
      j.state = 'finished';
    }
    w.inflight.clear();
    this.#requeue(behind);
  }

  /** Puts jobs that never started back at the front of the queue, in order. */
  #requeue(jobs: readonly Job[]): void {
    const again = jobs.filter((j) => !j.cancelled);
    for (const j of again) {
      j.state = 'queued';
      j.worker = null;
      j.started = false;
    }
    this.#queue.unshiftAll(again);
    this.#scheduleFlush();
  }

  #break(err: Error): void {
    if (this.#brokenError !== null) return;
    this.#brokenError = err;
    if (this.state === 'running' || this.state === 'shutting-down') this.state = 'broken';
    for (const job of this.#queue.drain()) this.#fail(job, err);
    for (const w of [...this.workers]) {
      for (const job of w.inflight.values()) this.#fail(job, err);
      w.inflight.clear();
      this.#retire(w);
    }
  }

  #retire(w: PoolWorker): void {
    if (w.state === 'retiring' || w.state === 'dead') return;
    w.state = 'retiring';
    this.workers.delete(w);
    this.retiring.add(w);
    if (w.idleTimer !== null) clearTimeout(w.idleTimer);
    w.handle.ref(); // so that its exit is seen (shutdown waits for it)
    w.handle.terminate();
  }

  #busy(w: PoolWorker): void {
    if (w.idleTimer !== null) {
      clearTimeout(w.idleTimer);
      w.idleTimer = null;
    }
    w.handle.ref();
  }

  #idle(w: PoolWorker): void {
    if (w.sent >= this.config.maxTasksPerChild) return this.#retire(w);
    w.handle.unref();
    const t = this.config.idleTimeout;
    if (t !== null && w.idleTimer === null && !this.#shutdownRequested) {
      w.idleTimer = setTimeout(() => {
        w.idleTimer = null;
        if (w.inflight.size === 0) this.#retire(w);
      }, t * 1000);
      w.idleTimer.unref();
    }
  }

  #maybeClose(): void {
    if (!this.#shutdownRequested || this.#queue.length > 0) return;
    for (const w of this.workers) if (w.inflight.size > 0) return;
    for (const w of [...this.workers]) this.#retire(w);
    if (this.workers.size === 0 && this.retiring.size === 0) {
      if (this.state !== 'broken') this.state = 'closed';
      this.#resolveClosed?.();
    }
  }
}
