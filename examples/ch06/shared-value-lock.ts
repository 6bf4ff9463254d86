/**
 * Chapter 6 — a shared value incremented under its lock (Python's `multiprocessing.Value`).
 * Observe: 100 rounds of two workers each adding 1 always give 2. Node processes cannot share
 * memory, so the shared value lives in a SharedArrayBuffer and the workers are threads: a
 * ProcessPoolExecutor refuses a SharedValue with a clear error.
 */
import { gather, run } from '../../src/index.js';
import { SharedValue, ThreadPoolExecutor } from '../../src/executors/index.js';
import { isMain } from '../util.js';

function incrementValue(sharedInt: SharedValue): void {
  sharedInt.getLock().acquire();
  sharedInt.value = sharedInt.value + 1;
  sharedInt.getLock().release();
}

export async function main(rounds: number = 100): Promise<number[]> {
  await using pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  const values: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const integer = new SharedValue('i', 0);
    await gather(pool.submit(incrementValue, integer), pool.submit(incrementValue, integer));
    console.log(integer.value);
    if (integer.value !== 2) throw new Error(`expected 2, got ${integer.value}`);
    values.push(integer.value);
  }
  return values;
}

if (isMain(import.meta.url)) await run(main);
