/** PriorityQueue's order: Python's default order, FIFO for ties, `key`, `compare`, and bad input. */
import { test } from 'node:test';
import assert from '../helpers/assert.js';
import { PriorityQueue } from '../../src/index.js';
import { queueField } from '../helpers/sync.js';

function drain<T>(q: PriorityQueue<T>): T[] {
  const out: T[] = [];
  while (!q.empty()) out.push(q.getNowait());
  return out;
}

function fill<T>(q: PriorityQueue<T>, items: T[]): PriorityQueue<T> {
  for (const x of items) q.putNowait(x);
  return q;
}

test('numbers, with bigints and booleans among them, smallest first', () => {
  const q = fill(new PriorityQueue<number | bigint | boolean>(), [3, 10n, -1.5, 2n, true, 0, -Infinity]);
  assert.deepEqual(drain(q), [-Infinity, -1.5, 0, true, 2n, 3, 10n]);
});

test('strings by code point, as Python (not by UTF-16 unit)', () => {
  const astral = '\u{1F600}'; // a surrogate pair, 0xD83D 0xDE00
  const high = '\uFFFF';
  const q = fill(new PriorityQueue<string>(), ['b', astral, high, 'a', 'ab', '']);
  assert.deepEqual(drain(q), ['', 'a', 'ab', 'b', high, astral]);
});

test('arrays element by element (a shorter prefix first), so [priority, data] works', () => {
  const q = fill(new PriorityQueue<unknown[]>(), [[2, 'b'], [1, 'z'], [2, 'a'], [1], [2, 'a', 0]]);
  assert.deepEqual(drain(q), [[1], [1, 'z'], [2, 'a'], [2, 'a', 0], [2, 'b']]);
  const nested = fill(new PriorityQueue<unknown[]>(), [[[1, 2], 'x'], [[1], 'y'], [[0, 5], 'z']]);
  assert.deepEqual(drain(nested), [[[0, 5], 'z'], [[1], 'y'], [[1, 2], 'x']]);
});

test('equal items come out first in, first out', () => {
  const jobs = Array.from({ length: 50 }, (_, i) => ({ id: i }));
  const q = new PriorityQueue<[number, { id: number }]>();
  for (const job of jobs) q.putNowait([job.id % 3, job]);
  const out = drain(q);
  const expected = [0, 1, 2].flatMap((p) => jobs.filter((j) => j.id % 3 === p));
  assert.deepEqual(out.map(([, j]) => j), expected, 'data objects are never compared: ties keep insertion order');
});

test('equal numbers keep insertion order (checked by identity with key)', () => {
  const items = Array.from({ length: 100 }, (_, i) => ({ p: (i * 37) % 5, i }));
  const q = new PriorityQueue<{ p: number; i: number }>(0, { key: (x) => x.p });
  for (const x of items) q.putNowait(x);
  const out = drain(q);
  const expected = [...items].sort((a, b) => a.p - b.p || a.i - b.i);
  assert.deepEqual(out, expected);
});

test('key: orders by what it returns, called once per put', () => {
  let calls = 0;
  const q = new PriorityQueue<{ name: string; deadline: number }>(0, {
    key: (t) => {
      calls++;
      return t.deadline;
    },
  });
  fill(q, [
    { name: 'c', deadline: 3 },
    { name: 'a', deadline: 1 },
    { name: 'b', deadline: 2 },
  ]);
  assert.equal(calls, 3);
  assert.deepEqual(drain(q).map((t) => t.name), ['a', 'b', 'c']);
});

test('compare: orders as Array.prototype.sort would, ties first in first out', () => {
  const q = new PriorityQueue<{ v: number; tag: string }>(0, { compare: (a, b) => b.v - a.v });
  fill(q, [
    { v: 1, tag: 'x' },
    { v: 5, tag: 'y' },
    { v: 1, tag: 'z' },
    { v: 3, tag: 'w' },
  ]);
  assert.deepEqual(drain(q).map((t) => t.tag), ['y', 'w', 'x', 'z']);
});

test('objects without key or compare: TypeError naming the type, and the queue is unchanged', () => {
  const q = new PriorityQueue<unknown>();
  q.putNowait(1);
  for (const bad of [{ a: 1 }, null, undefined, () => 0, Symbol('s'), new Date(0)]) {
    assert.throws(() => q.putNowait(bad), (e: unknown) => {
      assert.ok(e instanceof TypeError);
      assert.match(e.message, /PriorityQueue cannot order .*(object|null|undefined|function|symbol)/);
      assert.match(e.message, /key|compare/);
      return true;
    });
  }
  assert.equal(q.qsize(), 1);
  assert.equal(queueField(q, 'tasks'), 1, 'failed puts are not counted');
});

test('mixing kinds at the top level is a TypeError, as Python; once empty any kind is fine', () => {
  const q = new PriorityQueue<unknown>();
  q.putNowait(1);
  assert.throws(() => q.putNowait('a'), /cannot compare 'a' \(string\) with the number items/);
  assert.throws(() => q.putNowait([1]), /cannot compare .* with the number items/);
  q.getNowait();
  q.putNowait('a');
  assert.equal(q.getNowait(), 'a');
});

test('a key that returns an unorderable value is a TypeError naming it', () => {
  const q = new PriorityQueue<{ k: unknown }>(0, { key: (x) => x.k });
  assert.throws(() => q.putNowait({ k: {} }), /cannot order key .*object/);
  assert.equal(q.qsize(), 0);
});

test('bad options: TypeError', () => {
  assert.throws(() => new PriorityQueue(0, { key: 1 as never }), /key must be a function/);
  assert.throws(() => new PriorityQueue(0, { compare: 'x' as never }), /compare must be a function/);
  assert.throws(() => new PriorityQueue(0, { key: (x) => x, compare: () => 0 }), /either key or compare/);
  assert.throws(() => new PriorityQueue(0, 5 as never), /options must be an object/);
  assert.throws(() => new PriorityQueue('1' as never), /maxsize/);
});

test('unorderable elements deep inside arrays count as equal (FIFO decides)', () => {
  const a = { n: 'a' };
  const b = { n: 'b' };
  const q = fill(new PriorityQueue<unknown[]>(), [[1, b, 2], [1, a, 1], [0, 'x', 5]]);
  assert.deepEqual(drain(q), [[0, 'x', 5], [1, b, 2], [1, a, 1]]);
});

test('NaN priorities do not break the heap', () => {
  const q = fill(new PriorityQueue<number>(), [3, NaN, 1, NaN, 2]);
  const out = drain(q);
  assert.equal(out.length, 5);
  assert.deepEqual(out.filter((x) => !Number.isNaN(x)).length, 3);
});

test('heap order holds under random puts and gets (against a sorted model)', () => {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const q = new PriorityQueue<[number, number]>();
  const model: [number, number][] = [];
  let seq = 0;
  for (let i = 0; i < 5000; i++) {
    if (rand() < 0.6 || model.length === 0) {
      const item: [number, number] = [Math.floor(rand() * 20), seq++];
      q.putNowait(item);
      model.push(item);
      model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    } else {
      assert.deepEqual(q.getNowait(), model.shift());
    }
  }
});
