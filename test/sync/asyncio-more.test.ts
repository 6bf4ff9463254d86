/**
 * More of CPython 3.13's test_locks.py and test_queues.py than CONTRACTS.md lists (the held-back
 * part of the suite), ported the same way: virtual clock, ticks as `await sleep(0)`.
 */
import { test } from 'node:test';
import assert from '../helpers/assert.js';
import {
  Barrier,
  BrokenBarrierError,
  CancelledError,
  Condition,
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueFull,
  QueueShutDown,
  RuntimeError,
  Semaphore,
  TimeoutError,
  createTask,
  getRunningLoop,
  timeout,
  Event,
} from '../../src/index.js';
import { caught, tick, virtual } from '../helpers/sync.js';

test('test_locks.py::ConditionTests.test_wait_cancel_after_notify', async () => {
  await virtual(async () => {
    let waited = false;
    const cond = new Condition();
    const waiter = createTask(async () => {
      await using _ = await cond.hold();
      waited = true;
      await cond.wait();
    });
    await tick();
    await cond.acquire();
    cond.notify();
    await tick(); // get to acquire()
    waiter.cancel();
    await tick(); // activate the cancellation
    cond.release();
    await tick(); // the cancellation lands
    assert.ok(waiter.cancelled());
    assert.ok(waited);
  });
});

test('test_locks.py::ConditionTests.test_wait_unacquired', async () => {
  await virtual(async () => {
    assert.ok((await caught(new Condition().wait())) instanceof RuntimeError);
  });
});

test('test_locks.py::ConditionTests.test_notify_all', async () => {
  await virtual(async () => {
    const cond = new Condition();
    const result: number[] = [];
    const c = (k: number) => async () => {
      await cond.acquire();
      if (await cond.wait()) {
        result.push(k);
        cond.release();
      }
      return true;
    };
    const t1 = createTask(c(1));
    const t2 = createTask(c(2));
    await tick();
    assert.deepEqual(result, []);
    await cond.acquire();
    cond.notifyAll();
    cond.release();
    await tick();
    assert.deepEqual(result, [1, 2]);
    assert.equal(t1.result(), true);
    assert.equal(t2.result(), true);
  });
});

test('test_locks.py::ConditionTests.test_cancelled_wakeup_relock', async () => {
  await virtual(async () => {
    const cond = new Condition();
    let state = 0;
    const consumer = async () => {
      await using _ = await cond.hold();
      for (;;) {
        await cond.waitFor(() => state !== 0);
        if (state < 0) return;
        state -= 1;
      }
    };
    const c = [createTask(consumer), createTask(consumer)];
    await tick();
    {
      await using _ = await cond.hold();
      state += 1;
      cond.notify(1);
      await tick(); // the woken task now waits to re-acquire the lock
      c[0]!.cancel();
      try {
        await timeout(0.01, () => cond.waitFor(() => state === 0));
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
      }
      assert.equal(state, 0);
      state = -1;
      cond.notifyAll();
    }
    await c[1];
  });
});

test('test_locks.py::SemaphoreTests.test_acquire_hang', async () => {
  await virtual(async () => {
    const sem = new Semaphore(0);
    const t1 = createTask(() => sem.acquire());
    const t2 = createTask(() => sem.acquire());
    await tick();
    t1.cancel();
    sem.release();
    await tick(2);
    assert.ok(sem.locked());
    assert.ok(t2.done());
  });
});

test('test_queues.py::QueuePutTests.test_blocking_put_wait', async () => {
  await virtual(async () => {
    const q = new Queue<number>(1);
    const started = new Event();
    let finished = false;
    getRunningLoop().callLater(0.01, () => q.getNowait());
    const putTask = createTask(async () => {
      started.set();
      await q.put(1);
      await q.put(2);
      finished = true;
    });
    await started.wait();
    assert.equal(finished, false);
    await putTask;
    assert.equal(finished, true);
  });
});

test('test_queues.py::QueuePutTests.test_get_cancel_drop_one_pending_reader', async () => {
  await virtual(async () => {
    const q = new Queue<number>();
    let reader = createTask(() => q.get());
    await tick();
    q.putNowait(1);
    q.putNowait(2);
    reader.cancel();
    try {
      await reader;
    } catch (e) {
      assert.ok(e instanceof CancelledError);
      reader = createTask(() => q.get());
      await reader;
    }
    assert.equal(reader.result(), 1, 'item 1 was not dropped');
  });
});

test('test_queues.py::QueuePutTests.test_float_maxsize', async () => {
  await virtual(async () => {
    let q = new Queue<number>(1.3);
    q.putNowait(1);
    q.putNowait(2);
    assert.ok(q.full());
    assert.throws(() => q.putNowait(3), QueueFull);
    q = new Queue<number>(1.3);
    await q.put(1);
    await q.put(2);
    assert.ok(q.full());
  });
});

