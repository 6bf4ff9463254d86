/** H1 floor: N `undici.request` GETs through one Agent with 100 connections, Promise.all; bodies read. */
import assert from 'node:assert/strict';
import { Agent, request } from 'undici';
import { startH1Server } from '../h1/server-process.js';
import { report, sizeArg } from '../lib/program.js';

async function fetchBody(agent: Agent, url: string): Promise<number> {
  const { body } = await request(url, { dispatcher: agent });
  return (await body.arrayBuffer()).byteLength;
}

async function main(n: number, url: string): Promise<{ ms: number; cpuUsPerRequest: number }> {
  const agent = new Agent({ connections: 100 });
  const cpu = process.cpuUsage();
  const start = performance.now();
  const sizes = await Promise.all(Array.from({ length: n }, () => fetchBody(agent, url)));
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  await agent.close();
  assert.equal(sizes.length, n);
  assert.ok(sizes.every((s) => s === 100));
  return { ms, cpuUsPerRequest: (used.user + used.system) / n };
}

const n = sizeArg();
const server = await startH1Server();
try {
  report(await main(n, server.url));
} finally {
  server.stop();
}
