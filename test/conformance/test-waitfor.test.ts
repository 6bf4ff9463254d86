/**
 * CONTRACTS.md, test_waitfor.py (lines 207–224): asyncio.wait_for as tsaio's `waitFor`.
 * Virtual clock with CPython's durations; SlowTask's 0.2 s of wall time is 0.2 s of loop time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelledError,
  TimeoutError,
  coroutine,
  createTask,
  currentTask,
  getRunningLoop,
  shield,
  sleep,
  wait,
  waitFor,
} from '../../src/index.js';
import { runVirtual } from '../../src/testing/index.js';
import { FooException, now, rejection, tick } from './scope-helpers.js';

const EPSILON = 0.0001;

/** CPython's SlowTask: sleeps until 0.2 s have passed, swallowing every CancelledError. */
class SlowTask {
  static readonly TASK_TIMEOUT = 0.2;
  exited = false;
  cancelsSwallowed = 0;
  readonly run = coroutine(async (): Promise<string> => {
    const exitAt = now() + SlowTask.TASK_TIMEOUT;
    for (;;) {
      const delta = exitAt - now();
      if (delta <= 0) break;
      try {
        await sleep(delta);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        this.cancelsSwallowed++;
      }
    }
    this.exited = true;
    return 'slow done';
  });
}

test('207 test_asyncio_wait_for_cancelled: cancelling a waitFor task waits until the inner SlowTask really finished', async () => {
  await runVirtual(async () => {
    const slow = new SlowTask();
    const w = createTask(() => waitFor(slow.run(), 0.4));
    await tick();
    assert.equal(w.cancel(), true);
    const [done, pending] = await wait([w]);
    assert.ok(done.has(w));
    assert.equal(pending.size, 0);
    assert.equal(w.done(), true);
    assert.equal(slow.exited, true);
    assert.equal(slow.cancelsSwallowed, 1);
    assert.equal(now(), 0.2);
  });
});

