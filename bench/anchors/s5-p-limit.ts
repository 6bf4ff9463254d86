/**
 * S5 peer: p-limit(10) around one yield, N jobs awaited with `Promise.all`.
 * The yield is `await Promise.resolve()`, as in the S1 floor.
 */
import pLimit from 'p-limit';
import { report, sizeArg } from '../lib/program.js';

const LIMIT = 10;

async function job(): Promise<void> {
  await Promise.resolve();
}

const n = sizeArg();
const limit = pLimit(LIMIT);
const start = performance.now();
await Promise.all(Array.from({ length: n }, () => limit(job)));
report({ ms: performance.now() - start });
