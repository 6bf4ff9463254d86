/**
 * CONTRACTS.md, section test_tasks.py: task basics, creation, introspection (lines 106–126),
 * context variables as AsyncLocalStorage (127–130) and sleep (176–180), on the virtual clock.
 * Cancellation is in test-tasks-cancel.test.ts, the combinators in test-tasks-combinators.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CancelledError,
  Future,
  RuntimeError,
  Task,
  ValueError,
  allTasks,
  coroutine,
  createTask,
  currentTask,
  ensureFuture,
  getRunningLoop,
  newEventLoop,
  sleep,
  wait,
  type EventLoop,
  type TimerHandle,
} from '../../src/index.js';
import { runVirtual } from '../../src/testing/index.js';
import { now, tick } from './helpers.js';

// ---- Task basics, creation, introspection ------------------------------------------------------

test('106 test_task_basics: outer awaits inner1 (42) then inner2 (1000) and returns the sum', async () => {
  const inner1 = coroutine(async () => 42);
  const inner2 = coroutine(async () => 1000);
  const outer = coroutine(async () => {
    const a = await inner1();
    const b = await inner2();
    return a + b;
  });
  const result = await runVirtual(async () => {
    const t = createTask(outer());
    assert.ok(t instanceof Task);
    return await t;
  });
  assert.equal(result, 1042);
});

test('109 test_task_awaits_on_itself: a task awaiting itself fails with RuntimeError "Task cannot await on itself"', async () => {
  await runVirtual(async () => {
    const task: Task<void> = createTask(async () => {
      await task;
    });
    await assert.rejects(task, (e) => e instanceof RuntimeError && /Task cannot await on itself/.test(e.message));
    assert.equal(task.done(), true);
    assert.equal(task.cancelled(), false);
  });
});

test('111 test_create_task_with_noncoroutine: createTask(123) is a TypeError "a coroutine was expected, got 123", twice', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    for (let i = 0; i < 2; i++) {
      assert.throws(() => createTask(123 as never), (e) => e instanceof TypeError && /a coroutine was expected, got 123/.test(e.message));
      assert.throws(() => loop.createTask(123), (e) => e instanceof TypeError && /a coroutine was expected, got 123/.test(e.message));
    }
    assert.equal(allTasks().size, 1, 'only the main task exists');
  });
});

test('113 test_bare_create_named_task: createTask(coro, { name: "No-op" }).getName() is "No-op"', async () => {
  await runVirtual(async () => {
    const task = createTask(async () => {}, { name: 'No-op' });
    assert.equal(task.getName(), 'No-op');
    await task;
    assert.equal(task.getName(), 'No-op');
  });
});

test('114 test_get_coro: getCoro() is the coroutine object the task was created from', async () => {
  await runVirtual(async () => {
    const c = coroutine(async () => 'ok')();
    const task = createTask(c);
    assert.equal(await task, 'ok');
    assert.equal(task.getCoro(), c);
  });
});

test('115 test_coroutine_non_gen_function_return_future: differs: JS unwraps a returned thenable, so the task result is the future\'s value', async () => {
  // asyncio gives the Future object itself as the result; a JS async function (and tsaio, which
  // follows the language rule, ARCHITECTURE.md §5) adopts the returned thenable instead.
  await runVirtual(async () => {
    const fut = getRunningLoop().createFuture<string>();
    const t1 = createTask(() => fut);
    const t2 = createTask(async () => {
      fut.setResult('foo');
    });
    await tick();
    assert.equal(t1.done(), false, 't1 waits for the returned future');
    await t2;
    const result: unknown = await t1;
    assert.equal(result, 'foo');
    assert.equal(t1.result(), 'foo');
    assert.notEqual(t1.result() as unknown, fut);
  });
});

test('116 test_step_result_future: differs: awaiting registers through then() (not addDoneCallback); the task receives the same object', async () => {
  class RecordingFuture<T> extends Future<T> {
    thenCalls = 0;
    override then<R1 = T, R2 = never>(
      onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
      onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
    ): Promise<R1 | R2> {
      this.thenCalls++;
      return super.then(onFulfilled, onRejected);
    }
  }
  await runVirtual(async () => {
    const fut = new RecordingFuture<object>();
    const obj = {};
    let received: unknown;
    const task = createTask(async () => {
      received = await fut;
    });
    await tick();
    assert.equal(fut.thenCalls, 1, 'the await registered on the future');
    assert.equal(task.done(), false);
    fut.setResult(obj);
    await tick();
    assert.equal(task.done(), true);
    assert.equal(received, obj);
    assert.equal(task.result(), undefined);
  });
});

test('117 test_ensure_future_coroutine: ensureFuture(coro) makes a task on the loop; outside any loop RuntimeError "no current event loop"', async () => {
  const notDone = coroutine(async () => {
    await sleep(0.01);
    return 'ok';
  });
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const t1 = ensureFuture(notDone(), loop);
    assert.ok(t1 instanceof Task);
    assert.equal(t1.getLoop(), loop);
    assert.equal(await t1, 'ok');
    const t2 = ensureFuture(notDone());
    assert.ok(t2 instanceof Task);
    assert.equal(t2.getLoop(), loop);
    assert.equal(await t2, 'ok');
    assert.equal(now(), 0.02);
  });
  const c = notDone();
  assert.throws(
    () => ensureFuture(c),
    (e) => e instanceof RuntimeError && /no current event loop/i.test(e.message),
  );
  assert.equal(c.started, false, 'nothing was scheduled');
});

test('118 test_ensure_future_future+test_ensure_future_task: a Future or Task comes back as is; another loop is a ValueError', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<string>();
    f.setResult('ko');
    const f2 = ensureFuture(f);
    assert.equal(f2, f);
    assert.equal(await f2, 'ko');
    assert.equal(ensureFuture(f, getRunningLoop()), f);

    const t = createTask(async () => {
      await sleep(0.01);
      return 'ok';
    });
    const t2 = ensureFuture(t);
    assert.equal(t2, t);
    assert.equal(await t2, 'ok');

    const other = newEventLoop();
    try {
      assert.throws(() => ensureFuture(f, other), ValueError);
      assert.throws(() => ensureFuture(t, other), ValueError);
    } finally {
      other.close();
    }
  });
});

test('119 test_ensure_future_awaitable: a custom awaitable (a thenable) becomes a Task awaiting it, result "ok"', async () => {
  await runVirtual(async () => {
    let thenCalls = 0;
    const awaitable: PromiseLike<string> = {
      then(onFulfilled, onRejected) {
        thenCalls++;
        return sleep(0.01, 'ok').then(onFulfilled, onRejected);
      },
    };
    const fut = ensureFuture(awaitable);
    assert.ok(fut instanceof Task);
    assert.equal(await fut, 'ok');
    assert.equal(thenCalls, 1);
    assert.equal(now(), 0.01);
  });
});

test('120 test_ensure_future_neither: ensureFuture("ok") is a TypeError', async () => {
  await runVirtual(async () => {
    assert.throws(() => ensureFuture('ok' as never), TypeError);
    assert.throws(() => ensureFuture(123 as never), TypeError);
  });
});

test('121 test_current_task: null outside a loop; the task itself inside (no argument and null); null again afterwards', async () => {
  const idle = newEventLoop();
  try {
    assert.equal(currentTask(idle), null);
  } finally {
    idle.close();
  }
  let loop: EventLoop | undefined;
  let task: Task<unknown> | undefined;
  const seen: unknown[] = [];
  await runVirtual(async () => {
    loop = getRunningLoop();
    task = createTask(async () => {
      seen.push(currentTask(), currentTask(null), currentTask(getRunningLoop()));
    });
    await task;
  });
  assert.deepEqual(seen, [task, task, task]);
  assert.equal(currentTask(loop), null);
});

test('122 test_current_task_with_interleaving_tasks: currentTask() is the task whose step runs, across suspensions', async () => {
  const checks: string[] = [];
  let loop: EventLoop | undefined;
  await runVirtual(async () => {
    loop = getRunningLoop();
    const fut1 = getRunningLoop().createFuture<boolean>();
    const fut2 = getRunningLoop().createFuture<boolean>();
    const task1: Task<void> = createTask(async () => {
      assert.equal(currentTask(), task1);
      checks.push('1a');
      await fut1;
      assert.equal(currentTask(), task1);
      checks.push('1b');
      fut2.setResult(true);
    });
    const task2: Task<void> = createTask(async () => {
      assert.equal(currentTask(), task2);
      checks.push('2a');
      fut1.setResult(true);
      await fut2;
      assert.equal(currentTask(), task2);
      checks.push('2b');
    });
    const [done, pending] = await wait([task1, task2]);
    assert.equal(done.size, 2);
    assert.equal(pending.size, 0);
    task1.result();
    task2.result();
  });
  assert.deepEqual(checks, ['1a', '2a', '1b', '2b']);
  assert.equal(currentTask(loop), null);
});

test('123 test_current_task_no_running_loop*: RuntimeError "no running event loop" outside; null for a loop not running; the task inside', async () => {
  assert.throws(
    () => currentTask(),
    (e) => e instanceof RuntimeError && e.message === 'no running event loop',
  );
  const idle = newEventLoop();
  try {
    assert.equal(currentTask(idle), null);
  } finally {
    idle.close();
  }
  let inside: unknown = 'unset';
  let task: Task<unknown> | undefined;
  await runVirtual(async () => {
    task = createTask(async () => {
      inside = currentTask();
    });
    await task;
  });
  assert.equal(inside, task);
});

test('124 test__register_task_1/2/3: public equivalent: allTasks() holds a new pending task at once and drops it when done', async () => {
  // tsaio has no registration API for task-like objects ([white-box]); allTasks() is the public part.
  await runVirtual(async () => {
    const main = currentTask()!;
    const fut = getRunningLoop().createFuture<void>();
    const task = createTask(async () => {
      await fut;
    });
    const done = createTask(async () => {});
    assert.ok(allTasks().has(task), 'in allTasks() right after creation');
    assert.ok(allTasks(getRunningLoop()).has(task));
    await done;
    assert.equal(allTasks().has(done), false, 'a done task is omitted');
    assert.deepEqual(allTasks(), new Set([main, task]));
    fut.setResult();
    await task;
    assert.deepEqual(allTasks(), new Set([main]));
  });
});

test('125 test_eager_start_false: a lazy task has not run after creation; inside it currentTask() is itself, named "example"', async () => {
  await runVirtual(async () => {
    let name: string | undefined;
    const t = createTask(
      async () => {
        name = currentTask()!.getName();
      },
      { eagerStart: false, name: 'example' },
    );
    assert.equal(t.done(), false);
    assert.equal(name, undefined, 'the coroutine has not run yet');
    await t;
    assert.equal(name, 'example');
  });
});

test('126 test_eager_start_true: a synchronous body completes during createTask; differs: an async body\'s result is known only in a microtask, before the next iteration', async () => {
  await runVirtual(async () => {
    let name: string | undefined;
    let inner: Task<unknown> | null = null;
    const t: Task<number> = createTask(
      () => {
        inner = currentTask();
        name = inner!.getName();
        return 1;
      },
      { eagerStart: true, name: 'example' },
    );
    assert.equal(t.done(), true, 'done right after construction');
    assert.equal(inner, t);
    assert.equal(name, 'example');
    assert.equal(t.result(), 1);

    // A JS async function's result is a promise: its value is known only in a microtask, so
    // the eager task is done before the next loop iteration, not during createTask.
    let asyncName: string | undefined;
    const t2 = createTask(
      async () => {
        asyncName = currentTask()!.getName();
        return 2;
      },
      { eagerStart: true, name: 'example-2' },
    );
    assert.equal(asyncName, 'example-2', 'the body ran during createTask');
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(t2.done(), true);
    assert.equal(t2.result(), 2);
  });
});

// ---- Context variables: AsyncLocalStorage -----------------------------------------------------

const cvar = new AsyncLocalStorage<string>();
const cvarGet = (): string => cvar.getStore() ?? 'nope';

test('127 test_context_1: a task copies the ALS context at creation; its changes do not leak back', async () => {
  const log: string[] = [];
  await runVirtual(async () => {
    const sub = createTask(async () => {
      await sleep(0.01);
      log.push(`sub sees ${cvarGet()}`);
      cvar.enterWith('something else');
      await sleep(0);
      log.push(`sub after ${cvarGet()}`);
    });
    cvar.enterWith('yes');
    await sub;
    log.push(`main after ${cvarGet()}`);
  });
  assert.deepEqual(log, ['sub sees nope', 'sub after something else', 'main after yes']);
  assert.equal(cvarGet(), 'nope');
});

test('128 test_context_2: values set in done-callbacks never pollute the task; each await sees its own last value', async () => {
  const seen: string[] = [];
  const expected: string[] = [];
  await runVirtual(async () => {
    const loop = getRunningLoop();
    for (let j = 0; j < 2; j++) {
      const fut = loop.createFuture<void>();
      fut.addDoneCallback(() => cvar.enterWith(`callback${j}`));
      loop.callSoon(() => {
        cvar.enterWith(`soon${j}`);
        fut.setResult();
      });
      cvar.enterWith(`yes${j}`);
      for (let i = 0; i < 2; i++) {
        await fut;
        seen.push(cvarGet());
        expected.push(`yes${j}`);
        cvar.enterWith(`yes${i}-${j}`);
        await sleep(0.001);
        seen.push(cvarGet());
        expected.push(`yes${i}-${j}`);
        cvar.enterWith(`yes${j}`);
      }
    }
  });
  assert.deepEqual(seen, expected);
  assert.equal(cvarGet(), 'nope');
});

test('129 test_context_3: 100 concurrent tasks, each reads back its own value after sleeps; the outer value is unchanged', async () => {
  const nums = new AsyncLocalStorage<number>();
  let checks = 0;
  let mismatches = 0;
  await runVirtual(async () => {
    nums.enterWith(-1);
    const loop = getRunningLoop();
    const tasks: Task<void>[] = [];
    for (let i = 0; i < 100; i++) {
      tasks.push(
        createTask(async () => {
          for (let k = 0; k < 3; k++) {
            const mine = i * 10 + k;
            nums.enterWith(mine);
            await sleep(0.001 * (1 + ((i * 7 + k * 13) % 50))); // 1–50 ms, deterministic mix
            checks++;
            if (nums.getStore() !== mine) mismatches++;
          }
        }),
      );
    }
    await wait(tasks);
    assert.equal(nums.getStore(), -1);
    assert.ok(loop.time() >= 0.05);
  });
  assert.equal(checks, 300);
  assert.equal(mismatches, 0);
});

test('130 test_context_4+5+6: differs: no context= option; a task created inside als.run(store) runs in, and mutates, that store', async () => {
  // Python passes an explicit Context object; with AsyncLocalStorage the store object plays that
  // part: a task created while it is current inherits it, and its mutations show in the object.
  const als = new AsyncLocalStorage<Map<string, number>>();
  const ctx = new Map<string, number>();
  const values: (number | undefined)[] = [];
  await runVirtual(async () => {
    const set = (v: number) => async () => {
      await sleep(0);
      als.getStore()!.set('cvar', v);
    };
    values.push(ctx.get('cvar'));
    const t1 = als.run(ctx, () => createTask(set(1)));
    await t1;
    values.push(ctx.get('cvar'));
    const t2 = als.run(ctx, () => getRunningLoop().createTask(set(2)));
    await t2;
    values.push(ctx.get('cvar'));
    assert.equal(als.getStore(), undefined, 'the main task is not in ctx');
  });
  assert.deepEqual(values, [undefined, 1, 2]);
});

// ---- sleep -------------------------------------------------------------------------------------

test('176 test_sleep: sleep(0.05) then sleep(0.05, "yeah") returns "yeah" at time 0.1', async () => {
  await runVirtual(async () => {
    const t = createTask(async () => {
      await sleep(0.05);
      return await sleep(0.05, 'yeah');
    });
    assert.equal(await t, 'yeah');
    assert.ok(Math.abs(now() - 0.1) < 1e-12, `time ${now()}`);
  });
});

test('177 test_sleep_zero: sleep(0) yields exactly one iteration, so callbacks scheduled before it have run; returns its result', async () => {
  await runVirtual(async () => {
    let result = 0;
    const inc = (n: number): void => {
      result += n;
    };
    getRunningLoop().callSoon(inc, 1);
    assert.equal(result, 0);
    const num = await sleep(0, 10);
    assert.equal(result, 1);
    inc(num);
    assert.equal(result, 11);
    assert.equal(now(), 0);
  });
});

test('179 test_sleep_cancel: cancelling a sleeping task cancels the sleep\'s timer handle', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const handles: TimerHandle[] = [];
    const callLater = loop.callLater;
    loop.callLater = function (this: EventLoop, ...args: Parameters<EventLoop['callLater']>) {
      const h = callLater.apply(this, args);
      handles.push(h);
      return h;
    } as EventLoop['callLater'];
    try {
      const t = createTask(() => sleep(10, 'yeah'));
      await tick();
      assert.equal(handles.length, 1, 'the sleep scheduled its timer');
      assert.equal(handles[0]!.when(), 10);
      assert.equal(handles[0]!.cancelled(), false);
      t.cancel();
      await tick();
      assert.equal(handles[0]!.cancelled(), true);
      await assert.rejects(t, CancelledError);
      assert.equal(t.cancelled(), true);
      assert.equal(now(), 0);
    } finally {
      loop.callLater = callLater;
    }
  });
});

test('180 test_task_cancel_sleeping_task: the parent catches the cancelled child\'s CancelledError at 0.1 and is not cancelled', async () => {
  await runVirtual(async () => {
    const outer = createTask(async () => {
      const sleeper = createTask(() => sleep(5000));
      getRunningLoop().callLater(0.1, () => sleeper.cancel());
      try {
        await sleeper;
      } catch (e) {
        if (e instanceof CancelledError) return 'cancelled';
        throw e;
      }
      return 'slept in';
    });
    assert.equal(await outer, 'cancelled');
    assert.equal(now(), 0.1);
    assert.equal(outer.cancelled(), false);
  });
});
