/**
 * S8: RSS growth per pending task, N tasks blocked on one Event. Needs `--expose-gc`: a full
 * collection before each reading, as the Python side's gc.collect().
 */
import { createTask, Event, gather, run, sleep } from '../../src/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

function rssAfterGc(): number {
  if (!globalThis.gc) throw new Error('run with --expose-gc');
  globalThis.gc();
  return process.memoryUsage.rss();
}

async function main(n: number): Promise<Measurement> {
  const event = new Event();
  const before = rssAfterGc();
  const tasks = Array.from({ length: n }, () => createTask(() => event.wait()));
  await sleep(0); // let every task block on the event
  const after = rssAfterGc();
  event.set();
  await gather(tasks);
  return { bytesPerTask: (after - before) / n };
}

const n = sizeArg();
report(await run(() => main(n)));
