/** S5: N tasks, each holds a Semaphore(10) around sleep(0); gather them. */
import { createTask, gather, run, Semaphore, sleep } from '../../src/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

const LIMIT = 10;

async function job(semaphore: Semaphore): Promise<void> {
  await semaphore.acquire();
  try {
    await sleep(0);
  } finally {
    semaphore.release();
  }
}

async function main(n: number): Promise<Measurement> {
  const semaphore = new Semaphore(LIMIT);
  const start = performance.now();
  const tasks = Array.from({ length: n }, () => createTask(() => job(semaphore)));
  await gather(tasks);
  return { ms: performance.now() - start };
}

const n = sizeArg();
report(await run(() => main(n)));
