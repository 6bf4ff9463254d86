/**
 * EventLoop: the tick model (ARCHITECTURE.md §2), scheduling order, handles, the run/stop/close
 * lifecycle, the exception handler and argument checks. Virtual clock, exact loop times.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EventLoop,
  RuntimeError,
  ValueError,
  createTask,
  getRunningLoop,
  newEventLoop,
  sleep,
  type ExceptionContext,
  type ExceptionHandler,
  type Handle,
} from '../../src/index.js';
import { runVirtual, VirtualClock } from '../../src/testing/index.js';

/**
 * Counts loop iterations: a callback that reschedules itself. Started while nothing else is
 * ready, it runs first in every iteration, so `n` read anywhere in an iteration is its number.
 */
function iterationCounter(loop: EventLoop): { readonly n: number; stop(): void } {
  let n = 0;
  let handle: Handle;
  const count = (): void => {
    n++;
    handle = loop.callSoon(count);
  };
  handle = loop.callSoon(count);
  return {
    get n() {
      return n;
    },
    stop: () => handle.cancel(),
  };
}

/** A loop on a virtual clock, outside any `run()`. */
function virtualLoop(): EventLoop {
  return newEventLoop({ clock: new VirtualClock() });
}

test('tasks start in creation order, exactly one iteration after createTask', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const iter = iterationCounter(loop);
    const started: [number, number][] = [];
    const created = iter.n;
    for (const id of [1, 2, 3]) createTask(() => started.push([id, iter.n]));
    assert.deepEqual(started, [], 'nothing runs synchronously');
    await sleep(0);
    assert.deepEqual(started, [
      [1, created + 1],
      [2, created + 1],
      [3, created + 1],
    ]);
    iter.stop();
  });
});

test('a future completed in iteration N resumes its awaiting task in iteration N+1', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const iter = iterationCounter(loop);
    const fut = loop.createFuture<string>();
    let resumedAt = -1;
    let value = '';
    createTask(async () => {
      value = await fut;
      resumedAt = iter.n;
    });
    await sleep(0);
    let setAt = -1;
    loop.callSoon(() => {
      setAt = iter.n;
      fut.setResult('v');
    });
    for (let i = 0; i < 4; i++) await sleep(0);
    assert.equal(value, 'v');
    assert.ok(setAt > 0);
    assert.equal(resumedAt, setAt + 1);
    iter.stop();
  });
});

test('awaiting an already-done future costs no iteration', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const iter = iterationCounter(loop);
    const fut = loop.createFuture<number>();
    fut.setResult(7);
    await sleep(0);
    const before = iter.n;
    assert.equal(await fut, 7);
    assert.equal(iter.n, before);
    iter.stop();
  });
});

test('sleep(0) resumes exactly one iteration later; k sleeps take k iterations', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const iter = iterationCounter(loop);
    const a = iter.n;
    await sleep(0);
    assert.equal(iter.n, a + 1);
    for (let i = 0; i < 5; i++) await sleep(0);
    assert.equal(iter.n, a + 6);
    assert.equal(await sleep(0, 'r'), 'r');
    assert.equal(loop.time(), 0);
    iter.stop();
  });
});

test('sleep(0) runs the callbacks scheduled before it (CPython test_sleep_zero)', async () => {
  await runVirtual(async () => {
    const state = { result: 0 };
    getRunningLoop().callSoon(() => {
      state.result += 1;
    });
    const before = state.result;
    const num = await sleep(0, 10);
    const after = state.result;
    assert.equal(before, 0);
    assert.equal(after, 1);
    assert.equal(num, 10);
    assert.equal(after + num, 11);
  });
});

test('callSoon runs callbacks FIFO with their arguments; callbacks added during an iteration run in the next', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const iter = iterationCounter(loop);
    const log: [string, number][] = [];
    const push = (name: string): void => {
      log.push([name, iter.n]);
    };
    loop.callSoon(() => {
      push('a');
      loop.callSoon(push, 'c');
    });
    loop.callSoon(push, 'b');
    loop.callSoon((x: string, y: string) => push(x + y), 'd', 'e');
    await sleep(0);
    await sleep(0);
    const first = log[0]![1];
    assert.deepEqual(log, [
      ['a', first],
      ['b', first],
      ['de', first],
      ['c', first + 1],
    ]);
    iter.stop();
  });
});

