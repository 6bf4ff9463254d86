import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asCompleted, gather, getRunningLoop, run, RuntimeError, TimeoutError, waitFor } from '../../src/index.js';
import { runInExecutor, ThreadPoolExecutor, toThread } from '../../src/executors/index.js';

const identity = (): number => ((globalThis as { __id?: number }).__id ??= Math.random());

test('runInExecutor with a pool and with null (the default executor), in gather and asCompleted', async () => {
  await run(async () => {
    await using pool = new ThreadPoolExecutor({ maxWorkers: 2 });
    const both = await gather(runInExecutor(pool, (a: number, b: number) => a * b, 6, 7), runInExecutor(null, (s: string) => s + '!', 'hi'));
    assert.deepEqual(both, [42, 'hi!']);
    const order: number[] = [];
    const blockFor = (ms: number): number => {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      return ms;
    };
    await gather(toThread(identity), toThread(identity));
    for (const next of asCompleted([toThread(blockFor, 300), toThread(blockFor, 0)])) order.push(await next);
    assert.deepEqual(order, [0, 300]);
  });
});

test('setDefaultExecutor: toThread uses it, and run() shuts it down at the end', async () => {
  const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
  await run(async () => {
    getRunningLoop().setDefaultExecutor(pool);
    const viaDefault = await toThread(identity);
    assert.equal(await pool.submit(identity), viaDefault);
  });
  assert.equal(pool.workerCount, 0);
  await run(async () => {
    assert.throws(() => pool.submit(identity), RuntimeError);
  });
});

test('a task awaiting runInExecutor that waitFor cancels cancels the job', async () => {
  await run(async () => {
    await using pool = new ThreadPoolExecutor({ maxWorkers: 1 });
    const before = await pool.submit(identity);
    const job = runInExecutor(pool, (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms), 60_000);
    await assert.rejects(waitFor(async () => await job, 0.2), TimeoutError);
    assert.ok(job.cancelled());
    assert.notEqual(await pool.submit(identity), before); // the blocked worker was replaced
  });
});
