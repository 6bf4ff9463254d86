/**
 * run() and Runner (ARCHITECTURE.md §4): results and errors, no nesting, clean-up of leftover
 * tasks, failures nobody retrieved, reuse, close, `await using`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelledError,
  RuntimeError,
  Runner,
  coroutine,
  createTask,
  getRunningLoop,
  run,
  sleep,
  type EventLoop,
  type ExceptionContext,
  type Task,
} from '../src/index.js';
import { runVirtual, VirtualClock } from '../src/testing/index.js';

test('run returns the result of main (async function or coroutine)', async () => {
  assert.equal(await run(async () => 42), 42);
  assert.equal(await run(() => 'sync value'), 'sync value');
  const main = coroutine(async (a: number, b: number) => {
    await sleep(0);
    return a + b;
  });
  assert.equal(await run(main(2, 3)), 5);
});

test('run rejects with the error main threw (the same object)', async () => {
  const err = new Error('main failed');
  await assert.rejects(
    run(async () => {
      await sleep(0);
      throw err;
    }),
    (e) => e === err,
  );
});

test('run rejects with CancelledError when main is cancelled', async () => {
  await assert.rejects(
    run(async () => {
      const me = getRunningLoop();
      void me;
      const t = createTask(() => sleep(10));
      await sleep(0);
      t.cancel();
      await t;
    }),
    CancelledError,
  );
});

test('run inside a running loop is a RuntimeError; the inner main never runs', async () => {
  let innerRan = false;
  let error: unknown;
  await run(async () => {
    try {
      await run(async () => {
        innerRan = true;
      });
    } catch (e) {
      error = e;
    }
  });
  assert.ok(error instanceof RuntimeError);
  assert.match((error as Error).message, /running event loop/);
  assert.equal(innerRan, false);
});

test('tasks left pending when main returns are cancelled, their finally blocks run, then the loop is closed', async () => {
  const log: string[] = [];
  let leftover!: Task<void>;
  let loop!: EventLoop;
  const result = await runVirtual(async () => {
    loop = getRunningLoop();
    leftover = createTask(async () => {
      try {
        await sleep(3600);
        log.push('slept');
      } catch (e) {
        log.push(e instanceof CancelledError ? 'cancelled' : 'other');
        throw e;
      } finally {
        await sleep(1); // clean-up may still await
        log.push(`finally at ${getRunningLoop().time()}`);
      }
    });
    await sleep(0.5);
    return 'main done';
  });
  assert.equal(result, 'main done');
  assert.deepEqual(log, ['cancelled', 'finally at 1.5']);
  assert.equal(leftover.cancelled(), true);
  assert.equal(loop.isClosed(), true);
});

test('a failed task whose exception nobody retrieved is reported to the exception handler when run ends', async () => {
  const reports: ExceptionContext[] = [];
  const err = new Error('nobody looked');
  let failed!: Task<void>;
  await runVirtual(async () => {
    getRunningLoop().setExceptionHandler((_loop, context) => {
      reports.push(context);
    });
    failed = createTask(async () => {
      throw err;
    });
    await sleep(0);
    await sleep(0);
    assert.equal(failed.done(), true);
    assert.equal(reports.length, 0, 'not reported while run() goes on (the task is still referenced)');
  });
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.exception, err);
  assert.match(reports[0]!.message, /exception was never retrieved/);
  assert.equal(reports[0]!.task, failed);
});

test('a retrieved failure is not reported', async () => {
  const reports: ExceptionContext[] = [];
  await runVirtual(async () => {
    getRunningLoop().setExceptionHandler((_loop, context) => {
      reports.push(context);
    });
    const t = createTask(async () => {
      throw new Error('seen');
    });
    await sleep(0);
    await sleep(0);
    assert.ok(t.exception() instanceof Error);
  });
  assert.deepEqual(reports, []);
});

test('a leftover task that fails while being cancelled at the end of run is reported', async () => {
  const reports: ExceptionContext[] = [];
  const err = new Error('cleanup failed');
  await runVirtual(async () => {
    getRunningLoop().setExceptionHandler((_loop, context) => {
      reports.push(context);
    });
    createTask(async () => {
      try {
        await sleep(10);
      } finally {
        throw err; // eslint-disable-line no-unsafe-finally
      }
    });
    await sleep(0);
  });
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.exception, err);
});

test('Runner runs several mains on one loop, then close() closes it; run or getLoop after close is a RuntimeError', async () => {
  const runner = new Runner({ clock: new VirtualClock() });
  const loop = runner.getLoop();
  assert.equal(runner.getLoop(), loop);
  const r1 = await runner.run(async () => {
    await sleep(1);
    return getRunningLoop();
  });
  const r2 = await runner.run(async () => {
    await sleep(2);
    return getRunningLoop().time();
  });
  assert.equal(r1, loop);
  assert.equal(r2, 3, 'time goes on across runs of the same loop');
  assert.equal(loop.isClosed(), false);
  await runner.close();
  assert.equal(loop.isClosed(), true);
  await runner.close();
  assert.throws(() => runner.getLoop(), RuntimeError);
  await assert.rejects(runner.run(async () => 1), RuntimeError);
});

test('Runner keeps a task created in one run alive into the next; close() cancels it', async () => {
  const runner = new Runner({ clock: new VirtualClock() });
  const log: string[] = [];
  // Wrapped in an object: an async function would unwrap a returned Task (a thenable).
  const { bg } = await runner.run(async () => ({
    bg: createTask(async () => {
      try {
        await sleep(100);
      } finally {
        log.push('bg finally');
      }
    }),
  }));
  assert.equal(bg.done(), false);
  await runner.run(async () => {
    await sleep(1);
  });
  assert.equal(bg.done(), false);
  await runner.close();
  assert.deepEqual(log, ['bg finally']);
  assert.equal(bg.cancelled(), true);
});

test('Runner.run inside a running loop is a RuntimeError', async () => {
  const runner = new Runner({ clock: new VirtualClock() });
  try {
    let error: unknown;
    await runner.run(async () => {
      try {
        await runner.run(async () => 1);
      } catch (e) {
        error = e;
      }
    });
    assert.ok(error instanceof RuntimeError);
  } finally {
    await runner.close();
  }
});

test('await using closes the Runner at the end of the block', async () => {
  let loop!: EventLoop;
  let result: number | undefined;
  {
    await using runner = new Runner({ clock: new VirtualClock() });
    loop = runner.getLoop();
    result = await runner.run(async () => {
      await sleep(2);
      return 7;
    });
    assert.equal(loop.isClosed(), false);
  }
  assert.equal(result, 7);
  assert.equal(loop.isClosed(), true);
});

test('independent run() calls may run concurrently; each task belongs to its own loop', async () => {
  const loops: EventLoop[] = [];
  const [a, b] = await Promise.all([
    run(async () => {
      loops.push(getRunningLoop());
      await sleep(0.01);
      return getRunningLoop();
    }),
    run(async () => {
      loops.push(getRunningLoop());
      await sleep(0.01);
      return getRunningLoop();
    }),
  ]);
  assert.notEqual(a, b);
  assert.deepEqual(new Set(loops), new Set([a, b]));
});
