/**
 * CONTRACTS.md, test_taskgroups.py (lines 254–295): asyncio.TaskGroup as tsaio's `taskGroup(body)`.
 * `async with TaskGroup() as tg:` is `await taskGroup(async (tg) => {...})`; `except*` checks the
 * ExceptionGroup's `.errors`. CPython runs every test with lazy and with eager tasks: each line
 * here runs twice (subtests "lazy" and "eager"; eager = `createTask(coro, { eagerStart: true })`).
 * Virtual clock with CPython's durations; loop times are exact.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelledError,
  ExceptionGroup,
  RuntimeError,
  TaskGroup,
  TimeoutError,
  ValueError,
  allTasks,
  coroutine,
  createTask,
  currentTask,
  getRunningLoop,
  sleep,
  taskGroup,
  timeout,
  type Task,
  type TaskOptions,
} from '../../src/index.js';
import { runVirtual } from '../../src/testing/index.js';
import { MyExc, ZeroDivisionError, divideByZero, groupErrors, groupTypes, now, rejection, thrown } from './scope-helpers.js';

type Mode = TaskOptions;

/** One `test()` per contract line, run with lazy and with eager child tasks. */
function both(title: string, body: (mode: Mode) => Promise<void>): void {
  test(title, async (t) => {
    await t.test('lazy', () => runVirtual(() => body({})));
    await t.test('eager', () => runVirtual(() => body({ eagerStart: true })));
  });
}

/** Enters an existing TaskGroup: `async with tg:` (tsaio's function form always makes a new group). */
function enter<T>(tg: TaskGroup, body: (tg: TaskGroup) => Promise<T>): Promise<T> {
  return (tg as unknown as { _run(b: (tg: TaskGroup) => Promise<T>): Promise<T> })._run(body);
}

class MyBaseExc extends Error {
  override name = 'MyBaseExc';
}
class CustomException extends Error {
  override name = 'CustomException';
}
class Done extends Error {
  override name = '_Done';
}
class KeyboardInterrupt extends Error {
  override name = 'KeyboardInterrupt';
}

both('254 test_taskgroup_01: children 0.1 → 42 and 0.2 → 11; the block exits at 0.2 with both results', async (mode) => {
  let t1!: Task<number>;
  let t2!: Task<number>;
  await taskGroup(async (g) => {
    t1 = g.createTask(async () => {
      await sleep(0.1);
      return 42;
    }, mode);
    t2 = g.createTask(async () => {
      await sleep(0.2);
      return 11;
    }, mode);
  });
  assert.equal(now(), 0.2);
  assert.equal(t1.result(), 42);
  assert.equal(t2.result(), 11);
});

both('255 test_taskgroup_02: a child added after the body slept 0.15 is awaited too (exit at 0.35)', async (mode) => {
  let t1!: Task<number>;
  let t2!: Task<number>;
  await taskGroup(async (g) => {
    t1 = g.createTask(async () => {
      await sleep(0.1);
      return 42;
    }, mode);
    await sleep(0.15);
    t2 = g.createTask(async () => {
      await sleep(0.2);
      return 11;
    }, mode);
  });
  assert.equal(now(), 0.15 + 0.2);
  assert.equal(t1.result(), 42);
  assert.equal(t2.result(), 11);
});

both('256 test_taskgroup_03: cancelling one child explicitly is not a group failure', async (mode) => {
  let t1!: Task<number>;
  let t2!: Task<number>;
  await taskGroup(async (g) => {
    t1 = g.createTask(async () => {
      await sleep(1);
      return 42;
    }, mode);
    await sleep(0.15);
    t1.cancel();
    t2 = g.createTask(async () => {
      await sleep(0.2);
      return 11;
    }, mode);
  });
  assert.equal(t1.cancelled(), true);
  assert.equal(t2.result(), 11);
  assert.equal(now(), 0.15 + 0.2);
  assert.equal(currentTask()!.cancelling(), 0);
});

