import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { ByteBuffer } from '../../src/streams/byte-buffer.js';
import { findEarliest, normalizeSeparators } from '../../src/streams/separators.js';
import { ValueError } from '../../src/errors.js';

const b = (s: string) => Buffer.from(s);

function filled(...chunks: string[]): ByteBuffer {
  const buf = new ByteBuffer();
  for (const c of chunks) buf.push(b(c));
  return buf;
}

test('take returns zero-copy views within a chunk and joins across chunks', () => {
  const buf = filled('hello', ' ', 'world');
  assert.equal(buf.length, 11);
  const first = buf.take(3);
  assert.equal(first.toString(), 'hel');
  assert.equal(buf.take(4).toString(), 'lo w');
  assert.equal(buf.length, 4);
  assert.equal(buf.take(100).toString(), 'orld');
  assert.equal(buf.length, 0);
  assert.equal(buf.take(1).length, 0);
});

test('indexOf finds separators inside chunks, across boundaries and across several small chunks', () => {
  assert.equal(filled('abc\ndef').indexOf(b('\n')), 3);
  assert.equal(filled('abc', 'def\n').indexOf(b('\n')), 6);
  assert.equal(filled('abcA', 'AAdef').indexOf(b('AAA')), 3);
  assert.equal(filled('ab', 'c', 'd', 'ef').indexOf(b('bcde')), 1);
  assert.equal(filled('xSEP', 'ARA', 'TOR!').indexOf(b('SEPARATOR')), 1);
  assert.equal(filled('abc', 'def').indexOf(b('xyz')), -1);
  assert.equal(filled('abAA', 'A').indexOf(b('AAA'), 3), -1);
  assert.equal(filled('AAA', 'AAA').indexOf(b('AAA'), 1), 1);
});

test('indexOf respects the read position after take', () => {
  const buf = filled('line1\nline2\n');
  buf.take(6);
  assert.equal(buf.indexOf(b('\n')), 5);
  assert.equal(buf.byteAt(0), 'l'.charCodeAt(0));
  assert.ok(buf.startsWith(b('2\n'), 4));
  assert.ok(!buf.startsWith(b('2\n'), 5));
});

test('indexOf agrees with Buffer.indexOf on random chunkings (property check)', () => {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let round = 0; round < 500; round++) {
    const text = Array.from({ length: 1 + rand(40) }, () => 'ab\n'[rand(3)]).join('');
    const sep = Array.from({ length: 1 + rand(4) }, () => 'ab\n'[rand(3)]).join('');
    const consumed = rand(text.length);
    const buf = new ByteBuffer();
    let i = 0;
    while (i < text.length) {
      const n = 1 + rand(5);
      buf.push(b(text.slice(i, i + n)));
      i += n;
    }
    buf.take(consumed);
    const rest = b(text.slice(consumed));
    const from = rand(rest.length + 1);
    assert.equal(buf.indexOf(b(sep), from), rest.indexOf(b(sep), from), `${JSON.stringify(text)} ${JSON.stringify(sep)}`);
  }
});

test('chunks are compacted as they are consumed', () => {
  const buf = new ByteBuffer();
  for (let i = 0; i < 1000; i++) buf.push(b('x\n'));
  for (let i = 0; i < 999; i++) assert.equal(buf.take(2).toString(), 'x\n');
  assert.equal(buf.indexOf(b('\n')), 1);
  assert.equal(buf.length, 2);
});

test('separators: the match that ends earliest wins, and the shorter one on a tie', () => {
  const seps = normalizeSeparators(['DEF', 'BCDE']);
  assert.deepEqual(findEarliest(filled('ABCDEFG'), seps, 0), { start: 1, end: 5 });
  const tie = normalizeSeparators(['A', 'ome dataA']);
  assert.deepEqual(findEarliest(filled('some dataA'), tie, 0), { start: 9, end: 10 });
  assert.equal(findEarliest(filled('xyz'), seps, 0), null);
});

test('separators: empty separators and empty lists are ValueErrors with asyncio messages', () => {
  assert.throws(() => normalizeSeparators(''), (e) => e instanceof ValueError && /at least one-byte string/.test(e.message));
  assert.throws(() => normalizeSeparators(['']), (e) => e instanceof ValueError && /at least one-byte string/.test(e.message));
  assert.throws(() => normalizeSeparators([]), (e) => e instanceof ValueError && /at least one element/.test(e.message));
  assert.throws(() => normalizeSeparators(42 as never), TypeError);
});

test('a short take from a big chunk is a copy; a large one is a view', () => {
  const chunk = Buffer.alloc(1000, 0x61);
  const buf = new ByteBuffer();
  buf.push(chunk);
  const small = buf.take(10);
  assert.notEqual(small.buffer, chunk.buffer, 'a short line does not keep the chunk alive');
  const large = buf.take(990);
  assert.equal(large.buffer, chunk.buffer);
});
