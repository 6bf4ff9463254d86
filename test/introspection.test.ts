import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTask, formatTasks, gather, getRunningLoop, sleep } from '../src/index.js';
import { runVirtual } from '../src/testing/index.js';

test('formatTasks draws the pending tasks as a tree of who awaits whom, line by line', async () => {
  const text = await runVirtual(async function main() {
    const gate = getRunningLoop().createFuture<void>();
    async function worker() {
      await sleep(3);
    }
    async function waiter() {
      await gate;
    }
    async function parent() {
      await gather(createTask(worker, { name: 'worker' }), createTask(waiter, { name: 'waiter' }));
    }
    const p = createTask(parent, { name: 'parent' });
    const idle = createTask(async function idle() {
      await sleep(10);
    }, { name: 'idle' });
    await sleep(0);
    await sleep(0);
    const snapshot = formatTasks();
    gate.setResult();
    idle.cancel();
    await p;
    return snapshot;
  });
  assert.deepEqual(text.split('\n'), [
    "Task-1 main() [running]",
    "parent parent() [waiting] awaiting gather(worker, waiter)",
    "├── worker worker() [waiting] awaiting sleep until 3.000",
    "└── waiter waiter() [waiting] awaiting Future",
    "idle idle() [waiting] awaiting sleep until 10.000",
  ]);
});
