/**
 * Cancellation reaching every tsaio awaitable a task waits on (ARCHITECTURE.md §3): several at
 * once inside `Promise.all`, APIs that take `task.signal`, `finally` blocks, a cancel the task
 * never saw, and `cancellable(promise)` for foreign promises.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as nodeSetTimeout } from 'node:timers/promises';
import {
  CancelledError,
  cancellable,
  createTask,
  currentTask,
  getRunningLoop,
  sleep,
  type Future,
} from '../../src/index.js';
import { runVirtual } from '../../src/testing/index.js';

async function rejection(p: PromiseLike<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await p;
  } catch (e) {
    return e;
  }
  assert.fail(`expected a rejection, got ${String(value)}`);
}

test('cancel reaches a task blocked in Promise.all([sleep(1), sleep(2)]): both sleeps are cancelled and the task ends cancelled at once', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const sleeps: Future<void>[] = [];
    let caught: unknown;
    const t = createTask(async () => {
      const a = sleep(1);
      const b = sleep(2);
      sleeps.push(a, b);
      try {
        await Promise.all([a, b]);
      } catch (e) {
        caught = e;
        throw e;
      }
      return 'finished';
    });
    await sleep(0);
    assert.equal(sleeps.length, 2);
    assert.equal(t.cancel('stop'), true);
    const e = await rejection(t);
    assert.ok(e instanceof CancelledError);
    assert.ok(caught instanceof CancelledError);
    assert.equal((caught as Error).message, 'stop');
    assert.equal(t.cancelled(), true);
    assert.ok(sleeps.every((s) => s.cancelled()));
    assert.equal(loop.time(), 0);
    await sleep(5);
    assert.equal(loop.time(), 5, 'the cancelled sleeps left no timer that fires');
  });
});

test('task.signal aborts node:timers/promises setTimeout(…, { signal }) when the task is cancelled; the reason is the CancelledError', async () => {
  await runVirtual(async () => {
    let timerError: unknown;
    let reachedAfter = false;
    const t = createTask(async () => {
      const signal = currentTask()!.signal;
      assert.equal(signal.aborted, false);
      try {
        await nodeSetTimeout(3_600_000, 'late', { signal });
      } catch (e) {
        timerError = e;
      }
      await sleep(0); // the cancel was never delivered to a tsaio awaitable: it arrives here
      reachedAfter = true;
    });
    await sleep(0);
    t.cancel('bye');
    const e = await rejection(t);
    assert.ok(e instanceof CancelledError);
    assert.equal(t.cancelled(), true);
    assert.equal(reachedAfter, false);
    assert.ok(timerError instanceof Error);
    assert.equal((timerError as Error).name, 'AbortError');
    assert.ok((timerError as Error).cause instanceof CancelledError);
    assert.equal(t.signal.aborted, true);
    assert.ok(t.signal.reason instanceof CancelledError);
    assert.equal((t.signal.reason as Error).message, 'bye');
  });
});

test('task.signal read after the cancel request is already aborted', async () => {
  await runVirtual(async () => {
    const t = createTask(() => sleep(10));
    await sleep(0);
    t.cancel();
    assert.equal(t.signal.aborted, true);
    await rejection(t);
  });
});

test('finally blocks run on cancel, innermost first, and may still await', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const log: string[] = [];
    const inner = async (): Promise<void> => {
      try {
        await sleep(10);
      } finally {
        log.push(`inner finally at ${loop.time()}`);
        await sleep(1);
        log.push(`inner cleanup done at ${loop.time()}`);
      }
    };
    const t = createTask(async () => {
      try {
        await inner();
        log.push('not reached');
      } finally {
        log.push(`outer finally at ${loop.time()}`);
      }
    });
    await sleep(0.5);
    t.cancel();
    const e = await rejection(t);
    assert.ok(e instanceof CancelledError);
    assert.deepEqual(log, ['inner finally at 0.5', 'inner cleanup done at 1.5', 'outer finally at 1.5']);
    assert.equal(t.cancelled(), true);
  });
});

test('a task that returns after a cancel it never saw still ends cancelled', async () => {
  await runVirtual(async () => {
    let release!: (v: string) => void;
    const foreign = new Promise<string>((r) => (release = r));
    const t = createTask(async () => {
      const v = await foreign; // a foreign promise: the cancel cannot reach it
      return `returned ${v}`;
    });
    await sleep(0);
    assert.equal(t.cancel(), true);
    await sleep(0);
    assert.equal(t.done(), false, 'still parked on the foreign promise');
    release('x');
    const e = await rejection(t);
    assert.ok(e instanceof CancelledError);
    assert.equal(t.cancelled(), true);
    assert.equal(t.cancel(), false, 'cancel() on a done task is false');
  });
});

test('a task that cancels itself and returns without awaiting ends cancelled (a pending self-cancel beats a return)', async () => {
  await runVirtual(async () => {
    const t = createTask(async () => {
      currentTask()!.cancel('self');
      return 5;
    });
    const e = await rejection(t);
    assert.ok(e instanceof CancelledError);
    assert.equal((e as Error).message, 'self');
    assert.equal(t.cancelled(), true);
  });
});

test('a task cancelled before it started never runs its function', async () => {
  await runVirtual(async () => {
    let ran = false;
    const t = createTask(async () => {
      ran = true;
    });
    t.cancel();
    await rejection(t);
    assert.equal(ran, false);
    assert.equal(t.cancelled(), true);
  });
});

test('cancelling()/uncancel() count requests; uncancel to 0 revokes an undelivered request', async () => {
  await runVirtual(async () => {
    let finished = false;
    const t = createTask(async () => {
      const me = currentTask()!;
      me.cancel();
      me.cancel();
      assert.equal(me.cancelling(), 2);
      assert.equal(me.uncancel(), 1);
      assert.equal(me.uncancel(), 0);
      assert.equal(me.uncancel(), 0);
      await sleep(1); // not cancelled: the requests were taken back
      finished = true;
      return 'ok';
    });
    assert.equal(await t, 'ok');
    assert.equal(finished, true);
  });
});

test('cancellable(promise): a task awaiting it is cancelled at once; the promise result is ignored afterwards', async () => {
  await runVirtual(async () => {
    let release!: (v: string) => void;
    const foreign = new Promise<string>((r) => (release = r));
    let wrapped!: Future<string>;
    const t = createTask(async () => {
      wrapped = cancellable(foreign);
      return await wrapped;
    });
    await sleep(0);
    t.cancel();
    const e = await rejection(t);
    assert.ok(e instanceof CancelledError);
    assert.equal(t.cancelled(), true);
    assert.equal(wrapped.cancelled(), true);
    release('late');
    await sleep(0);
    assert.equal(wrapped.cancelled(), true);
  });
});

test('cancellable(promise) gives the value or the error of the promise when not cancelled', async () => {
  await runVirtual(async () => {
    assert.equal(await cancellable(Promise.resolve(3)), 3);
    const err = new Error('foreign failure');
    const e = await rejection(cancellable(Promise.reject(err)));
    assert.equal(e, err);
    const fut = cancellable(new Promise<number>((r) => setImmediate(() => r(9))));
    assert.equal(fut.done(), false);
    assert.equal(await fut, 9);
  });
});
