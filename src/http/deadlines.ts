/**
 * The ClientTimeout deadlines of one request, on one loop timer.
 * @module
 */
import type { EventLoop } from '../loop/event-loop.js';
import type { TimerHandle } from '../loop/handles.js';
import type { TimeoutKind } from './errors.js';

// Slots, in the order a tie is reported (the most specific first).
const KINDS: readonly TimeoutKind[] = ['sockConnect', 'connect', 'sockRead', 'total'];
const SLOT: Record<TimeoutKind, number> = { sockConnect: 0, connect: 1, sockRead: 2, total: 3 };

/**
 * Up to four deadlines (loop time, seconds) watched by a single loop timer armed for the earliest.
 *
 * Moving a deadline later costs nothing but a store: the timer still fires at the old time, finds
 * nothing expired, and re-arms itself for the next deadline. So `sockRead`, moved by every chunk
 * of the body, costs no timer operation per chunk. Moving one earlier re-arms the timer.
 */
export class Deadlines {
  readonly #loop: EventLoop;
  readonly #onExpired: (kind: TimeoutKind) => void;
  readonly #at = [Infinity, Infinity, Infinity, Infinity];
  #timer: TimerHandle | null = null;
  #stopped = false;

  constructor(loop: EventLoop, onExpired: (kind: TimeoutKind) => void) {
    this.#loop = loop;
    this.#onExpired = onExpired;
  }

  /** Sets `kind` to expire `seconds` from now (null: never). */
  start(kind: TimeoutKind, seconds: number | null): void {
    this.#at[SLOT[kind]] = seconds === null ? Infinity : this.#loop.time() + seconds;
    if (seconds !== null) this.#arm();
  }

  /** `kind` no longer expires. */
  clear(kind: TimeoutKind): void {
    this.#at[SLOT[kind]] = Infinity;
  }

  /** Moves `kind` to `seconds` from now, if it is set (for sockRead, at every chunk). */
  push(kind: TimeoutKind, seconds: number | null): void {
    if (seconds !== null) this.#at[SLOT[kind]] = this.#loop.time() + seconds;
  }

  /** Stops watching for good. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) {
      this.#timer.cancel();
      this.#timer = null;
    }
  }

  #arm(): void {
    if (this.#stopped) return;
    const d = this.#at;
    const when = Math.min(d[0]!, d[1]!, d[2]!, d[3]!);
    if (when === Infinity) return;
    const timer = this.#timer;
    if (timer !== null) {
      if (timer.when() <= when) return;
      timer.cancel();
    }
    if (this.#loop.isClosed()) return;
    this.#timer = this.#loop.callAt(when, this.#onTimer);
  }

  readonly #onTimer = (): void => {
    this.#timer = null;
    if (this.#stopped) return;
    const now = this.#loop.time();
    const d = this.#at;
    let fired = -1;
    for (let i = 0; i < 4; i++) if (d[i]! <= now && (fired < 0 || d[i]! < d[fired]!)) fired = i;
    if (fired < 0) this.#arm();
    else this.#onExpired(KINDS[fired]!);
  };
}
