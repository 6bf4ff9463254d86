/**
 * CONTRACTS.md, test_locks.py (lines 1–68): Lock, Event, Condition, Semaphore, BoundedSemaphore
 * and Barrier. CPython runs these on a real loop; here they run on the virtual clock with the same
 * durations. A tick is one `await sleep(0)` in the main task. Python's `async with x` is
 * `await using _ = await x.hold()` (or `await barrier.wait()` for a Barrier), and asyncio's
 * private waiter lists are read through the public repr (`toString()`), as CPython's own
 * test_repr does.
 */
import { test } from 'node:test';
import assert from '../helpers/assert.js';
import {
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  CancelledError,
  Condition,
  Event,
  Lock,
  RuntimeError,
  Semaphore,
  TimeoutError,
  ValueError,
  createTask,
  gather,
  getRunningLoop,
  sleep,
  taskGroup,
  timeout,
  wait,
  waitFor,
  type Task,
} from '../../src/index.js';
import { caught, tick, virtual, waiters } from '../helpers/sync.js';

/** Runs `n` tasks of `coro` and gathers them, as CPython's BarrierTests.gather_tasks. */
async function gatherTasks<T>(n: number, coro: () => Promise<T>): Promise<T[]> {
  const tasks = Array.from({ length: n }, () => createTask(coro));
  return (await gather(tasks)) as T[];
}

// ---- Lock ---------------------------------------------------------------------------------------

test('1. test_locks.py::LockTests.test_lock (tsaio: `await lock` gives the lock back and never acquires)', async () => {
  await virtual(async () => {
    const lock = new Lock();
    assert.equal((lock as unknown as { then?: unknown }).then, undefined, 'a Lock is not a thenable');
    const got = await lock;
    assert.equal(got, lock);
    assert.equal(lock.locked(), false);
  });
});

test('3. test_locks.py::LockTests.test_acquire', async () => {
  await virtual(async () => {
    const lock = new Lock();
    const result: number[] = [];
    assert.equal(await lock.acquire(), true);
    const c = (k: number) => async () => {
      if (await lock.acquire()) {
        result.push(k);
        return true;
      }
      return false;
    };
    const t1 = createTask(c(1));
    const t2 = createTask(c(2));
    await tick();
    assert.deepEqual(result, []);
    lock.release();
    await tick();
    assert.deepEqual(result, [1]);
    await tick();
    assert.deepEqual(result, [1]);
    const t3 = createTask(c(3));
    lock.release();
    await tick();
    assert.deepEqual(result, [1, 2]);
    lock.release();
    await tick();
    assert.deepEqual(result, [1, 2, 3]);
    for (const t of [t1, t2, t3]) {
      assert.ok(t.done());
      assert.equal(t.result(), true);
    }
  });
});

test('6. test_locks.py::LockTests.test_cancel_release_race', async () => {
  await virtual(async () => {
    const loop = getRunningLoop();
    const lock = new Lock();
    let lockCount = 0;
    let callCount = 0;
    const lockit = async () => {
      callCount++;
      await lock.acquire();
      lockCount++;
    };
    await lock.acquire();
    const t1 = createTask(lockit);
    const t2 = createTask(lockit);
    const t3 = createTask(lockit);
    await tick();
    loop.callSoon(() => {
      t1.cancel();
      lock.release();
    });
    assert.ok((await caught(t1)) instanceof CancelledError);
    assert.equal(lockCount, 1, 'only t2 took the lock');
    assert.equal(callCount, 3);
    assert.ok(t1.cancelled() && t2.done());
    t3.cancel();
    await tick();
    assert.ok(t3.cancelled());
  });
});

test('7. test_locks.py::LockTests.test_finished_waiter_cancelled', async () => {
  await virtual(async () => {
    const lock = new Lock();
    await lock.acquire();
    assert.ok(lock.locked());
    const tb = createTask(() => lock.acquire());
    await tick();
    assert.equal(waiters(lock), 1);
    const tc = createTask(() => lock.acquire());
    tb.cancel();
    lock.release();
    await tick();
    assert.ok(lock.locked(), 'tc got the lock');
    assert.ok(tb.cancelled());
    assert.equal(await tc, true);
  });
});

