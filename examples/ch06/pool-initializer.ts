/**
 * Chapter 6 — a pool initializer hands each worker the shared counter.
 * Observe: the counter is passed once per worker through `initArgs`, not with every job; the
 * job increments it and the main thread prints 1.
 */
import { getRunningLoop, run } from '../../src/index.js';
import { SharedValue, ThreadPoolExecutor, workerModule } from '../../src/executors/index.js';
import { isMain } from '../util.js';

const jobs = workerModule<typeof import('./jobs/shared-counter.js')>(new URL('./jobs/shared-counter.js', import.meta.url));

export async function main(): Promise<number> {
  const counter = new SharedValue('d', 0);
  {
    await using pool = new ThreadPoolExecutor({ initializer: jobs.init, initArgs: [counter] });
    await getRunningLoop().runInExecutor(pool, jobs.increment);
  }
  console.log(counter.value);
  return counter.value;
}

if (isMain(import.meta.url)) await run(main);
