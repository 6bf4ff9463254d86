/**
 * Chapter 2 — pitfall 2: a blocking call inside a coroutine.
 * Observe: the three tasks run one after another (each "starting" waits for the previous
 * "finished"), so main takes the sum of the three requests: a blocking API gives no
 * concurrency. Use the HTTP client session (chapter 4) or a thread pool (chapter 7) instead.
 */
import { createTask, run } from '../../src/index.js';
import { getStatusCode } from '../blocking-http.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, isMain } from '../util.js';

const getExampleStatus = asyncTimed(async function getExampleStatus(url: string): Promise<number> {
  return getStatusCode(url);
});

export const main = asyncTimed(async function main(): Promise<number[]> {
  await using server = await startLocalServer({ delay: 0.1 }); // stands in for www.example.com
  const task1 = createTask(getExampleStatus(server.url));
  const task2 = createTask(getExampleStatus(server.url));
  const task3 = createTask(getExampleStatus(server.url));
  return [await task1, await task2, await task3];
});

if (isMain(import.meta.url)) await run(main);
