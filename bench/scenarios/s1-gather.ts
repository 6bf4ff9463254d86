/** S1: create N tasks, each awaits sleep(0) and returns its index; gather them. */
import assert from 'node:assert/strict';
import { createTask, gather, run, sleep } from '../../src/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

async function job(i: number): Promise<number> {
  await sleep(0);
  return i;
}

async function main(n: number): Promise<Measurement> {
  const start = performance.now();
  const tasks = Array.from({ length: n }, (_, i) => createTask(() => job(i)));
  const results = await gather(tasks);
  const ms = performance.now() - start;
  assert.equal(results[n - 1], n - 1);
  return { ms };
}

const n = sizeArg();
report(await run(() => main(n)));