both('257 test_taskgroup_04: a child ZeroDivisionError at 0.1 cancels the sibling; ExceptionGroup [ZeroDivisionError]; code after the block never runs', async (mode) => {
  let NUM = 0;
  let t2Cancel = false;
  let t2!: Task<void>;
  const foo1 = async (): Promise<void> => {
    await sleep(0.1);
    divideByZero();
  };
  const foo2 = async (): Promise<void> => {
    try {
      await sleep(1);
    } catch (e) {
      if (e instanceof CancelledError) t2Cancel = true;
      throw e;
    }
    NUM += 1;
  };
  const runner = async (): Promise<void> => {
    await taskGroup(async (g) => {
      g.createTask(foo1, mode);
      t2 = g.createTask(foo2, mode);
    });
    NUM += 10;
  };
  const e = await rejection(createTask(runner));
  assert.deepEqual(groupTypes(e), ['ZeroDivisionError']);
  assert.equal(NUM, 0);
  assert.equal(t2Cancel, true);
  assert.equal(t2.cancelled(), true);
  assert.equal(now(), 0.1);
});

both('258 test_cancel_children_on_child_error: 3 failing children cancel the long sibling and the body; ExceptionGroup of ZeroDivisionErrors', async (mode) => {
  let NUM = 0;
  let t2Cancel = false;
  let runnerCancel = false;
  const foo1 = async (): Promise<void> => {
    await sleep(0.1);
    divideByZero();
  };
  const foo2 = async (): Promise<void> => {
    try {
      await sleep(5);
    } catch (e) {
      if (e instanceof CancelledError) t2Cancel = true;
      throw e;
    }
    NUM += 1;
  };
  const runner = async (): Promise<void> => {
    await taskGroup(async (g) => {
      g.createTask(foo1, mode);
      g.createTask(foo1, mode);
      g.createTask(foo1, mode);
      g.createTask(foo2, mode);
      try {
        await sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) runnerCancel = true;
        throw e;
      }
    });
    NUM += 10;
  };
  const e = await rejection(createTask(runner));
  assert.deepEqual(groupTypes(e), ['ZeroDivisionError']);
  const n = groupErrors(e).length;
  assert.ok(n >= 1 && n <= 3, `1 to 3 errors, got ${n}`);
  assert.equal(NUM, 0);
  assert.equal(t2Cancel, true);
  assert.equal(runnerCancel, true);
  assert.equal(now(), 0.1);
});

both('260 test_taskgroup_07: the runner cancelled at 0.1 while the body sleeps: CancelledError, the body and all 5 children cancelled (NUM 15)', async (mode) => {
  let NUM = 0;
  const foo = async (): Promise<void> => {
    try {
      await sleep(5);
    } catch (e) {
      if (e instanceof CancelledError) NUM += 1;
      throw e;
    }
  };
  const runner = async (): Promise<void> => {
    await taskGroup(async (g) => {
      for (let i = 0; i < 5; i++) g.createTask(foo, mode);
      try {
        await sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) NUM += 10;
        throw e;
      }
    });
  };
  const r = createTask(runner);
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const e = await rejection(r);
  assert.ok(e instanceof CancelledError, `got ${String(e)}`);
  assert.equal(r.cancelled(), true);
  assert.equal(NUM, 15);
  assert.equal(now(), 0.1);
});

both('261 test_taskgroup_08: children that fail in finally while the cancelled runner cleans up: ExceptionGroup [ZeroDivisionError], not CancelledError', async (mode) => {
  const foo = async (): Promise<void> => {
    try {
      await sleep(10);
    } finally {
      divideByZero();
    }
  };
  const runner = async (): Promise<void> => {
    await taskGroup(async (g) => {
      for (let i = 0; i < 5; i++) g.createTask(foo, mode);
      await sleep(10);
    });
  };
  const r = createTask(runner);
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const e = await rejection(r);
  assert.ok(e instanceof ExceptionGroup, `got ${String(e)}`);
  assert.deepEqual(groupTypes(e), ['ZeroDivisionError']);
  assert.equal(groupErrors(e).length, 5);
  assert.equal(r.cancelled(), false);
  assert.equal(now(), 0.1);
});

