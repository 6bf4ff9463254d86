/**
 * The book's `util` module: `delay`, the `@async_timed()` decorator (as the function wrapper
 * `asyncTimed`), `fetchStatus`, and `isMain` so that every example runs itself when executed
 * directly.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { coroutine, getRunningLoop, sleep, type Coroutine } from '../src/index.js';
import type { ClientSession } from '../src/http/index.js';

/**
 * The book's `delay`: prints, sleeps `delaySeconds` on the loop, prints again and returns the
 * number. A lazy coroutine, so `createTask(delay(3))` reads as in Python.
 */
export const delay = coroutine(async function delay(delaySeconds: number): Promise<number> {
  console.log(`sleeping for ${delaySeconds} second(s)`);
  await sleep(delaySeconds);
  console.log(`finished sleeping for ${delaySeconds} second(s)`);
  return delaySeconds;
});

/**
 * `@async_timed()`: wraps an async function so each call prints when it starts and how long it
 * took, measured on the loop's clock (so on a virtual clock the times are exact). Returns a
 * lazy coroutine function, like the function it wraps when that is one.
 *
 * @example
 * const main = asyncTimed(async function main() { await gather(delay(2), delay(3)); });
 * await run(main); // "finished main in 3.0000 second(s)"
 */
export function asyncTimed<A extends unknown[], T>(
  fn: (...args: A) => T | PromiseLike<T>,
): (...args: A) => Coroutine<Awaited<T>> {
  const name = fn.name || 'anonymous';
  return coroutine(
    {
      async [name](...args: A): Promise<Awaited<T>> {
        console.log(`starting ${name} with args (${args.map(formatArg).join(', ')})`);
        const loop = getRunningLoop();
        const start = loop.time();
        try {
          return await fn(...args);
        } finally {
          const total = loop.time() - start;
          console.log(`finished ${name} in ${total.toFixed(4)} second(s)`);
        }
      },
    }[name]!,
  );
}

/**
 * The book's `fetch_status`: waits `delay` seconds, GETs `url` and returns the status code,
 * releasing the connection (`await using`, aiohttp's `async with session.get(url)`). Timed
 * like the book's (`asyncTimed`); `fetchStatusUntimed` is the same without the two lines per
 * call, for the examples that send a thousand requests.
 */
export const fetchStatusUntimed = coroutine(async function fetchStatus(session: ClientSession, url: string, delay: number = 0): Promise<number> {
  await sleep(delay);
  await using result = await session.get(url);
  return result.status;
});

export const fetchStatus = asyncTimed(fetchStatusUntimed);

function formatArg(arg: unknown): string {
  if (typeof arg === 'string') return `'${arg}'`;
  if (typeof arg === 'number' || typeof arg === 'boolean' || arg === null || arg === undefined) return String(arg);
  return `<${(arg as object).constructor?.name ?? 'object'}>`;
}

/**
 * True when `moduleUrl` (pass `import.meta.url`) is the script Node was started with, as
 * Python's `if __name__ == '__main__':`.
 */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(script)).href || moduleUrl === pathToFileURL(script).href;
  } catch {
    return false;
  }
}