test('8. test_locks.py::LockTests.test_release_not_acquired', () => {
  const lock = new Lock();
  assert.throws(() => lock.release(), RuntimeError);
});

test('10. test_locks.py::LockTests.test_context_manager (`await using _ = await lock.hold()`)', async () => {
  await virtual(async () => {
    const lock = new Lock();
    assert.equal(lock.locked(), false);
    {
      await using _ = await lock.hold();
      assert.equal(lock.locked(), true);
    }
    assert.equal(lock.locked(), false);
  });
});

// ---- Event --------------------------------------------------------------------------------------

test('11. test_locks.py::EventTests.test_wait', async () => {
  await virtual(async () => {
    const ev = new Event();
    assert.equal(ev.isSet(), false);
    const result: number[] = [];
    const c = (k: number) => async () => {
      if (await ev.wait()) result.push(k);
    };
    const t1 = createTask(c(1));
    const t2 = createTask(c(2));
    await tick();
    assert.deepEqual(result, []);
    const t3 = createTask(c(3));
    ev.set();
    await tick();
    assert.deepEqual(result, [3, 1, 2]);
    for (const t of [t1, t2, t3]) {
      assert.ok(t.done());
      assert.equal(t.result(), undefined);
    }
  });
});

test('12. test_locks.py::EventTests.test_wait_on_set', async () => {
  await virtual(async () => {
    const ev = new Event();
    ev.set();
    assert.equal(await ev.wait(), true);
  });
});

test('13. test_locks.py::EventTests.test_wait_cancel', async () => {
  await virtual(async () => {
    const ev = new Event();
    const w = createTask(() => ev.wait());
    getRunningLoop().callSoon(() => w.cancel());
    assert.ok((await caught(w)) instanceof CancelledError);
    assert.equal(waiters(ev), 0);
  });
});

test('14. test_locks.py::EventTests.test_clear', () => {
  const ev = new Event();
  assert.equal(ev.isSet(), false);
  ev.set();
  assert.equal(ev.isSet(), true);
  ev.clear();
  assert.equal(ev.isSet(), false);
});

test('15. test_locks.py::EventTests.test_clear_with_waiters', async () => {
  await virtual(async () => {
    const ev = new Event();
    const result: number[] = [];
    const t = createTask(async () => {
      if (await ev.wait()) result.push(1);
      return true;
    });
    await tick();
    assert.deepEqual(result, []);
    ev.set();
    ev.clear();
    assert.equal(ev.isSet(), false);
    ev.set();
    ev.set();
    assert.equal(waiters(ev), 1);
    await tick();
    assert.deepEqual(result, [1]);
    assert.equal(waiters(ev), 0);
    assert.ok(t.done());
    assert.equal(t.result(), true);
  });
});

// ---- Condition ----------------------------------------------------------------------------------

test('16. test_locks.py::ConditionTests.test_wait', async () => {
  await virtual(async () => {
    const cond = new Condition();
    const result: number[] = [];
    const c = (k: number) => async () => {
      await cond.acquire();
      if (await cond.wait()) result.push(k);
      return true;
    };
    const tasks = [createTask(c(1)), createTask(c(2)), createTask(c(3))];
    await tick();
    assert.deepEqual(result, []);
    assert.equal(cond.locked(), false);

    assert.equal(await cond.acquire(), true);
    cond.notify();
    await tick();
    assert.deepEqual(result, []);
    assert.equal(cond.locked(), true);

    cond.release();
    await tick();
    assert.deepEqual(result, [1]);
    assert.equal(cond.locked(), true);

    cond.notify(2);
    await tick();
    assert.deepEqual(result, [1]);
    assert.equal(cond.locked(), true);

    cond.release();
    await tick();
    assert.deepEqual(result, [1, 2]);
    assert.equal(cond.locked(), true);

    cond.release();
    await tick();
    assert.deepEqual(result, [1, 2, 3]);
    assert.equal(cond.locked(), true);
    for (const t of tasks) assert.equal(t.result(), true);
  });
});

