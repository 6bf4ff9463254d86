/** S2: one task, N sequential sleep(0). */
import { run, sleep } from '../../src/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

async function main(n: number): Promise<Measurement> {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    await sleep(0);
  }
  return { ms: performance.now() - start };
}

const n = sizeArg();
report(await run(() => main(n)));
