/**
 * The pool core against a fake transport: what is sent, when, and to whom, without real workers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BrokenThreadPool } from '../../src/index.js';
import { fnRecord } from '../../src/executors/job-source.js';
import { PoolCore, type PoolConfig } from '../../src/executors/pool-core.js';
import { RESULT_OK, type FromWorker, type ToWorker } from '../../src/executors/protocol.js';
import type { WorkerEvents } from '../../src/executors/transport.js';

interface FakeWorker {
  sent: ToWorker[];
  events: WorkerEvents;
  terminated: boolean;
  /** The ids of the jobs in every `jobs` message, in order. */
  jobIds(): number[][];
}

function fakePool(overrides: Partial<PoolConfig> = {}): { core: PoolCore; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  const core = new PoolCore({
    kind: 'thread',
    maxWorkers: 2,
    spawn: (events) => {
      const w: FakeWorker = {
        sent: [],
        events,
        terminated: false,
        jobIds() {
          return this.sent.filter((m) => m.t === 'jobs').map((m) => (m as { jobs: unknown[] }).jobs.filter((_, i) => i % 4 === 0) as number[]);
        },
      };
      workers.push(w);
      return { send: (msg) => w.sent.push(msg), terminate: () => (w.terminated = true), ref() {}, unref() {} };
    },
    initializer: null,
    initArgs: [],
    initFlags: 0,
    brokenOnWorkerDeath: false,
    cancelRunning: true,
    maxTasksPerChild: Infinity,
    idleTimeout: null,
    Broken: BrokenThreadPool,
    ...overrides,
  });
  return { core, workers };
}

const def = fnRecord((x: number) => x);

function submit(core: PoolCore, log: string[], tag: string) {
  return core.submit(def, [tag], 0, null, {
    resolve: (v) => log.push(`${tag}=${String(v)}`),
    reject: (e) => log.push(`${tag}!${(e as Error).message}`),
    cancel: () => log.push(`${tag} cancelled`),
  });
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const results = (...pairs: [number, unknown][]): FromWorker => ({
  t: 'results',
  r: pairs.flatMap(([id, v]) => [id, RESULT_OK, v]),
  started: -1,
  long: false,
  fast: true,
  slow: null,
});

test('jobs submitted in one tick go out in one message per worker, spread first, in FIFO order', async () => {
  const { core, workers } = fakePool();
  const log: string[] = [];
  for (let i = 0; i < 5; i++) submit(core, log, `j${i}`);
  assert.equal(workers.length, 0); // nothing happens before the flush
  await tick();
  assert.equal(workers.length, 2);
  // one each first, then topped up to the prefetch bound (2); the fifth waits in the queue
  assert.deepEqual(workers.map((w) => w.jobIds()), [[[1, 3]], [[2, 4]]]);
  assert.equal(core.queued, 1);
  for (const w of workers) w.events.message({ t: 'ready' });
  workers[1]!.events.message(results([2, 'b'], [4, 'd']));
  await tick();
  assert.deepEqual(log, ['j1=b', 'j3=d']);
  assert.deepEqual(workers[1]!.jobIds(), [[2, 4], [5]]); // the free worker gets the next job
});

test('a worker running a job it announced as long gets no more jobs', async () => {
  const { core, workers } = fakePool({ maxWorkers: 1 });
  const log: string[] = [];
  submit(core, log, 'long');
  await tick();
  const w = workers[0]!;
  w.events.message({ t: 'ready' });
  w.events.message({ t: 'results', r: [], started: 1, long: true, fast: false, slow: null });
  submit(core, log, 'short');
  await tick();
  assert.deepEqual(w.jobIds(), [[1]]);
  w.events.message(results([1, 'L']));
  await tick();
  assert.deepEqual(w.jobIds(), [[1], [2]]);
});

test("a worker's death fails only its own jobs, with the exit code, and a new worker takes the queue", async () => {
  const { core, workers } = fakePool({ maxWorkers: 1 });
  const errors: unknown[] = [];
  const sink = { resolve() {}, reject: (e: unknown) => errors.push(e), cancel() {} };
  core.submit(def, [1], 0, null, sink);
  core.submit(def, [2], 0, null, sink);
  core.submit(def, [3], 0, null, sink);
  await tick();
  workers[0]!.events.message({ t: 'ready' });
  workers[0]!.events.exit(3, null, null);
  assert.equal(errors.length, 2);
  for (const e of errors) {
    assert.ok(e instanceof BrokenThreadPool);
    assert.equal((e as { exitCode?: number }).exitCode, 3);
  }
  await tick();
  assert.equal(workers.length, 2);
  assert.deepEqual(workers[1]!.jobIds(), [[3]]);
});

test('cancelling a job sent but not started sends one cancel message with the flush', async () => {
  const { core, workers } = fakePool({ maxWorkers: 1 });
  const log: string[] = [];
  const a = submit(core, log, 'a');
  const b = submit(core, log, 'b');
  await tick();
  core.cancel(a);
  core.cancel(b);
  await tick();
  assert.deepEqual(workers[0]!.sent.filter((m) => m.t === 'cancel'), [{ t: 'cancel', ids: [1, 2] }]);
  assert.equal(workers[0]!.terminated, false);
});
