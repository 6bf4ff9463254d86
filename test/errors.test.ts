/**
 * errors.ts: the full `instanceof` matrix of every exported error class against every other,
 * literal and stable `name` and `code`, `cause` kept, structured fields, `isCancelled`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as errors from '../src/errors.js';

type AnyErrorClass = new (...args: any[]) => Error;

/** Every error class errors.ts exports: its parent, its stable code, and how to make one with a cause. */
const TABLE: Record<string, { parent: string; code: string; make: (cause?: unknown) => Error }> = {
  AsyncioError: { parent: 'Error', code: 'ERR_TSAIO', make: (cause) => new errors.AsyncioError('m', { cause }) },
  CancelledError: { parent: 'AsyncioError', code: 'ERR_TSAIO_CANCELLED', make: (cause) => new errors.CancelledError('m', { cause }) },
  TimeoutError: { parent: 'AsyncioError', code: 'ERR_TSAIO_TIMEOUT', make: (cause) => new errors.TimeoutError('m', { cause }) },
  InvalidStateError: { parent: 'AsyncioError', code: 'ERR_TSAIO_INVALID_STATE', make: (cause) => new errors.InvalidStateError('m', { cause }) },
  RuntimeError: { parent: 'AsyncioError', code: 'ERR_TSAIO_RUNTIME', make: (cause) => new errors.RuntimeError('m', { cause }) },
  ValueError: { parent: 'AsyncioError', code: 'ERR_TSAIO_VALUE', make: (cause) => new errors.ValueError('m', { cause }) },
  QueueEmpty: { parent: 'AsyncioError', code: 'ERR_TSAIO_QUEUE_EMPTY', make: (cause) => new errors.QueueEmpty('m', { cause }) },
  QueueFull: { parent: 'AsyncioError', code: 'ERR_TSAIO_QUEUE_FULL', make: (cause) => new errors.QueueFull('m', { cause }) },
  QueueShutDown: { parent: 'AsyncioError', code: 'ERR_TSAIO_QUEUE_SHUT_DOWN', make: (cause) => new errors.QueueShutDown('m', { cause }) },
  BrokenBarrierError: { parent: 'RuntimeError', code: 'ERR_TSAIO_BROKEN_BARRIER', make: (cause) => new errors.BrokenBarrierError('m', { cause }) },
  BrokenExecutorError: { parent: 'RuntimeError', code: 'ERR_TSAIO_BROKEN_EXECUTOR', make: (cause) => new errors.BrokenExecutorError('m', { cause }) },
  BrokenThreadPool: { parent: 'BrokenExecutorError', code: 'ERR_TSAIO_BROKEN_THREAD_POOL', make: (cause) => new errors.BrokenThreadPool('m', { cause }) },
  BrokenProcessPool: { parent: 'BrokenExecutorError', code: 'ERR_TSAIO_BROKEN_PROCESS_POOL', make: (cause) => new errors.BrokenProcessPool('m', { cause }) },
  ClientError: { parent: 'AsyncioError', code: 'ERR_TSAIO_CLIENT', make: (cause) => new errors.ClientError('m', { cause }) },
  InvalidURL: { parent: 'ClientError', code: 'ERR_TSAIO_INVALID_URL', make: (cause) => new errors.InvalidURL('ftp://x', { cause }) },
  ClientResponseError: {
    parent: 'ClientError',
    code: 'ERR_TSAIO_CLIENT_RESPONSE',
    make: (cause) => new errors.ClientResponseError(404, 'Not Found', 'http://h/p', { cause }),
  },
  ClientConnectorError: {
    parent: 'ClientError',
    code: 'ERR_TSAIO_CLIENT_CONNECTOR',
    make: (cause) => new errors.ClientConnectorError('h', 81, { cause }),
  },
  ContentTypeError: { parent: 'ClientError', code: 'ERR_TSAIO_CONTENT_TYPE', make: (cause) => new errors.ContentTypeError('m', { cause }) },
  ConnectionResetError: { parent: 'AsyncioError', code: 'ECONNRESET', make: (cause) => new errors.ConnectionResetError('m', { cause }) },
  IncompleteReadError: {
    parent: 'AsyncioError',
    code: 'ERR_TSAIO_INCOMPLETE_READ',
    make: (cause) => new errors.IncompleteReadError(new Uint8Array(18), 36, { cause }),
  },
  LimitOverrunError: {
    parent: 'AsyncioError',
    code: 'ERR_TSAIO_LIMIT_OVERRUN',
    make: (cause) => new errors.LimitOverrunError('m', 10, { cause }),
  },
  ExceptionGroup: {
    parent: 'AggregateError',
    code: 'ERR_TSAIO_EXCEPTION_GROUP',
    make: (cause) => new errors.ExceptionGroup('m', [new Error('a')], { cause }),
  },
};