test('208 test_asyncio_wait_for_timeout: waitFor(SlowTask, 0.1) returns only once the inner finished; the swallowed cancellation gives its value, no TimeoutError', async () => {
  await runVirtual(async () => {
    const slow = new SlowTask();
    const r = await waitFor(slow.run(), 0.1);
    assert.equal(r, 'slow done');
    assert.equal(slow.exited, true);
    assert.equal(slow.cancelsSwallowed, 1);
    assert.equal(now(), 0.2);
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

test('209 test_wait_for_timeout_less_then_0_or_0_future_done: waitFor(doneFuture, 0) and (…, -1) return its result', async () => {
  await runVirtual(async () => {
    const fut = getRunningLoop().createFuture<string>();
    fut.setResult('done');
    assert.equal(await waitFor(fut, 0), 'done');
    assert.equal(await waitFor(fut, -1), 'done');
    assert.equal(fut.cancelled(), false);
    assert.equal(now(), 0);
  });
});

test('210 test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started: waitFor(coro, 0) and (coro, -1) raise TimeoutError and never start the coroutine', async () => {
  await runVirtual(async () => {
    let started = false;
    const foo = coroutine(async () => {
      started = true;
    });
    for (const t of [0, -1]) {
      const e = await rejection(waitFor(foo(), t));
      assert.ok(e instanceof TimeoutError, `timeout ${t}: got ${String(e)}`);
      assert.ok(e.cause instanceof CancelledError);
    }
    assert.equal(started, false);
    assert.equal(now(), 0);
  });
});

test('212 test_wait_for: waitFor(task, 0.1) on a long sleeper raises TimeoutError at 0.1; the task is cancelled and its finally ran', async () => {
  await runVirtual(async () => {
    let fooRunning: boolean | null = null;
    const foo = async (): Promise<string> => {
      fooRunning = true;
      try {
        await sleep(3600);
      } finally {
        fooRunning = false;
      }
      return 'done';
    };
    const fut = createTask(foo);
    const e = await rejection(waitFor(fut, 0.1));
    assert.ok(e instanceof TimeoutError);
    assert.equal(fut.done(), true);
    assert.equal(fut.cancelled(), true);
    assert.equal(fooRunning, false);
    assert.equal(now(), 0.1);
  });
});

test('213 test_wait_for_blocking: waitFor(coro, null) returns its result (null = no timeout)', async () => {
  await runVirtual(async () => {
    const coro = coroutine(async () => {
      await sleep(5);
      return 'done';
    });
    assert.equal(await waitFor(coro(), null), 'done');
    assert.equal(now(), 5);
  });
});

test('214 test_wait_for_race_condition: waitFor(fut, 0.2) with fut set by callSoon returns "ok"', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const fut = loop.createFuture<string>();
    const task = waitFor(fut, 0.2);
    loop.callSoon(() => fut.setResult('ok'));
    assert.equal(await task, 'ok');
    assert.equal(now(), 0);
  });
});

test('215 test_wait_for_cancellation_race_condition: an inner that swallows the cancellation and returns 1 makes waitFor return 1', async () => {
  await runVirtual(async () => {
    let sawCancel = false;
    const inner = coroutine(async () => {
      try {
        await sleep(1);
      } catch (e) {
        assert.ok(e instanceof CancelledError);
        sawCancel = true;
      }
      return 1;
    });
    assert.equal(await waitFor(inner(), 0.01), 1);
    assert.equal(sawCancel, true);
    assert.equal(now(), 0.01);
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

test('216 test_wait_for_waits_for_task_cancellation [chain]: TimeoutError comes only after the inner cleanup ended; its cause is a CancelledError (Python checks __context__)', async () => {
  await runVirtual(async () => {
    let taskDone = false;
    let cleanupEndedAt = -1;
    const inner = async (): Promise<void> => {
      try {
        await sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) {
          await sleep(EPSILON);
          cleanupEndedAt = now();
        }
        throw e;
      } finally {
        taskDone = true;
      }
    };
    const innerTask = createTask(inner);
    const e = await rejection(waitFor(innerTask, EPSILON));
    assert.ok(e instanceof TimeoutError, `got ${String(e)}`);
    assert.equal(taskDone, true);
    assert.equal(innerTask.cancelled(), true);
    assert.equal(cleanupEndedAt, 2 * EPSILON);
    assert.equal(now(), 2 * EPSILON);
    assert.ok(e.cause instanceof CancelledError);
  });
});

test('218 test_wait_for_reraises_exception_during_cancellation: an error raised by the inner cleanup replaces the TimeoutError', async () => {
  await runVirtual(async () => {
    const err = new FooException('cleanup');
    const inner = async (): Promise<void> => {
      try {
        await sleep(0.2);
      } finally {
        throw err; // eslint-disable-line no-unsafe-finally
      }
    };
    const innerTask = createTask(inner);
    const e = await rejection(waitFor(innerTask, EPSILON));
    assert.equal(e, err);
    assert.equal(innerTask.exception(), err);
    assert.equal(now(), EPSILON);
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

test('219 test_cancel_blocking_wait_for (timeout null) + test_cancel_wait_for (timeout 60): cancelling the waitFor task cancels the awaited task', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    for (const t of [null, 60]) {
      const never = loop.createFuture<void>();
      const task = createTask(() => never);
      const w = createTask(() => waitFor(task, t));
      loop.callSoon(() => w.cancel());
      const e = await rejection(w);
      assert.ok(e instanceof CancelledError, `timeout ${t}: got ${String(e)}`);
      assert.equal(w.cancelled(), true);
      assert.equal(task.cancelled(), true, `timeout ${t}: the awaited task is cancelled`);
      assert.equal(never.cancelled(), true);
    }
    assert.equal(now(), 0);
  });
});

test('221 test_wait_for_issue86296: a cancel arriving right after waitFor got its already-done result is not lost; the task ends cancelled at its next await', async () => {
  await runVirtual(async () => {
    const innerTask = createTask(async () => 'done');
    let reachedEnd = false;
    const task = createTask(async () => {
      await waitFor(innerTask, 100);
      await sleep(1);
      reachedEnd = true;
    });
    assert.equal(task.done(), false);
    await tick();
    task.cancel();
    const e = await rejection(task);
    assert.ok(e instanceof CancelledError);
    assert.equal(task.cancelled(), true);
    assert.equal(innerTask.done(), true);
    assert.equal(await innerTask, 'done');
    assert.equal(reachedEnd, false);
    assert.equal(now(), 0);
  });
});

test('224 test_shielded_timeout: waitFor(shield(task), 0.01) raises TimeoutError; the task goes on and gives "done" at 0.1', async () => {
  await runVirtual(async () => {
    const tsk = createTask(async () => {
      await sleep(0.1);
      return 'done';
    });
    const e = await rejection(waitFor(shield(tsk), 0.01));
    assert.ok(e instanceof TimeoutError);
    assert.equal(now(), 0.01);
    assert.equal(tsk.done(), false);
    assert.equal(tsk.cancelled(), false);
    assert.equal(await tsk, 'done');
    assert.equal(now(), 0.1);
  });
});
