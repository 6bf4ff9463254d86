/**
 * Randomized cancellation of Queue, LifoQueue and PriorityQueue: thousands of seeded schedules on
 * the virtual clock with producers (`put`), consumers (`get`, then `taskDone()`) and joiners
 * (`join()`), while the main task cancels random producers and consumers at random moments (from
 * its own step, or from a plain loop callback between other steps). Checked after each schedule:
 * every item whose `put` returned was got exactly once or is still queued (nothing lost, nothing
 * duplicated, nothing from a cancelled `put`), no getter or putter is left registered, and
 * `join()` returned only after the unfinished count had reached 0, and always did so within a
 * tick when it did. Each schedule ends with a graceful or an immediate shutdown.
 * A failure names its seed, so it replays exactly.
 */
import { test } from 'node:test';
import assert from '../helpers/assert.js';
import {
  CancelledError,
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueShutDown,
  createTask,
  gather,
  getRunningLoop,
  sleep,
  timeout,
  type Task,
} from '../../src/index.js';
import { prng, queueField, virtual } from '../helpers/sync.js';

const SCHEDULES = 4000;
const stats = { cancelledPuts: 0, cancelledGets: 0, joins: 0 };

async function schedule(seed: number): Promise<void> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const kind = pick(['Queue', 'LifoQueue', 'PriorityQueue'] as const);
  const maxsize = Math.floor(rand() * 4); // 0 = unbounded
  const q = kind === 'Queue' ? new Queue<number>(maxsize) : kind === 'LifoQueue' ? new LifoQueue<number>(maxsize) : new PriorityQueue<number>(maxsize);
  const nProducers = 1 + Math.floor(rand() * 3);
  const nConsumers = 1 + Math.floor(rand() * 3);
  const perProducer = 1 + Math.floor(rand() * 6);
  const immediate = rand() < 0.5;
  const where = `seed ${seed} (${kind}(${maxsize}), ${nProducers}×${perProducer} items, ${nConsumers} consumers, shutdown(${immediate}))`;

  const put = new Set<number>();
  const got: number[] = [];
  let unfinished = 0; // the model of the queue's unfinished-task count
  let zeroEvents = 0; // how many times it dropped to 0
  let tickNo = 0;
  let lastZeroTick = -1;
  let discarded = 0;

  const taskDone = (): void => {
    q.taskDone();
    unfinished--;
    if (unfinished === 0) {
      zeroEvents++;
      lastZeroTick = tickNo;
    }
  };

  const producer = (p: number) => async () => {
    for (let i = 0; i < perProducer; i++) {
      const item = p * 100 + i;
      try {
        await q.put(item);
      } catch (e) {
        if (e instanceof CancelledError) stats.cancelledPuts++;
        throw e;
      }
      assert.ok(!put.has(item), where);
      put.add(item);
      unfinished++;
      if (rand() < 0.4) await sleep(0);
    }
  };

  const consumer = async (): Promise<void> => {
    for (;;) {
      let item: number;
      try {
        item = await q.get();
      } catch (e) {
        if (e instanceof QueueShutDown) return;
        if (e instanceof CancelledError) stats.cancelledGets++;
        throw e;
      }
      got.push(item);
      try {
        const ticks = Math.floor(rand() * 3);
        for (let i = 0; i < ticks; i++) await sleep(0);
      } finally {
        taskDone();
      }
    }
  };

  interface Joiner {
    task: Task<void>;
    startTick: number;
  }
  const joiners: Joiner[] = [];
  const startJoiner = (): void => {
    const startedAtZero = unfinished === 0;
    const before = zeroEvents;
    const startTick = tickNo;
    const task = createTask(async () => {
      await q.join();
      stats.joins++;
      assert.ok(startedAtZero || zeroEvents > before, `${where}: join() returned while ${unfinished} items were unfinished`);
    });
    joiners.push({ task, startTick });
  };

  const producers = Array.from({ length: nProducers }, (_, p) => createTask(producer(p)));
  const consumers = Array.from({ length: nConsumers }, () => createTask(consumer));
  const victims: Task<void>[] = [...producers, ...consumers];
  const loop = getRunningLoop();
  const cancelProbability = rand() * 0.25;

  await timeout(1000, async () => {
    while (producers.some((t) => !t.done())) {
      if (rand() < cancelProbability) {
        const victim = pick(victims);
        if (rand() < 0.5) victim.cancel();
        else loop.callSoon(() => victim.cancel());
      }
      if (rand() < 0.1) startJoiner();
      await sleep(0);
      tickNo++;
      // A join pending when the count dropped to 0 has resumed by now.
      for (const j of joiners) {
        if (!j.task.done() && j.startTick < lastZeroTick && lastZeroTick <= tickNo - 2) {
          assert.fail(`${where}: join() did not return after the count reached 0`);
        }
      }
      // Keep at least one consumer alive so that bounded producers can finish.
      if (consumers.every((t) => t.done())) consumers.push(createTask(consumer));
    }
    if (!immediate) {
      // Graceful: the remaining items are drained by the consumers, then they stop.
      q.shutdown(false);
      await gather(consumers, { returnExceptions: true });
      // A cancellation still in flight may have stopped every consumer: drain with a fresh one.
      while (!q.empty()) {
        const drainer = createTask(consumer);
        consumers.push(drainer);
        await drainer;
      }
    } else {
      // Immediate: the remaining items are discarded and count as done.
      discarded = q.qsize();
      q.shutdown(true);
      unfinished -= discarded;
      if (discarded > 0 && unfinished === 0) zeroEvents++;
    }
    await gather(consumers, { returnExceptions: true });
    await sleep(0);
  });
  await gather(joiners.map((j) => j.task));

  const gotSet = new Set(got);
  assert.equal(gotSet.size, got.length, `${where}: an item was got twice`);
  for (const x of got) assert.ok(put.has(x), `${where}: got ${x}, which no completed put added`);
  assert.equal(q.qsize(), 0, where);
  assert.equal(got.length + discarded, put.size, `${where}: items lost: put ${put.size}, got ${got.length}, discarded ${discarded}`);
  assert.equal(queueField(q, 'tasks'), unfinished, `${where}: unfinished count ${q}`);
  assert.equal(queueField(q, '_getters'), 0, `${where}: a getter was left behind: ${q}`);
  assert.equal(queueField(q, '_putters'), 0, `${where}: a putter was left behind: ${q}`);
  for (const j of joiners) assert.ok(j.task.done(), where);
}

test(`${SCHEDULES} seeded schedules of Queue/LifoQueue/PriorityQueue with random cancellations keep every item and join() exact`, async () => {
  const batch = 250;
  for (let start = 0; start < SCHEDULES; start += batch) {
    await virtual(async () => {
      for (let seed = start; seed < start + batch; seed++) await schedule(seed);
    });
  }
  assert.ok(stats.cancelledPuts > 200, `only ${stats.cancelledPuts} puts were cancelled`);
  assert.ok(stats.cancelledGets > 200, `only ${stats.cancelledGets} gets were cancelled`);
  assert.ok(stats.joins > 200, `only ${stats.joins} joins returned`);
});
