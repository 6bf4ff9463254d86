/**
 * Helpers for the waitFor / timeout / TaskGroup conformance ports (test-waitfor, test-timeouts,
 * test-taskgroups). Not a test file itself.
 */
import assert from 'node:assert/strict';
import { getRunningLoop, sleep } from '../../src/index.js';

/** Python's ZeroDivisionError (`1/0`), KeyError and the tests' own exception classes. */
export class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}
export class KeyError extends Error {
  override name = 'KeyError';
}
export class MyExc extends Error {
  override name = 'MyExc';
}
export class FooException extends Error {
  override name = 'FooException';
}

/** Python's `1/0`: throws a ZeroDivisionError. */
export function divideByZero(): never {
  throw new ZeroDivisionError('division by zero');
}

/** Awaits `p` and returns the error it rejects with; fails the test if it resolves. */
export async function rejection(p: PromiseLike<unknown> | (() => PromiseLike<unknown>)): Promise<unknown> {
  let value: unknown;
  try {
    value = await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  assert.fail(`expected a rejection, got the value ${String(value)}`);
}

/** Runs `fn` and returns what it throws synchronously; fails the test if it returns. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected a throw');
}

/** One tick: one `await sleep(0)` in the calling task (one loop iteration). */
export async function tick(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await sleep(0);
}

/** The running loop's time (seconds). */
export function now(): number {
  return getRunningLoop().time();
}

/** The errors of an ExceptionGroup (`except*`): fails unless `e` is an AggregateError. */
export function groupErrors(e: unknown): unknown[] {
  assert.ok(e instanceof AggregateError, `expected an ExceptionGroup, got ${String(e)}`);
  return e.errors;
}

/** The constructor names of a group's errors, sorted (Python's set of exception types). */
export function groupTypes(e: unknown): string[] {
  return [...new Set(groupErrors(e).map((x) => (x as object).constructor.name))].sort();
}
