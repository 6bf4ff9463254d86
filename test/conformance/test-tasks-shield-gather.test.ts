/**
 * CONTRACTS.md, section test_tasks.py: shield (lines 181–192), gather (193–204) and the
 * set-methods line 206, on the virtual clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelledError,
  Future,
  InvalidStateError,
  RuntimeError,
  coroutine,
  createTask,
  ensureFuture,
  gather,
  getRunningLoop,
  shield,
  sleep,
  type ExceptionContext,
} from '../../src/index.js';
import { runVirtual } from '../../src/testing/index.js';
import { ZeroDivisionError, recordExceptionHandler, tick } from './helpers.js';

// ---- shield ------------------------------------------------------------------------------------

test('181 test_shield_result: shield(inner) resolves to the inner result 42', async () => {
  await runVirtual(async () => {
    const inner = getRunningLoop().createFuture<number>();
    const outer = shield(inner);
    inner.setResult(42);
    assert.equal(await outer, 42);
  });
});

test('182 test_shield_exception: one tick after the inner fails, outer.exception() is the same instance', async () => {
  await runVirtual(async () => {
    const inner = getRunningLoop().createFuture<number>();
    const outer = shield(inner);
    await tick();
    const exc = new Error('boom');
    inner.setException(exc);
    await tick();
    assert.equal(outer.done(), true);
    assert.equal(outer.exception(), exc);
  });
});

test('183 test_shield_cancel_inner: cancelling the inner cancels the outer one tick later', async () => {
  await runVirtual(async () => {
    const inner = getRunningLoop().createFuture<number>();
    const outer = shield(inner);
    await tick();
    inner.cancel();
    await tick();
    assert.equal(outer.cancelled(), true);
  });
});

test('185 test_shield_cancel_outer_result: the inner succeeding after the outer was cancelled reports nothing', async () => {
  let calls: ExceptionContext[] = [];
  await runVirtual(async () => {
    calls = recordExceptionHandler();
    const inner = getRunningLoop().createFuture<number>();
    const outer = shield(inner);
    await tick();
    outer.cancel();
    await tick();
    inner.setResult(1);
    await tick();
    assert.equal(inner.cancelled(), false);
    assert.equal(outer.cancelled(), true);
  });
  assert.deepEqual(calls, []);
});

test('186 test_shield_cancel_outer_exception: the inner failing after the outer was cancelled is reported exactly once, one tick later', async () => {
  let calls: ExceptionContext[] = [];
  const exc = new Error('foo');
  await runVirtual(async () => {
    calls = recordExceptionHandler();
    const inner = getRunningLoop().createFuture<number>();
    const outer = shield(inner);
    await tick();
    outer.cancel();
    await tick();
    inner.setException(exc);
    await tick();
    assert.equal(calls.length, 1, 'reported when the inner failed');
  });
  assert.equal(calls.length, 1, 'and not again at run() end');
  assert.equal(calls[0]!.exception, exc);
});

test('187 test_shield_duplicate_log_once: two cancelled shields of one inner: the failure is reported exactly once', async () => {
  let calls: ExceptionContext[] = [];
  const exc = new Error('foo');
  await runVirtual(async () => {
    calls = recordExceptionHandler();
    const inner = getRunningLoop().createFuture<number>();
    const outer1 = shield(inner);
    const outer2 = shield(inner);
    await tick();
    outer1.cancel();
    outer2.cancel();
    await tick();
    inner.setException(exc);
    await tick();
    assert.equal(calls.length, 1);
  });
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.exception, exc);
});

test('189 test_shield_effect: cancelling the outer task leaves the shielded inner running; proof 1, never 101', async () => {
  await runVirtual(async () => {
    let proof = 0;
    const waiter = getRunningLoop().createFuture<void>();
    const inner = coroutine(async () => {
      await waiter;
      proof += 1;
    });
    const outer = coroutine(async () => {
      await shield(inner());
      proof += 100;
    });
    const f = createTask(outer());
    await tick();
    f.cancel();
    await assert.rejects(f, CancelledError);
    waiter.setResult();
    await tick();
    assert.equal(proof, 1);
  });
});

test('190 test_shield_gather: cancelling shield(gather(...)) leaves the gather alone; its result is [1, 2]', async () => {
  await runVirtual(async () => {
    const child1 = getRunningLoop().createFuture<number>();
    const child2 = getRunningLoop().createFuture<number>();
    const parent = gather(child1, child2);
    const outer = shield(parent);
    await tick();
    outer.cancel();
    await tick();
    assert.equal(outer.cancelled(), true);
    child1.setResult(1);
    child2.setResult(2);
    await tick();
    assert.deepEqual(parent.result(), [1, 2]);
  });
});

test('192 test_shield_coroutine_use_running_loop+without_loop: inside, shield(coro()) resolves to 42; outside, RuntimeError "no current event loop"', async () => {
  const coro = coroutine(async () => 42);
  await runVirtual(async () => {
    const fut = shield(coro());
    assert.ok(fut instanceof Future);
    assert.equal(await fut, 42);
  });
  const c = coro();
  assert.throws(
    () => shield(c),
    (e) => e instanceof RuntimeError && /no current event loop/i.test(e.message),
  );
  c.close();
});

// ---- gather ------------------------------------------------------------------------------------

type GatherForm = (fs: Future<number>[]) => Future<unknown[]>;
const gatherForms: [string, GatherForm][] = [
  ['variadic', (fs) => gather(...fs)],
  ['returnExceptions false', (fs) => gather(fs, { returnExceptions: false })],
  ['returnExceptions true', (fs) => gather(fs, { returnExceptions: true })],
];

function futures(n: number): Future<number>[] {
  const loop = getRunningLoop();
  return Array.from({ length: n }, () => loop.createFuture<number>());
}

test('193 test_success: results in argument order; the done-callback runs once, after the last child', async () => {
  for (const [form, gatherIt] of gatherForms) {
    await runVirtual(async () => {
      const [a, b, c] = futures(3) as [Future<number>, Future<number>, Future<number>];
      const fut = gatherIt([a, b, c]);
      const calls: unknown[] = [];
      fut.addDoneCallback((f) => calls.push(f));
      b.setResult(1);
      a.setResult(2);
      await tick(2);
      assert.equal(fut.done(), false, form);
      assert.equal(calls.length, 0);
      c.setResult(3);
      await tick();
      assert.equal(fut.done(), true);
      assert.equal(calls.length, 0, 'the done-callback runs one iteration after completion');
      await tick();
      assert.deepEqual(calls, [fut]);
      assert.deepEqual(fut.result(), [2, 1, 3]);
    });
  }
});

test('194 test_one_exception: the first error fails the gather (same instance); later child events change nothing; no child cancelled', async () => {
  let handled: ExceptionContext[] = [];
  await runVirtual(async () => {
    handled = recordExceptionHandler();
    const [a, b, c, d, e] = futures(5) as Future<number>[];
    const fut = gather(a!, b!, c!, d!, e!);
    let calls = 0;
    fut.addDoneCallback(() => calls++);
    const exc = new ZeroDivisionError();
    a!.setResult(1);
    b!.setException(exc);
    await tick();
    assert.equal(fut.done(), true);
    assert.equal(fut.exception(), exc);
    assert.equal(c!.cancelled(), false);
    assert.equal(d!.cancelled(), false);
    assert.equal(e!.cancelled(), false);
    c!.setResult(3);
    d!.cancel();
    e!.setException(new Error('later'));
    await tick(2);
    assert.equal(calls, 1);
    assert.equal(fut.exception(), exc);
  });
  assert.deepEqual(handled, [], 'the later error is retrieved by the gather, not reported');
});

test('195 test_return_exceptions: errors take their positional slots: [3, 1, exc, exc2]', async () => {
  await runVirtual(async () => {
    const [a, b, c, d] = futures(4) as Future<number>[];
    const fut = gather([a!, b!, c!, d!], { returnExceptions: true });
    let calls = 0;
    fut.addDoneCallback(() => calls++);
    const exc = new ZeroDivisionError();
    const exc2 = new RuntimeError();
    b!.setResult(1);
    c!.setException(exc);
    a!.setResult(3);
    await tick(2);
    assert.equal(fut.done(), false);
    d!.setException(exc2);
    await tick(2);
    assert.equal(fut.done(), true);
    assert.equal(calls, 1);
    const result = fut.result();
    assert.equal(result.length, 4);
    assert.deepEqual(result.slice(0, 2), [3, 1]);
    assert.equal(result[2], exc);
    assert.equal(result[3], exc2);
  });
});

test('196 test_constructor_empty_sequence_*: gather() is a done future with result []; outside any loop RuntimeError "no current event loop"', async () => {
  await runVirtual(async () => {
    const fut = gather();
    assert.ok(fut instanceof Future);
    assert.equal(fut.done(), true);
    assert.deepEqual(fut.result(), []);
    assert.equal(fut.getLoop(), getRunningLoop());
    const fut2 = gather([], { returnExceptions: true });
    assert.deepEqual(fut2.result(), []);
  });
  assert.throws(
    () => gather(),
    (e) => e instanceof RuntimeError && /no current event loop/i.test(e.message),
  );
});

test('198 test_one_cancellation: a cancelled child fails the gather with a CancelledError; the gather is not cancelled', async () => {
  await runVirtual(async () => {
    const [a, b, c, d, e] = futures(5) as Future<number>[];
    const fut = gather([a!, b!, c!, d!, e!], { returnExceptions: false });
    let calls = 0;
    fut.addDoneCallback(() => calls++);
    a!.setResult(1);
    b!.cancel();
    await tick();
    assert.equal(fut.done(), true);
    assert.equal(fut.cancelled(), false);
    const exc = fut.exception();
    assert.ok(exc instanceof CancelledError);
    c!.setResult(3);
    d!.cancel();
    e!.setException(new Error('later'));
    await tick(2);
    assert.equal(calls, 1);
    assert.equal(fut.exception(), exc);
  });
});

test('200 test_duplicate_coroutines: gather(c, c, coro("def"), c) runs c once and reuses its result', async () => {
  await runVirtual(async () => {
    let runs = 0;
    const coro = coroutine(async (s: string) => {
      runs++;
      await sleep(0);
      return s;
    });
    const c = coro('abc');
    const result = await gather(c, c, coro('def'), c);
    assert.deepEqual(result, ['abc', 'abc', 'def', 'abc']);
    assert.equal(runs, 2);
  });
});

test('201 test_cancellation_broadcast: cancelling the task awaiting gather cancels every child; proof stays 0', async () => {
  await runVirtual(async () => {
    let proof = 0;
    const waiter = getRunningLoop().createFuture<void>();
    const inner = coroutine(async () => {
      await waiter;
      proof += 1;
    });
    const child1 = ensureFuture(inner());
    const child2 = ensureFuture(inner());
    let gatherer: Future<unknown[]> | undefined;
    const outer = coroutine(async () => {
      gatherer = gather(child1, child2);
      await gatherer;
      proof += 100;
    });
    const f = ensureFuture(outer());
    await tick();
    assert.equal(f.cancel(), true);
    await assert.rejects(f, CancelledError);
    assert.equal(gatherer!.cancel(), false);
    assert.equal(waiter.cancelled(), true);
    assert.equal(child1.cancelled(), true);
    assert.equal(child2.cancelled(), true);
    await tick();
    assert.equal(proof, 0);
  });
});

test('203 test_issue46672: gather(c, {}) is a TypeError, and the already-wrapped c causes no exception-handler call', async () => {
  let handled: ExceptionContext[] = [];
  await runVirtual(async () => {
    handled = recordExceptionHandler();
    const coro = coroutine(async (s: string) => s);
    const c = coro('abc');
    assert.throws(() => gather(c, {} as never), TypeError);
    await tick(3);
    assert.equal(c.started, true, 'c was wrapped in a task and ran, as in asyncio');
  });
  assert.deepEqual(handled, []);
});

test('204 test_cancel_gather_1: cancel() on a gather whose children have all finished returns false; result [42]', async () => {
  await runVirtual(async () => {
    const fut = getRunningLoop().createFuture<number>();
    const childCoro = coroutine(async () => await fut);
    const gatherFuture = gather(childCoro());
    const gatherTask = ensureFuture(gatherFuture);
    assert.equal(gatherTask, gatherFuture, 'ensureFuture returns the gather future itself');
    await tick();
    let cancelResult: boolean | null = null;
    fut.addDoneCallback(() => {
      cancelResult = gatherTask.cancel();
    });
    fut.setResult(42);
    assert.deepEqual(await gatherTask, [42]);
    assert.equal(cancelResult, false);
    assert.equal(gatherTask.cancelled(), false);
    assert.deepEqual(gatherTask.result(), [42]);
  });
});

test('206 test_set_result/exception_causes_invalid_state: Future.prototype.setResult/setException on a task; its step reports "step(): already done"', async () => {
  class MyExc extends Error {}
  for (const variant of ['result', 'exception'] as const) {
    let handled: ExceptionContext[] = [];
    const myExc = new MyExc();
    await runVirtual(async () => {
      handled = recordExceptionHandler();
      let ran = false;
      const task = createTask(async () => {
        ran = true;
        await sleep(0.1);
        return 10;
      });
      // Python's `Future.set_result(task, …)` bypasses Task's override; so does this.
      if (variant === 'result') Future.prototype.setResult.call(task, 'spam');
      else Future.prototype.setException.call(task, myExc);
      if (variant === 'result') assert.equal(await task, 'spam');
      else await assert.rejects(task, (e) => e === myExc);
      await tick();
      assert.equal(ran, false, 'the coroutine never steps');
      assert.equal(handled.length, 1);
      assert.ok(handled[0]!.exception instanceof InvalidStateError);
      assert.match((handled[0]!.exception as Error).message, /step\(\): already done/);
    });
  }
});