test('callLater/callAt run in deadline order at exact times; equal deadlines run in scheduling order', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const log: [string, number][] = [];
    const push = (name: string): void => {
      log.push([name, loop.time()]);
    };
    const ha = loop.callLater(1, push, 'a');
    const hb = loop.callAt(loop.time() + 1, push, 'b');
    loop.callLater(0.5, push, 'c');
    loop.callLater(1, push, 'd');
    loop.callAt(2, push, 'e');
    loop.callLater(2, push, 'f');
    assert.equal(ha.when(), 1);
    assert.equal(hb.when(), 1);
    await sleep(3);
    assert.deepEqual(log, [
      ['c', 0.5],
      ['a', 1],
      ['b', 1],
      ['d', 1],
      ['e', 2],
      ['f', 2],
    ]);
    assert.equal(loop.time(), 3);
  });
});

test('Handle.cancel: a cancelled callSoon or callLater callback never runs; cancelled() tells', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const ran: string[] = [];
    const h1 = loop.callSoon(() => ran.push('soon'));
    const h2 = loop.callLater(1, () => ran.push('later'));
    const h3 = loop.callSoon(() => ran.push('kept'));
    assert.equal(h1.cancelled(), false);
    h1.cancel();
    h2.cancel();
    h2.cancel();
    assert.equal(h1.cancelled(), true);
    assert.equal(h2.cancelled(), true);
    await sleep(2);
    assert.deepEqual(ran, ['kept']);
    h3.cancel();
    assert.deepEqual(ran, ['kept'], 'cancelling after it ran changes nothing');
    assert.equal(loop.time(), 2);
  });
});

test('runUntilComplete returns the result or rejects with the error; the loop is idle afterwards', async () => {
  const loop = virtualLoop();
  try {
    assert.equal(loop.isRunning(), false);
    const r = await loop.runUntilComplete<number>(async () => {
      assert.equal(getRunningLoop(), loop);
      assert.equal(loop.isRunning(), true);
      await sleep(5);
      return 42;
    });
    assert.equal(r, 42);
    assert.equal(loop.time(), 5);
    assert.equal(loop.isRunning(), false);
    const err = new Error('boom');
    await assert.rejects(
      loop.runUntilComplete(async () => {
        await sleep(1);
        throw err;
      }),
      (e) => e === err,
    );
    assert.equal(loop.time(), 6);
    const fut = loop.createFuture<string>();
    loop.callLater(2, () => fut.setResult('fut'));
    assert.equal(await loop.runUntilComplete<string>(fut), 'fut');
    assert.equal(loop.time(), 8);
  } finally {
    loop.close();
  }
});

test('runUntilComplete while the loop runs is a RuntimeError', async () => {
  const loop = virtualLoop();
  try {
    let inner: unknown;
    await loop.runUntilComplete(async () => {
      try {
        await loop.runUntilComplete(async () => 1);
      } catch (e) {
        inner = e;
      }
    });
    assert.ok(inner instanceof RuntimeError);
    assert.match((inner as Error).message, /already running/);
  } finally {
    loop.close();
  }
});

test('runForever runs until stop(); stop() lets the current iteration finish', async () => {
  const loop = virtualLoop();
  try {
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('a');
      loop.stop();
      loop.callSoon(() => log.push('next iteration'));
    });
    loop.callSoon(() => log.push('b'));
    await loop.runForever();
    assert.deepEqual(log, ['a', 'b']);
    assert.equal(loop.isRunning(), false);
    // The callback left over runs in the next run.
    loop.callSoon(() => loop.stop());
    await loop.runForever();
    assert.deepEqual(log, ['a', 'b', 'next iteration']);
  } finally {
    loop.close();
  }
});

test('stop() before runForever makes the run do exactly one iteration', async () => {
  const loop = virtualLoop();
  try {
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('first');
      loop.callSoon(() => log.push('second'));
    });
    loop.stop();
    await loop.runForever();
    assert.deepEqual(log, ['first']);
  } finally {
    loop.close();
  }
});

test('runUntilComplete stopped before its future completed: RuntimeError "Event loop stopped before Future completed."', async () => {
  const loop = virtualLoop();
  try {
    const fut = loop.createFuture<void>();
    loop.callSoon(() => loop.stop());
    await assert.rejects(loop.runUntilComplete(fut), (e) => {
      assert.ok(e instanceof RuntimeError);
      assert.equal((e as Error).message, 'Event loop stopped before Future completed.');
      return true;
    });
    assert.equal(fut.done(), false);
  } finally {
    loop.close();
  }
});