test('17. test_locks.py::ConditionTests.test_wait_cancel', async () => {
  await virtual(async () => {
    const cond = new Condition();
    await cond.acquire();
    const w = createTask(() => cond.wait());
    getRunningLoop().callSoon(() => w.cancel());
    assert.ok((await caught(w)) instanceof CancelledError);
    assert.equal(waiters(cond), 0);
    assert.equal(cond.locked(), true, 'wait() re-acquired the lock before propagating');
  });
});

test('18. test_locks.py::ConditionTests.test_wait_cancel_contested', async () => {
  await virtual(async () => {
    const loop = getRunningLoop();
    const cond = new Condition();
    await cond.acquire();
    assert.ok(cond.locked());
    const waitTask = createTask(() => cond.wait());
    await tick();
    assert.equal(cond.locked(), false);
    await cond.acquire();
    assert.ok(cond.locked());
    cond.notify();
    loop.callSoon(() => waitTask.cancel());
    loop.callSoon(() => cond.release());
    try {
      await waitTask;
    } catch (e) {
      assert.ok(e instanceof CancelledError);
    }
    assert.equal(cond.locked(), true, 'wait() always exits holding the lock');
  });
});

test('21. test_locks.py::ConditionTests.test_wait_for', async () => {
  await virtual(async () => {
    const cond = new Condition();
    let presult = false;
    const result: number[] = [];
    const t = createTask(async () => {
      await cond.acquire();
      if (await cond.waitFor(() => presult)) {
        result.push(1);
        cond.release();
      }
      return true;
    });
    await tick();
    assert.deepEqual(result, []);
    await cond.acquire();
    cond.notify();
    cond.release();
    await tick();
    assert.deepEqual(result, [], 'the predicate is still false: the task waits again');
    presult = true;
    await cond.acquire();
    cond.notify();
    cond.release();
    await tick();
    assert.deepEqual(result, [1]);
    assert.ok(t.done());
    assert.equal(t.result(), true);
  });
});

test('22. test_locks.py::ConditionTests.test_wait_for_unacquired', async () => {
  await virtual(async () => {
    const cond = new Condition();
    assert.deepEqual(await cond.waitFor(() => [1, 2, 3]), [1, 2, 3]);
    assert.ok((await caught(cond.waitFor(() => false))) instanceof RuntimeError);
  });
});

test('23. test_locks.py::ConditionTests.test_notify', async () => {
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
    const tasks = [createTask(c(1)), createTask(c(2)), createTask(c(3))];
    await tick();
    assert.deepEqual(result, []);
    await cond.acquire();
    cond.notify(1);
    cond.release();
    await tick();
    assert.deepEqual(result, [1]);
    await cond.acquire();
    cond.notify(1);
    cond.notify(2048);
    cond.release();
    await tick();
    assert.deepEqual(result, [1, 2, 3]);
    for (const t of tasks) assert.equal(t.result(), true);
  });
});

test('25. test_locks.py::ConditionTests.test_notify_unacquired+test_notify_all_unacquired', () => {
  const cond = new Condition();
  assert.throws(() => cond.notify(), RuntimeError);
  assert.throws(() => cond.notifyAll(), RuntimeError);
});

test('26. test_locks.py::ConditionTests.test_context_manager (`await using _ = await cond.hold()`)', async () => {
  await virtual(async () => {
    const cond = new Condition();
    assert.equal(cond.locked(), false);
    {
      await using _ = await cond.hold();
      assert.equal(cond.locked(), true);
    }
    assert.equal(cond.locked(), false);
  });
});