both('262 test_taskgroup_09: the body raises ZeroDivisionError at 0.1: ExceptionGroup [ZeroDivisionError]; both children cancelled', async (mode) => {
  let t1!: Task<number>;
  let t2!: Task<number>;
  const e = await rejection(
    taskGroup(async (g) => {
      t1 = g.createTask(async () => {
        await sleep(1);
        return 42;
      }, mode);
      t2 = g.createTask(async () => {
        await sleep(2);
        return 11;
      }, mode);
      await sleep(0.1);
      divideByZero();
    }),
  );
  assert.deepEqual(groupTypes(e), ['ZeroDivisionError']);
  assert.equal(t1.cancelled(), true);
  assert.equal(t2.cancelled(), true);
  assert.equal(now(), 0.1);
  assert.equal(currentTask()!.cancelling(), 0);
});

both('263 test_taskgroup_10: the body raises at once, before the children ran: ExceptionGroup [ZeroDivisionError]; both children cancelled', async (mode) => {
  let t1!: Task<number>;
  let t2!: Task<number>;
  let started = 0;
  const e = await rejection(
    taskGroup(async (g) => {
      t1 = g.createTask(async () => {
        started++;
        await sleep(1);
        return 42;
      }, mode);
      t2 = g.createTask(async () => {
        started++;
        await sleep(2);
        return 11;
      }, mode);
      divideByZero();
    }),
  );
  assert.deepEqual(groupTypes(e), ['ZeroDivisionError']);
  assert.equal(t1.cancelled(), true);
  assert.equal(t2.cancelled(), true);
  assert.equal(started, mode.eagerStart ? 2 : 0, 'lazy children never started');
  assert.equal(now(), 0);
});

both('264 test_taskgroup_11: nested groups, inner children fail in finally after the runner is cancelled: ExceptionGroup [ExceptionGroup [ZeroDivisionError]]', async (mode) => {
  const foo = async (): Promise<void> => {
    try {
      await sleep(10);
    } finally {
      divideByZero();
    }
  };
  const runner = async (): Promise<void> => {
    await taskGroup(async () => {
      await taskGroup(async (g2) => {
        for (let i = 0; i < 5; i++) g2.createTask(foo, mode);
        await sleep(10);
      });
    });
  };
  const r = createTask(runner);
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const e = await rejection(r);
  assert.deepEqual(groupTypes(e), ['ExceptionGroup']);
  assert.equal(groupErrors(e).length, 1);
  assert.deepEqual(groupTypes(groupErrors(e)[0]), ['ZeroDivisionError']);
});

both('265 test_taskgroup_12: as 264, with a sleeping child in the outer group too: ExceptionGroup [ExceptionGroup [ZeroDivisionError]]', async (mode) => {
  const foo = async (): Promise<void> => {
    try {
      await sleep(10);
    } finally {
      divideByZero();
    }
  };
  let outerChild!: Task<void>;
  const runner = async (): Promise<void> => {
    await taskGroup(async (g1) => {
      outerChild = g1.createTask(() => sleep(10), mode);
      await taskGroup(async (g2) => {
        for (let i = 0; i < 5; i++) g2.createTask(foo, mode);
        await sleep(10);
      });
    });
  };
  const r = createTask(runner);
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const e = await rejection(r);
  assert.deepEqual(groupTypes(e), ['ExceptionGroup']);
  assert.equal(groupErrors(e).length, 1);
  assert.deepEqual(groupTypes(groupErrors(e)[0]), ['ZeroDivisionError']);
  assert.equal(outerChild.cancelled(), true);
  assert.equal(now(), 0.1);
});

