/**
 * TaskGroup details beyond the CONTRACTS.md port (test/conformance/test-taskgroups.test.ts):
 * eager children that finish inside createTask, cancel() before entering, and an outside
 * cancellation that arrives while the group is cancelling itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, RuntimeError, TaskGroup, createTask, currentTask, getRunningLoop, sleep, taskGroup, type Task } from '../src/index.js';
import { runVirtual } from '../src/testing/index.js';

function enter<T>(tg: TaskGroup, body: (tg: TaskGroup) => Promise<T>): Promise<T> {
  return (tg as unknown as { _run(b: (tg: TaskGroup) => Promise<T>): Promise<T> })._run(body);
}

test('an eager child that fails inside createTask does not abort the group before createTask returns (asyncio 3.13, gh-128550)', async () => {
  await runVirtual(async () => {
    const failure = new RuntimeError('eager failure');
    let second!: Task<void>;
    let error: unknown;
    try {
      await taskGroup(async (tg) => {
        const first = tg.createTask(
          () => {
            throw failure;
          },
          { eagerStart: true },
        );
        assert.equal(first.done(), true, 'the eager child finished inside createTask');
        second = tg.createTask(() => sleep(1)); // the group is not shutting down yet
        await sleep(0);
      });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof AggregateError);
    assert.deepEqual(error.errors, [failure]);
    assert.equal(second.cancelled(), true);
    assert.equal(getRunningLoop().time(), 0);
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

test('cancel() before the group is entered cancels it on entry; it then exits without an error', async () => {
  await runVirtual(async () => {
    const tg = new TaskGroup();
    tg.cancel();
    let reached = false;
    const r = await enter(tg, async () => {
      await sleep(1);
      reached = true;
      return 'body';
    });
    assert.equal(r, undefined);
    assert.equal(reached, false);
    assert.equal(getRunningLoop().time(), 0);
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

test('an outside cancel that arrives while the group cancels itself is not swallowed (gh-155433)', async () => {
  await runVirtual(async () => {
    let after = false;
    const outer = createTask(async () => {
      await taskGroup(async (tg) => {
        tg.createTask(async () => {
          await sleep(0.5);
          tg.cancel();
        });
        tg.createTask(async () => {
          try {
            await sleep(10);
          } catch {
            await sleep(1); // a slow clean-up; swallows the cancellation
          }
        });
      });
      after = true;
      await sleep(100);
    });
    await sleep(0.6);
    outer.cancel();
    let error: unknown;
    try {
      await outer;
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof CancelledError, `got ${String(error)}`);
    assert.equal(outer.cancelled(), true);
    assert.equal(after, false);
    assert.equal(getRunningLoop().time(), 1.5);
  });
});
