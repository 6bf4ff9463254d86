/**
 * CONTRACTS.md, section test_tasks.py: wait (lines 153–164) and asCompleted (166–175), on the
 * virtual clock. shield and gather are in test-tasks-shield-gather.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALL_COMPLETED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  Future,
  RuntimeError,
  ValueError,
  asCompleted,
  coroutine,
  createTask,
  ensureFuture,
  getRunningLoop,
  sleep,
  wait,
  type Task,
} from '../../src/index.js';
import { runVirtual } from '../../src/testing/index.js';
import { ZeroDivisionError, now } from './helpers.js';

// ---- wait --------------------------------------------------------------------------------------

test('153 test_wait: wait([b, a]) returns done {a, b} at 0.15; again on done tasks, at once (still 0.15)', async () => {
  await runVirtual(async () => {
    const a = createTask(() => sleep(0.1));
    const b = createTask(() => sleep(0.15));
    const [done, pending] = await wait([b, a]);
    assert.deepEqual(done, new Set([a, b]));
    assert.deepEqual(pending, new Set());
    assert.equal(now(), 0.15);
    const [done2, pending2] = await wait([b, a]);
    assert.deepEqual(done2, new Set([a, b]));
    assert.equal(pending2.size, 0);
    assert.equal(now(), 0.15);
  });
});

test('154 test_wait_duplicate_coroutines: wait([c, c, spam]) collapses the duplicate; results {"test", "spam"}', async () => {
  await runVirtual(async () => {
    const coro = coroutine(async (s: string) => s);
    const c = createTask(coro('test'));
    const [done, pending] = await wait([c, c, createTask(coro('spam'))]);
    assert.equal(pending.size, 0);
    assert.equal(done.size, 2);
    assert.deepEqual(new Set([...done].map((f) => f.result())), new Set(['test', 'spam']));
  });
});

test('155 test_wait_errors: wait(new Set()) and an invalid returnWhen are ValueErrors', async () => {
  await runVirtual(async () => {
    await assert.rejects(wait(new Set<Future<unknown>>()), ValueError);
    const s = sleep(10);
    await assert.rejects(wait([s], { returnWhen: -1 as never }), ValueError);
    s.cancel();
  });
});

test('156 test_wait_invalid_args: wait(fut) and wait(coro) are TypeErrors; wait([]) a ValueError', async () => {
  await runVirtual(async () => {
    const fut = getRunningLoop().createFuture<void>();
    await assert.rejects(wait(fut as never), TypeError);
    const coro = coroutine(async () => {})();
    await assert.rejects(wait(coro as never), TypeError);
    await assert.rejects(wait([coro] as never), (e) => e instanceof TypeError && /createTask/.test(e.message));
    await assert.rejects(wait([]), ValueError);
    coro.close();
  });
});

test('157 test_wait_first_completed: done {b}, pending {a} (not cancelled) at 0.1', async () => {
  await runVirtual(async () => {
    const a = createTask(() => sleep(10));
    const b = createTask(() => sleep(0.1));
    const [done, pending] = await wait([b, a], { returnWhen: FIRST_COMPLETED });
    assert.deepEqual(done, new Set([b]));
    assert.deepEqual(pending, new Set([a]));
    assert.equal(a.done(), false);
    assert.equal(a.cancelled(), false);
    assert.equal(b.result(), undefined);
    assert.equal(now(), 0.1);
    a.cancel();
  });
});

test('158 test_wait_really_done: the split is made when wait() resumes: both tasks are in done', async () => {
  await runVirtual(async () => {
    const a = createTask(async () => {
      await sleep(0);
    });
    const b = createTask(async () => {
      await sleep(0);
      await sleep(0);
    });
    const [done, pending] = await wait([b, a], { returnWhen: FIRST_COMPLETED });
    assert.deepEqual(done, new Set([a, b]));
    assert.equal(pending.size, 0);
  });
});

test('159 test_wait_first_exception: b fails at once: done {b}, pending {a}, time 0; wait() does not raise', async () => {
  await runVirtual(async () => {
    const a = createTask(() => sleep(10));
    const exc = new ZeroDivisionError();
    const b = createTask(async () => {
      throw exc;
    });
    const [done, pending] = await wait([b, a], { returnWhen: FIRST_EXCEPTION });
    assert.deepEqual(done, new Set([b]));
    assert.deepEqual(pending, new Set([a]));
    assert.equal(b.exception(), exc);
    assert.equal(now(), 0);
    a.cancel();
  });
});

test('160 test_wait_first_exception_in_wait: b fails at 0.01: done {b}, pending {a}, time 0.01', async () => {
  await runVirtual(async () => {
    const a = createTask(() => sleep(10));
    const b = createTask(async () => {
      await sleep(0.01);
      throw new ZeroDivisionError();
    });
    const [done, pending] = await wait([b, a], { returnWhen: FIRST_EXCEPTION });
    assert.deepEqual(done, new Set([b]));
    assert.deepEqual(pending, new Set([a]));
    assert.ok(b.exception() instanceof ZeroDivisionError);
    assert.equal(now(), 0.01);
    a.cancel();
  });
});

test('161 test_wait_with_exception: ALL_COMPLETED: 2 done, exactly 1 with an error, at 0.15, twice; wait() never raises', async () => {
  await runVirtual(async () => {
    const a = createTask(() => sleep(0.1));
    const b = createTask(async () => {
      await sleep(0.15);
      throw new ZeroDivisionError('really');
    });
    for (let round = 0; round < 2; round++) {
      const [done, pending] = await wait([b, a]);
      assert.equal(done.size, 2);
      assert.equal(pending.size, 0);
      assert.equal([...done].filter((f) => f.exception() !== null).length, 1);
      assert.equal(now(), 0.15);
    }
  });
});

test('164 test_wait_with_iterator_of_tasks+test_wait_generator: any iterable: an iterator (2 done at 0.15), a generator of 10 tasks', async () => {
  await runVirtual(async () => {
    const a = createTask(() => sleep(0.1));
    const b = createTask(() => sleep(0.15));
    const [done, pending] = await wait([b, a].values());
    assert.equal(done.size, 2);
    assert.equal(pending.size, 0);
    assert.equal(now(), 0.15);

    function* tasks(): Generator<Task<number>> {
      for (let i = 0; i < 10; i++) yield createTask(async () => i);
    }
    const [done10, pending10] = await wait(tasks(), { returnWhen: ALL_COMPLETED });
    assert.equal(done10.size, 10);
    assert.equal(pending10.size, 0);
    assert.deepEqual([...done10].map((f) => f.result()).sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

// ---- asCompleted -------------------------------------------------------------------------------

/**
 * TypeScript types `for await` over an `AsyncIterable<Future<T>>` as `T` (it assumes yielded
 * thenables are awaited); at run time the async form yields the futures themselves.
 */
