/**
 * CONTRACTS.md, test_timeouts.py (lines 225–252): asyncio.timeout as tsaio's `timeout(d, body)`.
 * `async with timeout(d) as cm:` is `await timeout(d, async (cm) => {...})`. Virtual clock, exact times.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelledError,
  ExceptionGroup,
  RuntimeError,
  Timeout,
  TimeoutError,
  ValueError,
  currentTask,
  getRunningLoop,
  sleep,
  taskGroup,
  timeout,
} from '../../src/index.js';
import { runVirtual, VirtualClock } from '../../src/testing/index.js';
import { KeyError, ZeroDivisionError, divideByZero, now, rejection, thrown } from './scope-helpers.js';

/** Enters an existing Timeout again: tsaio's only way to do `async with cm:` a second time. */
function reenter<T>(cm: Timeout, body: (cm: Timeout) => Promise<T>): Promise<T> {
  return (cm as unknown as { _run(b: (cm: Timeout) => Promise<T>): Promise<T> })._run(body);
}

test('225 test_timeout_basic: timeout(0.01) around sleep(10) raises TimeoutError at 0.01, expired', async () => {
  await runVirtual(async () => {
    let cm: Timeout | undefined;
    let after = false;
    const e = await rejection(
      timeout(0.01, async (c) => {
        cm = c;
        await sleep(10);
        after = true;
      }),
    );
    assert.ok(e instanceof TimeoutError);
    assert.ok(e.cause instanceof CancelledError, 'cause is the CancelledError');
    assert.equal(after, false);
    assert.equal(cm!.expired(), true);
    assert.equal(now(), 0.01);
  });
});

test('229 test_timeout_not_called: timeout(10) around sleep(0.01) ends normally, not expired, when() > time', async () => {
  await runVirtual(async () => {
    let cm: Timeout | undefined;
    const r = await timeout(10, async (c) => {
      cm = c;
      await sleep(0.01);
      return 'ok';
    });
    const t1 = now();
    assert.equal(r, 'ok');
    assert.equal(t1, 0.01);
    assert.equal(cm!.expired(), false);
    assert.equal(cm!.when(), 10);
    assert.ok(cm!.when()! > t1);
  });
});

test('231 test_timeout_zero: timeout(0) around sleep(10) raises TimeoutError, t0 <= when() <= t1', async () => {
  await runVirtual(async () => {
    await sleep(2.5);
    const t0 = now();
    let cm: Timeout | undefined;
    const e = await rejection(
      timeout(0, async (c) => {
        cm = c;
        await sleep(10);
      }),
    );
    const t1 = now();
    assert.ok(e instanceof TimeoutError);
    assert.equal(cm!.expired(), true);
    assert.equal(t0, 2.5);
    assert.equal(t1, 2.5, 'the deadline was now: no time passes');
    assert.ok(t0 <= cm!.when()! && cm!.when()! <= t1);
  });
});

test('233 test_timeout_in_the_past_sleep_zero: timeout(-11) around sleep(0) raises TimeoutError, when() = t0 - 11', async () => {
  await runVirtual(async () => {
    await sleep(20);
    const t0 = now();
    let cm: Timeout | undefined;
    let resumed = false;
    const e = await rejection(
      timeout(-11, async (c) => {
        cm = c;
        await sleep(0);
        resumed = true;
      }),
    );
    assert.ok(e instanceof TimeoutError);
    assert.equal(resumed, false, 'the sleep(0) was cancelled');
    assert.equal(cm!.expired(), true);
    assert.equal(cm!.when(), t0 - 11);
    assert.ok(cm!.when()! <= t0);
    assert.equal(now(), t0);
  });
});

test('234 test_foreign_exception_passed: a KeyError in the body propagates unchanged, not expired', async () => {
  await runVirtual(async () => {
    let cm: Timeout | undefined;
    const err = new KeyError('k');
    const e = await rejection(
      timeout(0.01, async (c) => {
        cm = c;
        throw err;
      }),
    );
    assert.equal(e, err);
    assert.equal(err.cause, undefined, 'no timeout recorded: it never expired');
    assert.equal(cm!.expired(), false);
  });
});

