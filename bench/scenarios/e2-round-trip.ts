/** E2: N jobs one at a time (submit, await, repeat) on 2 worker threads: round-trip latency. */
import assert from 'node:assert/strict';
import { gather, run } from '../../src/index.js';
import { ThreadPoolExecutor } from '../../src/executors/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

const add = (a: number, b: number): number => a + b;

async function main(n: number): Promise<Measurement> {
  await using pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  await gather(pool.submit(add, 0, 0), pool.submit(add, 0, 0)); // both workers started
  const start = performance.now();
  let last = 0;
  for (let i = 0; i < n; i++) last = await pool.submit(add, i, 1);
  const ms = performance.now() - start;
  assert.equal(last, n);
  return { ms };
}

const n = sizeArg();
report(await run(() => main(n)));
