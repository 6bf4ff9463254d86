/**
 * Parent side of job functions: turns what was passed to `submit` into a {@link FnDef} that a
 * worker can compile or import, checking at the door what can be checked there.
 *
 * A function is shipped by its source text, so it must be self-contained: the worker compiles
 * it in its own global scope. Whether it uses a variable from its closure cannot be known
 * without running it; the worker reports that case with an error naming the variable
 * (see worker-compile.ts).
 *
 * @module
 */
import { describe } from '../internal/validate.js';
import type { FnDef } from './protocol.js';
import { moduleRefOf } from './worker-module.js';

/** A function definition with the id workers know it by. */
export type FnRecord = FnDef;

const byFunction = new WeakMap<object, FnRecord>();
const bySource = new Map<string, FnRecord>();
const byModule = new Map<string, FnRecord>();
let nextId = 1;

/**
 * The definition of `fn` (cached per function object, then per source text), or a TypeError
 * saying why it cannot be shipped. `what` names the argument in messages.
 */
export function fnRecord(fn: unknown, what = 'fn'): FnRecord {
  if (typeof fn !== 'function') {
    throw new TypeError(`${what} must be a function or a workerModule() reference, got ${describe(fn)}`);
  }
  const cached = byFunction.get(fn);
  if (cached !== undefined) return cached;
  const ref = moduleRefOf(fn);
  let rec: FnRecord;
  if (ref !== undefined) {
    const key = `${ref.url}#${ref.exportName}`;
    rec = byModule.get(key) ?? { id: nextId++, kind: 'module', url: ref.url, exportName: ref.exportName };
    byModule.set(key, rec);
  } else {
    const source = toExpression(fn, what);
    rec = bySource.get(source) ?? { id: nextId++, kind: 'source', source, name: fn.name || 'anonymous' };
    bySource.set(source, rec);
  }
  byFunction.set(fn, rec);
  return rec;
}

/** The function's source as an expression that evaluates to the function. */
function toExpression(fn: Function, what: string): string {
  const src = Function.prototype.toString.call(fn);
  const name = fn.name || 'anonymous';
  if (/\{\s*\[native code\]\s*\}\s*$/.test(src)) {
    throw new TypeError(
      `${what} (${name}) is a native or bound function, which has no source to send to a worker: ` +
        'wrap it in a self-contained function or use workerModule()',
    );
  }
  if (/^class\b/.test(src)) {
    throw new TypeError(`${what} (${name}) is a class; a job must be a function`);
  }
  if (compiles(`(${src}\n)`)) return src;
  // Method shorthand (`{ run(x) { … } }.run`): valid only inside an object literal.
  if (/^(async\s+)?\*?\s*[A-Za-z_$][\w$]*\s*\(/.test(src)) {
    const expr = `({ ${src}\n })[${JSON.stringify(name)}]`;
    if (compiles(expr)) return expr;
  }
  throw new TypeError(
    `${what} (${name}) cannot be sent to a worker by its source (a getter, a computed method name?): ` +
      'pass a plain function or arrow function, or use workerModule()',
  );
}

function compiles(expr: string): boolean {
  try {
    // Compiles without running: the body of the outer function is never called.
    new Function(`return ${expr}`);
    return true;
  } catch {
    return false;
  }
}
