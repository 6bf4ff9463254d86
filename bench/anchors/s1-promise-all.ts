/**
 * S1 floor: `Promise.all` of N async functions, each yields once and returns its index.
 *
 * The yield is `await Promise.resolve()`, one microtask turn: the cheapest suspension Node has and
 * the raw-Promise stand-in for `sleep(0)` (no setImmediate, which would time libuv instead).
 */
import assert from 'node:assert/strict';
import { report, sizeArg } from '../lib/program.js';

async function job(i: number): Promise<number> {
  await Promise.resolve();
  return i;
}

const n = sizeArg();
const start = performance.now();
const results = await Promise.all(Array.from({ length: n }, (_, i) => job(i)));
const ms = performance.now() - start;
assert.equal(results[n - 1], n - 1);
report({ ms });