test('27. test_locks.py::ConditionTests.test_explicit_lock', async () => {
  await virtual(async () => {
    async function check(lock: Lock, cond: Condition): Promise<void> {
      assert.equal(cond.locked(), lock.locked());
      {
        await using _ = await cond.hold();
        assert.ok(lock.locked() && cond.locked());
      }
      assert.ok(!lock.locked() && !cond.locked());
      {
        await using _ = await lock.hold();
        assert.ok(lock.locked() && cond.locked());
      }
      assert.ok(!lock.locked() && !cond.locked());
    }
    // Condition() with its own lock: acquiring it shows as locked.
    const own = new Condition();
    {
      await using _ = await own.hold();
      assert.ok(own.locked());
    }
    assert.ok(!own.locked());
    const lock1 = new Lock();
    await check(lock1, new Condition(lock1));
    const lock2 = new Lock();
    await check(lock2, new Condition(lock2));
  });
});

test('28. test_locks.py::ConditionTests.test_timeout_in_block', async () => {
  await virtual(async () => {
    const loop = getRunningLoop();
    const cond = new Condition();
    const t0 = loop.time();
    {
      await using _ = await cond.hold();
      const err = await caught(waitFor(() => cond.wait(), 0.5));
      assert.ok(err instanceof TimeoutError);
      assert.equal(loop.time() - t0, 0.5);
      assert.ok(cond.locked(), 'the lock was re-acquired');
    }
    assert.equal(cond.locked(), false);
  });
});

test('29. test_locks.py::ConditionTests.test_cancelled_error_wakeup', async () => {
  await virtual(async () => {
    const wake = false;
    let raised: unknown = null;
    const cond = new Condition();
    const task = createTask(async () => {
      await using _ = await cond.hold();
      try {
        await cond.waitFor(() => wake);
      } catch (e) {
        assert.ok(e instanceof CancelledError);
        raised = e;
        throw e;
      }
    });
    await tick();
    task.cancel('foo');
    const err = await caught(task);
    assert.ok(err instanceof CancelledError);
    assert.equal(err.message, 'foo');
    assert.equal(err.cancelMessage, 'foo');
    assert.equal(err, raised, 'the identical instance raised inside the task');
  });
});

test('30. test_locks.py::ConditionTests.test_cancelled_error_re_aquire', async () => {
  await virtual(async () => {
    let wake = false;
    let raised: unknown = null;
    const cond = new Condition();
    const task = createTask(async () => {
      await using _ = await cond.hold();
      try {
        await cond.waitFor(() => wake);
      } catch (e) {
        assert.ok(e instanceof CancelledError);
        raised = e;
        throw e;
      }
    });
    await tick();
    await cond.acquire();
    wake = true;
    cond.notify();
    await tick();
    // The task is now re-acquiring the lock: cancel it there.
    task.cancel('foo');
    cond.release();
    const err = await caught(task);
    assert.ok(err instanceof CancelledError);
    assert.equal(err.message, 'foo');
    assert.equal(err, raised, 'the identical instance raised inside the task');
    assert.equal(cond.locked(), false, 'the task released the lock on its way out');
  });
});

test('31. test_locks.py::ConditionTests.test_cancelled_wakeup', async () => {
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
      c[0]!.cancel();
      try {
        await timeout(0.01, () => cond.waitFor(() => state === 0));
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
      }
      assert.equal(state, 0, 'the notification was not lost');
      state = -1;
      cond.notifyAll();
    }
    await c[1];
    assert.ok(c[0]!.cancelled());
  });
});

// ---- Semaphore / BoundedSemaphore ---------------------------------------------------------------

test('33. test_locks.py::SemaphoreTests.test_initial_value_zero', () => {
  assert.equal(new Semaphore(0).locked(), true);
});

test('34. test_locks.py::SemaphoreTests.test_semaphore (tsaio: `await sem` gives it back and never acquires)', async () => {
  await virtual(async () => {
    const sem = new Semaphore();
    assert.equal((sem as unknown as { then?: unknown }).then, undefined);
    assert.equal(await sem, sem);
    assert.equal(sem._value, 1, 'the default value is 1');
    assert.equal(sem.locked(), false);
  });
});

