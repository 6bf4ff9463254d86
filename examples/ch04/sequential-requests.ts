/**
 * Chapter 4 — the same requests awaited one by one.
 * Observe: each request waits for the previous one: 100 requests take 100 × 50 ms, about ten
 * times longer than 1,000 with `gather`. (The book does 1,000: about a minute.)
 */
import { run } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, fetchStatusUntimed as fetchStatus, isMain } from '../util.js';
import { reprList } from './_format.js';

export const main = asyncTimed(async function main(requestCount: number = 100): Promise<number[]> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://baidu.com
  await using session = new ClientSession();
  const urls = Array.from({ length: requestCount }, () => server.url);
  const statusCodes: number[] = [];
  for (const url of urls) statusCodes.push(await fetchStatus(session, url));
  console.log(reprList(statusCodes));
  return statusCodes;
});

if (isMain(import.meta.url)) await run(main());
