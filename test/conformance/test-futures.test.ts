/**
 * CONTRACTS.md, section test_futures.py (lines 298–315), ported to tsaio on the virtual clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelledError,
  Future,
  InvalidStateError,
  RuntimeError,
  createTask,
  getRunningLoop,
  type ExceptionContext,
} from '../../src/index.js';
import { runVirtual } from '../../src/testing/index.js';
import { now, recordExceptionHandler, tick } from './helpers.js';

test('298 test_initial_state: a new future is pending; cancel() makes it cancelled', async () => {
  await runVirtual(async () => {
    const f = new Future<number>();
    assert.equal(f.cancelled(), false);
    assert.equal(f.done(), false);
    assert.equal(f.getLoop(), getRunningLoop());
    f.cancel();
    assert.equal(f.cancelled(), true);
  });
});

test('299 test_cancel: result()/exception() raise CancelledError, set_* InvalidStateError, second cancel() false', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<number>();
    assert.equal(f.cancel(), true);
    assert.equal(f.cancelled(), true);
    assert.equal(f.done(), true);
    assert.throws(() => f.result(), CancelledError);
    assert.throws(() => f.exception(), CancelledError);
    assert.throws(() => f.setResult(1), InvalidStateError);
    assert.throws(() => f.setException(new Error('x')), InvalidStateError);
    assert.equal(f.cancel(), false);
    assert.equal(f.cancelled(), true);
  });
});

test('300 test_result: InvalidStateError while pending; result 42; done futures refuse set_* and cancel()', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<number>();
    assert.throws(() => f.result(), InvalidStateError);
    f.setResult(42);
    assert.equal(f.cancelled(), false);
    assert.equal(f.done(), true);
    assert.equal(f.result(), 42);
    assert.equal(f.exception(), null);
    assert.throws(() => f.setResult(43), InvalidStateError);
    assert.throws(() => f.setException(new Error('x')), InvalidStateError);
    assert.equal(f.cancel(), false);
    assert.equal(f.result(), 42);
  });
});

test('301 test_exception: InvalidStateError while pending; result() raises the same instance exception() returns', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<number>();
    assert.throws(() => f.exception(), InvalidStateError);
    const exc = new RuntimeError();
    f.setException(exc);
    assert.equal(f.cancelled(), false);
    assert.equal(f.done(), true);
    assert.throws(
      () => f.result(),
      (e) => e === exc,
    );
    assert.equal(f.exception(), exc);
    assert.throws(() => f.setResult(1), InvalidStateError);
    assert.throws(() => f.setException(new Error('x')), InvalidStateError);
    assert.equal(f.cancel(), false);
  });
});

test('302 test_future_cancel_message_getter+setter: the message given to cancel() is kept (public: CancelledError.cancelMessage)', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<void>();
    f.cancel('my message');
    let caught: unknown;
    try {
      await f;
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof CancelledError);
    assert.equal(caught.cancelMessage, 'my message');
    assert.equal(caught.message, 'my message');
    // The message stays retrievable through the public API afterwards.
    assert.throws(
      () => f.result(),
      (e) => e instanceof CancelledError && e.cancelMessage === 'my message',
    );
  });
});

test('304 test_exception_class: setException(ErrorClass) stores an instance of that class', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<void>();
    f.setException(RuntimeError);
    const exc = f.exception();
    assert.ok(exc instanceof RuntimeError, `got ${String(exc)}`);
    assert.throws(() => f.result(), RuntimeError);
  });
});

test('305 test_stop_iteration_exception: differs: JS has no StopIteration protocol; an error of that name is stored as given', async () => {
  class StopIteration extends Error {}
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<void>();
    const exc = new StopIteration();
    f.setException(exc);
    assert.equal(f.exception(), exc);
    await assert.rejects(f, (e) => e === exc);
  });
});

test('306 test_future_stop_iteration_args: a tuple (array) result is handed over as is, not unpacked', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<[number, number]>();
    const value: [number, number] = [1, 2];
    f.setResult(value);
    // Drive the await protocol by hand: then() gets exactly the array.
    const got: unknown[] = [];
    await f.then((v) => {
      got.push(v);
    });
    assert.equal(got.length, 1);
    assert.equal(got[0], value);
    assert.deepEqual(got[0], [1, 2]);
    assert.equal(await f, value);
  });
});

/** Creates a future in its own frame so that nothing keeps it alive afterwards. */
function dropFailedFuture(exc: Error): void {
  const f = getRunningLoop().createFuture<void>();
  f.setException(exc);
}

test('307 test_tb_logger_*: only a failed future whose exception nobody retrieved is reported (at run() end)', async () => {
  let calls: ExceptionContext[] = [];
  const never = new Error('never retrieved');
  await runVirtual(async () => {
    calls = recordExceptionHandler();
    const loop = getRunningLoop();
    // (a) result set
    loop.createFuture<number>().setResult(1);
    // (b) exception set, then cancel() (too late: returns false, but counts as looked at), and
    // a plain cancelled future
    const b = loop.createFuture<void>();
    b.setException(new Error('b'));
    assert.equal(b.cancel(), false);
    const bt = createTask(async () => {
      throw new Error('bt');
    });
    await tick();
    assert.equal(bt.cancel(), false);
    loop.createFuture<number>().cancel();
    // (c) exception retrieved through exception(), through result(), through await
    const c1 = loop.createFuture<void>();
    c1.setException(new Error('c1'));
    c1.exception();
    const c2 = loop.createFuture<void>();
    c2.setException(new Error('c2'));
    assert.throws(() => c2.result());
    const c3 = loop.createFuture<void>();
    c3.setException(new Error('c3'));
    await assert.rejects(c3);
    // (d) never retrieved: kept alive here, so it is reported when run() ends
    const d = loop.createFuture<void>();
    d.setException(never);
    await tick();
    assert.equal(calls.length, 0);
    (globalThis as { keep?: unknown }).keep = d;
  });
  delete (globalThis as { keep?: unknown }).keep;
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.message, 'Future exception was never retrieved');
  assert.equal(calls[0]!.exception, never);
});

