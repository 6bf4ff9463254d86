/** E4: cold start, a new 2-thread pool to its first result; the median of N pools in a row. */
import assert from 'node:assert/strict';
import { run } from '../../src/index.js';
import { ThreadPoolExecutor } from '../../src/executors/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

async function main(n: number): Promise<Measurement> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
    const result = await pool.submit((a: number, b: number) => a + b, i, 1);
    times.push(performance.now() - start);
    assert.equal(result, i + 1);
    await pool.shutdown();
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]! };
}

const n = sizeArg();
report(await run(() => main(n)));
