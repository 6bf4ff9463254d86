/** S4: Queue(100), one producer and one consumer pass N items. */
import assert from 'node:assert/strict';
import { gather, Queue, run } from '../../src/index.js';
import { report, sizeArg, type Measurement } from '../lib/program.js';

const MAXSIZE = 100;

async function producer(queue: Queue<number>, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await queue.put(i);
  }
}

async function consumer(queue: Queue<number>, n: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += await queue.get();
  }
  return total;
}

async function main(n: number): Promise<Measurement> {
  const queue = new Queue<number>(MAXSIZE);
  const start = performance.now();
  const [, total] = await gather(
    () => producer(queue, n),
    () => consumer(queue, n),
  );
  const ms = performance.now() - start;
  assert.equal(total, (n * (n - 1)) / 2);
  return { ms };
}

const n = sizeArg();
report(await run(() => main(n)));