both('267 test_taskgroup_14: the inner group\'s child crashes at 0.1, the outer\'s at 10: ExceptionGroup [ExceptionGroup [ValueError]]', async (mode) => {
  const crashAfter = async (t: number): Promise<void> => {
    await sleep(t);
    throw new ValueError(String(t));
  };
  let outerChild!: Task<void>;
  const runner = async (): Promise<void> => {
    await taskGroup(async (g1) => {
      outerChild = g1.createTask(() => crashAfter(10), mode);
      await taskGroup(async (g2) => {
        g2.createTask(() => crashAfter(0.1), mode);
      });
    });
  };
  const e = await rejection(createTask(runner));
  assert.deepEqual(groupTypes(e), ['ExceptionGroup']);
  assert.equal(groupErrors(e).length, 1);
  assert.deepEqual(groupTypes(groupErrors(e)[0]), ['ValueError']);
  assert.equal(outerChild.cancelled(), true);
  assert.equal(now(), 0.1);
});

both('268 test_taskgroup_15: a child crashes at 0.3 while the cancelled body cleans up (sleep 0.5): ExceptionGroup [ZeroDivisionError] replaces the CancelledError', async (mode) => {
  let cleanupInterrupted = false;
  const runner = async (): Promise<void> => {
    await taskGroup(async (g1) => {
      g1.createTask(async () => {
        await sleep(0.3);
        divideByZero();
      }, mode);
      try {
        await sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) {
          try {
            await sleep(0.5);
          } catch (e2) {
            cleanupInterrupted = e2 instanceof CancelledError;
            throw e2;
          }
        }
        throw e;
      }
    });
  };
  const r = createTask(runner);
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const e = await rejection(r);
  assert.ok(e instanceof ExceptionGroup, `got ${String(e)}`);
  assert.deepEqual(groupTypes(e), ['ZeroDivisionError']);
  assert.equal(cleanupInterrupted, true, 'the child failure cancelled the clean-up sleep');
  assert.equal(now(), 0.3);
});

both('271 test_taskgroup_18: the cancelled body turns its CancelledError into MyExc: ExceptionGroup [MyExc], NUM 10', async (mode) => {
  void mode;
  let NUM = 0;
  const runner = async (): Promise<void> => {
    await taskGroup(async () => {
      try {
        await sleep(10);
      } catch (e) {
        if (e instanceof CancelledError) {
          NUM += 10;
          throw new MyExc();
        }
        throw e;
      }
    });
  };
  const r = createTask(runner);
  await sleep(0.1);
  assert.equal(r.done(), false);
  r.cancel();
  const e = await rejection(r);
  assert.deepEqual(groupTypes(e), ['MyExc']);
  assert.equal(NUM, 10);
  assert.equal(now(), 0.1);
});

both('272 test_taskgroup_19: the body raises MyExc in finally while cancelled by a failing child: ExceptionGroup [MyExc, ZeroDivisionError]', async (mode) => {
  const nested = async (): Promise<void> => {
    try {
      await sleep(10);
    } finally {
      throw new MyExc(); // eslint-disable-line no-unsafe-finally
    }
  };
  const runner = async (): Promise<void> => {
    await taskGroup(async (g) => {
      g.createTask(async () => {
        await sleep(0.1);
        divideByZero();
      }, mode);
      await nested();
    });
  };
  const e = await rejection(createTask(runner));
  assert.deepEqual(groupTypes(e), ['MyExc', 'ZeroDivisionError']);
  assert.equal(groupErrors(e).length, 2);
  assert.equal(now(), 0.1);
});

