import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BrokenProcessPool, run } from '../../src/index.js';
import { ProcessPoolExecutor, SharedArray, SharedLock, SharedValue } from '../../src/executors/index.js';
import { poolSuite } from './pool-suite.js';

poolSuite('ProcessPoolExecutor', (opts) => new ProcessPoolExecutor(opts), BrokenProcessPool);

describe('ProcessPoolExecutor: no shared memory', () => {
  test('a SharedValue argument is refused with a TypeError that explains why', async () => {
    await run(async () => {
      await using pool = new ProcessPoolExecutor({ maxWorkers: 1 });
      for (const shared of [new SharedValue('i', 0), new SharedArray('d', 3), new SharedLock(), new SharedArrayBuffer(8)]) {
        assert.throws(() => pool.submit((v: unknown) => v, shared), (e: unknown) => {
          assert.ok(e instanceof TypeError);
          assert.match(e.message, /ProcessPoolExecutor cannot take a \w+/);
          assert.match(e.message, /do not share memory/);
          assert.match(e.message, /Use a ThreadPoolExecutor/);
          return true;
        });
      }
      assert.throws(() => pool.submit((v: unknown) => v, { nested: [new SharedValue('d', 1)] }), /do not share memory/);
      assert.equal(pool.workerCount, 0);
    });
  });

  test('a SharedValue in initArgs is refused at construction', () => {
    assert.throws(() => new ProcessPoolExecutor({ initializer: (v: unknown) => v, initArgs: [new SharedValue('i', 1)] }), /Use a ThreadPoolExecutor/);
  });

  test('the default maxWorkers is the number of CPUs', async () => {
    const { availableParallelism } = await import('node:os');
    assert.equal(new ProcessPoolExecutor().maxWorkers, availableParallelism());
  });
});
