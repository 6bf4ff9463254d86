/**
 * One behaviour suite for Queue, LifoQueue and PriorityQueue: they differ only in the order items
 * come out (`order` below); blocking, fairness, cancellation, join and shutdown are the same.
 */
import { describe, test } from 'node:test';
import assert from '../helpers/assert.js';
import {
  CancelledError,
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  RuntimeError,
  TimeoutError,
  createTask,
  gather,
  getRunningLoop,
  waitFor,
  type Task,
} from '../../src/index.js';
import { caught, queueField, tick, virtual } from '../helpers/sync.js';

interface Variant {
  name: string;
  make: (maxsize?: number) => Queue<number>;
  /** The order in which items put as `input` come out. */
  order: (input: number[]) => number[];
}

const variants: Variant[] = [
  { name: 'Queue', make: (m) => new Queue<number>(m), order: (xs) => [...xs] },
  { name: 'LifoQueue', make: (m) => new LifoQueue<number>(m), order: (xs) => [...xs].reverse() },
  { name: 'PriorityQueue', make: (m) => new PriorityQueue<number>(m), order: (xs) => [...xs].sort((a, b) => a - b) },
];

const INPUT = [5, 1, 4, 2, 3];

function queueSuite({ name, make, order }: Variant): void {
  describe(name, () => {
    test('is a Queue', () => {
      assert.ok(make() instanceof Queue);
    });

    test('putNowait/getNowait give the items back in the variant order', () => {
      const q = make();
      for (const x of INPUT) q.putNowait(x);
      assert.equal(q.qsize(), INPUT.length);
      const out = INPUT.map(() => q.getNowait());
      assert.deepEqual(out, order(INPUT));
      assert.ok(q.empty());
      assert.throws(() => q.getNowait(), QueueEmpty);
    });

    test('get() on a filled queue costs no loop iteration', async () => {
      await virtual(async () => {
        const q = make();
        q.putNowait(1);
        const seen: string[] = [];
        getRunningLoop().callSoon(() => seen.push('callback'));
        assert.equal(await q.get(), 1);
        seen.push('got');
        await tick();
        assert.deepEqual(seen, ['got', 'callback']);
      });
    });

    test('blocked getters are served first come, first served', async () => {
      await virtual(async () => {
        const q = make();
        const got: string[] = [];
        const getters = ['a', 'b', 'c'].map((tag) =>
          createTask(async () => {
            got.push(`${tag}:${await q.get()}`);
          }),
        );
        await tick();
        assert.equal(queueField(q, '_getters'), 3);
        q.putNowait(10);
        q.putNowait(20);
        q.putNowait(30);
        await gather(getters);
        // The getters wake in FIFO order; what each one takes follows the variant's order.
        assert.deepEqual(got, order([10, 20, 30]).map((x, i) => `${'abc'[i]}:${x}`));
      });
    });

    test('blocked putters are served first come, first served', async () => {
      await virtual(async () => {
        const q = make(1);
        q.putNowait(0);
        const putters = [1, 2, 3].map((x) => createTask(() => q.put(x)));
        await tick();
        assert.equal(queueField(q, '_putters'), 3);
        const out: number[] = [];
        for (let i = 0; i < 4; i++) {
          out.push(await q.get());
          await tick();
        }
        assert.deepEqual(out, [0, 1, 2, 3], 'each put lands only when a slot frees, in order');
        await gather(putters);
      });
    });

    test('maxsize: full() at maxsize; putNowait is QueueFull; put waits', async () => {
      await virtual(async () => {
        const q = make(2);
        assert.equal(q.maxsize, 2);
        q.putNowait(1);
        assert.equal(q.full(), false);
        q.putNowait(2);
        assert.equal(q.full(), true);
        assert.throws(() => q.putNowait(3), QueueFull);
        const t = createTask(() => q.put(3));
        await tick(3);
        assert.equal(t.done(), false);
        q.getNowait();
        await tick();
        assert.ok(t.done());
        assert.equal(q.qsize(), 2);
      });
    });

    test('maxsize <= 0 or Infinity is unbounded; a fractional one works as in Python', () => {
      for (const m of [0, -1, -Infinity, Infinity]) {
        const q = make(m);
        for (let i = 0; i < 1000; i++) q.putNowait(i);
        assert.equal(q.full(), false, `maxsize ${m}`);
      }
      const q = make(1.3);
      q.putNowait(1);
      assert.equal(q.full(), false);
      q.putNowait(2);
      assert.equal(q.full(), true);
      assert.throws(() => q.putNowait(3), QueueFull);
    });

    test('maxsize NaN or a non-number is a TypeError naming the value', () => {
      for (const bad of [NaN, '3', null, {}, 3n]) {
        assert.throws(() => make(bad as number), (e: unknown) => {
          assert.ok(e instanceof TypeError);
          assert.match(e.message, /maxsize/);
          assert.ok(e.message.includes(typeof bad === 'string' ? `'3'` : bad === null ? 'null' : String(bad).slice(0, 3)), e.message);
          return true;
        });
      }
    });

    test('a cancelled get() takes nothing; the item goes to the next getter', async () => {
      await virtual(async () => {
        const q = make();
        const g1 = createTask(() => q.get());
        const g2 = createTask(() => q.get());
        await tick();
        q.putNowait(7); // wakes g1 ...
        g1.cancel(); // ... which is cancelled before it runs
        assert.ok((await caught(g1)) instanceof CancelledError);
        assert.equal(await g2, 7);
        assert.equal(q.qsize(), 0);
        assert.equal(queueField(q, '_getters'), 0);
      });
    });

    test('a cancelled put() adds nothing; the slot goes to the next putter', async () => {
      await virtual(async () => {
        const q = make(1);
        q.putNowait(1);
        const p1 = createTask(() => q.put(2));
        const p2 = createTask(() => q.put(3));
        await tick();
        q.getNowait(); // wakes p1 ...
        p1.cancel(); // ... which is cancelled before it runs
        assert.ok((await caught(p1)) instanceof CancelledError);
        await p2;
        assert.equal(q.qsize(), 1);
        assert.equal(q.getNowait(), 3);
        assert.equal(queueField(q, '_putters'), 0);
      });
    });

    test('get() under a timeout: TimeoutError, no getter left, the queue still works', async () => {
      await virtual(async () => {
        const q = make();
        assert.ok((await caught(waitFor(() => q.get(), 1))) instanceof TimeoutError);
        assert.equal(queueField(q, '_getters'), 0);
        q.putNowait(4);
        assert.equal(await q.get(), 4);
      });
    });

    test('join() waits for every taskDone(); it returns exactly when the count reaches 0', async () => {
      await virtual(async () => {
        const q = make();
        for (const x of INPUT) q.putNowait(x);
        const joined = createTask(() => q.join());
        for (let i = 0; i < INPUT.length; i++) {
          await q.get();
          await tick(2);
          assert.equal(joined.done(), false, `after ${i} taskDone calls`);
          q.taskDone();
        }
        await tick();
        assert.ok(joined.done());
        assert.throws(() => q.taskDone(), /task_done\(\) called too many times/);
      });
    });

    test('shutdown(): blocked getters raise QueueShutDown, remaining items can still be got', async () => {
      await virtual(async () => {
        const q = make();
        const getter = createTask(() => q.get());
        await tick();
        q.shutdown();
        assert.ok((await caught(getter)) instanceof QueueShutDown);
        const q2 = make();
        q2.putNowait(1);
        q2.putNowait(2);
        q2.shutdown();
        assert.throws(() => q2.putNowait(3), QueueShutDown);
        assert.equal(q2.qsize(), 2);
        await q2.get();
        await q2.get();
        assert.ok((await caught(q2.get())) instanceof QueueShutDown);
        assert.match(String(q2), / shutdown>$/);
      });
    });

    test('shutdown(true): discards the items, counts them done, wakes blocked putters', async () => {
      await virtual(async () => {
        const q = make(1);
        q.putNowait(1);
        const putter = createTask(() => q.put(2));
        const joined = createTask(() => q.join());
        await tick();
        q.shutdown(true);
        assert.equal(q.qsize(), 0);
        assert.ok((await caught(putter)) instanceof QueueShutDown);
        await joined;
        q.shutdown(true); // twice is harmless
      });
    });

    test('for await: items in the variant order, ending at shutdown', async () => {
      await virtual(async () => {
        const q = make();
        const seen: number[] = [];
        const consumer = createTask(async () => {
          for await (const x of q) {
            seen.push(x);
            q.taskDone();
          }
          return 'ended';
        });
        for (const x of INPUT) q.putNowait(x);
        await q.join();
        assert.deepEqual(seen, order(INPUT));
        await tick(3);
        assert.equal(consumer.done(), false, 'it waits for more');
        q.shutdown();
        assert.equal(await consumer, 'ended');
      });
    });

    test('for await: breaking out leaves the remaining items queued', async () => {
      await virtual(async () => {
        const q = make();
        for (const x of INPUT) q.putNowait(x);
        for await (const x of q) {
          assert.equal(x, order(INPUT)[0]);
          break;
        }
        assert.equal(q.qsize(), INPUT.length - 1);
      });
    });

    test('binds to the loop it first waits in; waiting from another loop is a RuntimeError', async () => {
      const q = make();
      await virtual(async () => {
        const t = createTask(() => q.get());
        await tick();
        q.putNowait(1);
        await t;
      });
      await virtual(async () => {
        q.putNowait(2);
        assert.equal(await q.get(), 2, 'no waiting, no loop needed');
        assert.ok((await caught(q.get())) instanceof RuntimeError);
      });
    });

    test('100k puts and gets stay fast (O(1) or O(log n) each)', async () => {
      await virtual(async () => {
        const q = make();
        const n = 100_000;
        const t0 = performance.now();
        for (let i = 0; i < n; i++) q.putNowait((i * 7919) % n);
        let sum = 0;
        for (let i = 0; i < n; i++) sum += q.getNowait();
        assert.equal(sum, (n * (n - 1)) / 2);
        assert.ok(performance.now() - t0 < 2000);
      });
    });

    test('producer/consumer through a bounded queue loses and duplicates nothing', async () => {
      await virtual(async () => {
        const q = make(3);
        const got: number[] = [];
        const consumers: Task<void>[] = [1, 2].map(() =>
          createTask(async () => {
            for await (const x of q) {
              got.push(x);
              q.taskDone();
            }
          }),
        );
        for (let i = 0; i < 200; i++) await q.put(i);
        await q.join();
        q.shutdown();
        await gather(consumers);
        assert.deepEqual([...got].sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i));
      });
    });
  });
}

for (const v of variants) queueSuite(v);