test('close(): isClosed, scheduling on a closed loop is a RuntimeError, closing twice is fine, closing a running loop is a RuntimeError', async () => {
  const loop = virtualLoop();
  let whileRunning: unknown;
  await loop.runUntilComplete(async () => {
    try {
      loop.close();
    } catch (e) {
      whileRunning = e;
    }
  });
  assert.ok(whileRunning instanceof RuntimeError);
  assert.equal(loop.isClosed(), false);
  loop.close();
  assert.equal(loop.isClosed(), true);
  loop.close();
  assert.throws(() => loop.callSoon(() => {}), (e) => e instanceof RuntimeError && /closed/.test((e as Error).message));
  assert.throws(() => loop.callLater(1, () => {}), RuntimeError);
  await assert.rejects(async () => loop.runForever(), RuntimeError);
});

test('exception handler: a throwing callback is reported with its error and the loop goes on', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const seen: ExceptionContext[] = [];
    const handler: ExceptionHandler = (l, context) => {
      assert.equal(l, loop);
      seen.push(context);
    };
    assert.equal(loop.getExceptionHandler(), null);
    loop.setExceptionHandler(handler);
    assert.equal(loop.getExceptionHandler(), handler);
    const err = new Error('callback failed');
    const log: string[] = [];
    const h = loop.callSoon(function failing() {
      throw err;
    });
    loop.callSoon(() => log.push('after'));
    await sleep(0);
    assert.deepEqual(log, ['after']);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.exception, err);
    assert.equal(seen[0]!.handle, h);
    assert.match(seen[0]!.message, /Exception in callback/);
    loop.setExceptionHandler(null);
    assert.equal(loop.getExceptionHandler(), null);
    assert.throws(() => loop.setExceptionHandler('nope' as never), TypeError);
  });
});

test('exception handler: callExceptionHandler passes the context; a throwing handler does not break the loop', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const contexts: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, c) => contexts.push(c));
    const ctx = { message: 'custom', exception: new Error('x') };
    loop.callExceptionHandler(ctx);
    assert.deepEqual(contexts, [ctx]);
    const write = process.stderr.write;
    const written: string[] = [];
    process.stderr.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      loop.setExceptionHandler(() => {
        throw new Error('handler broke');
      });
      loop.callExceptionHandler({ message: 'second' });
    } finally {
      process.stderr.write = write;
      loop.setExceptionHandler(null);
    }
    assert.match(written.join(''), /handler broke/);
    await sleep(0);
  });
});

test('bad delays: a non-number is a TypeError naming the value, NaN a ValueError; negative counts as 0', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const cb = (): void => {};
    assert.throws(() => loop.callLater('1' as never, cb), (e) => e instanceof TypeError && /'1'/.test((e as Error).message));
    assert.throws(() => loop.callAt(null as never, cb), (e) => e instanceof TypeError && /null/.test((e as Error).message));
    assert.throws(() => loop.callLater(NaN, cb), (e) => e instanceof ValueError && /NaN/.test((e as Error).message));
    assert.throws(() => loop.callAt(NaN, cb), ValueError);
    assert.throws(() => sleep('0.5' as never), (e) => e instanceof TypeError && /'0.5'/.test((e as Error).message));
    assert.throws(() => sleep(NaN), (e) => e instanceof ValueError && /NaN/.test((e as Error).message));
    assert.throws(() => loop.callSoon('x' as never), TypeError);
    await sleep(1);
    const iter = iterationCounter(loop);
    await sleep(0);
    const ran: [number, number][] = [];
    const scheduledIn = iter.n;
    loop.callLater(-5, () => ran.push([loop.time(), iter.n]));
    await sleep(0);
    await sleep(0);
    iter.stop();
    assert.deepEqual(ran, [[1, scheduledIn + 1]], 'a negative delay runs in the next iteration, at the current time');
    const before = loop.time();
    await sleep(-1);
    assert.equal(loop.time(), before);
  });
});

test('the real clock: loop.time() is monotonic seconds and callLater fires on it', async () => {
  const loop = newEventLoop();
  try {
    const t0 = loop.time();
    let firedAt = -1;
    await loop.runUntilComplete(async () => {
      const fut = loop.createFuture<void>();
      loop.callLater(0.005, () => {
        firedAt = loop.time();
        fut.setResult();
      });
      await fut;
    });
    assert.ok(firedAt >= t0 + 0.005 - 1e-6, `fired at ${firedAt - t0}`);
  } finally {
    loop.close();
  }
});
