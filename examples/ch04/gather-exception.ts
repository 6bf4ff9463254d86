/**
 * Chapter 4 — an exception in `gather` (default `returnExceptions: false`).
 * Observe: the bad URL makes `gather` raise InvalidURL at once, but the other request is not
 * cancelled: it still completes with 200.
 */
import { createTask, gather, run } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, fetchStatus, isMain } from '../util.js';
import { reprError } from './_format.js';

export const main = asyncTimed(async function main(): Promise<number> {
  await using server = await startLocalServer({ delay: 0.05 }); // stands in for https://baidu.com
  await using session = new ClientSession();
  const urls = ['python://example.com', server.url];
  const tasks = urls.map((url) => createTask(fetchStatus(session, url)));
  try {
    const statusCodes = await gather(...tasks);
    console.log(statusCodes);
  } catch (e) {
    console.log(`gather raised ${reprError(e)}`);
  }
  const other = await tasks[1]!;
  console.log(`the other request was not cancelled: ${other}`);
  return other;
});

if (isMain(import.meta.url)) await run(main());