both('274 test_taskgroup_20a (optional; JS has no BaseException): a MyBaseExc from the body is grouped like any error: ExceptionGroup [MyBaseExc, ZeroDivisionError] (Python: BaseExceptionGroup)', async (mode) => {
  const nested = async (): Promise<void> => {
    try {
      await sleep(10);
    } finally {
      throw new MyBaseExc(); // eslint-disable-line no-unsafe-finally
    }
  };
  const e = await rejection(
    taskGroup(async (g) => {
      g.createTask(async () => {
        await sleep(0.1);
        divideByZero();
      }, mode);
      await nested();
    }),
  );
  assert.ok(e instanceof ExceptionGroup);
  assert.deepEqual(groupTypes(e), ['MyBaseExc', 'ZeroDivisionError']);
  assert.equal(currentTask()!.cancelling(), 0);
});

both('275 test_taskgroup_21a (optional; JS has no BaseException): a child MyBaseExc and a TypeError from the body\'s finally: ExceptionGroup [MyBaseExc, TypeError] (Python: BaseExceptionGroup)', async (mode) => {
  const nested = async (): Promise<void> => {
    try {
      await sleep(10);
    } finally {
      throw new TypeError('nested'); // eslint-disable-line no-unsafe-finally
    }
  };
  const e = await rejection(
    taskGroup(async (g) => {
      g.createTask(async () => {
        await sleep(0.1);
        throw new MyBaseExc();
      }, mode);
      await nested();
    }),
  );
  assert.ok(e instanceof ExceptionGroup);
  assert.deepEqual(groupTypes(e), ['MyBaseExc', 'TypeError']);
  assert.equal(now(), 0.1);
});

both('277 test_taskgroup_23 [white-box _tasks, ported through allTasks() and GC]: finished children are dropped at once: < 5 pending at count 5, 0 at the end, and a finished child can be garbage-collected while the group is still open', async (mode) => {
  const doJob = async (delay: number): Promise<void> => {
    await sleep(delay);
  };
  const main = currentTask()!;
  const pendingChildren = (): number => [...allTasks()].filter((t) => t !== main).length;
  let firstChild: WeakRef<object> | undefined;
  let atCount5 = -1;
  await taskGroup(async (g) => {
    for (let count = 0; count < 10; count++) {
      await sleep(0.1);
      const t = g.createTask(() => doJob(0.3), mode);
      if (count === 0) firstChild = new WeakRef(t);
      if (count === 5) atCount5 = pendingChildren();
    }
    await sleep(1.35);
    assert.equal(pendingChildren(), 0);
    const gc = (globalThis as { gc?: () => void }).gc;
    assert.ok(gc, 'run the tests with node --expose-gc');
    await sleep(0);
    gc();
    await sleep(0);
    gc();
    assert.equal(firstChild!.deref(), undefined, 'the group keeps no reference to a finished child');
  });
  assert.ok(atCount5 < 5 && atCount5 >= 1, `at count 5: ${atCount5} pending`);
});

both('278 test_taskgroup_24: a child that spawns grandchildren into the same group: the group waits for them and exits normally (at 0.3)', async (mode) => {
  const done: number[] = [];
  const coro1 = async (delay: number): Promise<void> => {
    await sleep(delay);
    done.push(delay);
  };
  const root = async (g: TaskGroup): Promise<void> => {
    await sleep(0.1);
    g.createTask(() => coro1(0.1), mode);
    g.createTask(() => coro1(0.2), mode);
  };
  await taskGroup(async (g) => {
    g.createTask(() => root(g), mode);
  });
  assert.deepEqual(done, [0.1, 0.2]);
  assert.equal(now(), 0.1 + 0.2);
});

both('279 test_taskgroup_25: hydras spawning 2 more every 0.01 s; hercules raises once there are ≥ 10: ExceptionGroup [ZeroDivisionError], every hydra cancelled', async (mode) => {
  let nhydras = 0;
  const hydras: Task<void>[] = [];
  const hydra = async (g: TaskGroup): Promise<void> => {
    nhydras++;
    await sleep(0.01);
    hydras.push(g.createTask(() => hydra(g), mode));
    hydras.push(g.createTask(() => hydra(g), mode));
  };
  const hercules = async (): Promise<void> => {
    while (nhydras < 10) await sleep(0.015);
    divideByZero();
  };
  const e = await rejection(
    taskGroup(async (g) => {
      hydras.push(g.createTask(() => hydra(g), mode));
      g.createTask(hercules, mode);
    }),
  );
  assert.deepEqual(groupTypes(e), ['ZeroDivisionError']);
  assert.ok(nhydras >= 10, `nhydras = ${nhydras}`);
  assert.ok(hydras.every((t) => t.done()));
  assert.ok(hydras.some((t) => t.cancelled()));
  assert.equal(allTasks().size, 1, 'only the main task is left');
});

