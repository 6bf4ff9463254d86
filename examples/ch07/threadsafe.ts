/**
 * Chapter 7 — handing work to the loop from outside it: `callSoonThreadsafe` and
 * `runCoroutineThreadsafe`.
 * Observe: a worker thread sends three numbers; the Node 'message' handler runs outside any
 * tsaio task, so it schedules a plain callback with `callSoonThreadsafe` and a coroutine with
 * `runCoroutineThreadsafe`, whose Future it awaits like the concurrent.futures future of the book.
 */
import { Worker } from 'node:worker_threads';
import { coroutine, getRunningLoop, run, runCoroutineThreadsafe, sleep, type EventLoop, type Future } from '../../src/index.js';
import { isMain } from '../util.js';

const PRODUCER = `
const { parentPort } = require('node:worker_threads');
let n = 0;
const timer = setInterval(() => { parentPort.postMessage(++n); if (n === 3) { clearInterval(timer); parentPort.close(); } }, 50);
`;

const square = coroutine(async function square(n: number): Promise<number> {
  await sleep(0.1);
  return n * n;
});

function listen(loop: EventLoop): Promise<number[]> {
  const worker = new Worker(PRODUCER, { eval: true });
  const futures: Future<number>[] = [];
  // This handler is a Node callback: it runs outside the loop's tasks.
  worker.on('message', (n: number) => {
    loop.callSoonThreadsafe(() => console.log(`the loop got ${n} from the worker thread`));
    const future = runCoroutineThreadsafe(square(n), loop);
    futures.push(future);
    future.then((result) => console.log(`square(${n}) = ${result}, computed on the loop`));
  });
  return new Promise((resolve, reject) => {
    worker.once('exit', () => Promise.all(futures).then(resolve, reject));
    worker.once('error', reject);
  });
}

export async function main(): Promise<number[]> {
  const results = await listen(getRunningLoop());
  console.log(results);
  return results;
}

if (isMain(import.meta.url)) await run(main);