test('35. test_locks.py::SemaphoreTests.test_semaphore_value', () => {
  assert.throws(() => new Semaphore(-1), ValueError);
});

test('36. test_locks.py::SemaphoreTests.test_acquire', async () => {
  await virtual(async () => {
    const sem = new Semaphore(3);
    const result: number[] = [];
    assert.equal(await sem.acquire(), true);
    assert.equal(await sem.acquire(), true);
    assert.equal(sem.locked(), false);
    const c = (k: number) => async () => {
      await sem.acquire();
      result.push(k);
      return true;
    };
    const t1 = createTask(c(1));
    const t2 = createTask(c(2));
    const t3 = createTask(c(3));
    await tick();
    assert.deepEqual(result, [1]);
    assert.ok(sem.locked());
    assert.equal(waiters(sem), 2);
    assert.equal(sem._value, 0);
    const t4 = createTask(c(4));
    sem.release();
    sem.release();
    assert.equal(sem._value, 0, 'permits go straight to waiters');
    await tick();
    assert.equal(sem._value, 0);
    assert.equal(result.length, 3);
    assert.ok(sem.locked());
    assert.equal(waiters(sem), 1);
    assert.ok(t1.done());
    assert.equal(t1.result(), true);
    const raceTasks = [t2, t3, t4];
    assert.equal(raceTasks.filter((t) => t.done() && t.result()).length, 2);
    assert.ok(t2.done() && t3.done() && !t4.done(), 'FIFO: t2 and t3, not t4');
    sem.release();
    await gather(raceTasks);
  });
});

test('37. test_locks.py::SemaphoreTests.test_acquire_cancel', async () => {
  await virtual(async () => {
    const sem = new Semaphore();
    await sem.acquire();
    const acquire = createTask(() => sem.acquire());
    getRunningLoop().callSoon(() => acquire.cancel());
    assert.ok((await caught(acquire)) instanceof CancelledError);
    assert.equal(waiters(sem), 0, 'no pending waiter remains');
  });
});

test('38. test_locks.py::SemaphoreTests.test_acquire_cancel_before_awoken', async () => {
  await virtual(async () => {
    const sem = new Semaphore(0);
    const [t1, t2, t3, t4] = [1, 2, 3, 4].map(() => createTask(() => sem.acquire())) as Task<true>[];
    await tick();
    t1!.cancel();
    t2!.cancel();
    sem.release();
    await tick(2);
    assert.equal([t3!, t4!].filter((t) => t.done()).length, 1);
    assert.ok(t3!.done());
    assert.ok(!t4!.done());
    t3!.cancel();
    t4!.cancel();
    await tick();
  });
});

test('40. test_locks.py::SemaphoreTests.test_acquire_no_hang', async () => {
  await virtual(async () => {
    const sem = new Semaphore(1);
    let t2: Task<void> | null = null;
    const t1 = createTask(async () => {
      {
        await using _ = await sem.hold();
        await sleep(0);
      }
      t2!.cancel();
    });
    t2 = createTask(async () => {
      await using _ = await sem.hold();
      assert.fail('t2 must not run with the permit');
    });
    const [r1, r2] = await gather([t1, t2], { returnExceptions: true });
    assert.equal(r1, undefined);
    assert.ok(r2 instanceof CancelledError);
    assert.equal(await waitFor(() => sem.acquire(), 1.0), true, 'the permit was returned');
  });
});

test('42. test_locks.py::SemaphoreTests.test_release_no_waiters', async () => {
  await virtual(async () => {
    const sem = new Semaphore();
    await sem.acquire();
    assert.ok(sem.locked());
    sem.release();
    assert.equal(sem.locked(), false);
  });
});

