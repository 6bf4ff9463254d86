/** Bad input is refused at the door, with errors that name the bad value. */
import { test } from 'node:test';
import assert from '../helpers/assert.js';
import { Barrier, BoundedSemaphore, Condition, Event, Lock, RuntimeError, Semaphore, ValueError } from '../../src/index.js';
import { caught, virtual } from '../helpers/sync.js';

test('Semaphore and BoundedSemaphore: value must be a non-negative integer', () => {
  for (const Cls of [Semaphore, BoundedSemaphore]) {
    assert.throws(() => new Cls(-1), (e: unknown) => e instanceof ValueError && /must be >= 0, got -1/.test(e.message));
    assert.throws(() => new Cls(1.5), (e: unknown) => e instanceof ValueError && /integer, got 1.5/.test(e.message));
    assert.throws(() => new Cls(NaN), ValueError);
    assert.throws(() => new Cls(Infinity), ValueError);
    assert.throws(() => new Cls('3' as never), (e: unknown) => e instanceof TypeError && /got '3' \(string\)/.test(e.message));
    assert.throws(() => new Cls(null as never), (e: unknown) => e instanceof TypeError && /got null/.test(e.message));
    assert.equal(new Cls()._value, 1);
    assert.equal(new Cls(0)._value, 0);
  }
});

test('BoundedSemaphore: releasing past the initial value is a ValueError and changes nothing', async () => {
  await virtual(async () => {
    const sem = new BoundedSemaphore(2);
    await sem.acquire();
    sem.release();
    assert.throws(() => sem.release(), /BoundedSemaphore released too many times/);
    assert.equal(sem._value, 2);
  });
});

test('Lock: release() of an unlocked lock is a RuntimeError', () => {
  assert.throws(() => new Lock().release(), (e: unknown) => e instanceof RuntimeError && e.message === 'Lock is not acquired.');
});

test('Barrier: parties must be an integer >= 1', () => {
  assert.throws(() => new Barrier(0), (e: unknown) => e instanceof ValueError && /got 0/.test(e.message));
  assert.throws(() => new Barrier(-2), ValueError);
  assert.throws(() => new Barrier(2.5), ValueError);
  assert.throws(() => new Barrier('2' as never), TypeError);
  assert.throws(() => new (Barrier as unknown as new () => Barrier)(), TypeError);
  assert.equal(new Barrier(3).parties, 3);
});

test('Condition: the lock must be lock-like; predicate must be a function; n must be a number', async () => {
  assert.throws(() => new Condition({} as never), /Condition needs a lock .*got \[object Object\] \(object\)/);
  assert.throws(() => new Condition(5 as never), /got 5 \(number\)/);
  new Condition(null); // null means "make one"
  await virtual(async () => {
    const cond = new Condition();
    assert.ok((await caught(cond.waitFor(true as never))) instanceof TypeError);
    await cond.acquire();
    assert.throws(() => cond.notify('2' as never), /n must be a number, got '2' \(string\)/);
    assert.throws(() => cond.notify(NaN), TypeError);
    cond.notify(0);
    cond.notify(-3);
    cond.release();
    assert.ok((await caught(cond.wait())) instanceof RuntimeError, 'wait() without the lock');
  });
});

test('toString shows the state as asyncio\'s repr', async () => {
  await virtual(async () => {
    const lock = new Lock();
    assert.equal(String(lock), '<Lock [unlocked]>');
    await lock.acquire();
    assert.equal(String(lock), '<Lock [locked]>');
    const ev = new Event();
    assert.equal(String(ev), '<Event [unset]>');
    ev.set();
    assert.equal(String(ev), '<Event [set]>');
    assert.equal(String(new Semaphore(2)), '<Semaphore [unlocked, value:2]>');
    assert.equal(String(new BoundedSemaphore(0)), '<BoundedSemaphore [locked]>');
    assert.equal(String(new Condition()), '<Condition [unlocked]>');
    assert.equal(String(new Barrier(3)), '<Barrier [filling, waiters:0/3]>');
    assert.equal(Object.prototype.toString.call(lock), '[object Lock]');
  });
});
