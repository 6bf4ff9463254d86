/**
 * Chapter 4 — `gather(aws, { returnExceptions: true })`: errors come back in the results.
 * Observe: `[200, InvalidURL('python://example.com')]`, then the results split into the
 * successes and the exceptions.
 */
import { gather, run } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, fetchStatus, isMain } from '../util.js';
import { reprList } from './_format.js';

export const main = asyncTimed(async function main(): Promise<unknown[]> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://baidu.com
  await using session = new ClientSession();
  const urls = [server.url, 'python://example.com'];
  const tasks = urls.map((url) => fetchStatus(session, url));
  const results = await gather(tasks, { returnExceptions: true });
  const exceptions = results.filter((res) => res instanceof Error);
  const successfulResults = results.filter((res) => !(res instanceof Error));
  console.log(`All results: ${reprList(results)}`);
  console.log(`Finished successfully: ${reprList(successfulResults)}`);
  console.log(`Threw exceptions: ${reprList(exceptions)}`);
  return results;
});

if (isMain(import.meta.url)) await run(main());