test('43. test_locks.py::SemaphoreTests.test_acquire_fifo_order', async () => {
  await virtual(async () => {
    const sem = new Semaphore(1);
    const result: string[] = [];
    const coro = (tag: string) => async () => {
      await sem.acquire();
      result.push(`${tag}_1`);
      await sleep(0.01);
      sem.release();
      await sem.acquire();
      result.push(`${tag}_2`);
      await sleep(0.01);
      sem.release();
    };
    await taskGroup(async (tg) => {
      tg.createTask(coro('c1'));
      tg.createTask(coro('c2'));
      tg.createTask(coro('c3'));
    });
    assert.deepEqual(result, ['c1_1', 'c2_1', 'c3_1', 'c1_2', 'c2_2', 'c3_2']);
  });
});

test('44. test_locks.py::SemaphoreTests.test_acquire_fifo_order_2', async () => {
  await virtual(async () => {
    const sem = new Semaphore(1);
    const result: number[] = [];
    const t1 = createTask(async () => {
      await sem.acquire();
      result.push(1);
      return true;
    });
    const t2 = createTask(async () => {
      await sem.acquire();
      result.push(2);
      sem.release();
      await sem.acquire();
      result.push(4);
      return true;
    });
    const t3 = createTask(async () => {
      await sem.acquire();
      result.push(3);
      return true;
    });
    await tick();
    sem.release();
    sem.release();
    await gather([t1, t2, t3]);
    assert.deepEqual(result, [1, 2, 3, 4]);
  });
});

test('45. test_locks.py::SemaphoreTests.test_acquire_fifo_order_3', async () => {
  await virtual(async () => {
    const sem = new Semaphore(0);
    const result: number[] = [];
    const c = (k: number) => async () => {
      await sem.acquire();
      result.push(k);
      return true;
    };
    const tasks = [createTask(c(1)), createTask(c(2)), createTask(c(3))];
    await tick();
    tasks[0]!.cancel();
    await tick();
    sem.release();
    sem.release();
    await gather(tasks, { returnExceptions: true });
    assert.deepEqual(result, [2, 3]);
  });
});

test('46. test_locks.py::SemaphoreTests.test_acquire_fifo_order_4', async () => {
  await virtual(async () => {
    const sem = new Semaphore(0);
    const result: number[] = [];
    let t4: Task<boolean> | null = null;
    const c4 = async () => {
      result.push(4);
      return true;
    };
    const t1 = createTask(async () => {
      assert.equal(sem._value, 0);
      await sem.acquire();
      assert.equal(sem._value, 0, 'the head waiter woke the others');
      t4 = createTask(c4);
      result.push(1);
      return true;
    });
    const t2 = createTask(async () => {
      sem.release();
      sem.release();
      sem.release();
      assert.equal(sem._value, 2);
      assert.ok(sem.locked(), 'c1 was woken but has not run: FIFO blocks newcomers');
      await sem.acquire();
      result.push(2);
      return true;
    });
    const t3 = createTask(async () => {
      await sem.acquire();
      assert.ok(sem.locked());
      result.push(3);
      return true;
    });
    await tick();
    assert.equal(sem._value, 2);
    assert.equal(waiters(sem), 3);
    await tick();
    assert.ok(t4 !== null);
    await gather([t1, t2, t3, t4]);
    assert.deepEqual(result, [1, 2, 3, 4]);
  });
});

// ---- Barrier ------------------------------------------------------------------------------------

const N = 5;

test('47. test_locks.py::BarrierTests.test_barrier (tsaio: `await barrier` gives it back and never waits)', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    assert.match(String(barrier), /filling/);
    assert.equal((barrier as unknown as { then?: unknown }).then, undefined);
    assert.equal(await barrier, barrier);
    assert.match(String(barrier), /filling/);
    assert.equal(barrier.nWaiting, 0);
  });
});

test('50. test_locks.py::BarrierTests.test_context_manager (`await barrier.wait()`)', async () => {
  await virtual(async () => {
    const barrier = new Barrier(3);
    const results: number[] = [];
    await gatherTasks(3, async () => {
      results.push(await barrier.wait());
    });
    assert.deepEqual([...results].sort(), [0, 1, 2]);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });
});

