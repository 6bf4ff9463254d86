/**
 * Chapter 4 — `gather`: 1,000 requests at once.
 * Observe: the session keeps at most 100 connections open, so 1,000 requests of 50 ms take
 * about 10 × 50 ms; the results come back in the order the requests were passed.
 */
import { gather, run } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, fetchStatusUntimed as fetchStatus, isMain } from '../util.js';
import { reprList } from './_format.js';

export const main = asyncTimed(async function main(requestCount: number = 1000): Promise<number[]> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://baidu.com
  await using session = new ClientSession();
  const urls = Array.from({ length: requestCount }, () => server.url);
  const requests = urls.map((url) => fetchStatus(session, url));
  const statusCodes = await gather(...requests);
  console.log(reprList(statusCodes));
  return statusCodes;
});

if (isMain(import.meta.url)) await run(main());
