/**
 * Chapter 11 — limiting concurrent requests with a Semaphore(10).
 * Observe: every request starts waiting at once, but never more than 10 are in flight: the
 * last line reports the highest number seen. (The book sends 1,000 requests; 100 here keep the
 * output readable.)
 */
import { Semaphore, coroutine, gather, run } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { isMain } from '../util.js';

let inFlight = 0;
let mostInFlight = 0;

const getUrl = coroutine(async function getUrl(url: string, session: ClientSession, semaphore: Semaphore): Promise<number> {
  console.log('等待获取信号量...'); // waiting for the semaphore
  await using _ = await semaphore.hold();
  console.log('获取到信号量,请求中...'); // got it, requesting
  inFlight++;
  mostInFlight = Math.max(mostInFlight, inFlight);
  try {
    await using response = await session.get(url);
    console.log('请求完成'); // request done
    return response.status;
  } finally {
    inFlight--;
  }
});

export async function main(requestCount: number = 100): Promise<number> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://www.baidu.com
  const semaphore = new Semaphore(10);
  await using session = new ClientSession();
  inFlight = mostInFlight = 0;
  const tasks = Array.from({ length: requestCount }, () => getUrl(server.url, session, semaphore));
  await gather(...tasks);
  console.log(`at most ${mostInFlight} requests were in flight at once`);
  return mostInFlight;
}

if (isMain(import.meta.url)) await run(main);
