/** Helpers for the sync and queue tests: ticks on the virtual clock and waiter counts from reprs. */
import { sleep } from '../../src/index.js';
import { runVirtual } from '../../src/testing/index.js';

/** Runs `main` as the root task of a loop on the virtual clock. */
export function virtual<T>(main: () => Promise<T>): Promise<Awaited<T>> {
  return runVirtual(main);
}

/** One loop iteration, as `await asyncio.sleep(0)`. */
export async function tick(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await sleep(0);
}

/** The `waiters:N` count of a primitive's asyncio-style repr (0 when absent). */
export function waiters(primitive: { toString(): string }): number {
  const m = /waiters:(\d+)/.exec(String(primitive));
  return m === null ? 0 : Number(m[1]);
}

/** A `_getters[N]` / `_putters[N]` / `tasks=N` count from a queue's repr (0 when absent). */
export function queueField(queue: { toString(): string }, field: '_getters' | '_putters' | 'tasks'): number {
  const re = field === 'tasks' ? /tasks=(\d+)/ : new RegExp(`${field}\\[(\\d+)\\]`);
  const m = re.exec(String(queue));
  return m === null ? 0 : Number(m[1]);
}

/** Awaits `aw` and returns what it rejected with; fails if it resolved. */
export async function caught(aw: PromiseLike<unknown>): Promise<unknown> {
  try {
    await aw;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, but it resolved');
}

/** A small seeded PRNG (mulberry32): the same seed gives the same schedule. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