test('51. test_locks.py::BarrierTests.test_filling_one_task', async () => {
  await virtual(async () => {
    const barrier = new Barrier(1);
    assert.equal(await barrier.wait(), 0);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });
});

test('52. test_locks.py::BarrierTests.test_filling_one_task_twice', async () => {
  await virtual(async () => {
    const barrier = new Barrier(1);
    const t1 = createTask(() => barrier.wait());
    await tick();
    assert.equal(barrier.nWaiting, 0);
    const t2 = createTask(() => barrier.wait());
    await tick();
    assert.ok(t1.done() && t2.done());
    assert.equal(t1.result(), t2.result());
    assert.equal(t1.result(), 0);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });
});

test('53. test_locks.py::BarrierTests.test_filling_task_by_task', async () => {
  await virtual(async () => {
    const barrier = new Barrier(3);
    const t1 = createTask(() => barrier.wait());
    await tick();
    assert.equal(barrier.nWaiting, 1);
    assert.match(String(barrier), /filling/);
    const t2 = createTask(() => barrier.wait());
    await tick();
    assert.equal(barrier.nWaiting, 2);
    assert.match(String(barrier), /filling/);
    const t3 = createTask(() => barrier.wait());
    await tick();
    await wait([t1, t2, t3]);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });
});

test('54. test_locks.py::BarrierTests.test_filling_tasks_wait_twice', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    const results: boolean[] = [];
    await gatherTasks(N, async () => {
      await barrier.wait();
      results.push(true);
      await barrier.wait();
      results.push(false);
    });
    assert.equal(results.filter((r) => r).length, N);
    assert.equal(results.filter((r) => !r).length, N);
    assert.deepEqual(results.slice(0, N), Array(N).fill(true), 'the second cycle starts only after the first');
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });
});

test('55. test_locks.py::BarrierTests.test_filling_tasks_check_return_value', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const res = await gatherTasks(N, async () => {
      await barrier.wait();
      results1.push(true);
      const i = await barrier.wait();
      results2.push(true);
      return i;
    });
    assert.equal(results1.length, N);
    assert.equal(results2.length, N);
    assert.deepEqual([...res].sort(), [0, 1, 2, 3, 4]);
    assert.equal(barrier.nWaiting, 0);
  });
});

test('56. test_locks.py::BarrierTests.test_draining_state', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    const results: boolean[] = [];
    await gatherTasks(N, async () => {
      await barrier.wait();
      results.push(String(barrier).includes('draining'));
    });
    assert.equal(results.length, N);
    assert.equal(results[N - 1], false, 'the last to resume sees filling');
    assert.ok(results.slice(0, N - 1).every((r) => r), 'the first N-1 see draining');
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });
});

test('57. test_locks.py::BarrierTests.test_blocking_tasks_while_draining', async () => {
  await virtual(async () => {
    const rewait = 2;
    const barrier = new Barrier(N);
    const nowaiting = new Barrier(N - rewait);
    let rewaitN = rewait;
    let completed = 0;
    await gatherTasks(N, async () => {
      await barrier.wait();
      if (rewaitN > 0) {
        rewaitN--;
        await barrier.wait();
      } else {
        await nowaiting.wait();
        await barrier.wait();
      }
      completed++;
    });
    assert.equal(completed, N, 'no deadlock');
  });
});

test('58. test_locks.py::BarrierTests.test_filling_tasks_cancel_one', async () => {
  await virtual(async () => {
    const barrier = new Barrier(3);
    const results: boolean[] = [];
    const coro = async () => {
      await barrier.wait();
      results.push(true);
    };
    const t1 = createTask(coro);
    await tick();
    assert.equal(barrier.nWaiting, 1);
    const t2 = createTask(coro);
    await tick();
    assert.equal(barrier.nWaiting, 2);
    t1.cancel();
    await tick();
    assert.equal(barrier.nWaiting, 1);
    assert.ok((await caught(t1)) instanceof CancelledError);
    assert.ok(t1.cancelled());
    const t3 = createTask(coro);
    await tick();
    assert.equal(barrier.nWaiting, 2);
    const t4 = createTask(coro);
    await gather([t2, t3, t4]);
    assert.equal(results.length, 3);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });
});