test('236 test_foreign_exception_on_timeout [chain]: a ZeroDivisionError from cleanup wins; its cause records the TimeoutError (Python: __context__ TimeoutError whose __cause__ is the CancelledError; tsaio cannot reach that CancelledError, so the TimeoutError has no cause)', async () => {
  await runVirtual(async () => {
    let cleanedAt = -1;
    const crash = async (): Promise<void> => {
      try {
        await sleep(1);
      } finally {
        cleanedAt = now();
        divideByZero();
      }
    };
    let cm: Timeout | undefined;
    const e = await rejection(
      timeout(0.01, async (c) => {
        cm = c;
        await crash();
      }),
    );
    assert.ok(e instanceof ZeroDivisionError, `got ${String(e)}`);
    assert.equal(cleanedAt, 0.01);
    assert.equal(cm!.expired(), true);
    assert.ok(e.cause instanceof TimeoutError, 'the timeout is recorded on the error');
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

test('240 test_nested_timeouts_concurrent: outer 0.002, inner 0.1; the body "blocks" 0.01 s (virtual clock moved by clock.advance() without yielding), then sleep(1) → TimeoutError from the outer only', async () => {
  const clock = new VirtualClock();
  await runVirtual(
    async () => {
      let inner: Timeout | undefined;
      let outer: Timeout | undefined;
      let innerSaw: unknown;
      const e = await rejection(
        timeout(0.002, async (o) => {
          outer = o;
          try {
            await timeout(0.1, async (i) => {
              inner = i;
              clock.advance(0.01);
              await sleep(1);
            });
          } catch (err) {
            innerSaw = err;
            throw err;
          }
        }),
      );
      assert.ok(e instanceof TimeoutError);
      assert.ok(innerSaw instanceof CancelledError, 'the inner scope let the cancellation through');
      assert.equal(outer!.expired(), true);
      assert.equal(inner!.expired(), false);
      assert.equal(now(), 0.01);
      assert.equal(currentTask()!.cancelling(), 0);
    },
    { clock },
  );
});

test('241 test_nested_timeouts_loop_busy: outer 0.1, inner 0.01; the body "blocks" 0.1 s (clock.advance() without yielding), then sleep(1); the later sleep(10) is interrupted by the outer → TimeoutError at 0.1', async () => {
  const clock = new VirtualClock();
  await runVirtual(
    async () => {
      const t0 = now();
      let innerOutcome: unknown;
      let after10 = false;
      const e = await rejection(
        timeout(0.1, async () => {
          try {
            await timeout(0.01, async () => {
              clock.advance(0.1);
              await sleep(1);
            });
          } catch (err) {
            innerOutcome = err;
            if (!(err instanceof TimeoutError)) throw err;
          }
          await sleep(10);
          after10 = true;
        }),
      );
      const t1 = now();
      assert.ok(e instanceof TimeoutError);
      assert.ok(innerOutcome instanceof TimeoutError || innerOutcome instanceof CancelledError);
      assert.equal(after10, false);
      assert.equal(t1 - t0, 0.1);
      assert.ok(t0 <= t1 && t1 <= t0 + 1);
    },
    { clock },
  );
});

test('244 test_cancel_in_timeout_after_cancellation: after a swallowed self-cancel, a new explicit cancel inside timeout(1.0) is not converted: CancelledError', async () => {
  await runVirtual(async () => {
    const task = currentTask()!;
    let firstCaught = false;
    let outcome: unknown;
    try {
      task.cancel();
      await sleep(1);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      firstCaught = true;
    } finally {
      outcome = await rejection(
        timeout(1.0, async () => {
          task.cancel();
          await sleep(2);
        }),
      );
    }
    assert.equal(firstCaught, true);
    assert.ok(outcome instanceof CancelledError, `got ${String(outcome)}`);
    assert.equal(now(), 0);
    assert.equal(task.cancelling(), 2);
    task.uncancel();
    task.uncancel();
  });
});

test('245 test_timeout_already_entered: entering the active scope again is a RuntimeError "has already been entered" (re-entry through Timeout._run: the function form always makes a fresh scope)', async () => {
  await runVirtual(async () => {
    let inner: unknown;
    let ran = false;
    await timeout(0.01, async (cm) => {
      inner = await rejection(
        reenter(cm, async () => {
          ran = true;
        }),
      );
    });
    assert.ok(inner instanceof RuntimeError);
    assert.match((inner as Error).message, /has already been entered/);
    assert.equal(ran, false);
  });
});

test('246 test_timeout_double_enter: entering a finished scope again is a RuntimeError "has already been entered" (re-entry through Timeout._run)', async () => {
  await runVirtual(async () => {
    let cm: Timeout | undefined;
    await timeout(0.01, async (c) => {
      cm = c;
    });
    let ran = false;
    const e = await rejection(
      reenter(cm!, async () => {
        ran = true;
      }),
    );
    assert.ok(e instanceof RuntimeError);
    assert.match((e as Error).message, /has already been entered/);
    assert.equal(ran, false);
  });
});

test('247 test_timeout_finished: reschedule() after a normal exit is a RuntimeError mentioning "finished"', async () => {
  await runVirtual(async () => {
    let cm: Timeout | undefined;
    await timeout(0.01, async (c) => {
      cm = c;
    });
    const e = thrown(() => cm!.reschedule(0.02));
    assert.ok(e instanceof RuntimeError);
    assert.match((e as Error).message, /finished/);
  });
});

test('248 test_timeout_expired: reschedule() after the scope raised TimeoutError is a RuntimeError mentioning "expired"', async () => {
  await runVirtual(async () => {
    let cm: Timeout | undefined;
    const t = await rejection(
      timeout(0.01, async (c) => {
        cm = c;
        await sleep(10);
      }),
    );
    assert.ok(t instanceof TimeoutError);
    const e = thrown(() => cm!.reschedule(0.02));
    assert.ok(e instanceof RuntimeError);
    assert.match((e as Error).message, /expired/);
  });
});

test('249 test_timeout_expiring: reschedule() in the body after the cancellation arrived is a RuntimeError "expiring"; the swallowed cancellation means no TimeoutError', async () => {
  await runVirtual(async () => {
    let rescheduleError: unknown;
    let caught = false;
    const r = await timeout(0.01, async (cm) => {
      try {
        await sleep(1);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        caught = true;
        rescheduleError = thrown(() => cm.reschedule(0.02));
      }
      return 'swallowed';
    });
    assert.equal(r, 'swallowed');
    assert.equal(caught, true);
    assert.ok(rescheduleError instanceof RuntimeError);
    assert.match((rescheduleError as Error).message, /expiring/);
    assert.equal(now(), 0.01);
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

test('250 test_timeout_not_entered: reschedule() on a Timeout that was never entered is a RuntimeError "has not been entered"', async () => {
  await runVirtual(async () => {
    const cm = new Timeout(getRunningLoop().time() + 0.01);
    const e = thrown(() => cm.reschedule(0.02));
    assert.ok(e instanceof RuntimeError);
    assert.match((e as Error).message, /has not been entered/);
    assert.equal(cm.expired(), false);
  });
});

test('251 test_timeout_without_task: entering from a plain loop callback (no task) is a RuntimeError mentioning "task"; the scope stays not entered', async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const done = loop.createFuture<[unknown, unknown, unknown, boolean]>();
    loop.callSoon(() => {
      let ran = false;
      const viaFunction = timeout(0.01, async () => {
        ran = true;
      });
      const cm = new Timeout(loop.time() + 0.01);
      const viaScope = reenter(cm, async () => {
        ran = true;
      });
      Promise.all([rejection(viaFunction), rejection(viaScope)]).then(([a, b]) => {
        done.setResult([a, b, thrown(() => cm.reschedule(0.02)), ran]);
      });
    });
    const [a, b, afterwards, ran] = await done;
    for (const e of [a, b]) {
      assert.ok(e instanceof RuntimeError);
      assert.match((e as Error).message, /task/);
    }
    assert.equal(ran, false);
    assert.ok(afterwards instanceof RuntimeError);
    assert.match((afterwards as Error).message, /has not been entered/);
  });
});

test('252 test_timeout_taskgroup [chain]: timeout(0.01) around a TaskGroup whose child fails in cleanup → ExceptionGroup [ZeroDivisionError]; the group and the child error carry the TimeoutError as cause (Python: __context__; the TimeoutError → CancelledError → ValueError links have no equivalent)', async () => {
  await runVirtual(async () => {
    let bodyFinallyAt = -1;
    let childFinallyAt = -1;
    const e = await rejection(
      timeout(0.01, async () => {
        await taskGroup(async (tg) => {
          tg.createTask(async () => {
            try {
              await sleep(2);
            } finally {
              childFinallyAt = now();
              divideByZero();
            }
          });
          try {
            throw new ValueError('body');
          } finally {
            await sleep(1);
            bodyFinallyAt = now();
          }
        });
      }),
    );
    assert.ok(e instanceof ExceptionGroup, `got ${String(e)}`);
    assert.equal(e.errors.length, 1);
    const zde = e.errors[0];
    assert.ok(zde instanceof ZeroDivisionError);
    assert.ok(zde.cause instanceof TimeoutError, 'the timeout is recorded on the contained error');
    assert.ok(e.cause instanceof TimeoutError, 'the timeout is recorded on the group');
    assert.equal(childFinallyAt, 0.01);
    assert.equal(bodyFinallyAt, -1, "the body's sleep(1) was cancelled");
    assert.equal(now(), 0.01);
    assert.equal(currentTask()!.cancelling(), 0);
  });
});
