/** S3: 4 tasks, each N times: acquire a shared Lock, sleep(0), release. */
import { createTask, gather, Lock, run, sleep } from '../../src/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

const WORKERS = 4;

async function worker(lock: Lock, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await lock.acquire();
    try {
      await sleep(0);
    } finally {
      lock.release();
    }
  }
}

async function main(n: number): Promise<Measurement> {
  const lock = new Lock();
  const start = performance.now();
  await gather(Array.from({ length: WORKERS }, () => createTask(() => worker(lock, n))));
  return { ms: performance.now() - start };
}

const n = sizeArg();
report(await run(() => main(n)));
