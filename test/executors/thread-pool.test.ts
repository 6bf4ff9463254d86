import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BrokenThreadPool, run, sleep, ValueError } from '../../src/index.js';
import { SharedValue, ThreadPoolExecutor, toThread, workerModule } from '../../src/executors/index.js';
import { poolSuite } from './pool-suite.js';

poolSuite('ThreadPoolExecutor', (opts) => new ThreadPoolExecutor(opts), BrokenThreadPool);

type Jobs = typeof import('../fixtures/executors/jobs.js');
const jobs = workerModule<Jobs>(new URL('../fixtures/executors/jobs.js', import.meta.url));

describe('ThreadPoolExecutor: threads share memory', () => {
  test('4 workers x 10,000 increments of a SharedValue under its lock give exactly 40,000', async () => {
    await run(async () => {
      await using pool = new ThreadPoolExecutor({ maxWorkers: 4 });
      const counter = new SharedValue('i', 0);
      const increment = (c: SharedValue, n: number): void => {
        const lock = c.getLock();
        for (let i = 0; i < n; i++) {
          lock.acquire();
          c.value += 1;
          lock.release();
        }
      };
      await Promise.all([0, 1, 2, 3].map(() => pool.submit(increment, counter, 10_000)));
      assert.equal(counter.value, 40_000);
    });
  });

  test("the book's shared counter: initializer + initArgs", async () => {
    await run(async () => {
      const counter = new SharedValue('i', 0);
      await using pool = new ThreadPoolExecutor({ maxWorkers: 2, initializer: jobs.initCounter, initArgs: [counter] });
      await Promise.all([0, 1, 2, 3].map(() => pool.submit(jobs.incrementMany, 1000)));
      assert.equal(counter.value, 4000);
    });
  });

  test('toThread of a blocking Atomics.wait call does not block the loop', async () => {
    await run(async () => {
      const blocked = toThread((ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms), 300);
      let ticks = 0;
      while (!blocked.done()) {
        await sleep(0.01);
        ticks++;
      }
      assert.equal(await blocked, 'timed-out');
      assert.ok(ticks >= 2, `the loop's timer fired ${ticks} time(s) while the thread was blocked`);
    });
  });

  test('workers dying at start-up trip the storm guard', async () => {
    await run(async () => {
      await using pool = new ThreadPoolExecutor({ maxWorkers: 1, initializer: () => process.exit(7) });
      await assert.rejects(pool.submit((x: number) => x, 1), (e: unknown) => {
        assert.ok(e instanceof BrokenThreadPool);
        assert.match((e as Error).message, /keep dying before they are ready \(3 in a row, last: exit code 7\)/);
        return true;
      });
    });
  });
});

describe('ThreadPoolExecutor: options are checked at the door', () => {
  test('maxWorkers must be a whole number >= 1', () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) {
      assert.throws(() => new ThreadPoolExecutor({ maxWorkers: bad }), (e: unknown) => {
        assert.ok(e instanceof ValueError);
        assert.match((e as Error).message, new RegExp(`maxWorkers must be a whole number >= 1, got ${String(bad)} \\(number\\)`));
        return true;
      });
    }
    assert.throws(() => new ThreadPoolExecutor({ maxWorkers: '2' as never }), /maxWorkers must be a whole number >= 1, got '2' \(string\)/);
  });

  test('unknown options, bad initializers and bad idle timeouts are refused', () => {
    assert.throws(() => new ThreadPoolExecutor({ maxWorker: 2 } as never), /unknown option 'maxWorker'/);
    assert.throws(() => new ThreadPoolExecutor({ initializer: 5 as never }), /initializer must be a function/);
    assert.throws(() => new ThreadPoolExecutor({ idleTimeout: -1 }), ValueError);
    assert.throws(() => new ThreadPoolExecutor({ initArgs: 3 as never }), /initArgs must be an array/);
  });

  test('map and shutdown check their arguments before doing anything', async () => {
    await run(async () => {
      const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
      const id = (x: number): number => x;
      assert.throws(() => pool.map(id, [1], { chunksize: 0 }), /chunksize must be a whole number >= 1, got 0 \(number\)/);
      assert.throws(() => pool.map(id, [1], { timeout: NaN }), ValueError);
      assert.throws(() => pool.map(id, [1], { timeout: '1' as never }), /timeout must be a number of seconds, got '1' \(string\)/);
      assert.throws(() => pool.map(id, 5 as never), /iterable must be iterable, got 5 \(number\)/);
      assert.throws(() => pool.map(id, [1], { chunk: 2 } as never), /unknown option 'chunk'/);
      assert.throws(() => pool.shutdown({ wait: 'yes' as never }), /wait must be a boolean, got 'yes' \(string\)/);
      assert.equal(pool.workerCount, 0); // nothing was started
      await pool.shutdown();
    });
  });

  test('the default maxWorkers is min(32, cpus + 4)', async () => {
    const { availableParallelism } = await import('node:os');
    assert.equal(new ThreadPoolExecutor().maxWorkers, Math.min(32, availableParallelism() + 4));
  });

  test('functions that cannot be shipped are refused with the reason', async () => {
    await run(async () => {
      await using pool = new ThreadPoolExecutor({ maxWorkers: 1 });
      assert.throws(() => pool.submit(Math.max as never, 1, 2), /native or bound function/);
      assert.throws(() => pool.submit(((x: number) => x).bind(null) as never, 1), /native or bound function/);
      assert.throws(() => pool.submit(class {} as never), /is a class/);
      assert.throws(() => pool.submit(42 as never), /must be a function or a workerModule\(\) reference, got 42 \(number\)/);
      const obj = { double(x: number) { return x * 2; } };
      assert.equal(await pool.submit(obj.double, 4), 8);
    });
  });
});

describe('ThreadPoolExecutor: worker lifetime', () => {
  test('idleTimeout lets idle workers exit; the pool starts new ones on demand', async () => {
    await run(async () => {
      await using pool = new ThreadPoolExecutor({ maxWorkers: 1, idleTimeout: 0.02 });
      assert.equal(await pool.submit((x: number) => x + 1, 1), 2);
      while (pool.workerCount > 0) await sleep(0.01);
      assert.equal(await pool.submit((x: number) => x + 1, 2), 3);
    });
  });

  test('resourceLimits: a thread that runs out of memory fails its job with BrokenThreadPool', async () => {
    await run(async () => {
      await using pool = new ThreadPoolExecutor({ maxWorkers: 1, resourceLimits: { maxOldGenerationSizeMb: 8 } });
      const hog = (): number => {
        const keep: number[][] = [];
        for (;;) keep.push(new Array(1e5).fill(1.5));
      };
      await assert.rejects(pool.submit(hog), (e: unknown) => {
        assert.ok(e instanceof BrokenThreadPool);
        assert.match((e as Error).message, /terminated abruptly/);
        assert.match(String((e as Error).cause), /memory/i);
        return true;
      });
      assert.equal(await pool.submit((x: number) => x * 3, 3), 9); // replaced
    });
  });
});
