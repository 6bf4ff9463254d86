/**
 * CONTRACTS.md, test_queues.py (lines 69–105): Queue, LifoQueue, PriorityQueue, maxsize,
 * join/taskDone, shutdown. CPython runs these on a real loop; here they run on the virtual clock
 * with the same durations. A tick is one `await sleep(0)` in the main task. asyncio's private
 * `_getters`/`_putters`/`_unfinished_tasks` are read through the queue's public str
 * (`toString()`: `_getters[1]`, `_putters[1]`, `tasks=1`), as CPython's test_str does.
 * The join and shutdown lines (99–105) run for each of Queue, LifoQueue and PriorityQueue.
 */
import { test } from 'node:test';
import assert from '../helpers/assert.js';
import {
  CancelledError,
  Event,
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueShutDown,
  TimeoutError,
  ValueError,
  createTask,
  getRunningLoop,
  taskGroup,
  waitFor,
  type Task,
} from '../../src/index.js';
import { caught, queueField, tick, virtual } from '../helpers/sync.js';

const KINDS = [
  ['Queue', (maxsize?: number) => new Queue<unknown>(maxsize)],
  ['LifoQueue', (maxsize?: number) => new LifoQueue<unknown>(maxsize)],
  ['PriorityQueue', (maxsize?: number) => new PriorityQueue<unknown>(maxsize)],
] as const;

test('69. test_queues.py::QueueBasicTests.test_empty', async () => {
  await virtual(async () => {
    const q = new Queue<number>();
    assert.equal(q.empty(), true);
    await q.put(1);
    assert.equal(q.empty(), false);
    assert.equal(await q.get(), 1);
    assert.equal(q.empty(), true);
  });
});

test('70. test_queues.py::QueueBasicTests.test_full', async () => {
  await virtual(async () => {
    const q = new Queue<number>();
    assert.equal(q.full(), false);
    const q1 = new Queue<number>(1);
    await q1.put(1);
    assert.equal(q1.full(), true);
  });
});

test('72. test_queues.py::QueueBasicTests.test_maxsize', async () => {
  await virtual(async () => {
    const q = new Queue<number>(2);
    assert.equal(q.maxsize, 2);
    const haveBeenPut: number[] = [];
    const t = createTask(async () => {
      for (let i = 0; i < 3; i++) {
        await q.put(i);
        haveBeenPut.push(i);
      }
      return true;
    });
    await tick(2);
    assert.deepEqual(haveBeenPut, [0, 1], 'blocked on the third put');
    assert.equal(await q.get(), 0);
    await tick();
    assert.deepEqual(haveBeenPut, [0, 1, 2]);
    assert.equal(await q.get(), 1);
    assert.equal(await q.get(), 2);
    assert.ok(t.done());
    assert.equal(t.result(), true);
  });
});

test('73. test_queues.py::QueueBasicTests.test_repr+test_str (behavioural part, and the str fields)', async () => {
  await virtual(async () => {
    const q = new Queue<number>();
    let getter: Task<number> | null = null;
    await taskGroup(async (tg) => {
      getter = tg.createTask(() => q.get());
      await tick();
      assert.match(String(q), /_getters\[1\]/);
      q.putNowait(0);
    });
    assert.equal(await getter!, 0);

    const q1 = new Queue<number>(1);
    let putter: Task<void> | null = null;
    await taskGroup(async (tg) => {
      q1.putNowait(1);
      putter = tg.createTask(() => q1.put(2));
      await tick();
      assert.match(String(q1), /_putters\[1\]/);
      q1.getNowait();
    });
    assert.ok(putter!.done(), 'the blocked putter completed');

    const q2 = new Queue<number>();
    q2.putNowait(1);
    assert.match(String(q2), /^<Queue maxsize=0 _queue=\[1\] tasks=1>$/);
  });
});

test('74. test_queues.py::QueueGetTests.test_blocking_get', async () => {
  await virtual(async () => {
    const q = new Queue<number>();
    q.putNowait(1);
    assert.equal(await q.get(), 1);
  });
});

test('75. test_queues.py::QueueGetTests.test_get_with_putters (a real blocked putter instead of a planted future)', async () => {
  await virtual(async () => {
    const q = new Queue<number>(1);
    await q.put(1);
    const putter = createTask(() => q.put(2));
    await tick();
    assert.equal(queueField(q, '_putters'), 1);
    assert.equal(await q.get(), 1);
    assert.equal(queueField(q, '_putters'), 0, 'the get woke (and removed) the waiting putter');
    await tick();
    assert.ok(putter.done());
    assert.equal(putter.result(), undefined);
    assert.equal(q.getNowait(), 2);
  });
});

test('76. test_queues.py::QueueGetTests.test_blocking_get_wait', async () => {
  await virtual(async () => {
    const loop = getRunningLoop();
    const q = new Queue<number>();
    const started = new Event();
    let finished = false;
    const t = createTask(async () => {
      started.set();
      const res = await q.get();
      finished = true;
      return res;
    });
    await started.wait();
    assert.equal(finished, false);
    const t0 = loop.time();
    loop.callLater(0.01, () => q.putNowait(1));
    assert.equal(await t, 1);
    assert.equal(finished, true);
    assert.ok(loop.time() - t0 >= 0.01);
  });
});