const classes = new Map<string, AnyErrorClass>();
for (const [name, value] of Object.entries(errors)) {
  if (typeof value === 'function' && value.prototype instanceof Error) classes.set(name, value as unknown as AnyErrorClass);
}
const builtins: Record<string, AnyErrorClass> = { Error, AggregateError };

/** The names of `name` and all its ancestors in TABLE (and the builtin at the root). */
function ancestry(name: string): Set<string> {
  const out = new Set<string>();
  for (let n: string | undefined = name; n !== undefined; n = TABLE[n]?.parent) {
    out.add(n);
    if (!(n in TABLE)) break;
  }
  return out;
}

test('every error class errors.ts exports is in the table (a new class must be added here)', () => {
  assert.deepEqual([...classes.keys()].sort(), Object.keys(TABLE).sort());
});

test('instanceof matrix: an instance of A is an instance of B exactly when B is A or an ancestor of A', () => {
  const mismatches: string[] = [];
  for (const [a, entry] of Object.entries(TABLE)) {
    const instance = entry.make();
    const chain = ancestry(a);
    for (const [b, B] of classes) {
      const expected = chain.has(b);
      if ((instance instanceof B) !== expected) mismatches.push(`${a} instanceof ${b}: expected ${expected}`);
    }
    for (const [b, B] of Object.entries(builtins)) {
      const expected = b === 'Error' || chain.has(b);
      if ((instance instanceof B) !== expected) mismatches.push(`${a} instanceof ${b}: expected ${expected}`);
    }
  }
  assert.deepEqual(mismatches, []);
});

test('instanceof never answers true for an unrelated plain Error or a look-alike object', () => {
  const plain = new Error('x');
  const lookAlike = Object.assign(new Error('x'), { name: 'CancelledError', code: 'ERR_TSAIO_CANCELLED' });
  for (const [name, C] of classes) {
    assert.equal(plain instanceof C, false, name);
    assert.equal(lookAlike instanceof C, false, name);
  }
});

test('name is the literal class name, on the class, the instance and in toString(); it is not an own property', () => {
  for (const [name, entry] of Object.entries(TABLE)) {
    const C = classes.get(name)!;
    const e = entry.make();
    assert.equal(C.name, name);
    assert.equal(e.name, name);
    assert.equal(Object.prototype.hasOwnProperty.call(e, 'name'), false, `${name}: name is not copied onto instances`);
    assert.ok(e.toString().startsWith(`${name}: `) || e.toString() === name, `${name}: ${e.toString()}`);
    assert.ok(e.stack!.startsWith(name), `${name}: the stack starts with the name`);
  }
});

test('code is the stable literal of the table, the same on every instance', () => {
  for (const [name, entry] of Object.entries(TABLE)) {
    const a = entry.make() as Error & { code: unknown };
    const b = entry.make() as Error & { code: unknown };
    assert.equal(a.code, entry.code, name);
    assert.equal(b.code, entry.code, name);
  }
  const codes = Object.values(TABLE).map((e) => e.code);
  assert.equal(new Set(codes).size, codes.length, 'codes are distinct');
});