test('59. test_locks.py::BarrierTests.test_reset_barrier', async () => {
  await virtual(async () => {
    const barrier = new Barrier(1);
    createTask(() => barrier.reset());
    await tick();
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  });
});

test('60. test_locks.py::BarrierTests.test_reset_barrier_while_tasks_waiting', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    const results: boolean[] = [];
    const coro = async () => {
      try {
        await barrier.wait();
      } catch (e) {
        if (e instanceof BrokenBarrierError) results.push(true);
        else throw e;
      }
    };
    const waiting = Array.from({ length: N - 1 }, () => createTask(coro));
    await tick();
    const reset = createTask(() => barrier.reset());
    await gather([...waiting, reset]);
    assert.equal(results.length, N - 1);
    assert.equal(barrier.nWaiting, 0);
    assert.doesNotMatch(String(barrier), /resetting/);
    assert.equal(barrier.broken, false);
  });
});

test('64. test_locks.py::BarrierTests.test_reset_barrier_while_tasks_draining', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const results3: boolean[] = [];
    let count = 0;
    await gatherTasks(N, async () => {
      await barrier.wait();
      count++;
      if (count === N) {
        await barrier.reset();
        await barrier.wait();
      } else {
        try {
          await barrier.wait();
          results1.push(true);
        } catch {
          results2.push(true);
        }
      }
      await barrier.wait();
      results3.push(true);
    });
    assert.equal(barrier.broken, false);
    assert.equal(results1.length, N - 1);
    assert.equal(results2.length, 0);
    assert.equal(results3.length, N);
    assert.equal(barrier.nWaiting, 0);
  });
});

test('65. test_locks.py::BarrierTests.test_abort_barrier', async () => {
  await virtual(async () => {
    const barrier = new Barrier(1);
    createTask(() => barrier.abort());
    await tick();
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, true);
  });
});

test('67. test_locks.py::BarrierTests.test_abort_barrier_when_exception', async () => {
  await virtual(async () => {
    const barrier = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    class Boom extends Error {}
    await gatherTasks(N, async () => {
      try {
        const i = await barrier.wait();
        if (i === Math.floor(N / 2)) throw new Boom();
        await barrier.wait();
        results1.push(true);
      } catch (e) {
        if (e instanceof BrokenBarrierError) results2.push(true);
        else if (e instanceof Boom) await barrier.abort();
        else throw e;
      }
    });
    assert.equal(barrier.broken, true);
    assert.equal(results1.length, 0);
    assert.equal(results2.length, N - 1);
    assert.equal(barrier.nWaiting, 0);
  });
});

test('68. test_locks.py::BarrierTests.test_abort_barrier_when_exception_then_resetting', async () => {
  await virtual(async () => {
    const barrier1 = new Barrier(N);
    const barrier2 = new Barrier(N);
    const results1: boolean[] = [];
    const results2: boolean[] = [];
    const results3: boolean[] = [];
    class Boom extends Error {}
    await gatherTasks(N, async () => {
      try {
        const i = await barrier1.wait();
        if (i === Math.floor(N / 2)) throw new Boom();
        await barrier1.wait();
        results1.push(true);
      } catch (e) {
        if (e instanceof BrokenBarrierError) results2.push(true);
        else if (e instanceof Boom) await barrier1.abort();
        else throw e;
      }
      const i = await barrier2.wait();
      if (i === Math.floor(N / 2)) await barrier1.reset();
      await barrier2.wait();
      await barrier1.wait();
      results3.push(true);
    });
    assert.equal(barrier1.broken, false);
    assert.equal(results1.length, 0);
    assert.equal(results2.length, N - 1);
    assert.equal(results3.length, N);
    assert.equal(barrier1.nWaiting, 0);
  });
});
