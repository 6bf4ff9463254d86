/** S7: N tasks sleep 3600 s; cancel them all; gather(returnExceptions). */
import assert from 'node:assert/strict';
import { createTask, gather, isCancelled, run, sleep } from '../../src/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

async function main(n: number): Promise<Measurement> {
  const start = performance.now();
  const tasks = Array.from({ length: n }, () => createTask(() => sleep(3600)));
  await sleep(0); // let every task start sleeping
  for (const task of tasks) {
    task.cancel();
  }
  const results = await gather(tasks, { returnExceptions: true });
  const ms = performance.now() - start;
  assert.ok(results.every(isCancelled));
  return { ms };
}

const n = sizeArg();
report(await run(() => main(n)));