both('280 test_taskgroup_task_name+test_name: createTask(coro, { name: "yolo" }) names the task; the child sees that name', async (mode) => {
  let inside = '';
  let t!: Task<void>;
  await taskGroup(async (g) => {
    t = g.createTask(
      async () => {
        inside = currentTask()!.getName();
        await sleep(0);
      },
      { ...mode, name: 'yolo' },
    );
    assert.equal(t.getName(), 'yolo');
  });
  assert.equal(inside, 'yolo');
  assert.equal(t.done(), true);
});

both('282 test_taskgroup_no_create_task_after_failure: createTask in a cancelled sibling while the group aborts is a RuntimeError (the coroutine is closed); ExceptionGroup [ZeroDivisionError]', async (mode) => {
  const coro1 = coroutine(async () => {
    await sleep(0.001);
    divideByZero();
  });
  let refused: unknown;
  let refusedCoroStarted: boolean | undefined;
  const coro2 = async (g: TaskGroup): Promise<void> => {
    try {
      await sleep(1);
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      const c = coro1();
      refused = thrown(() => g.createTask(c, mode));
      refusedCoroStarted = c.started;
    }
  };
  const e = await rejection(
    taskGroup(async (g) => {
      g.createTask(coro1(), mode);
      g.createTask(() => coro2(g), mode);
    }),
  );
  assert.deepEqual(groupTypes(e), ['ZeroDivisionError']);
  assert.equal(groupErrors(e).length, 1);
  assert.ok(refused instanceof RuntimeError, `got ${String(refused)}`);
  assert.equal(refusedCoroStarted, true, 'the refused coroutine was closed');
  assert.equal(now(), 0.001);
});

both('283 test_taskgroup_context_manager_exit_raises: a context manager in the body whose exit raises while cancelled: except* sees 2 CustomExceptions; cancelling() is 0', async (mode) => {
  const raiseExc = async (): Promise<void> => {
    throw new CustomException('child');
  };
  const main = async (): Promise<void> => {
    const task = currentTask()!;
    let handled = false;
    try {
      await taskGroup(async (tg) => {
        // `async with database():` whose exit raises CustomException
        try {
          tg.createTask(raiseExc, mode);
          await sleep(1);
        } finally {
          throw new CustomException('database exit'); // eslint-disable-line no-unsafe-finally
        }
      });
    } catch (err) {
      const errors = groupErrors(err);
      assert.ok(errors.every((x) => x instanceof CustomException));
      assert.equal(task.cancelling(), 0);
      assert.equal(errors.length, 2);
      handled = true;
    }
    assert.equal(handled, true, 'CustomException not raised');
  };
  await createTask(main);
  assert.equal(now(), 0);
});

both('284 test_taskgroup_already_entered: entering the group again inside it is a RuntimeError "has already been entered" (through TaskGroup._run: the function form always makes a new group)', async (mode) => {
  void mode;
  const tg = new TaskGroup();
  let inner: unknown;
  let ran = false;
  await enter(tg, async () => {
    inner = await rejection(
      enter(tg, async () => {
        ran = true;
      }),
    );
  });
  assert.ok(inner instanceof RuntimeError);
  assert.match((inner as Error).message, /has already been entered/);
  assert.equal(ran, false);
});

