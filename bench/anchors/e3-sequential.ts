/** E3 anchor: the same 4 counts to N, one after another, in one thread (no pool). */
import assert from 'node:assert/strict';
import { report, sizeArg } from '../lib/program.js';

const count = (n: number): number => {
  let c = 0;
  while (c < n) c++;
  return c;
};

const n = sizeArg();
count(1); // the same warm-up as the pool's
const start = performance.now();
const results = [0, 1, 2, 3].map(() => count(n));
const ms = performance.now() - start;
assert.deepEqual(results, [n, n, n, n]);
report({ ms });
