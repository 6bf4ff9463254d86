/**
 * Randomized cancellation of Lock, Semaphore and BoundedSemaphore: thousands of seeded schedules
 * on the virtual clock, each with several tasks acquiring, holding for a few ticks and releasing,
 * while the main task cancels random tasks at random moments (from its own step, or from a plain
 * loop callback between other steps), so a cancellation lands at every kind of await point:
 * waiting, woken but not yet resumed, holding. After each schedule: no permit was ever duplicated
 * (never more holders than permits), none was lost (all permits free again, `locked()` false when
 * they are, no waiter left), and every task that was not cancelled finished all its rounds.
 * A failure names its seed, so it replays exactly.
 */
import { test } from 'node:test';
import assert from '../helpers/assert.js';
import {
  BoundedSemaphore,
  CancelledError,
  Lock,
  Semaphore,
  createTask,
  gather,
  getRunningLoop,
  sleep,
  timeout,
  type Task,
} from '../../src/index.js';
import { prng, virtual, waiters } from '../helpers/sync.js';

const SCHEDULES = 3000;
let cancelledTasks = 0;
let completedTasks = 0;

type Kind = 'Lock' | 'Semaphore' | 'BoundedSemaphore';

interface Primitive {
  acquire(): Promise<true>;
  release(): void;
  locked(): boolean;
  hold(): Promise<{ [Symbol.asyncDispose](): Promise<void> }>;
  toString(): string;
}

async function schedule(seed: number): Promise<void> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const kind = pick<Kind>(['Lock', 'Semaphore', 'BoundedSemaphore']);
  const permits = kind === 'Lock' ? 1 : 1 + Math.floor(rand() * 3);
  const prim: Primitive = kind === 'Lock' ? new Lock() : kind === 'Semaphore' ? new Semaphore(permits) : new BoundedSemaphore(permits);
  const nTasks = 2 + Math.floor(rand() * 7);
  const rounds = 1 + Math.floor(rand() * 4);
  const useHold = rand() < 0.5;
  let holders = 0;
  let maxHolders = 0;
  const finishedRounds: number[] = Array(nTasks).fill(0);
  const where = `seed ${seed} (${kind}(${permits}), ${nTasks} tasks × ${rounds} rounds, ${useHold ? 'hold' : 'acquire'})`;

  const holdFor = async (ticks: number): Promise<void> => {
    holders++;
    maxHolders = Math.max(maxHolders, holders);
    try {
      for (let i = 0; i < ticks; i++) await sleep(0);
    } finally {
      holders--;
    }
  };

  const worker = (id: number) => async () => {
    for (let r = 0; r < rounds; r++) {
      const ticks = Math.floor(rand() * 3);
      if (useHold) {
        await using _ = await prim.hold();
        await holdFor(ticks);
      } else {
        await prim.acquire();
        try {
          await holdFor(ticks);
        } finally {
          prim.release();
        }
      }
      finishedRounds[id]!++;
      if (rand() < 0.3) await sleep(0);
    }
  };

  const tasks: Task<void>[] = [];
  for (let i = 0; i < nTasks; i++) tasks.push(createTask(worker(i)));
  const loop = getRunningLoop();
  const cancelProbability = rand() * 0.3;
  await timeout(1000, async () => {
    while (tasks.some((t) => !t.done())) {
      if (rand() < cancelProbability) {
        const victim = pick(tasks);
        if (rand() < 0.5) victim.cancel();
        else loop.callSoon(() => victim.cancel());
      }
      await sleep(0);
      assert.ok(holders <= permits, `${where}: ${holders} holders of ${permits} permits`);
    }
  });
  const results = await gather(tasks, { returnExceptions: true });

  assert.ok(maxHolders <= permits, `${where}: a permit was duplicated`);
  for (let i = 0; i < nTasks; i++) {
    const r = results[i];
    if (r instanceof CancelledError) {
      cancelledTasks++;
      continue;
    }
    completedTasks++;
    assert.equal(r, undefined, `${where}: task ${i} failed with ${String(r)}`);
    assert.equal(finishedRounds[i], rounds, `${where}: task ${i} finished early`);
  }
  assert.equal(holders, 0, where);
  assert.equal(waiters(prim), 0, `${where}: a waiter was left behind: ${prim}`);
  assert.equal(prim.locked(), false, `${where}: a permit was lost: ${prim}`);
  if (prim instanceof Semaphore) assert.equal(prim._value, permits, `${where}: permits ${prim._value} != ${permits}`);
  // Every permit can be taken again at once, and no more.
  for (let i = 0; i < permits; i++) await prim.acquire();
  assert.equal(prim.locked(), true, `${where}: more permits than ${permits}`);
}

test(`${SCHEDULES} seeded schedules of Lock/Semaphore/BoundedSemaphore with random cancellations keep every invariant`, async () => {
  const batch = 250;
  for (let start = 0; start < SCHEDULES; start += batch) {
    await virtual(async () => {
      for (let seed = start; seed < start + batch; seed++) await schedule(seed);
    });
  }
  // The schedules must really exercise cancellation, and also let work complete.
  assert.ok(cancelledTasks > SCHEDULES, `only ${cancelledTasks} tasks were cancelled`);
  assert.ok(completedTasks > SCHEDULES, `only ${completedTasks} tasks completed`);
});