both('286 test_taskgroup_finished+test_coro_closed_when_tg_closed: createTask after the group exited is a RuntimeError "is finished"; the coroutine is closed (never runs)', async (mode) => {
  let tg!: TaskGroup;
  await taskGroup(async (g) => {
    tg = g;
  });
  let ran = false;
  const c = coroutine(async () => {
    ran = true;
  })();
  const e = thrown(() => tg.createTask(c, mode));
  assert.ok(e instanceof RuntimeError);
  assert.match((e as Error).message, /is finished/);
  assert.equal(c.started, true, 'closed');
  const reuse = await rejection(Promise.resolve().then(() => c));
  assert.ok(reuse instanceof RuntimeError, 'a closed coroutine cannot run');
  assert.equal(ran, false);
});

both('287 test_taskgroup_not_entered: createTask before entering is a RuntimeError "has not been entered"', async (mode) => {
  const tg = new TaskGroup();
  let ran = false;
  const e = thrown(() =>
    tg.createTask(async () => {
      ran = true;
    }, mode),
  );
  assert.ok(e instanceof RuntimeError);
  assert.match((e as Error).message, /has not been entered/);
  await sleep(0);
  assert.equal(ran, false);
});

both('288 test_taskgroup_without_parent_task: entering from a plain loop callback is a RuntimeError mentioning "parent task"; createTask then says "has not been entered"', async (mode) => {
  const loop = getRunningLoop();
  const result = loop.createFuture<[unknown, unknown, unknown, boolean]>();
  loop.callSoon(() => {
    let ran = false;
    const tg = new TaskGroup();
    const viaGroup = enter(tg, async () => {
      ran = true;
    });
    const viaFunction = taskGroup(async () => {
      ran = true;
    });
    Promise.all([rejection(viaGroup), rejection(viaFunction)]).then(([a, b]) => {
      result.setResult([a, b, thrown(() => tg.createTask(() => sleep(0), mode)), ran]);
    });
  });
  const [a, b, afterwards, ran] = await result;
  for (const e of [a, b]) {
    assert.ok(e instanceof RuntimeError);
    assert.match((e as Error).message, /parent task/);
  }
  assert.equal(ran, false);
  assert.ok(afterwards instanceof RuntimeError);
  assert.match((afterwards as Error).message, /has not been entered/);
});

both('289 test_cancelling_level_preserved: after except* RuntimeError from a child, the parent\'s cancelling() is 0', async (mode) => {
  const raiseAfter = async (t: number, E: new () => Error): Promise<void> => {
    await sleep(t);
    throw new E();
  };
  let caught = false;
  try {
    await taskGroup(async (tg) => {
      tg.createTask(() => raiseAfter(0.0, RuntimeError), mode);
    });
  } catch (e) {
    assert.deepEqual(groupTypes(e), ['RuntimeError']);
    caught = true;
  }
  assert.equal(caught, true);
  assert.equal(currentTask()!.cancelling(), 0);
  await sleep(0.5);
  assert.equal(now(), 0.5, 'no cancellation is left pending');
});

both('290 test_nested_groups_both_cancelled: inner EG [RuntimeError], then cancelling() == 1 while the outer abort is pending, then outer EG [ValueError], finally cancelling() == 0', async (mode) => {
  const raiseAfter = async (t: number, E: new () => Error): Promise<void> => {
    await sleep(t);
    throw new E();
  };
  let innerCaught = false;
  let outerCaught = false;
  let cancellingBetween = -1;
  try {
    await taskGroup(async (outerTg) => {
      try {
        await taskGroup(async (innerTg) => {
          innerTg.createTask(() => raiseAfter(0, RuntimeError), mode);
          outerTg.createTask(() => raiseAfter(0, ValueError), mode);
        });
      } catch (e) {
        assert.deepEqual(groupTypes(e), ['RuntimeError']);
        innerCaught = true;
      }
      cancellingBetween = currentTask()!.cancelling();
    });
  } catch (e) {
    assert.deepEqual(groupTypes(e), ['ValueError']);
    outerCaught = true;
  }
  assert.equal(innerCaught, true, 'RuntimeError not raised');
  assert.equal(cancellingBetween, 1);
  assert.equal(outerCaught, true, 'ValueError not raised');
  assert.equal(currentTask()!.cancelling(), 0);
});

