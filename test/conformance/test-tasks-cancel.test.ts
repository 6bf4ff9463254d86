/**
 * CONTRACTS.md, section test_tasks.py: cancellation, cancel messages, cancelling()/uncancel()
 * (lines 131–152), on the virtual clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelledError,
  RuntimeError,
  Task,
  TimeoutError,
  ValueError,
  coroutine,
  createTask,
  currentTask,
  getRunningLoop,
  isCancelled,
  newEventLoop,
  sleep,
  wait,
  type Future,
} from '../../src/index.js';
import { VirtualClock, runVirtual } from '../../src/testing/index.js';
import { now, tick } from './helpers.js';

test('131 test_cancel: call_soon(t.cancel) on a task in sleep(10): CancelledError, cancelled, later cancel() false, time 0', async () => {
  await runVirtual(async () => {
    const t = createTask(async () => {
      await sleep(10);
      return 12;
    });
    getRunningLoop().callSoon(() => t.cancel());
    await assert.rejects(t, CancelledError);
    assert.equal(t.done(), true);
    assert.equal(t.cancelled(), true);
    assert.equal(t.cancel(), false);
    assert.equal(now(), 0);
  });
});

test('132 test_task_cancel_message_getter: cancel("my message") before the task starts; awaiting it raises CancelledError("my message")', async () => {
  await runVirtual(async () => {
    let ran = false;
    const t = createTask(async () => {
      ran = true;
    });
    assert.equal(t.cancel('my message'), true);
    await assert.rejects(t, (e) => e instanceof CancelledError && e.cancelMessage === 'my message' && e.message === 'my message');
    assert.equal(ran, false);
    assert.equal(t.cancelled(), true);
  });
});

test('133 test_cancel_with_message_then_future_result: messages (), (undefined/null), ("my message"), (5) round-trip; no chained cause', async () => {
  const cases: { args: unknown[]; message: unknown; text: string }[] = [
    { args: [], message: undefined, text: '' },
    { args: [undefined], message: undefined, text: '' },
    { args: [null], message: undefined, text: '' },
    { args: ['my message'], message: 'my message', text: 'my message' },
    { args: [5], message: 5, text: '5' },
  ];
  for (const { args, message, text } of cases) {
    await runVirtual(async () => {
      const sleeper = coroutine(async () => {
        await sleep(10);
      });
      const task = createTask(sleeper());
      await tick();
      task.cancel(...(args as [unknown?]));
      const [done, pending] = await wait([task]);
      assert.deepEqual([done.size, pending.size], [1, 0]);
      let caught: unknown;
      try {
        task.result();
      } catch (e) {
        caught = e;
      }
      assert.ok(caught instanceof CancelledError, `args ${JSON.stringify(args)}`);
      assert.equal(caught.cancelMessage, message);
      assert.equal(caught.message, text);
      assert.equal(caught.cause, undefined, '[chain] no further cause');
      assert.equal(now(), 0);
    });
  }
});

test('135 test_cancel_with_message_before_starting_task: the message survives although the coroutine never started', async () => {
  await runVirtual(async () => {
    let started = false;
    const task = createTask(async () => {
      started = true;
      await sleep(10);
    });
    task.cancel('my message');
    await wait([task]);
    assert.throws(
      () => task.exception(),
      (e) => e instanceof CancelledError && e.cancelMessage === 'my message',
    );
    assert.equal(started, false);
  });
});

test('136 test_cancellation_exception_context: ValueError("cancelled") with cause: the innermost cause is CancelledError("msg") [chain]', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const inner = createTask(() => sleep(10));
    const outer = createTask(async () => {
      await tick();
      loop.callSoon(() => inner.cancel('msg'));
      try {
        await inner;
      } catch (e) {
        if (e instanceof CancelledError) throw new ValueError('cancelled', { cause: e });
        throw e;
      }
      return 'not cancelled';
    });
    await assert.rejects(outer, (e) => e instanceof ValueError && e.message === 'cancelled');
    let innermost: unknown = outer.exception();
    while (innermost instanceof Error && innermost.cause !== undefined) innermost = innermost.cause;
    assert.ok(innermost instanceof CancelledError);
    assert.equal(innermost.cancelMessage, 'msg');
    assert.equal(inner.cancelled(), true);
  });
});

test('138 test_cancel_inner_future: cancelling the future a task awaits ends the task cancelled', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<void>();
    const t = createTask(async () => {
      await f;
      return 12;
    });
    await tick();
    f.cancel();
    await assert.rejects(t, CancelledError);
    assert.equal(t.cancelled(), true);
    assert.equal(f.cancelled(), true);
  });
});

test('139 test_cancel_both_task_and_inner_future: f.cancel(); t.cancel(): the task ends cancelled', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<void>();
    const t = createTask(async () => {
      await f;
      return 12;
    });
    await tick();
    f.cancel();
    assert.equal(t.cancel(), true);
    await assert.rejects(t, CancelledError);
    assert.equal(t.done(), true);
    assert.equal(t.cancelled(), true);
    assert.equal(f.cancelled(), true);
  });
});

test('140 test_cancel_task_catching: t.cancel() cancels the awaited fut2 synchronously; the task catches it and returns 42', async () => {
  await runVirtual(async () => {
    const fut1 = getRunningLoop().createFuture<void>();
    const fut2 = getRunningLoop().createFuture<void>();
    const t = createTask(async () => {
      await fut1;
      try {
        await fut2;
      } catch (e) {
        if (e instanceof CancelledError) return 42;
        throw e;
      }
      return 0;
    });
    await tick();
    assert.equal(fut1.done(), false);
    fut1.setResult();
    await tick();
    assert.equal(fut2.cancelled(), false);
    assert.equal(t.cancel(), true);
    assert.equal(fut2.cancelled(), true, 'cancelled synchronously by t.cancel()');
    assert.equal(await t, 42);
    assert.equal(t.cancelled(), false);
  });
});

test('141 test_cancel_task_ignoring: a swallowed cancel is delivered once and does not re-fire at the next await', async () => {
  await runVirtual(async () => {
    const fut1 = getRunningLoop().createFuture<void>();
    const fut2 = getRunningLoop().createFuture<void>();
    const fut3 = getRunningLoop().createFuture<number>();
    const t = createTask(async () => {
      await fut1;
      try {
        await fut2;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
      }
      const res = await fut3;
      return res;
    });
    await tick();
    fut1.setResult();
    await tick();
    t.cancel();
    assert.equal(fut2.cancelled(), true);
    await tick();
    assert.equal(t.done(), false, 'waiting on fut3');
    fut3.setResult(42);
    assert.equal(await t, 42);
    assert.equal(fut3.cancelled(), false);
    assert.equal(t.cancelled(), false);
  });
});

test('142 test_cancel_current_task: a task that cancels itself is interrupted at once in sleep(100)', async () => {
  await runVirtual(async () => {
    let after = false;
    const t: Task<void> = createTask(async () => {
      assert.equal(currentTask(), t);
      t.cancel();
      await sleep(100);
      after = true;
    });
    await assert.rejects(t, CancelledError);
    assert.equal(t.cancelled(), true);
    assert.equal(t.cancel(), false);
    assert.equal(after, false);
    assert.equal(now(), 0, 'no 100 s wait');
  });
});

test('143 test_cancel_at_end: a pending self-cancel wins over a normal return', async () => {
  await runVirtual(async () => {
    const t: Task<number> = createTask(async () => {
      t.cancel();
      return 12;
    });
    await assert.rejects(t, CancelledError);
    assert.equal(t.cancelled(), true);
    assert.equal(t.cancel(), false);
  });
});

test('144 test_cancel_awaited_task: a pending self-cancel is forwarded into the task awaited next, and to its future', async () => {
  await runVirtual(async () => {
    const fut = getRunningLoop().createFuture<void>();
    let nested: Task<void> | undefined;
    const task: Task<void> = createTask(async () => {
      nested = createTask(async () => {
        await fut;
      });
      await sleep(0);
      task.cancel();
      await nested;
    });
    await assert.rejects(task, CancelledError);
    assert.equal(task.cancelled(), true);
    assert.equal(nested!.cancelled(), true);
    assert.equal(fut.cancelled(), true);
  });
});

test('145 test_task_cancel_waiter_future: cancelling a task cancels the future it waits on; the task ends cancelled', async () => {
  await runVirtual(async () => {
    const fut = getRunningLoop().createFuture<void>();
    const task = createTask(async () => {
      await fut;
    });
    await tick();
    task.cancel();
    await tick();
    assert.equal(fut.cancelled(), true);
    await assert.rejects(task, CancelledError);
    assert.equal(task.cancelled(), true);
    // [white-box] `_fut_waiter is None`: a second cancel has nothing left to forward to.
    assert.equal(task.cancel(), false);
  });
});

test('146 test_yield_future_passes_cancel: the cancel reaches the leaf future and comes back up; outer swallows it (proof 101)', async () => {
  await runVirtual(async () => {
    let proof = 0;
    const waiter = getRunningLoop().createFuture<void>();
    const inner = coroutine(async () => {
      try {
        await waiter;
      } catch (e) {
        if (e instanceof CancelledError) proof += 1;
        throw e;
      }
      throw new Error('unreachable');
    });
    const outer = coroutine(async () => {
      try {
        await inner();
      } catch (e) {
        if (e instanceof CancelledError) proof += 100;
        else throw e;
      }
    });
    const f = createTask(outer());
    await tick();
    f.cancel();
    await f;
    assert.equal(proof, 101);
    assert.equal(waiter.cancelled(), true);
    assert.equal(f.cancelled(), false, 'outer completed normally');
  });
});

test('148 test_cancelling: cancelling() counts requests on a task not yet started (0, 1, 2); running it raises CancelledError', async () => {
  await runVirtual(async () => {
    const t = createTask(() => sleep(100));
    assert.equal(t.cancelling(), 0);
    assert.equal(t.cancel(), true);
    assert.equal(t.cancelling(), 1);
    assert.equal(t.cancel(), true);
    assert.equal(t.cancelling(), 2);
    await assert.rejects(t, CancelledError);
    assert.equal(now(), 0);
  });
});

test('149 test_uncancel_basic: uncancel() in the task resets cancelling() to 0; a second cancel ends it cancelled', async () => {
  await runVirtual(async () => {
    const task = createTask(async () => {
      try {
        await sleep(10);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        currentTask()!.uncancel();
        await sleep(10);
      }
    });
    await sleep(0.01);
    assert.equal(task.cancel(), true);
    assert.equal(task.cancelling(), 1);
    assert.equal(task.cancelled(), false);
    await sleep(0.01);
    assert.equal(task.cancelling(), 0, 'after the task\'s uncancel()');
    assert.equal(task.cancelled(), false);
    assert.equal(task.done(), false);
    assert.equal(task.cancel(), true);
    assert.equal(task.cancelling(), 1);
    await assert.rejects(task, CancelledError);
    assert.equal(task.cancelled(), true);
    assert.equal(task.done(), true);
    task.uncancel();
    assert.equal(task.cancelled(), true);
    assert.equal(task.done(), true);
    assert.ok(Math.abs(now() - 0.02) < 1e-12, `time ${now()}`);
  });
});

test('150 test_uncancel_resets_must_cancel: uncancel() before delivery revokes the pending cancel; the task returns 42', async () => {
  await runVirtual(async () => {
    const make = () => {
      const fut = getRunningLoop().createFuture<void>();
      const task = createTask(async () => {
        await fut;
        return 42;
      });
      return { fut, task };
    };
    const a = make();
    const control = make();
    await tick();
    a.fut.setResult();
    control.fut.setResult();
    // Both tasks are runnable but have not resumed yet.
    assert.equal(a.task.cancel(), true);
    assert.equal(a.task.cancelling(), 1);
    assert.equal(control.task.cancel(), true);
    assert.equal(a.task.uncancel(), 0);
    assert.equal(a.task.cancelling(), 0);
    assert.equal(await a.task, 42);
    assert.equal(a.task.cancelled(), false);
    // The control shows the cancel was pending: without uncancel() it is delivered.
    await assert.rejects(control.task, CancelledError);
  });
});

test('151 test_uncancel_structured_blocks: the hand-made timeout recipe: (a) (true, false, true), (b) (false, true, true), cancelling() 0', async () => {
  async function makeRequestWithTimeout(sleepTime: number, timeout: number): Promise<[boolean, boolean, boolean]> {
    const task = currentTask()!;
    const loop = getRunningLoop();
    let timedOut = false;
    let blockFinished = false;
    let outerCodeReached = false;
    const onTimeout = (): void => {
      timedOut = true;
      task.cancel();
    };
    try {
      const timeoutHandle = loop.callLater(timeout, onTimeout);
      let error: unknown = null;
      let failed = false;
      try {
        await sleep(sleepTime);
        blockFinished = true;
      } catch (e) {
        failed = true;
        error = e;
      } finally {
        timeoutHandle.cancel();
        // `finally` with the current exception in hand, as Python's `finally` + sys.exc_info().
        if (timedOut && task.uncancel() === 0 && isCancelled(error)) {
          throw new TimeoutError();
        }
      }
      if (failed) throw error;
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
    }
    await sleep(0);
    outerCodeReached = true;
    return [timedOut, blockFinished, outerCodeReached];
  }

  await runVirtual(async () => {
    const a = createTask(() => makeRequestWithTimeout(10, 0.1));
    assert.deepEqual(await a, [true, false, true]);
    assert.equal(a.cancelling(), 0);
    assert.equal(a.cancelled(), false);
    assert.equal(now(), 0.1);

    const b = createTask(() => makeRequestWithTimeout(0, 10));
    assert.deepEqual(await b, [false, true, true]);
    assert.equal(b.cancelling(), 0);
    assert.equal(b.cancelled(), false);
    assert.equal(now(), 0.1);
  });
});

test('152 test_stop_while_run_in_complete: RuntimeError "Event loop stopped before Future completed."; differs: time 0.2, not TestLoop\'s 0.3', async () => {
  // CPython's TestLoop advances its clock when a timer is *scheduled* (so 0.3 after the third
  // sleep starts); the virtual clock moves only when the loop is idle, so it reads 0.2 when the
  // loop stops.
  const loop = newEventLoop({ clock: new VirtualClock() });
  try {
    let x = 0;
    const t: Future<void> = loop.createTask(async () => {
      while (x < 10) {
        await sleep(0.1);
        x++;
        if (x === 2) loop.stop();
      }
    });
    await assert.rejects(
      loop.runUntilComplete(t),
      (e) => e instanceof RuntimeError && e.message === 'Event loop stopped before Future completed.',
    );
    assert.equal(t.done(), false);
    assert.equal(x, 2);
    assert.ok(Math.abs(loop.time() - 0.2) < 1e-12, `time ${loop.time()}`);
    t.cancel();
    await assert.rejects(loop.runUntilComplete(t), CancelledError);
    assert.equal(t.cancelled(), true);
    assert.equal(x, 2);
  } finally {
    loop.close();
  }
});
