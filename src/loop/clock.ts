/**
 * The loop's clock, injected: real time for programs, virtual time for tests.
 * Times are in seconds (float), monotonic.
 */
import { performance } from 'node:perf_hooks';

/** What an event loop needs of a clock. */
export interface Clock {
  /** The current time in seconds. */
  now(): number;
  /**
   * True for a virtual clock: the loop does not wait on Node timers but moves the clock.
   * @internal
   */
  readonly virtual: boolean;
}

/** Monotonic wall-clock time (`performance.now()`), in seconds. */
export class RealClock implements Clock {
  readonly virtual = false;
  now(): number {
    return performance.now() / 1000;
  }
}

/**
 * Virtual time for tests. With `autoAdvance` (the default) time jumps straight to the next timer
 * whenever the loop has nothing ready to run, so a test that sleeps for an hour ends at once and
 * its times are exact. Without it, time moves only when {@link VirtualClock.advance} is called:
 * use that for tests that also wait on real I/O.
 */
export class VirtualClock implements Clock {
  readonly virtual = true;
  readonly autoAdvance: boolean;
  #time: number;
  #listeners = new Set<() => void>();

  constructor(opts: { start?: number; autoAdvance?: boolean } = {}) {
    this.#time = opts.start ?? 0;
    this.autoAdvance = opts.autoAdvance ?? true;
  }

  now(): number {
    return this.#time;
  }

  /** Moves time forward by `seconds` and lets the loops on this clock run what became due. */
  advance(seconds: number): void {
    if (!(seconds >= 0)) throw new RangeError(`advance() needs a non-negative number of seconds, got ${seconds}`);
    this.#time += seconds;
    for (const wake of this.#listeners) wake();
  }

  /** @internal Moves time to `when` if it is later; used by the loop when auto-advancing. */
  jumpTo(when: number): void {
    if (when > this.#time) this.#time = when;
  }

  /** @internal */
  onAdvance(wake: () => void): () => void {
    this.#listeners.add(wake);
    return () => this.#listeners.delete(wake);
  }
}
