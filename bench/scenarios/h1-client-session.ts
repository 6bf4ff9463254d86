/**
 * H1: N GETs to a local HTTP server through one ClientSession (limit 100), gathered; bodies read.
 * The spelling is aiohttp's: `gather(*[fetch_body(session, url) for _ in range(n)])` with a
 * coroutine function, so each request runs as its own task, as in asyncio.
 */
import assert from 'node:assert/strict';
import { coroutine, gather, run } from '../../src/index.js';
import { ClientSession } from '../../src/http/index.js';
import { startH1Server } from '../h1/server-process.js';
import { report, sizeArg } from '../lib/program.js';

const fetchBody = coroutine(async (session: ClientSession, url: string): Promise<number> => {
  await using resp = await session.get(url);
  return (await resp.read()).length;
});

async function main(n: number, url: string): Promise<{ ms: number; cpuUsPerRequest: number }> {
  await using session = new ClientSession({ limit: 100 });
  const cpu = process.cpuUsage();
  const start = performance.now();
  const sizes = await gather(Array.from({ length: n }, () => fetchBody(session, url)));
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  assert.equal(sizes.length, n);
  assert.ok(sizes.every((s) => s === 100));
  return { ms, cpuUsPerRequest: (used.user + used.system) / n };
}

const n = sizeArg();
const server = await startH1Server();
try {
  report(await run(() => main(n, server.url)));
} finally {
  server.stop();
}