test('78. test_queues.py::QueueGetTests.test_nonblocking_get_exception', () => {
  const q = new Queue<number>();
  assert.throws(() => q.getNowait(), QueueEmpty);
});

test('79. test_queues.py::QueueGetTests.test_get_cancelled_race', async () => {
  await virtual(async () => {
    const q = new Queue<string>();
    const t1 = createTask(() => q.get());
    const t2 = createTask(() => q.get());
    await tick();
    t1.cancel();
    await tick();
    assert.ok(t1.done());
    await q.put('a');
    await tick();
    assert.equal(await t2, 'a');
    assert.ok(t1.cancelled());
  });
});

test('81. test_queues.py::QueueGetTests.test_why_are_getters_waiting', async () => {
  await virtual(async () => {
    const q = new Queue<number>(1);
    let got = 0;
    await taskGroup(async (tg) => {
      tg.createTask(async () => {
        for (let i = 0; i < 5; i++) await q.put(i);
      });
      tg.createTask(async () => {
        for (let i = 0; i < 5; i++) {
          await q.get();
          got++;
        }
      });
    });
    assert.equal(got, 5);
  });
});

test('82. test_queues.py::QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters', async () => {
  await virtual(async () => {
    const q = new Queue<number>(5);
    assert.ok((await caught(waitFor(() => q.get(), 0.1))) instanceof TimeoutError);
    assert.equal(queueField(q, '_getters'), 0);
  });
});

test('85. test_queues.py::QueuePutTests.test_nonblocking_put', () => {
  const q = new Queue<number>();
  q.putNowait(1);
  assert.equal(q.getNowait(), 1);
});

test('87. test_queues.py::QueuePutTests.test_get_cancel_drop_many_pending_readers', async () => {
  await virtual(async () => {
    const q = new Queue<number>();
    let reader2: Task<number> | null = null;
    let reader3: Task<number> | null = null;
    await taskGroup(async (tg) => {
      const reader1 = tg.createTask(() => q.get());
      reader2 = tg.createTask(() => q.get());
      reader3 = tg.createTask(() => q.get());
      await tick();
      q.putNowait(1);
      q.putNowait(2);
      reader1.cancel();
      assert.ok((await caught(reader1)) instanceof CancelledError);
      await reader3;
    });
    assert.deepEqual(new Set([reader2!.result(), reader3!.result()]), new Set([1, 2]));
  });
});

test('88. test_queues.py::QueuePutTests.test_put_cancel_drop', async () => {
  await virtual(async () => {
    const q = new Queue<number>(1);
    q.putNowait(1);
    let writer = createTask(() => q.put(2));
    await tick();
    assert.equal(q.getNowait(), 1);
    writer.cancel();
    try {
      await writer;
    } catch (e) {
      assert.ok(e instanceof CancelledError);
      writer = createTask(() => q.put(2));
      await writer;
    }
    assert.equal(q.getNowait(), 2);
    assert.equal(q.qsize(), 0);
  });
});

test('91. test_queues.py::QueuePutTests.test_put_cancelled', async () => {
  await virtual(async () => {
    const q = new Queue<number>();
    const t = createTask(async () => {
      await q.put(1);
      return true;
    });
    assert.equal(await q.get(), 1);
    assert.ok(t.done());
    assert.equal(t.result(), true);
  });
});

test('92. test_queues.py::QueuePutTests.test_put_cancelled_race', async () => {
  await virtual(async () => {
    const q = new Queue<string>(1);
    const putA = createTask(() => q.put('a'));
    const putB = createTask(() => q.put('b'));
    const putC = createTask(() => q.put('X'));
    await tick();
    assert.ok(putA.done());
    assert.ok(!putB.done());
    putC.cancel();
    await tick();
    assert.ok(putC.done());
    assert.equal(q.getNowait(), 'a');
    await tick();
    assert.equal(q.getNowait(), 'b');
    await putB;
    assert.equal(q.qsize(), 0, "'X' never entered the queue");
  });
});

test('94. test_queues.py::QueuePutTests.test_why_are_putters_waiting', async () => {
  await virtual(async () => {
    const q = new Queue<number>(2);
    await taskGroup(async (tg) => {
      tg.createTask(async () => {
        await tick();
        const num = q.qsize();
        for (let i = 0; i < num; i++) q.getNowait();
      });
      for (let i = 0; i < 4; i++) tg.createTask(() => q.put(i));
    });
    assert.equal(q.qsize(), 2);
  });
});

