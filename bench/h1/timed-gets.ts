/**
 * What the H1 programs share: start the local server, time N GETs (wall time and this process's
 * CPU per request), check every body arrived, report.
 */
import assert from 'node:assert/strict';
import { report, sizeArg } from '../lib/program.js';
import { startH1Server } from './server-process.js';

/** An H1 result: elapsed milliseconds and CPU microseconds per request. */
export interface H1Measurement {
  ms: number;
  cpuUsPerRequest: number;
}

/** Times `getAll()`, which makes the `n` GETs and returns each body's size. */
export async function timeGets(n: number, getAll: () => PromiseLike<number[]>): Promise<H1Measurement> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const sizes = await getAll();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  assert.equal(sizes.length, n);
  assert.ok(sizes.every((s) => s === 100));
  return { ms, cpuUsPerRequest: (used.user + used.system) / n };
}

/** Runs `main(n, url)` against a fresh H1 server (size from the command line) and reports it. */
export async function reportH1(main: (n: number, url: string) => Promise<H1Measurement>): Promise<void> {
  const n = sizeArg();
  const server = await startH1Server();
  try {
    report(await main(n, server.url));
  } finally {
    server.stop();
  }
}
