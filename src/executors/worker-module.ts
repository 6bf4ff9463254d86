/**
 * `workerModule()`: typed references to the exports of a module that workers import.
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import { describe } from '../internal/validate.js';

/** Where a module reference points: the module's URL and the export's name. */
export interface ModuleRef {
  readonly url: string;
  readonly exportName: string;
}

const refs = new WeakMap<object, ModuleRef>();

/** The reference behind `fn` when it came from {@link workerModule}, else `undefined`. */
export function moduleRefOf(fn: unknown): ModuleRef | undefined {
  return typeof fn === 'function' ? refs.get(fn) : undefined;
}

/** The function-valued exports of module type `M`, as {@link workerModule} exposes them. */
export type WorkerModule<M> = {
  readonly [K in keyof M as M[K] extends (...args: any[]) => unknown ? K : never]: M[K];
};

/**
 * Typed references to the exports of a module, for jobs that need imports, closures or
 * anything else a self-contained function cannot carry. Each worker imports the module once,
 * on its first job from it, and calls the export by name.
 *
 * `url` is a `URL` or an absolute path or URL string; build it from `import.meta.url` so it
 * works from TypeScript sources (under tsx, `./jobs.js` finds `./jobs.ts`) and compiled output.
 * Nothing is loaded in the calling thread: calling a reference directly is a TypeError.
 *
 * @example
 * const jobs = workerModule<typeof import('./jobs.js')>(new URL('./jobs.js', import.meta.url));
 * const n = await pool.submit(jobs.countPrimes, 1e6); // typed: (limit: number) => number
 */
export function workerModule<M>(url: URL | string): WorkerModule<M> {
  let href: string;
  if (url instanceof URL) href = url.href;
  else if (typeof url === 'string' && isAbsolute(url)) href = pathToFileURL(url).href;
  else if (typeof url === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(url)) href = url;
  else {
    throw new TypeError(
      `workerModule(url) needs a URL or an absolute path, got ${describe(url)}: ` +
        "use new URL('./jobs.js', import.meta.url)",
    );
  }
  const cache = new Map<string, unknown>();
  return new Proxy(Object.create(null) as WorkerModule<M>, {
    get(_target, key) {
      if (typeof key !== 'string') return undefined;
      let ref = cache.get(key);
      if (ref === undefined) {
        ref = makeRef(href, key);
        cache.set(key, ref);
      }
      return ref;
    },
  });
}

function makeRef(url: string, exportName: string): (...args: unknown[]) => never {
  const ref = {
    [exportName](): never {
      throw new TypeError(
        `${exportName} is a reference to an export of the worker module ${url}: ` +
          'submit it to a pool (pool.submit(jobs.' + exportName + ', ...args)) instead of calling it',
      );
    },
  }[exportName]!;
  refs.set(ref, { url, exportName });
  return ref;
}