both('291 test_error_and_cancel: an outside cancel during a child failure stays counted (cancelling() 1 in and after except*) and cancels the next await (the Event is a Future here)', async (mode) => {
  const loop = getRunningLoop();
  const event = loop.createFuture<void>();
  const seen: number[] = [];
  let sleptInGroup = false;
  let sleptAfter = false;
  const raiseError = async (): Promise<void> => {
    if (!event.done()) event.setResult();
    await sleep(0);
    throw new RuntimeError('child');
  };
  const inner = async (): Promise<void> => {
    try {
      await taskGroup(async (tg) => {
        tg.createTask(raiseError, mode);
        await sleep(1);
        sleptInGroup = true;
      });
    } catch (e) {
      assert.deepEqual(groupTypes(e), ['RuntimeError']);
      seen.push(currentTask()!.cancelling());
    }
    seen.push(currentTask()!.cancelling());
    await sleep(1);
    sleptAfter = true;
  };
  const t = createTask(inner);
  await event;
  assert.equal(t.cancelling(), 0);
  t.cancel();
  assert.equal(t.cancelling(), 1);
  const e = await rejection(t);
  assert.ok(e instanceof CancelledError, `got ${String(e)}`);
  assert.equal(t.cancelled(), true);
  assert.deepEqual(seen, [1, 1]);
  assert.equal(sleptInGroup, false);
  assert.equal(sleptAfter, false);
  assert.equal(now(), 0);
});

both('292 test_exception_refcycles_direct (behaviour): a body error with no children is still wrapped: ExceptionGroup [_Done]', async (mode) => {
  void mode;
  const done = new Done();
  const e = await rejection(
    taskGroup(async () => {
      throw done;
    }),
  );
  assert.ok(e instanceof ExceptionGroup);
  assert.deepEqual(groupErrors(e), [done]);
});

both('293 test_exception_refcycles_parent_task (behaviour): a child running a group that raises _Done: ExceptionGroup [ExceptionGroup [_Done]]', async (mode) => {
  const done = new Done();
  const e = await rejection(
    taskGroup(async (tg2) => {
      tg2.createTask(async () => {
        await taskGroup(async () => {
          throw done;
        });
      }, mode);
    }),
  );
  const inner = groupErrors(e);
  assert.equal(inner.length, 1);
  assert.equal(groupErrors(inner[0])[0], done);
});

both('294 test_exception_refcycles_propagate_cancellation_error (behaviour) [chain]: timeout(-1) around a group: the cancellation passes through as such → TimeoutError whose cause is a CancelledError', async (mode) => {
  let childStarted = false;
  const e = await rejection(
    timeout(-1, async () => {
      await taskGroup(async (tg) => {
        tg.createTask(async () => {
          childStarted = true;
          await sleep(5);
        }, mode);
        await sleep(0);
      });
    }),
  );
  assert.ok(e instanceof TimeoutError, `got ${String(e)}`);
  assert.ok(e.cause instanceof CancelledError);
  assert.equal(childStarted, true, 'the child started in the iteration where the timeout fired, before the body resumed');
  assert.equal(now(), 0);
  assert.equal(currentTask()!.cancelling(), 0);
});

both('295 test_exception_refcycles_base_error (optional; JS has no BaseException, so tsaio groups every error): a KeyboardInterrupt-named error from the body comes out as ExceptionGroup [KeyboardInterrupt] (Python: bare)', async (mode) => {
  void mode;
  const ki = new KeyboardInterrupt();
  const e = await rejection(
    taskGroup(async () => {
      throw ki;
    }),
  );
  assert.ok(e instanceof ExceptionGroup);
  assert.deepEqual(groupErrors(e), [ki]);
});
