/**
 * Worker side of job functions: compiles shipped sources (once per worker, cached by source
 * text), imports worker modules (once per worker), and explains the error a job raises when it
 * uses a variable from the closure it was written in.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FnDef } from './protocol.js';
import { prepareImport } from './worker-hooks.js';

/** Shipped functions may `require()` built-in modules and packages (resolved from the working directory). */
const jobRequire = createRequire(join(process.cwd(), 'noop.js'));

/** A job function ready to call, with what the worker has learnt of its running time. */
export interface Compiled {
  readonly fn: (...args: unknown[]) => unknown;
  readonly name: string;
  readonly source: boolean;
  /**
   * A decaying maximum of its running time in ms (each run: `max(time, previous * 0.9)`), so
   * one slow run marks the function slow for a few dozen runs; `-1` before the first run.
   */
  recentMax: number;
  /** How many times it has run in this worker. */
  runs: number;
}

/** The `sourceURL` prefix of compiled jobs: a stack frame with it is inside a shipped function. */
const JOB_URL = 'tsaio-job:';

/** esbuild (tsx) wraps named inner functions in `__name(fn, "name")`; give shipped code one. */
function __name<T>(fn: T, name: string): T {
  try {
    Object.defineProperty(fn, 'name', { value: name, configurable: true });
  } catch {
    // a frozen function keeps its name
  }
  return fn;
}

/** The functions a worker knows, by the ids the parent gave them. */
export class FunctionTable {
  readonly #defs = new Map<number, FnDef>();
  readonly #ready = new Map<number, Compiled | Promise<Compiled>>();
  readonly #bySource = new Map<string, (...args: unknown[]) => unknown>();
  readonly #modules = new Map<string, Promise<Record<string, unknown>>>();

  /** Records definitions sent by the parent. */
  define(defs: readonly FnDef[]): void {
    for (const d of defs) this.#defs.set(d.id, d);
  }

  /**
   * The function for `id`: synchronously when already compiled, else a promise (a module is
   * being imported). Rejects (or throws) with the compile or import error.
   */
  get(id: number): Compiled | Promise<Compiled> {
    const hit = this.#ready.get(id);
    if (hit !== undefined) return hit;
    const def = this.#defs.get(id);
    if (def === undefined) throw new Error(`internal: the worker has no function #${id}`);
    const made = def.kind === 'source' ? this.#compile(def.source, def.name) : this.#import(def.url, def.exportName);
    this.#ready.set(id, made);
    if (made instanceof Promise) {
      made.then(
        (c) => this.#ready.set(id, c),
        () => this.#ready.delete(id),
      );
    }
    return made;
  }

  #compile(source: string, name: string): Compiled {
    let fn = this.#bySource.get(source);
    if (fn === undefined) {
      const factory = new Function(
        '__name',
        'require',
        `"use strict";\nreturn (${source}\n);\n//# sourceURL=${JOB_URL}${encodeURIComponent(name)}`,
      ) as (n: typeof __name, r: NodeJS.Require) => (...args: unknown[]) => unknown;
      fn = factory(__name, jobRequire);
      this.#bySource.set(source, fn);
    }
    return { fn, name, source: true, recentMax: -1, runs: 0 };
  }

  async #import(url: string, exportName: string): Promise<Compiled> {
    let mod = this.#modules.get(url);
    if (mod === undefined) {
      const hooks = prepareImport(url);
      mod = (hooks === null ? import(url) : hooks.then(() => import(url))) as Promise<Record<string, unknown>>;
      this.#modules.set(url, mod);
      mod.catch(() => this.#modules.delete(url));
    }
    const fn = (await mod)[exportName];
    if (typeof fn !== 'function') {
      throw new TypeError(`the worker module ${url} has no exported function named '${exportName}' (found ${typeof fn})`);
    }
    return { fn: fn as (...args: unknown[]) => unknown, name: exportName, source: false, recentMax: -1, runs: 0 };
  }
}

/**
 * Turns a ReferenceError raised inside a shipped function into an error that names the
 * variable and says why it is missing. Other errors are returned unchanged.
 */
export function explainClosureError(err: unknown, job: Compiled): unknown {
  if (!job.source || !(err instanceof ReferenceError) || typeof err.stack !== 'string') return err;
  const frame = err.stack.split('\n').find((l) => l.trimStart().startsWith('at '));
  const m = /^(\S+) is not defined$/.exec(err.message);
  if (frame === undefined || !frame.includes(JOB_URL) || m === null) return err;
  const v = m[1]!;
  const helper = v.startsWith('__')
    ? ` ('${v}' looks like a helper the TypeScript/JavaScript compiler inserted for syntax it lowers, such as \`using\`: such code cannot be shipped by source)`
    : '';
  const better = new ReferenceError(
    `job function '${job.name}' uses '${v}', which does not exist in the worker${helper}. ` +
      'A function passed to submit()/map() is sent to the worker as source text and compiled there, so ' +
      'variables from its enclosing scope (closures) and imports are not available. Pass the value as an ' +
      'argument, or put the function in a module and submit it through workerModule().',
    { cause: err },
  );
  better.stack = `${better.name}: ${better.message}\n${err.stack.split('\n').slice(1).join('\n')}`;
  return better;
}
