/**
 * One behaviour suite run against both pools (real worker threads, real child processes).
 * No test has a wall-clock limit: where time matters, durations are lopsided so only order counts.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  asCompleted,
  BrokenExecutorError,
  CancelledError,
  gather,
  run,
  RuntimeError,
  sleep,
  TimeoutError,
  waitFor,
} from '../../src/index.js';
import { workerModule, type PoolExecutor } from '../../src/executors/index.js';

type Jobs = typeof import('../fixtures/executors/jobs.js');
const jobs = workerModule<Jobs>(new URL('../fixtures/executors/jobs.js', import.meta.url));

/** Options a pool factory accepts in this suite. */
export interface SuiteOptions {
  maxWorkers?: number;
  initializer?: (...args: any[]) => unknown;
  initArgs?: unknown[];
  brokenOnWorkerDeath?: boolean;
  cancelRunning?: boolean;
  maxTasksPerChild?: number;
}

/** Blocks the worker for `ms` (self-contained: shipped by source). */
const blockFor = (ms: number): number => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return ms;
};

/** A value unique to the worker that runs it. */
const identity = (): number => ((globalThis as { __id?: number }).__id ??= Math.random());

export function poolSuite(
  name: string,
  make: (opts?: SuiteOptions) => PoolExecutor,
  Broken: typeof BrokenExecutorError,
): void {
  describe(`${name}: shared behaviour`, () => {
    // One pool for the tests that leave it healthy: workers are started once.
    const shared = make({ maxWorkers: 2 });
    const single = make({ maxWorkers: 1 });
    after(() => Promise.all([shared.shutdown(), single.shutdown()]));

    test('results of self-contained functions and of workerModule references', async () => {
      await run(async () => {
        const [a, b, c] = await gather(
          shared.submit((x: number, y: number) => x * y, 6, 7),
          shared.submit((s: string) => ({ upper: s.toUpperCase(), list: [1, 2] }), 'abc'),
          shared.submit(jobs.add, 2, 3),
        );
        assert.equal(a, 42);
        assert.deepEqual(b, { upper: 'ABC', list: [1, 2] });
        assert.equal(c, 5);
      });
    });

    test("a job's error arrives with its class, message, stack and fields", async () => {
      await run(async () => {
        const err = await shared.submit((m: string) => {
          throw new TypeError(`bad ${m}`);
        }, 'input').then(
          () => assert.fail('should have thrown'),
          (e: unknown) => e as Error,
        );
        assert.ok(err instanceof TypeError);
        assert.equal(err.message, 'bad input');
        assert.match(err.stack ?? '', /TypeError: bad input\n\s+at .*tsaio-job:/);
        await assert.rejects(shared.submit(jobs.fail, 'out of range'), (e: unknown) => {
          assert.ok(e instanceof RangeError);
          assert.equal(e.message, 'out of range');
          assert.equal((e as RangeError & { code: string }).code, 'E_FIXTURE');
          assert.match(e.stack ?? '', /jobs\.ts/);
          return true;
        });
      });
    });

    test('a closure variable is named in the error', async () => {
      await run(async () => {
        const factor = 3;
        await assert.rejects(shared.submit((x: number) => x * factor, 2), (e: unknown) => {
          assert.ok(e instanceof ReferenceError);
          assert.match(e.message, /uses 'factor'/);
          assert.match(e.message, /workerModule\(\)/);
          return true;
        });
      });
    });

    test('an argument or result that cannot be cloned fails its job only, with the reason', async () => {
      await run(async () => {
        await assert.rejects(shared.submit(() => () => 1), /result of the job could not be sent back from the worker: .*could not be cloned/);
        await assert.rejects(shared.submit((f: unknown) => typeof f, (() => 2) as never), /arguments could not be sent to the worker: .*could not be cloned/);
        assert.equal(await shared.submit((x: number) => x + 1, 1), 2);
      });
    });

    test('map yields in input order, with and without chunks', async () => {
      await run(async () => {
        const slowFirst = (ms: number): number => {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
          return ms;
        };
        const out: number[] = [];
        for await (const v of shared.map(slowFirst, [60, 0, 30, 0, 1])) out.push(v);
        assert.deepEqual(out, [60, 0, 30, 0, 1]);
        const squares: number[] = [];
        for await (const v of shared.map((x: number) => x * x, [1, 2, 3, 4, 5, 6, 7], { chunksize: 3 })) squares.push(v);
        assert.deepEqual(squares, [1, 4, 9, 16, 25, 36, 49]);
      });
    });

    test('map timeout counts from the call and cancels the rest', async () => {
      await run(async () => {
        await gather(shared.submit(identity), shared.submit(identity)); // workers started
        const it = shared.map(blockFor, [0, 60_000, 0], { timeout: 0.3 });
        const first = await it.next();
        assert.equal(first.value, 0);
        await assert.rejects(it.next(), TimeoutError);
        assert.deepEqual(await it.next(), { done: true, value: undefined });
        assert.equal(await shared.submit((x: number) => x + 1, 1), 2); // the blocked worker was replaced
      });
    });

    test('asCompleted yields by completion', async () => {
      await run(async () => {
        await gather(shared.submit(identity), shared.submit(identity)); // both workers up and idle
        const slow = shared.submit(blockFor, 400);
        const fast = shared.submit(blockFor, 0);
        const order: number[] = [];
        for (const next of asCompleted([slow, fast])) order.push(await next);
        assert.deepEqual(order, [0, 400]);
      });
    });

    test('the initializer runs in every worker before its jobs', async () => {
      await run(async () => {
        await using pool = make({
          maxWorkers: 1,
          initializer: (base: number) => {
            (globalThis as { base?: number }).base = base;
          },
          initArgs: [40],
        });
        assert.equal(await pool.submit((x: number) => (globalThis as unknown as { base: number }).base + x, 2), 42);
      });
    });

    test('a job cancelled before it starts never runs', async () => {
      await run(async () => {
        const pool = single;
        const before = await pool.submit(identity); // the worker is up
        const mark = (): void => {
          (globalThis as { ran?: boolean }).ran = true;
        };
        const first = pool.submit(blockFor, 200);
        pool.submit(mark).cancel(); // still in the parent's queue
        await sleep(0.05);
        const prefetched = pool.submit(mark);
        await sleep(0.05); // now sent to the busy worker, not started
        assert.ok(prefetched.cancel());
        assert.equal(await first, 200);
        assert.equal(await pool.submit(() => (globalThis as { ran?: boolean }).ran ?? false), false);
        assert.equal(await pool.submit(identity), before); // cancelling queued jobs replaced no worker
      });
    });

    test('waitFor on a long job: the job is cancelled, its worker replaced, the pool keeps working', async () => {
      await run(async () => {
        const pool = single;
        const before = await pool.submit(identity);
        const long = pool.submit(blockFor, 60_000);
        await assert.rejects(waitFor(long, 0.3), TimeoutError);
        assert.ok(long.cancelled());
        const afterId = await pool.submit(identity);
        assert.notEqual(afterId, before);
        assert.equal(await pool.submit((x: number) => x + 1, 1), 2);
      });
    });

    test('cancelRunning: false lets a running job finish in the same worker', async () => {
      await run(async () => {
        await using pool = make({ maxWorkers: 1, cancelRunning: false });
        const before = await pool.submit(identity);
        const job = pool.submit(blockFor, 150);
        await sleep(0.05);
        job.cancel();
        await assert.rejects(job, CancelledError);
        assert.equal(await pool.submit(identity), before);
      });
    });

    test('process.exit(3) in a job, brokenOnWorkerDeath: true: the pool is broken', async () => {
      await run(async () => {
        await using pool = make({ maxWorkers: 1, brokenOnWorkerDeath: true });
        await assert.rejects(pool.submit(() => process.exit(3)), (e: unknown) => {
          assert.ok(e instanceof Broken);
          assert.equal((e as { exitCode?: number }).exitCode, 3);
          assert.match((e as Error).message, /exit code 3/);
          return true;
        });
        assert.throws(() => pool.submit((x: number) => x, 1), Broken);
      });
    });

    test('process.exit(3) in a job, brokenOnWorkerDeath: false: only its jobs fail', async () => {
      await run(async () => {
        await using pool = make({ maxWorkers: 1, brokenOnWorkerDeath: false });
        const before = await pool.submit(identity);
        await assert.rejects(pool.submit(() => process.exit(3)), (e: unknown) => {
          assert.ok(e instanceof Broken);
          assert.equal((e as { exitCode?: number }).exitCode, 3);
          return true;
        });
        assert.notEqual(await pool.submit(identity), before);
      });
    });

    test('a failing initializer breaks the pool for pending and later jobs', async () => {
      await run(async () => {
        await using pool = make({
          maxWorkers: 2,
          initializer: () => {
            throw new Error('no config');
          },
        });
        const results = await gather([pool.submit((x: number) => x, 1), pool.submit((x: number) => x, 2)], { returnExceptions: true });
        for (const r of results) {
          assert.ok(r instanceof Broken, String(r));
          assert.match(r.message, /initializer failed: Error: no config/);
          assert.equal((r.cause as Error).message, 'no config');
        }
        assert.throws(() => pool.submit((x: number) => x, 3), Broken);
      });
    });

    test('shutdown waits for queued and running jobs; later submits are refused', async () => {
      await run(async () => {
        const pool = make({ maxWorkers: 1 });
        const futs = [pool.submit(blockFor, 30), pool.submit(blockFor, 10), pool.submit(blockFor, 20)];
        await pool.shutdown();
        assert.deepEqual(futs.map((f) => f.result()), [30, 10, 20]);
        assert.equal(pool.workerCount, 0);
        assert.throws(() => pool.submit((x: number) => x, 1), RuntimeError);
      });
    });

    test('shutdown with cancelFutures cancels the jobs that have not started', async () => {
      await run(async () => {
        const pool = make({ maxWorkers: 1 });
        await pool.submit(identity); // the worker is up
        const running = pool.submit(blockFor, 300);
        const waiting = [pool.submit(blockFor, 1), pool.submit(blockFor, 2), pool.submit(blockFor, 3)];
        await sleep(0.05);
        await pool.shutdown({ cancelFutures: true });
        assert.equal(running.result(), 300);
        for (const f of waiting) assert.ok(f.cancelled());
        assert.equal(pool.workerCount, 0);
      });
    });

    test('await using shuts the pool down at the end of the block', async () => {
      await run(async () => {
        let kept: PoolExecutor;
        {
          await using pool = make({ maxWorkers: 1 });
          kept = pool;
          assert.equal(await pool.submit((x: number) => x * 2, 4), 8);
        }
        assert.equal(kept.workerCount, 0);
        assert.throws(() => kept.submit((x: number) => x, 1), RuntimeError);
      });
    });

    test('maxTasksPerChild replaces a worker after that many jobs', async () => {
      await run(async () => {
        await using pool = make({ maxWorkers: 1, maxTasksPerChild: 1 });
        const a = await pool.submit(identity);
        const b = await pool.submit(identity);
        assert.notEqual(a, b);
      });
    });
  });
}
