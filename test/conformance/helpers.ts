/** Shared helpers for the CONTRACTS.md ports (not a test file itself). */
import { getRunningLoop, sleep, type ExceptionContext } from '../../src/index.js';

/** One tick: one `await sleep(0)` in the test's main task, i.e. one loop iteration. */
export async function tick(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await sleep(0);
}

/** The running loop's time in seconds. */
export function now(): number {
  return getRunningLoop().time();
}

/** Python's ZeroDivisionError, for the lines that raise it. */
export class ZeroDivisionError extends Error {
  override get name(): string {
    return 'ZeroDivisionError';
  }
}

/** Installs an exception handler on the running loop that records every context it receives. */
export function recordExceptionHandler(): ExceptionContext[] {
  const calls: ExceptionContext[] = [];
  getRunningLoop().setExceptionHandler((_loop, context) => {
    calls.push(context);
  });
  return calls;
}
