import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import {
  coroutine,
  createTask,
  getRunningLoop,
  newEventLoop,
  run,
  sleep,
  type ExceptionContext,
} from '../../src/index.js';

const gc = globalThis.gc as () => void;

async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await nextMacrotask(); // FinalizationRegistry callbacks run in a later task
  }
}

const delay = coroutine(async function delay(seconds: number) {
  await sleep(seconds);
  return seconds;
});

test('a coroutine collected before it was awaited is reported with its name and, in debug mode, where it was made', async () => {
  const reports: ExceptionContext[] = [];
  await run(
    async () => {
      getRunningLoop().setExceptionHandler((_loop, context) => reports.push(context));
      (() => {
        delay(1); // forgotten: never awaited, never scheduled
      })();
      await collectGarbage();
    },
    { debug: true },
  );
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.message, "coroutine 'delay' was never awaited");
  assert.match(String(reports[0]!['createdAt']), /reports\.test\.ts/);
});

test('an awaited coroutine is not reported', async () => {
  const reports: ExceptionContext[] = [];
  await run(async () => {
    getRunningLoop().setExceptionHandler((_loop, context) => reports.push(context));
    await (async () => {
      await delay(0);
    })();
    await collectGarbage();
  });
  assert.deepEqual(reports, []);
});

test('a failed task nobody looked at is reported when it is garbage-collected', async () => {
  const reports: ExceptionContext[] = [];
  await run(async () => {
    getRunningLoop().setExceptionHandler((_loop, context) => reports.push(context));
    (() => {
      createTask(async function failing() {
        throw new Error('lost');
      });
    })();
    await sleep(0);
    await sleep(0);
    await collectGarbage();
    assert.equal(reports.length, 1);
  });
  assert.equal(reports[0]!.message, 'Task exception was never retrieved');
  assert.equal((reports[0]!.exception as Error).message, 'lost');
});

test('a failed task nobody looked at is reported when run() ends, with the task', async () => {
  const reports: ExceptionContext[] = [];
  const keep: unknown[] = [];
  await run(async () => {
    getRunningLoop().setExceptionHandler((_loop, context) => reports.push(context));
    keep.push(
      createTask(
        async () => {
          throw new Error('nobody saw');
        },
        { name: 'lonely' },
      ),
    );
    await sleep(0);
  });
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.message, 'Task exception was never retrieved');
  assert.equal(reports[0]!.task?.getName(), 'lonely');
  assert.match((reports[0]!.exception as Error).stack!, /nobody saw/);
});

test('a failure that was awaited is not reported', async () => {
  const reports: ExceptionContext[] = [];
  await run(async () => {
    getRunningLoop().setExceptionHandler((_loop, context) => reports.push(context));
    const t = createTask(async () => {
      throw new Error('seen');
    });
    await assert.rejects(t, /seen/);
  });
  assert.deepEqual(reports, []);
});

test('closing a loop with a pending task reports "Task was destroyed but it is pending!"', async () => {
  const loop = newEventLoop();
  const reports: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => reports.push(context));
  const stuck = loop.createTask(() => loop.createFuture(), { name: 'stuck' });
  await loop.runUntilComplete(async () => {
    await sleep(0);
  });
  loop.close();
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.message, 'Task was destroyed but it is pending!');
  assert.equal(reports[0]!.task, stuck);
});

test('debug mode records where tasks and futures were created (getStack)', async () => {
  await run(
    async () => {
      const t = createTask(() => sleep(0));
      assert.match(t.getStack().join('\n'), /reports\.test\.ts/);
      assert.match(getRunningLoop().createFuture().getStack().join('\n'), /reports\.test\.ts/);
      await t;
    },
    { debug: true },
  );
  await run(async () => {
    assert.deepEqual(createTask(() => sleep(0)).getStack(), []);
  });
});

test('the default exception handler writes the message and the stack to stderr', async () => {
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    await run(async () => {
      getRunningLoop().callSoon(function explode() {
        throw new Error('kaboom');
      });
      await sleep(0);
    });
  } finally {
    process.stderr.write = original;
  }
  const text = written.join('');
  assert.match(text, /Exception in callback <Handle explode\(\)>/);
  assert.match(text, /Error: kaboom\n\s+at explode/);
});
