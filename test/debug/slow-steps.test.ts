import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTask, getRunningLoop, run, sleep, type ExceptionContext } from '../../src/index.js';
import { slowContinuationHookEnabled } from '../../src/loop/slow-continuations.js';

function burnCpu(seconds: number): void {
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    // busy: the loop is blocked, as the book's CPU-bound coroutine blocks it
  }
}

async function cpuBoundWork(): Promise<void> {
  await sleep(0);
  burnCpu(0.3);
  await sleep(0);
}

function captureReports(): ExceptionContext[] {
  const reports: ExceptionContext[] = [];
  getRunningLoop().setExceptionHandler((_loop, context) => reports.push(context));
  return reports;
}

test('debug mode names the task that ran 0.3 s of CPU between awaits, with its duration', async () => {
  const reports = await run(
    async () => {
      const reports = captureReports();
      await createTask(cpuBoundWork, { name: 'Task-cpu' });
      return reports;
    },
    { debug: true },
  );
  const slow = reports.filter((r) => r.message.startsWith('Executing'));
  assert.equal(slow.length, 1, JSON.stringify(reports.map((r) => r.message)));
  const match = /^Executing <Task (pending|finished[^ ]*) name='Task-cpu' coro=cpuBoundWork\(\)> took (\d+\.\d{3}) seconds$/.exec(slow[0]!.message);
  assert.ok(match, slow[0]!.message);
  assert.ok(Number(match[2]) >= 0.3, slow[0]!.message);
  assert.equal(slow[0]!.task?.getName(), 'Task-cpu');
});

test('a step shorter than slowCallbackDuration is not reported', async () => {
  const reports = await run(
    async () => {
      const reports = captureReports();
      await createTask(cpuBoundWork);
      return reports;
    },
    { debug: true, slowCallbackDuration: 0.5 },
  );
  assert.deepEqual(reports.map((r) => r.message), []);
});

test('a slow plain callback is reported with its name', async () => {
  const reports = await run(
    async () => {
      const reports = captureReports();
      const loop = getRunningLoop();
      loop.setDebug(true);
      loop.slowCallbackDuration = 0.05;
      loop.callSoon(function blockingCallback() {
        burnCpu(0.1);
      });
      await sleep(0.01);
      return reports;
    },
  );
  assert.equal(reports.length, 1);
  assert.match(reports[0]!.message, /^Executing <Handle blockingCallback\(\)> took 0\.\d{3} seconds$/);
});

test('task code after a foreign await is watched too, through the async hook', async () => {
  const reports = await run(
    async () => {
      const reports = captureReports();
      await createTask(async function afterForeignAwait() {
        await new Promise((resolve) => setTimeout(resolve, 5));
        burnCpu(0.3);
      });
      return reports;
    },
    { debug: true },
  );
  const slow = reports.filter((r) => /coro=afterForeignAwait\(\)> took/.test(r.message));
  assert.equal(slow.length, 1, JSON.stringify(reports.map((r) => r.message)));
});

test('with debug off nothing is reported and the async hook is not enabled', async () => {
  const reports = await run(async () => {
    const reports = captureReports();
    assert.equal(getRunningLoop().getDebug(), false);
    assert.equal(slowContinuationHookEnabled(), false);
    await createTask(cpuBoundWork);
    return reports;
  });
  assert.deepEqual(reports, []);
  assert.equal(slowContinuationHookEnabled(), false);
});

test('the hook is enabled only while a loop runs in debug mode', async () => {
  await run(
    async () => {
      assert.equal(slowContinuationHookEnabled(), true);
      getRunningLoop().setDebug(false);
      assert.equal(slowContinuationHookEnabled(), false);
      getRunningLoop().setDebug(true);
      assert.equal(slowContinuationHookEnabled(), true);
    },
    { debug: true },
  );
  assert.equal(slowContinuationHookEnabled(), false);
});

test('TSAIO_DEBUG=1 switches debug mode on for new loops', async () => {
  const saved = process.env['TSAIO_DEBUG'];
  process.env['TSAIO_DEBUG'] = '1';
  try {
    assert.equal(await run(async () => getRunningLoop().getDebug()), true);
  } finally {
    if (saved === undefined) delete process.env['TSAIO_DEBUG'];
    else process.env['TSAIO_DEBUG'] = saved;
  }
  assert.equal(await run(async () => getRunningLoop().getDebug()), false);
});