test('cause is kept by every class', () => {
  for (const [name, entry] of Object.entries(TABLE)) {
    const cause = new Error(`cause of ${name}`);
    assert.equal(entry.make(cause).cause, cause, name);
    assert.equal(entry.make().cause, undefined, `${name} without a cause`);
  }
});

test('structured fields and asyncio messages', () => {
  const ire = new errors.IncompleteReadError(new Uint8Array(18), 36);
  assert.equal(ire.partial.length, 18);
  assert.equal(ire.expected, 36);
  assert.equal(ire.message, '18 bytes read on a total of 36 expected bytes');
  const ireNull = new errors.IncompleteReadError(new Uint8Array(3), null);
  assert.equal(ireNull.expected, null);
  assert.equal(ireNull.message, '3 bytes read on a total of undefined expected bytes');
  const loe = new errors.LimitOverrunError('Separator is not found, and chunk exceed the limit', 10);
  assert.equal(loe.consumed, 10);
  assert.equal(loe.message, 'Separator is not found, and chunk exceed the limit');
  const cre = new errors.ClientResponseError(404, 'Not Found', 'http://h/p');
  assert.equal(cre.status, 404);
  assert.equal(cre.url, 'http://h/p');
  const bad = new errors.InvalidURL('ftp://x');
  assert.equal(bad.url, 'ftp://x');
  const inner = [new Error('a'), new errors.ValueError('b')];
  const group = new errors.ExceptionGroup('grouped', inner);
  assert.deepEqual(group.errors, inner);
  assert.deepEqual(group.exceptions, inner);
  assert.equal(group.message, 'grouped');
});

test('CancelledError: message is String(msg) or empty; cancelMessage keeps the value given', () => {
  const none = new errors.CancelledError();
  assert.equal(none.message, '');
  assert.equal(none.cancelMessage, undefined);
  const withMsg = new errors.CancelledError('stop');
  assert.equal(withMsg.message, 'stop');
  assert.equal(withMsg.cancelMessage, 'stop');
  const obj = { reason: 1 };
  const withObj = new errors.CancelledError(obj);
  assert.equal(withObj.cancelMessage, obj);
  assert.equal(withObj.message, String(obj));
});

test('isCancelled is true for CancelledError (and subclasses) only', () => {
  class MyCancelled extends errors.CancelledError {}
  assert.equal(errors.isCancelled(new errors.CancelledError()), true);
  assert.equal(errors.isCancelled(new MyCancelled()), true);
  for (const [name, entry] of Object.entries(TABLE)) {
    if (name === 'CancelledError') continue;
    assert.equal(errors.isCancelled(entry.make()), false, name);
  }
  assert.equal(errors.isCancelled(new Error('x')), false);
  assert.equal(errors.isCancelled(Object.assign(new Error('x'), { name: 'CancelledError' })), false);
  assert.equal(errors.isCancelled(new DOMException('aborted', 'AbortError')), false);
  assert.equal(errors.isCancelled(undefined), false);
  assert.equal(errors.isCancelled(null), false);
  assert.equal(errors.isCancelled('CancelledError'), false);
});

test('user subclasses (also in TypeScript) keep the hierarchy, the code and the cause', () => {
  class AppTimeout extends errors.TimeoutError {
    readonly budget = 5;
  }
  const cause = new Error('slow');
  const e = new AppTimeout('late', { cause });
  assert.ok(e instanceof AppTimeout);
  assert.ok(e instanceof errors.TimeoutError);
  assert.ok(e instanceof errors.AsyncioError);
  assert.equal(e instanceof errors.RuntimeError, false);
  assert.equal(e.name, 'TimeoutError');
  assert.equal(e.code, 'ERR_TSAIO_TIMEOUT');
  assert.equal(e.cause, cause);
  assert.equal(e.budget, 5);
});
