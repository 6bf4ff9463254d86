import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  run, createTask, sleep, CancelledError, IncompleteReadError, LimitOverrunError, RuntimeError, ValueError,
  ConnectionResetError,
} from '../../src/index.js';
import { StreamReader } from '../../src/streams/index.js';
import { b, s } from '../fixtures/streams/helpers.js';

/** A source that records pause/resume calls. */
function fakeTransport() {
  const calls: string[] = [];
  return { calls, pauseReading: () => void calls.push('pause'), resumeReading: () => void calls.push('resume') };
}

test('a cancelled readline leaves the data buffered and the next readline succeeds', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('partial '));
    const first = createTask(() => reader.readline());
    await sleep(0);
    first.cancel();
    await assert.rejects(first, CancelledError);
    assert.ok(first.cancelled());
    reader.feedData(b('line\nnext'));
    assert.equal(s(await reader.readline()), 'partial line\n');
    assert.equal(s(await reader.read(100)), 'next');
  }));

test('a second read while one waits is a RuntimeError naming the method', () =>
  run(async () => {
    const reader = new StreamReader();
    const first = createTask(() => reader.readline());
    await sleep(0);
    await assert.rejects(reader.read(10), (e) => e instanceof RuntimeError && /read\(\) called while another/.test(e.message));
    await assert.rejects(reader.readExactly(3), (e) => e instanceof RuntimeError && /readExactly\(\)/.test(e.message));
    reader.feedData(b('ok\n'));
    assert.equal(s(await first), 'ok\n');
  }));

test('the source is paused above 2 × limit and resumed at limit', () =>
  run(async () => {
    const reader = new StreamReader({ limit: 4 });
    const transport = fakeTransport();
    reader.setTransport(transport);
    reader.feedData(b('12345678'));
    assert.deepEqual(transport.calls, [], 'exactly 2 × limit does not pause');
    reader.feedData(b('9'));
    assert.deepEqual(transport.calls, ['pause']);
    reader.feedData(b('ab'));
    assert.deepEqual(transport.calls, ['pause'], 'paused once');
    await reader.read(6); // 5 left: still above the limit
    assert.deepEqual(transport.calls, ['pause']);
    await reader.read(1); // 4 left
    assert.deepEqual(transport.calls, ['pause', 'resume']);
  }));

test('a read that must wait resumes a paused source (readExactly beyond the limit)', () =>
  run(async () => {
    const reader = new StreamReader({ limit: 2 });
    const transport = fakeTransport();
    reader.setTransport(transport);
    reader.feedData(b('abcde'));
    assert.deepEqual(transport.calls, ['pause']);
    const exactly = createTask(() => reader.readExactly(8));
    await sleep(0);
    assert.deepEqual(transport.calls, ['pause', 'resume']);
    reader.feedData(b('fgh'));
    assert.equal(s(await exactly), 'abcdefgh');
  }));

test('read() with no size reads everything until EOF, beyond the limit', () =>
  run(async () => {
    const reader = new StreamReader({ limit: 3 });
    reader.setTransport(fakeTransport());
    const all = createTask(() => reader.read());
    for (let i = 0; i < 10; i++) {
      reader.feedData(b(`chunk${i};`));
      await sleep(0);
    }
    reader.feedEof();
    assert.equal(s(await all), Array.from({ length: 10 }, (_, i) => `chunk${i};`).join(''));
  }));

test('readExactly at EOF raises IncompleteReadError with partial and expected', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('abc'));
    reader.feedEof();
    await assert.rejects(reader.readExactly(10), (e) => {
      assert.ok(e instanceof IncompleteReadError);
      assert.equal(s(e.partial), 'abc');
      assert.equal(e.expected, 10);
      return true;
    });
    assert.ok(reader.atEof());
  }));

test('readUntil over the limit raises LimitOverrunError and keeps the data', () =>
  run(async () => {
    const reader = new StreamReader({ limit: 4 });
    reader.feedData(b('abcdefgh'));
    await assert.rejects(
      reader.readUntil('!'),
      (e) => e instanceof LimitOverrunError && /not found/.test(e.message) && e.consumed === 8,
    );
    reader.feedData(b('!'));
    await assert.rejects(reader.readUntil('!'), (e) => e instanceof LimitOverrunError && e.consumed === 8);
    assert.equal(s(await reader.readExactly(9)), 'abcdefgh!');
  }));

test('readline over the limit is a ValueError (not a LimitOverrunError), caused by the overrun', () =>
  run(async () => {
    const reader = new StreamReader({ limit: 2 });
    reader.feedData(b('abcd\nok\n'));
    await assert.rejects(reader.readline(), (e) => {
      assert.ok(e instanceof ValueError && !(e instanceof LimitOverrunError));
      assert.ok(e.cause instanceof LimitOverrunError);
      return true;
    });
    assert.equal(s(await reader.readline()), 'ok\n');
  }));

test('async iteration yields lines, then the partial last line, then stops', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData(b('a\nb\nc'));
    reader.feedEof();
    const lines: string[] = [];
    for await (const line of reader) lines.push(s(line));
    assert.deepEqual(lines, ['a\n', 'b\n', 'c']);
  }));

test('setException wakes a waiting read with the exception', () =>
  run(async () => {
    const reader = new StreamReader();
    const pending = createTask(() => reader.readline());
    await sleep(0);
    const reset = new ConnectionResetError('reset');
    reader.setException(reset);
    await assert.rejects(pending, (e) => e === reset);
  }));

test('feedData accepts strings and plain Uint8Arrays; feedData after feedEof is a RuntimeError', () =>
  run(async () => {
    const reader = new StreamReader();
    reader.feedData('héllo ');
    reader.feedData(new Uint8Array([0x77, 0x0a]));
    reader.feedData(new Uint8Array(0));
    assert.equal(s(await reader.readline()), 'héllo w\n');
    reader.feedEof();
    assert.throws(() => reader.feedData(b('x')), RuntimeError);
    assert.throws(() => new StreamReader().feedData(42 as never), TypeError);
  }));

test('limit must be a number > 0, named in the error', () => {
  assert.throws(() => new StreamReader({ limit: 0 }), (e) => e instanceof ValueError && /limit/i.test(e.message) && /0/.test(e.message));
  assert.throws(() => new StreamReader({ limit: -5 }), (e) => e instanceof ValueError && /-5/.test(e.message));
  assert.throws(() => new StreamReader({ limit: 'big' as never }), (e) => e instanceof TypeError && /'big'/.test(e.message));
  assert.equal(new StreamReader().limit, 65536);
});

test('read sizes must be numbers', () =>
  run(async () => {
    const reader = new StreamReader();
    await assert.rejects(reader.read('3' as never), TypeError);
    await assert.rejects(reader.readExactly(Number.NaN), TypeError);
  }));
