/**
 * S3 peer: async-mutex's `Mutex`, 4 workers each N times `runExclusive` around one yield.
 * The yield is `await Promise.resolve()`, as in the S1 floor.
 */
import { Mutex } from 'async-mutex';
import { report, sizeArg } from '../lib/program.js';

const WORKERS = 4;

async function worker(mutex: Mutex, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await mutex.runExclusive(async () => {
      await Promise.resolve();
    });
  }
}

const n = sizeArg();
const mutex = new Mutex();
const start = performance.now();
await Promise.all(Array.from({ length: WORKERS }, () => worker(mutex, n)));
report({ ms: performance.now() - start });