const futureOf = <T>(yielded: T | Future<T>): Future<T> => yielded as Future<T>;

const sleeper = coroutine(async (dt: number, x: string) => {
  await sleep(dt);
  return x;
});

test('166 test_as_completed: [b, c, a] give a and b (either order) at 0.01, then c at 0.15, in both iteration forms', async () => {
  await runVirtual(async () => {
    const start = now();
    const results: string[] = [];
    const times: number[] = [];
    for (const next of asCompleted([sleeper(0.01, 'b'), sleeper(0.15, 'c'), sleeper(0.01, 'a')])) {
      results.push(await next);
      times.push(now() - start);
    }
    assert.deepEqual(new Set(results.slice(0, 2)), new Set(['a', 'b']));
    assert.equal(results[2], 'c');
    assert.deepEqual(times, [0.01, 0.01, 0.15]);
  });
  await runVirtual(async () => {
    const results: string[] = [];
    const times: number[] = [];
    const tasks = [sleeper(0.01, 'b'), sleeper(0.15, 'c'), sleeper(0.01, 'a')].map((c) => createTask(c));
    for await (const yielded of asCompleted(tasks)) {
      const t = yielded as unknown as Task<string>; // see futureOf()
      assert.ok(tasks.includes(t), 'the async form yields the original tasks');
      results.push(t.result());
      times.push(now());
    }
    assert.deepEqual(new Set(results.slice(0, 2)), new Set(['a', 'b']));
    assert.equal(results[2], 'c');
    assert.deepEqual(times, [0.01, 0.01, 0.15]);
  });
});

test('169 test_as_completed_with_unused_timeout: a result before the timeout gives "a" and no TimeoutError, in both forms', async () => {
  await runVirtual(async () => {
    const got: string[] = [];
    for (const next of asCompleted([sleep(0.01, 'a')], { timeout: 1 })) got.push(await next);
    for await (const f of asCompleted([sleep(0.01, 'b')], { timeout: 1 })) got.push(futureOf(f).result());
    assert.deepEqual(got, ['a', 'b']);
    assert.equal(now(), 0.02);
    await sleep(2);
    assert.equal(now(), 2.02);
  });
});

test('172 test_as_completed_concurrent: the yielded awaitables may be awaited concurrently; results {"a", "b"}', async () => {
  await runVirtual(async () => {
    const futs = [...asCompleted([sleep(0.05, 'a'), sleep(0.05, 'b')])];
    assert.equal(futs.length, 2);
    const [done, pending] = await wait(futs.map((f) => ensureFuture(f)));
    assert.equal(pending.size, 0);
    assert.deepEqual(new Set([...done].map((f) => f.result())), new Set(['a', 'b']));
    assert.equal(now(), 0.05);

    const yielded: Future<string>[] = [];
    for await (const f of asCompleted([sleep(0.05, 'a'), sleep(0.05, 'b')])) yielded.push(futureOf(f));
    const [done2] = await wait(yielded.map((f) => ensureFuture(f)));
    assert.deepEqual(new Set([...done2].map((f) => f.result())), new Set(['a', 'b']));
    assert.equal(now(), 0.1);
  });
});

test('174 test_as_completed_invalid_args: a single future or coroutine instead of an iterable is a TypeError, in both forms', async () => {
  await runVirtual(async () => {
    const fut = getRunningLoop().createFuture<void>();
    const coro = sleeper(0.01, 'x');
    assert.throws(() => {
      for (const next of asCompleted(fut as never)) void next;
    }, TypeError);
    assert.throws(() => {
      for (const next of asCompleted(coro as never)) void next;
    }, TypeError);
    await assert.rejects(async () => {
      for await (const f of asCompleted(fut as never)) void f;
    }, TypeError);
    await assert.rejects(async () => {
      for await (const f of asCompleted(coro as never)) void f;
    }, TypeError);
    assert.equal(coro.started, false);
    coro.close();
  });
});

test('175 test_as_completed_coroutine_use_running_loop+without_loop: inside, one awaitable resolving to 42; outside, RuntimeError "no current event loop"', async () => {
  const coro = coroutine(async () => 42);
  await runVirtual(async () => {
    const list = [...asCompleted([coro()])];
    assert.equal(list.length, 1);
    assert.equal(await list[0], 42);
  });
  const c = coro();
  assert.throws(
    () => asCompleted([c]),
    (e) => e instanceof RuntimeError && /no current event loop/i.test(e.message),
  );
  c.close();
});
