/**
 * `node:assert/strict`, except that `assert.ok(value)` and `assert(value)` without a message get a
 * fixed one. Without it Node builds the message by re-reading and parsing the test's source,
 * which under tsx's source maps can take so long on a big test file that a failing test hangs
 * the run instead of failing.
 */
import nodeAssert from 'node:assert/strict';

function ok(value: unknown, message?: string | Error): asserts value {
  nodeAssert.ok(value, message ?? 'expected a truthy value');
}

const assert: typeof nodeAssert = Object.assign((value: unknown, message?: string | Error): void => ok(value, message), nodeAssert, {
  ok,
}) as typeof nodeAssert;

export default assert;
