import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValueError } from '../../src/index.js';
import { decodeThrow, encodeThrow } from '../../src/executors/protocol.js';

const roundTrip = (e: unknown): unknown => decodeThrow(structuredClone(encodeThrow(e)));

test('native error classes keep their class, message and stack', () => {
  for (const E of [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError]) {
    const original = new E('msg');
    const back = roundTrip(original) as Error;
    assert.ok(back instanceof E);
    assert.equal(back.name, original.name);
    assert.equal(back.message, 'msg');
    assert.equal(back.stack, original.stack);
  }
});

test('other errors keep their name, code, data fields and cause', () => {
  const err = Object.assign(new ValueError('bad value', { cause: new RangeError('inner') }), { field: [1, 2] });
  const back = roundTrip(err) as Error & { code: string; field: number[] };
  assert.equal(back.name, 'ValueError');
  assert.equal(back.code, 'ERR_TSAIO_VALUE');
  assert.deepEqual(back.field, [1, 2]);
  assert.ok(back.cause instanceof RangeError);
  assert.equal((back.cause as Error).message, 'inner');
});

test('thrown non-errors arrive as they were; uncloneable fields become strings', () => {
  assert.equal(roundTrip('plain string'), 'plain string');
  assert.deepEqual(roundTrip({ code: 7 }), { code: 7 });
  const fn = (): number => 1;
  assert.equal(roundTrip(fn), String(fn));
  const err = Object.assign(new Error('x'), { fn });
  assert.equal((roundTrip(err) as { fn: string }).fn, String(fn));
});
