/**
 * One behaviour suite for the mutual-exclusion primitives: Lock, Semaphore(1) and
 * BoundedSemaphore(1) must behave alike (FIFO, no barging, cancellation-safe, no owner, `hold()`),
 * differing only in what an extra `release()` does.
 */
import { describe, test } from 'node:test';
import assert from '../helpers/assert.js';
import {
  BoundedSemaphore,
  CancelledError,
  Guard,
  Lock,
  RuntimeError,
  Semaphore,
  TimeoutError,
  ValueError,
  createTask,
  gather,
  getRunningLoop,
  sleep,
  waitFor,
  type Task,
} from '../../src/index.js';
import { caught, tick, virtual, waiters } from '../helpers/sync.js';

interface Mutex {
  acquire(): Promise<true>;
  release(): void;
  locked(): boolean;
  hold(): Promise<Guard>;
  toString(): string;
}

interface Variant {
  name: string;
  make: () => Mutex;
  /** What `release()` of a free primitive does. */
  overRelease: 'RuntimeError' | 'ValueError' | 'allowed';
}

const variants: Variant[] = [
  { name: 'Lock', make: () => new Lock(), overRelease: 'RuntimeError' },
  { name: 'Semaphore(1)', make: () => new Semaphore(1), overRelease: 'allowed' },
  { name: 'BoundedSemaphore(1)', make: () => new BoundedSemaphore(1), overRelease: 'ValueError' },
];

