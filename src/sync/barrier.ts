/**
 * Barrier: a meeting point for a fixed number of tasks, as asyncio's Barrier.
 * @module
 */
import { BrokenBarrierError, ValueError } from '../errors.js';
import { describe } from '../internal/validate.js';
import { Condition } from './condition.js';
import { LoopBound } from './loop-bound.js';

/** The barrier's lifecycle, as asyncio's `_BarrierState`. */
export type BarrierState = 'filling' | 'draining' | 'resetting' | 'broken';

/**
 * A meeting point for `parties` tasks, as asyncio's Barrier: each task calling
 * {@link Barrier.wait} blocks until `parties` tasks are waiting, then all go on together, and the
 * barrier re-arms for the next cycle.
 *
 * - Each passing task gets a distinct arrival index, `0` to `parties - 1`.
 * - While the passing tasks leave ("draining"), a new `wait()` blocks until they have all left,
 *   then counts toward the next cycle.
 * - A waiting task that is cancelled leaves the count (the barrier keeps filling without it).
 * - {@link Barrier.reset} breaks the current cycle (its waiters get BrokenBarrierError) and
 *   re-arms the barrier; {@link Barrier.abort} breaks it for good (until `reset()`): every waiter
 *   and every later `wait()` gets BrokenBarrierError.
 *
 * @example
 * const barrier = new Barrier(3);
 * await gather(...[1, 2, 3].map((k) => async () => {
 *   const index = await barrier.wait(); // all three pass together
 *   console.log(k, 'passed, arrival', index);
 * }));
 */
export class Barrier extends LoopBound {
  readonly #cond = new Condition();
  readonly #parties: number;
  #state: BarrierState = 'filling';
  #count = 0;

  /** A barrier for `parties` tasks. TypeError for a non-number; ValueError unless an integer ≥ 1. */
  constructor(parties: number) {
    super();
    if (typeof parties !== 'number') throw new TypeError(`parties must be a number, got ${describe(parties)}`);
    if (!Number.isInteger(parties) || parties < 1) throw new ValueError(`parties must be an integer >= 1, got ${String(parties)}`);
    this.#parties = parties;
  }

  /** The number of tasks needed to pass the barrier. */
  get parties(): number {
    return this.#parties;
  }

  /** How many tasks are waiting for the barrier to fill (0 while it drains, resets or is broken). */
  get nWaiting(): number {
    return this.#state === 'filling' ? this.#count : 0;
  }

  /** True if the barrier is broken ({@link Barrier.abort}). */
  get broken(): boolean {
    return this.#state === 'broken';
  }

  /**
   * Waits until `parties` tasks are waiting, then resolves to this task's arrival index
   * (`0` … `parties - 1`, distinct within a cycle). BrokenBarrierError if the barrier is broken,
   * or is reset or aborted while this task waits.
   */
  async wait(): Promise<number> {
    const cond = this.#cond;
    await cond.acquire();
    try {
      await this.#block();
      try {
        const index = this.#count++;
        if (index + 1 === this.#parties) this.#release();
        else await this.#wait();
        return index;
      } finally {
        this.#count--;
        this.#exit();
      }
    } finally {
      cond.release();
    }
  }

  /**
   * Re-arms the barrier. Tasks waiting in the current cycle get BrokenBarrierError; a broken
   * barrier becomes usable again.
   */
  async reset(): Promise<void> {
    const cond = this.#cond;
    await cond.acquire();
    try {
      if (this.#count > 0) {
        if (this.#state !== 'resetting') this.#state = 'resetting';
      } else {
        this.#state = 'filling';
      }
      cond.notifyAll();
    } finally {
      cond.release();
    }
  }

  /**
   * Breaks the barrier: waiting tasks, and every later {@link Barrier.wait}, get
   * BrokenBarrierError until {@link Barrier.reset}.
   */
  async abort(): Promise<void> {
    const cond = this.#cond;
    await cond.acquire();
    try {
      this.#state = 'broken';
      cond.notifyAll();
    } finally {
      cond.release();
    }
  }

  /** `<Barrier [filling, waiters:2/5]>`, as asyncio's repr. */
  override toString(): string {
    let extra: string = this.#state;
    if (!this.broken) extra += `, waiters:${this.nWaiting}/${this.#parties}`;
    return `<Barrier [${extra}]>`;
  }

  /** `'Barrier'`, for `Object.prototype.toString`. */
  get [Symbol.toStringTag](): string {
    return 'Barrier';
  }

  /** Blocks while the barrier drains or resets; BrokenBarrierError if it is broken. */
  async #block(): Promise<void> {
    await this.#cond.waitFor(() => this.#state !== 'draining' && this.#state !== 'resetting');
    if (this.#state === 'broken') throw new BrokenBarrierError('Barrier aborted');
  }

  /** The last party arrived: let everyone through. */
  #release(): void {
    this.#state = 'draining';
    this.#cond.notifyAll();
  }

  /** Waits for the barrier to fill; BrokenBarrierError if it is reset or aborted meanwhile. */
  async #wait(): Promise<void> {
    await this.#cond.waitFor(() => this.#state !== 'filling');
    if (this.#state === 'broken' || this.#state === 'resetting') {
      throw new BrokenBarrierError('Abort or reset of barrier');
    }
  }

  /** The last task out re-arms a draining or resetting barrier and wakes the blocked ones. */
  #exit(): void {
    if (this.#count === 0) {
      if (this.#state === 'resetting' || this.#state === 'draining') this.#state = 'filling';
      this.#cond.notifyAll();
    }
  }
}