test('test_queues.py::QueuePutTests.test_cancelled_put_silence_value_error_exception', async () => {
  await virtual(async () => {
    const q = new Queue<number>(1);
    q.putNowait(1);
    const putTask = createTask(() => q.put(1));
    await tick();
    q.getNowait(); // takes the putter out of the putters list
    putTask.cancel();
    assert.ok((await caught(putTask)) instanceof CancelledError);
  });
});

test('test_queues.py::{Queue,LifoQueue,PriorityQueue}ShutdownTests.test_shutdown_empty', async () => {
  for (const make of [() => new Queue<string>(), () => new LifoQueue<string>(), () => new PriorityQueue<string>()]) {
    await virtual(async () => {
      const q = make();
      const getTask = createTask(() => q.get());
      await tick();
      q.shutdown(false);
      assert.equal(q.qsize(), 0);
      await q.join();
      await tick();
      assert.ok(getTask.done());
      assert.ok((await caught(getTask)) instanceof QueueShutDown);
      assert.ok((await caught(q.put('data'))) instanceof QueueShutDown);
      assert.throws(() => q.putNowait('data'), QueueShutDown);
      assert.ok((await caught(q.get())) instanceof QueueShutDown);
      assert.throws(() => q.getNowait(), QueueShutDown);
    });
  }
});

const N = 5;

async function gatherTasks(n: number, coro: () => Promise<void>): Promise<void> {
  const tasks = Array.from({ length: n }, () => createTask(coro));
  for (const t of tasks) await t;
}

test('test_locks.py::BarrierTests.test_reset_barrier_when_tasks_half_draining', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const restOfTasks = Math.floor(N / 2);
    let passed = 0;
    await gatherTasks(N, async () => {
      try {
        await barrier.wait();
      } catch (e) {
        if (!(e instanceof BrokenBarrierError)) throw e;
        results1.push(true);
        return;
      }
      // CPython compares `barrier._count` (tasks still inside) with restOfTasks: the count of
      // tasks that have left tells the same.
      passed++;
      if (N - passed === restOfTasks) await barrier.reset();
    });
    assert.deepEqual(results1, Array(restOfTasks).fill(true), 'the tasks still draining are broken');
    assert.equal(barrier.nWaiting, 0);
    assert.doesNotMatch(String(barrier), /resetting/);
    assert.equal(barrier.broken, false);
  });
});

test('test_locks.py::BarrierTests.test_reset_barrier_when_tasks_half_draining_half_blocking', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const blockingTasks = Math.floor(N / 2);
    let count = 0;
    await gatherTasks(N, async () => {
      try {
        await barrier.wait();
      } catch (e) {
        if (!(e instanceof BrokenBarrierError)) throw e;
        results1.push(true);
        await barrier.wait();
        return;
      }
      count++;
      if (count > blockingTasks) {
        await barrier.reset();
        await barrier.wait();
      } else {
        try {
          await barrier.wait();
        } catch (e) {
          if (!(e instanceof BrokenBarrierError)) throw e;
          results2.push(true);
        }
      }
    });
    assert.deepEqual(results1, Array(blockingTasks).fill(true));
    assert.deepEqual(results2, []);
    assert.equal(barrier.nWaiting, 0);
    assert.doesNotMatch(String(barrier), /resetting/);
    assert.equal(barrier.broken, false);
  });
});

test('test_locks.py::BarrierTests.test_abort_barrier_when_tasks_half_draining_half_blocking', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const blockingTasks = Math.floor(N / 2);
    let count = 0;
    await gatherTasks(N, async () => {
      try {
        await barrier.wait();
      } catch (e) {
        if (!(e instanceof BrokenBarrierError)) throw e;
        results1.push(true);
        return;
      }
      count++;
      if (count > blockingTasks) {
        await barrier.abort();
      } else {
        try {
          await barrier.wait();
        } catch (e) {
          if (!(e instanceof BrokenBarrierError)) throw e;
          results2.push(true);
        }
      }
    });
    assert.equal(barrier.broken, true);
    assert.deepEqual(results1, Array(blockingTasks).fill(true));
    assert.deepEqual(results2, Array(N - blockingTasks - 1).fill(true));
    assert.equal(barrier.nWaiting, 0);
    assert.doesNotMatch(String(barrier), /resetting/);
  });
});

test('test_locks.py::BarrierTests.test_reset_barrier_while_tasks_waiting_and_waiting_again', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const tasks = Array.from({ length: N - 1 }, () =>
      createTask(async () => {
        try {
          await barrier.wait();
        } catch (e) {
          if (!(e instanceof BrokenBarrierError)) throw e;
          results1.push(true);
        } finally {
          await barrier.wait();
          results2.push(true);
        }
      }),
    );
    createTask(() => barrier.reset());
    await tick();
    createTask(async () => {
      await barrier.wait();
      results2.push(true);
    });
    for (const t of tasks) await t;
    await tick();
    assert.equal(barrier.broken, false);
    assert.equal(results1.length, N - 1);
    assert.equal(results2.length, N);
    assert.equal(barrier.nWaiting, 0);
  });
});
