/** Condition and Barrier beyond the CPython lines: shared locks, hold(), spurious wake-up hand-off, abort. */
import { test } from 'node:test';
import assert from '../helpers/assert.js';
import { Barrier, BrokenBarrierError, CancelledError, Condition, Lock, createTask, gather } from '../../src/index.js';
import { caught, tick, virtual, waiters } from '../helpers/sync.js';

test('two conditions on one lock share its state', async () => {
  await virtual(async () => {
    const lock = new Lock();
    const a = new Condition(lock);
    const b = new Condition(lock);
    await a.acquire();
    assert.ok(b.locked() && lock.locked());
    const waiter = createTask(async () => {
      await b.acquire();
      await b.wait();
      b.release();
      return 'woken';
    });
    a.release();
    await tick();
    assert.equal(waiters(b), 1);
    assert.equal(waiters(a), 0);
    {
      await using _ = await a.hold();
      a.notifyAll(); // a's waiters, not b's
    }
    await tick(2);
    assert.equal(waiters(b), 1);
    {
      await using _ = await b.hold();
      b.notify();
    }
    assert.equal(await waiter, 'woken');
  });
});

test('notify(n) wakes exactly n in FIFO order; a cancelled notified waiter passes its turn on', async () => {
  await virtual(async () => {
    const cond = new Condition();
    const woke: number[] = [];
    const tasks = [1, 2, 3, 4].map((k) =>
      createTask(async () => {
        await using _ = await cond.hold();
        await cond.wait();
        woke.push(k);
      }),
    );
    await tick();
    {
      await using _ = await cond.hold();
      cond.notify(2);
      tasks[0]!.cancel(); // notified, then cancelled before it runs
    }
    await tick(4);
    assert.deepEqual(woke, [2, 3], 'task 1 handed its notification to task 3');
    assert.ok(tasks[0]!.cancelled());
    assert.equal(waiters(cond), 1);
    {
      await using _ = await cond.hold();
      cond.notifyAll();
    }
    await gather(tasks.slice(1));
    assert.deepEqual(woke, [2, 3, 4]);
    assert.equal(cond.locked(), false);
  });
});

test('a cancelled wait() still re-acquires the lock before the error propagates', async () => {
  await virtual(async () => {
    const cond = new Condition();
    let lockedInCatch: boolean | null = null;
    const t = createTask(async () => {
      await cond.acquire();
      try {
        await cond.wait();
      } catch (e) {
        lockedInCatch = cond.locked();
        cond.release();
        throw e;
      }
    });
    await tick();
    await cond.acquire(); // main holds it: the cancelled waiter must wait for it
    t.cancel();
    await tick(3);
    assert.equal(t.done(), false, 'still waiting to re-acquire');
    cond.release();
    assert.ok((await caught(t)) instanceof CancelledError);
    assert.equal(lockedInCatch, true);
    assert.equal(cond.locked(), false);
  });
});

test('Barrier: abort() breaks waiters and later waits until reset()', async () => {
  await virtual(async () => {
    const barrier = new Barrier(3);
    const t1 = createTask(() => barrier.wait());
    await tick();
    assert.equal(barrier.nWaiting, 1);
    await barrier.abort();
    assert.ok((await caught(t1)) instanceof BrokenBarrierError);
    assert.ok(barrier.broken);
    assert.ok((await caught(barrier.wait())) instanceof BrokenBarrierError);
    assert.equal(String(barrier), '<Barrier [broken]>');
    await barrier.reset();
    assert.equal(barrier.broken, false);
    const results = await gather([1, 2, 3].map(() => () => barrier.wait()));
    assert.deepEqual([...results].sort(), [0, 1, 2]);
  });
});

test('Barrier: indexes are arrival order within each cycle', async () => {
  await virtual(async () => {
    const barrier = new Barrier(3);
    const seen: [string, number][] = [];
    await gather(
      ['a', 'b', 'c'].map((tag) => async () => {
        seen.push([tag, await barrier.wait()]);
      }),
    );
    assert.deepEqual(Object.fromEntries(seen), { a: 0, b: 1, c: 2 });
  });
});