test('95. test_queues.py::QueuePutTests.test_cancelled_puts_not_being_held_in_self_putters', async () => {
  await virtual(async () => {
    const q = new Queue<number>(1);
    q.putNowait(1);
    const putTask = createTask(() => q.put(1));
    await tick();
    assert.equal(queueField(q, '_putters'), 1);
    putTask.cancel();
    assert.ok((await caught(putTask)) instanceof CancelledError);
    assert.equal(queueField(q, '_putters'), 0);
  });
});

test('98. test_queues.py::PriorityQueueTests.test_order', async () => {
  await virtual(async () => {
    const q = new PriorityQueue<number>();
    for (const i of [1, 3, 2]) q.putNowait(i);
    const items = [];
    for (let i = 0; i < 3; i++) items.push(await q.get());
    assert.deepEqual(items, [1, 2, 3]);
  });
});

test('99. test_queues.py::{Queue,LifoQueue,PriorityQueue}JoinTests.test_task_done_underflow', () => {
  for (const [, make] of KINDS) assert.throws(() => make().taskDone(), ValueError);
});

test('100. test_queues.py::{…}JoinTests.test_task_done', async () => {
  for (const [name, make] of KINDS) {
    await virtual(async () => {
      const q = make();
      for (let i = 0; i < 100; i++) q.putNowait(i);
      let accumulator = 0;
      let running = true;
      await taskGroup(async (tg) => {
        const worker = async () => {
          while (running) {
            const item = (await q.get()) as number;
            accumulator += item;
            q.taskDone();
          }
        };
        const tasks = [tg.createTask(worker), tg.createTask(worker)];
        await q.join();
        assert.equal(accumulator, 4950, name);
        running = false;
        for (let i = 0; i < tasks.length; i++) q.putNowait(0);
      });
    });
  }
});

test('101. test_queues.py::{…}JoinTests.test_join_empty_queue', async () => {
  for (const [, make] of KINDS) {
    await virtual(async () => {
      const q = make();
      const loop = getRunningLoop();
      const t0 = loop.time();
      await q.join();
      await q.join();
      assert.equal(loop.time(), t0);
    });
  }
});

test('103. test_queues.py::{…}ShutdownTests.test_shutdown_nonempty', async () => {
  for (const [name, make] of KINDS) {
    await virtual(async () => {
      const q = make(1);
      q.putNowait('data');
      const joinTask = createTask(() => q.join());
      const putTask = createTask(() => q.put('data2'));
      await tick();
      assert.ok(!putTask.done());
      q.shutdown(false);
      assert.equal(q.qsize(), 1);
      await tick();
      assert.ok(putTask.done(), name);
      assert.ok((await caught(putTask)) instanceof QueueShutDown);
      assert.equal(await q.get(), 'data');
      await tick();
      assert.ok(!joinTask.done());
      assert.ok((await caught(q.put('data'))) instanceof QueueShutDown);
      assert.throws(() => q.putNowait('data'), QueueShutDown);
      assert.ok((await caught(q.get())) instanceof QueueShutDown);
      assert.throws(() => q.getNowait(), QueueShutDown);
      q.taskDone();
      await tick();
      assert.ok(joinTask.done());
      await joinTask;
      assert.throws(() => q.taskDone(), ValueError);
    });
  }
});

test('104. test_queues.py::{…}ShutdownTests.test_shutdown_immediate', async () => {
  for (const [name, make] of KINDS) {
    await virtual(async () => {
      const q = make();
      q.putNowait('data');
      const joinTask = createTask(() => q.join());
      assert.equal(queueField(q, 'tasks'), 1);
      q.shutdown(true);
      assert.equal(q.qsize(), 0);
      assert.equal(queueField(q, 'tasks'), 0, 'the discarded item counts as done');
      await tick();
      assert.ok(joinTask.done(), name);
      await joinTask;
      assert.ok((await caught(q.put('data'))) instanceof QueueShutDown);
      assert.throws(() => q.putNowait('data'), QueueShutDown);
      assert.ok((await caught(q.get())) instanceof QueueShutDown);
      assert.throws(() => q.getNowait(), QueueShutDown);
      assert.throws(() => q.taskDone(), ValueError);
    });
  }
});

test('105. test_queues.py::{…}ShutdownTests.test_shutdown_immediate_with_unfinished', async () => {
  for (const [name, make] of KINDS) {
    await virtual(async () => {
      const q = make();
      q.putNowait('data');
      q.putNowait('data');
      const joinTask = createTask(() => q.join());
      assert.equal(await q.get(), 'data');
      q.shutdown(true);
      assert.equal(q.qsize(), 0);
      assert.equal(queueField(q, 'tasks'), 1, 'only the discarded item was completed');
      await tick();
      assert.ok(!joinTask.done(), name);
      assert.ok((await caught(q.put('data'))) instanceof QueueShutDown);
      assert.throws(() => q.putNowait('data'), QueueShutDown);
      assert.ok((await caught(q.get())) instanceof QueueShutDown);
      assert.throws(() => q.getNowait(), QueueShutDown);
      q.taskDone();
      assert.throws(() => q.taskDone(), ValueError);
      await tick();
      assert.ok(joinTask.done());
      await joinTask;
    });
  }
});