test('307 test_tb_logger_* (GC): a dropped failed future is reported to the exception handler when collected', async (t) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    t.skip('needs --expose-gc');
    return;
  }
  let calls: ExceptionContext[] = [];
  const exc = new Error('collected unretrieved');
  const retrievedExc = new Error('collected but retrieved');
  await runVirtual(async () => {
    calls = recordExceptionHandler();
    dropFailedFuture(exc);
    (() => {
      const f = getRunningLoop().createFuture<void>();
      f.setException(retrievedExc);
      f.exception();
    })();
    // Let V8 collect and run the FinalizationRegistry callbacks (a bounded number of attempts).
    for (let attempt = 0; attempt < 50 && calls.length === 0; attempt++) {
      gc();
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
    }
    assert.equal(now(), 0);
    assert.equal(calls.length, 1, 'reported at collection, before run() ends');
  });
  assert.equal(calls.length, 1, 'and not a second time at run() end');
  assert.equal(calls[0]!.message, 'Future exception was never retrieved');
  assert.equal(calls[0]!.exception, exc);
});

test('308 test_callbacks_invoked_on_set_result: callbacks run in registration order one iteration later, with the future', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<string>();
    const bag: number[] = [];
    const seen: unknown[] = [];
    f.addDoneCallback((fut) => {
      seen.push(fut);
      bag.push(42);
    });
    f.addDoneCallback((fut) => {
      seen.push(fut);
      bag.push(17);
    });
    f.setResult('foo');
    assert.deepEqual(bag, [], 'not called inline from setResult');
    await tick();
    assert.deepEqual(bag, [42, 17]);
    assert.deepEqual(seen, [f, f]);
    assert.equal(f.result(), 'foo');
  });
});

test('309 test_callbacks_invoked_on_set_exception: the callback runs one iteration after setException', async () => {
  await runVirtual(async () => {
    const f = getRunningLoop().createFuture<string>();
    const bag: number[] = [];
    f.addDoneCallback(() => bag.push(100));
    const exc = new Error('boom');
    f.setException(exc);
    assert.deepEqual(bag, []);
    await tick();
    assert.deepEqual(bag, [100]);
    assert.equal(f.exception(), exc);
  });
});

function makeCallbacks(bag: number[]) {
  return {
    cb1: () => void bag.push(42),
    cb2: () => void bag.push(17),
    cb3: () => void bag.push(100),
  };
}

test('310 test_callbacks_remove_first_callback: removing cb1 twice leaves [17, 100]', async () => {
  await runVirtual(async () => {
    const bag: number[] = [];
    const { cb1, cb2, cb3 } = makeCallbacks(bag);
    const f = getRunningLoop().createFuture<string>();
    f.addDoneCallback(cb1);
    f.addDoneCallback(cb2);
    f.addDoneCallback(cb3);
    assert.equal(f.removeDoneCallback(cb1), 1);
    assert.equal(f.removeDoneCallback(cb1), 0);
    assert.deepEqual(bag, []);
    f.setResult('foo');
    await tick();
    assert.deepEqual(bag, [17, 100]);
    assert.equal(f.result(), 'foo');
  });
});

test('311 test_callbacks_remove_first_and_second_callback: removing cb1, cb2, cb1 leaves [100]', async () => {
  await runVirtual(async () => {
    const bag: number[] = [];
    const { cb1, cb2, cb3 } = makeCallbacks(bag);
    const f = getRunningLoop().createFuture<string>();
    f.addDoneCallback(cb1);
    f.addDoneCallback(cb2);
    f.addDoneCallback(cb3);
    f.removeDoneCallback(cb1);
    f.removeDoneCallback(cb2);
    f.removeDoneCallback(cb1);
    f.setResult('foo');
    await tick();
    assert.deepEqual(bag, [100]);
    assert.equal(f.result(), 'foo');
  });
});

test('313 test_remove_done_callback: removeDoneCallback returns how many registrations it removed', async () => {
  await runVirtual(async () => {
    const bag: number[] = [];
    const cb1 = () => void bag.push(1);
    const cb2 = () => void bag.push(2);
    const cb3 = () => void bag.push(3);
    const f = getRunningLoop().createFuture<string>();
    f.addDoneCallback(cb1);
    f.addDoneCallback(cb2);
    assert.equal(f.removeDoneCallback(cb2), 1);
    assert.equal(f.removeDoneCallback(cb3), 0);
    f.addDoneCallback(cb2);
    for (let i = 0; i < 5; i++) f.addDoneCallback(cb1);
    assert.equal(f.removeDoneCallback(cb1), 6);
    assert.deepEqual(bag, []);
    f.setResult('foo');
    await tick();
    assert.deepEqual(bag, [2]);
  });
});

test('315 test_inherit_without_calling_super_init: differs: a JS subclass cannot skip super(); an object made without the constructor has no loop', () => {
  // `class X extends Future { constructor() {} }` is a ReferenceError in JS; the nearest is an
  // object on Future's prototype that the constructor never initialised.
  const uninitialised = Object.create(Future.prototype) as Future<unknown>;
  assert.throws(
    () => uninitialised.getLoop(),
    (e) => e instanceof RuntimeError && e.message === 'Future object is not initialized.',
  );
});
