/** E1: N tiny jobs (`(a, b) => a + b`) submitted at once to 2 worker threads, all awaited. */
import assert from 'node:assert/strict';
import { gather, run } from '../../src/index.js';
import { ThreadPoolExecutor } from '../../src/executors/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

const add = (a: number, b: number): number => a + b;

async function main(n: number): Promise<Measurement> {
  await using pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  await gather(pool.submit(add, 0, 0), pool.submit(add, 0, 0)); // both workers started
  const start = performance.now();
  const futures = [];
  for (let i = 0; i < n; i++) futures.push(pool.submit(add, i, 1));
  const results = await gather(futures);
  const ms = performance.now() - start;
  assert.equal(results[n - 1], n);
  return { ms };
}

const n = sizeArg();
report(await run(() => main(n)));
