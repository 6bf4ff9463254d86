import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from '../../src/index.js';
import { ProcessPoolExecutor, ThreadPoolExecutor, workerModule } from '../../src/executors/index.js';

type Jobs = typeof import('../fixtures/executors/jobs.js');
const url = new URL('../fixtures/executors/jobs.js', import.meta.url);

test('a reference is not callable in the parent', () => {
  const jobs = workerModule<Jobs>(url);
  assert.throws(() => jobs.add(1, 2), /reference to an export of the worker module .*submit it to a pool/);
});

test('workerModule needs a URL or an absolute path', () => {
  assert.throws(() => workerModule('./jobs.js'), /needs a URL or an absolute path, got '\.\/jobs\.js' \(string\)/);
  assert.doesNotThrow(() => workerModule('/abs/jobs.js'));
});

test('a missing export or module is reported by the job', async () => {
  await run(async () => {
    await using pool = new ThreadPoolExecutor({ maxWorkers: 1 });
    const jobs = workerModule<{ nope(): void }>(url);
    await assert.rejects(pool.submit(jobs.nope), /has no exported function named 'nope'/);
    const missing = workerModule<{ f(): void }>(new URL('./no-such-module.js', import.meta.url));
    await assert.rejects(pool.submit(missing.f), /Cannot find module|ERR_MODULE_NOT_FOUND/);
  });
});

test('an initializer from a module sets module state that later jobs use (process pool)', async () => {
  await run(async () => {
    const jobs = workerModule<Jobs>(url);
    await using pool = new ProcessPoolExecutor({ maxWorkers: 1 });
    assert.equal(await pool.submit(jobs.add, 20, 22), 42);
    assert.equal(await pool.submit(jobs.block, 1), 1);
  });
});
