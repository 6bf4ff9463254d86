/**
 * Chapter 11 — a BoundedSemaphore refuses to be released more often than acquired.
 * Observe: the second `release()` raises ValueError ("BoundedSemaphore released too many times");
 * a plain Semaphore would silently grow to 2.
 */
import { BoundedSemaphore, ValueError, run } from '../../src/index.js';
import { isMain } from '../util.js';

export async function main(): Promise<string> {
  const semaphore = new BoundedSemaphore(1);
  await semaphore.acquire();
  semaphore.release();
  try {
    semaphore.release();
    return 'released twice';
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    console.log(`${e.name}: ${e.message}`);
    return e.message;
  }
}

if (isMain(import.meta.url)) await run(main);
