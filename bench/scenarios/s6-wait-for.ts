/** S6: N sequential waitFor(coroutine that returns at once, 10). */
import assert from 'node:assert/strict';
import { run, waitFor } from '../../src/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

async function instant(i: number): Promise<number> {
  return i;
}

async function main(n: number): Promise<Measurement> {
  const start = performance.now();
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += await waitFor(() => instant(i), 10);
  }
  const ms = performance.now() - start;
  assert.equal(total, (n * (n - 1)) / 2);
  return { ms };
}

const n = sizeArg();
report(await run(() => main(n)));
