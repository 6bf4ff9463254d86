/**
 * E3: CPU-bound, 4 jobs each counting to N on 2 worker threads. The anchor `e3-sequential.ts`
 * does the same 4 counts one after another in one thread: the ratio is the speed-up.
 */
import assert from 'node:assert/strict';
import { gather, run } from '../../src/index.js';
import { ThreadPoolExecutor } from '../../src/executors/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

const count = (n: number): number => {
  let c = 0;
  while (c < n) c++;
  return c;
};

async function main(n: number): Promise<Measurement> {
  await using pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  await gather(pool.submit(count, 1), pool.submit(count, 1)); // both workers started
  const start = performance.now();
  const results = await gather([0, 1, 2, 3].map(() => pool.submit(count, n)));
  const ms = performance.now() - start;
  assert.deepEqual(results, [n, n, n, n]);
  return { ms };
}

const n = sizeArg();
report(await run(() => main(n)));
