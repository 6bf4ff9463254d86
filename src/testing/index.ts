/**
 * Virtual time for tests (subpath `tsaio/testing`): a test that sleeps for an hour finishes in
 * microseconds, and every `loop.time()` it reads is exact.
 *
 * @example
 * import { runVirtual } from 'tsaio/testing';
 * test('three delays run concurrently', async () => {
 *   const elapsed = await runVirtual(async () => {
 *     const t0 = getRunningLoop().time();
 *     await gather(sleep(3), sleep(3), sleep(3));
 *     return getRunningLoop().time() - t0;
 *   });
 *   assert.equal(elapsed, 3);
 * });
 * @module
 */
import { VirtualClock } from '../loop/clock.js';
import { run, type RunOptions } from '../runners.js';
import type { CoroutineLike } from '../tasks/coroutine.js';

export { VirtualClock };

/**
 * `run(main)` on a {@link VirtualClock}: time jumps to the next timer whenever nothing is ready
 * to run. Pass `clock` to keep a handle on it (e.g. a clock without auto-advance, moved with
 * `clock.advance(seconds)` in tests that also wait on real I/O).
 */
export function runVirtual<T>(main: CoroutineLike<T>, opts: RunOptions = {}): Promise<Awaited<T>> {
  return run(main, { ...opts, clock: opts.clock ?? new VirtualClock() });
}
