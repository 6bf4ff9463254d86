/**
 * Chapter 1 — two threads doing I/O at the same time (Python's `threading.Thread`; Node's
 * `worker_threads`).
 * Observe: "All threads running!" comes first; both requests then run in parallel, so the whole
 * thing takes about one request's time (the local server answers after 0.5 s), not two.
 */
import { Worker } from 'node:worker_threads';
import { run } from '../../src/index.js';
import { startLocalServer } from '../local-server.js';
import { isMain } from '../util.js';

// A thread's code: GET the URL and report the status code (the worker's own console output
// would reach the terminal asynchronously, so it hands the status back to print).
const READ_EXAMPLE = `
const { parentPort, workerData } = require('node:worker_threads');
fetch(workerData).then(async (response) => { await response.arrayBuffer(); parentPort.postMessage(response.status); });
`;

function startThread(url: string): Promise<void> {
  const thread = new Worker(READ_EXAMPLE, { eval: true, workerData: url });
  thread.on('message', (status: number) => console.log(status));
  return new Promise((resolve, reject) => {
    thread.once('exit', () => resolve());
    thread.once('error', reject);
  });
}

export async function main(serverDelay: number = 0.5): Promise<{ seconds: number; maxConcurrent: number }> {
  await using server = await startLocalServer({ delay: serverDelay }); // stands in for www.example.com
  const threadStart = performance.now();
  const thread1 = startThread(server.url);
  const thread2 = startThread(server.url);
  console.log('All threads running!');
  await thread1;
  await thread2;
  const seconds = (performance.now() - threadStart) / 1000;
  console.log(`Running with threads took ${seconds.toFixed(4)} seconds.`);
  return { seconds, maxConcurrent: (await server.stats()).maxConcurrent };
}

if (isMain(import.meta.url)) await run(main);