function mutexSuite({ name, make, overRelease }: Variant): void {
  describe(name, () => {
    test('acquire() resolves to true and locks; release() unlocks', async () => {
      await virtual(async () => {
        const m = make();
        assert.equal(m.locked(), false);
        assert.equal(await m.acquire(), true);
        assert.equal(m.locked(), true);
        m.release();
        assert.equal(m.locked(), false);
      });
    });

    test('an uncontended acquire() costs no loop iteration', async () => {
      await virtual(async () => {
        const m = make();
        const order: string[] = [];
        getRunningLoop().callSoon(() => order.push('callback'));
        await m.acquire();
        order.push('acquired');
        await tick();
        assert.deepEqual(order, ['acquired', 'callback']);
      });
    });

    test('waiters get it in FIFO order, one per release', async () => {
      await virtual(async () => {
        const m = make();
        await m.acquire();
        const order: number[] = [];
        const tasks = [1, 2, 3, 4, 5].map((k) =>
          createTask(async () => {
            await m.acquire();
            order.push(k);
          }),
        );
        await tick();
        assert.equal(waiters(m), 5);
        for (let i = 1; i <= 5; i++) {
          m.release();
          await tick();
          assert.deepEqual(order, [1, 2, 3, 4, 5].slice(0, i));
          assert.equal(m.locked(), true);
        }
        m.release();
        await gather(tasks);
        assert.equal(waiters(m), 0);
      });
    });

    test('no barging: a newcomer queues behind a woken waiter that has not run yet', async () => {
      await virtual(async () => {
        const m = make();
        await m.acquire();
        const order: string[] = [];
        const waiter = createTask(async () => {
          await m.acquire();
          order.push('waiter');
        });
        await tick();
        m.release(); // the waiter is woken, but has not run
        const newcomer = createTask(async () => {
          await m.acquire();
          order.push('newcomer');
        });
        await tick();
        assert.deepEqual(order, ['waiter'], 'the newcomer could not take it');
        assert.equal(newcomer.done(), false);
        m.release();
        await tick();
        assert.deepEqual(order, ['waiter', 'newcomer']);
        await gather([waiter, newcomer]);
      });
    });

    test('a cancelled waiter leaves the queue; the others keep their order', async () => {
      await virtual(async () => {
        const m = make();
        await m.acquire();
        const order: number[] = [];
        const tasks = [1, 2, 3].map((k) =>
          createTask(async () => {
            await m.acquire();
            order.push(k);
            m.release();
          }),
        );
        await tick();
        tasks[1]!.cancel();
        await tick();
        assert.equal(waiters(m), 2);
        m.release();
        await gather(tasks, { returnExceptions: true });
        assert.deepEqual(order, [1, 3]);
        assert.ok(tasks[1]!.cancelled());
        assert.equal(m.locked(), false);
      });
    });

    test('a waiter handed the lock and cancelled before it runs passes it on (no lost wake-up)', async () => {
      await virtual(async () => {
        const m = make();
        await m.acquire();
        const t1 = createTask(() => m.acquire());
        const t2 = createTask(() => m.acquire());
        await tick();
        m.release(); // hands it to t1
        t1.cancel(); // before t1 runs
        await tick(2);
        assert.ok(t1.cancelled());
        assert.ok(t2.done(), 't2 got it');
        assert.equal(m.locked(), true);
        m.release();
        assert.equal(m.locked(), false);
      });
    });

    test('cancelling the holder-to-be via a timeout keeps the primitive consistent', async () => {
      await virtual(async () => {
        const m = make();
        await m.acquire();
        assert.ok((await caught(waitFor(() => m.acquire(), 0.5))) instanceof TimeoutError);
        assert.equal(waiters(m), 0);
        m.release();
        assert.equal(m.locked(), false);
        assert.equal(await waitFor(() => m.acquire(), 0.5), true);
      });
    });

    test('no owner: another task may release it', async () => {
      await virtual(async () => {
        const m = make();
        await m.acquire();
        await createTask(async () => m.release());
        assert.equal(m.locked(), false);
      });
    });

    test(`release() of a free one: ${overRelease}`, async () => {
      await virtual(async () => {
        const m = make();
        if (overRelease === 'RuntimeError') assert.throws(() => m.release(), RuntimeError);
        else if (overRelease === 'ValueError') assert.throws(() => m.release(), ValueError);
        else {
          m.release();
          await m.acquire();
          assert.equal(m.locked(), false, 'a plain Semaphore counts the extra permit');
          return;
        }
        assert.equal(m.locked(), false, 'the failed release changed nothing');
        await m.acquire();
        assert.equal(m.locked(), true);
      });
    });

    test('hold(): `await using` releases at the end of the block, also when it throws', async () => {
      await virtual(async () => {
        const m = make();
        {
          await using guard = await m.hold();
          assert.ok(guard instanceof Guard);
          assert.equal(m.locked(), true);
          assert.equal(guard.released, false);
        }
        assert.equal(m.locked(), false);
        await assert.rejects(async () => {
          await using _ = await m.hold();
          throw new Error('boom');
        }, /boom/);
        assert.equal(m.locked(), false);
        {
          using _ = await m.hold();
          assert.equal(m.locked(), true);
        }
        assert.equal(m.locked(), false);
      });
    });

    test('hold(): the guard releases exactly once', async () => {
      await virtual(async () => {
        const m = make();
        const guard = await m.hold();
        guard.release();
        assert.equal(m.locked(), false);
        await m.acquire(); // someone else holds it now
        guard.release();
        guard[Symbol.dispose]();
        await guard[Symbol.asyncDispose]();
        assert.equal(m.locked(), true, 'the stale guard did not release the new holder');
        assert.equal(guard.released, true);
        m.release();
      });
    });

    test('hold() cancelled while waiting holds nothing', async () => {
      await virtual(async () => {
        const m = make();
        await m.acquire();
        const t = createTask(() => m.hold());
        await tick();
        t.cancel();
        assert.ok((await caught(t)) instanceof CancelledError);
        m.release();
        assert.equal(m.locked(), false);
        assert.equal(waiters(m), 0);
      });
    });

    test('`await m` resolves to the object and does not acquire', async () => {
      await virtual(async () => {
        const m = make();
        assert.equal(typeof (m as unknown as { then?: unknown }).then, 'undefined');
        assert.equal(await m, m);
        assert.equal(m.locked(), false);
      });
    });

    test('binds to the loop it first waits in; waiting from another loop is a RuntimeError', async () => {
      const m = make();
      await virtual(async () => {
        await m.acquire();
        const t = createTask(() => m.acquire());
        await tick();
        m.release();
        await t;
        m.release();
      });
      await virtual(async () => {
        // Uncontended use needs no loop.
        await m.acquire();
        const err = await caught(m.acquire());
        assert.ok(err instanceof RuntimeError);
        assert.match((err as Error).message, /bound to a different event loop/);
        m.release();
      });
    });

    test('a primitive that never waited can move to another loop', async () => {
      const m = make();
      await virtual(async () => {
        await m.acquire();
        m.release();
      });
      await virtual(async () => {
        await m.acquire();
        const t = createTask(() => m.acquire());
        await tick();
        m.release();
        assert.equal(await t, true);
      });
    });

    test('waiting outside a running loop is a RuntimeError', async () => {
      const m = make();
      await m.acquire();
      const err = await caught(m.acquire());
      assert.ok(err instanceof RuntimeError);
      assert.match((err as Error).message, /no running event loop/);
    });

    test('many waiters: 20k tasks pass one at a time, in order', async () => {
      await virtual(async () => {
        const m = make();
        const n = 20_000;
        let inside = 0;
        let maxInside = 0;
        const order: number[] = [];
        const tasks: Task<void>[] = [];
        for (let i = 0; i < n; i++) {
          tasks.push(
            createTask(async () => {
              await m.acquire();
              inside++;
              maxInside = Math.max(maxInside, inside);
              order.push(i);
              await sleep(0);
              inside--;
              m.release();
            }),
          );
        }
        await gather(tasks);
        assert.equal(maxInside, 1);
        assert.equal(order.length, n);
        assert.ok(order.every((v, i) => v === i), 'FIFO');
        assert.equal(m.locked(), false);
      });
    });
  });
}

for (const v of variants) mutexSuite(v);
