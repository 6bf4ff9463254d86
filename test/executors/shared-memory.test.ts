import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTask, run, RuntimeError, sleep } from '../../src/index.js';
import { SharedArray, SharedLock, SharedValue, ThreadPoolExecutor, transfer } from '../../src/executors/index.js';

describe('SharedValue and SharedArray', () => {
  test('typecodes, initial values and element types are checked', () => {
    assert.equal(new SharedValue('d', 1.5).value, 1.5);
    assert.equal(new SharedValue('int32').value, 0);
    assert.equal(new SharedValue('q', 5n).value, 5n);
    assert.throws(() => new SharedValue('x' as never, 0 as never), /unknown typecode 'x' \(string\)/);
    assert.throws(() => new SharedValue('l' as never, 0 as never), /depend on the platform/);
    assert.throws(() => new SharedValue('i', 1n as never), /initial must be a number, got 1 \(bigint\)/);
    assert.throws(() => new SharedArray('i', -1), /size must be a whole number >= 0/);
    const arr = new SharedArray('B', [1, 2, 300]);
    assert.deepEqual(arr.toArray(), [1, 2, 44]);
    assert.throws(() => arr.get(3), RangeError);
    assert.throws(() => new SharedValue('i', 0, { lock: false }).getLock(), /has no lock/);
  });

  test('thread jobs write the same memory', async () => {
    await run(async () => {
      await using pool = new ThreadPoolExecutor({ maxWorkers: 2 });
      const hist = new SharedArray('i', 4);
      const total = new SharedValue('d', 0);
      const count = (h: SharedArray, t: SharedValue, k: number): number => {
        Atomics.add(h.array as Int32Array, k, 1);
        const lock = t.getLock();
        lock.acquire();
        t.value += 0.5;
        lock.release();
        return h.length;
      };
      const lengths = await Promise.all([0, 1, 1, 3, 3, 3].map((k) => pool.submit(count, hist, total, k)));
      assert.deepEqual(lengths, [4, 4, 4, 4, 4, 4]);
      assert.deepEqual(hist.toArray(), [1, 2, 0, 3]);
      assert.equal(total.value, 3);
      // Shared objects come back as shared objects, nested in results too.
      const back = await pool.submit((h: SharedArray) => ({ same: h }), hist);
      assert.ok(back.same instanceof SharedArray);
      back.same.set(2, 9);
      assert.equal(hist.get(2), 9);
    });
  });

  test('transfer() moves a buffer instead of copying it', async () => {
    await run(async () => {
      await using pool = new ThreadPoolExecutor({ maxWorkers: 1 });
      const data = new Float64Array([1, 2, 3]);
      const sum = await pool.submit((d: Float64Array) => d.reduce((a, b) => a + b, 0), transfer(data));
      assert.equal(sum, 6);
      assert.equal(data.byteLength, 0); // detached: it moved to the worker
    });
  });
});

describe('SharedLock', () => {
  test('acquire, tryAcquire, release, locked', () => {
    const lock = new SharedLock();
    assert.equal(lock.locked(), false);
    assert.equal(lock.acquire(), true);
    assert.equal(lock.tryAcquire(), false);
    assert.equal(lock.acquire(false), false);
    assert.equal(lock.acquire(true, 0.01), false);
    lock.release();
    assert.throws(() => lock.release(), RuntimeError);
    {
      using _ = lock.guard();
      assert.ok(lock.locked());
    }
    assert.equal(lock.locked(), false);
  });

  test('hold() waits on the loop, without blocking it, while a worker holds the lock', async () => {
    await run(async () => {
      await using pool = new ThreadPoolExecutor({ maxWorkers: 1 });
      const lock = new SharedLock();
      const order: string[] = [];
      const holder = pool.submit((l: SharedLock) => {
        l.acquire();
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        l.release();
      }, lock);
      while (!lock.locked()) await sleep(0.001); // the worker holds it now
      const ticker = createTask(async () => {
        while (!holder.done()) {
          await sleep(0.005);
          order.push('tick');
        }
      });
      {
        await using _ = await lock.hold();
        order.push('held');
      }
      await holder;
      await ticker;
      assert.ok(order.indexOf('held') > 0, 'the loop kept running while hold() waited');
      assert.equal(lock.locked(), false);
    });
  });

  test('a task cancelled while waiting in hold() does not take the lock', async () => {
    await run(async () => {
      const lock = new SharedLock();
      lock.acquire();
      const waiter = createTask(async () => {
        await lock.hold();
        return 'got it';
      });
      await sleep(0.01);
      waiter.cancel();
      await assert.rejects(waiter, { name: 'CancelledError' });
      lock.release();
      await sleep(0.01);
      assert.equal(lock.locked(), false);
      assert.equal(lock.tryAcquire(), true);
    });
  });
});
