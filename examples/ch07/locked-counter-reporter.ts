/**
 * Chapter 7 — a counter shared by the pool's threads, with a progress reporter on the loop.
 * Observe: every half second the reporter prints how many requests the threads have finished
 * ("Finished 0/50", "Finished 12/50", …) while the loop waits for them. Threads in Node do not
 * share variables, so the counter is a SharedValue, incremented under its lock.
 */
import { createTask, gather, getRunningLoop, run, sleep } from '../../src/index.js';
import { SharedValue, ThreadPoolExecutor } from '../../src/executors/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, isMain } from '../util.js';
import { summarize } from './thread-pool-asyncio.js';

async function getStatusCode(url: string, counter: SharedValue<'i'>): Promise<number> {
  const response = await fetch(url);
  await response.arrayBuffer();
  const lock = counter.getLock();
  lock.acquire();
  counter.value = counter.value + 1;
  lock.release();
  return response.status;
}

async function reporter(requestCount: number, counter: SharedValue<'i'>): Promise<void> {
  while (counter.value < requestCount) {
    console.log(`Finished ${counter.value}/${requestCount} requests`);
    await sleep(0.5);
  }
}

export const main = asyncTimed(async function main(requestCount: number = 50, serverDelay: number = 0.25): Promise<number[]> {
  await using server = await startLocalServer({ delay: serverDelay }); // stands in for www.baidu.com
  const loop = getRunningLoop();
  const counter = new SharedValue('i', 0);
  await using pool = new ThreadPoolExecutor();
  const urls = Array.from({ length: requestCount }, () => server.url);
  const reporterTask = createTask(() => reporter(requestCount, counter));
  const tasks = urls.map((url) => loop.runInExecutor(pool, getStatusCode, url, counter));
  const results = await gather(...tasks);
  await reporterTask;
  console.log(summarize(results));
  return results;
});

if (isMain(import.meta.url)) await run(main());
