/**
 * Chapter 4 — one request with a ClientSession (aiohttp's), closed by `await using`.
 * Observe: main and fetchStatus take about the server's delay; the status is 200.
 */
import { run } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startLocalServer } from '../local-server.js';
import { asyncTimed, fetchStatus, isMain } from '../util.js';

export const main = asyncTimed(async function main(): Promise<number> {
  await using server = await startLocalServer(); // stands in for https://www.example.com
  await using session = new ClientSession();
  const url = server.url;
  const status = await fetchStatus(session, url);
  console.log(`Status for ${url} was ${status}`);
  return status;
});

if (isMain(import.meta.url)) await run(main());
