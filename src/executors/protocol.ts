/**
 * The messages exchanged between a pool and its workers, the same for both transports
 * (a worker thread's MessagePort and a child process's IPC channel with `advanced`
 * serialization). Jobs and results travel in batches as flat arrays: one structured clone per
 * batch rather than one per job is most of what makes tiny jobs cheap.
 *
 * Shared by the parent and the worker side: this module imports nothing from the event loop.
 *
 * @module
 */

/** How a worker finds the function of a job: its source text or a module export. */
export type FnDef =
  | { readonly id: number; readonly kind: 'source'; readonly source: string; readonly name: string }
  | { readonly id: number; readonly kind: 'module'; readonly url: string; readonly exportName: string };

/** Bits of a job's `flags` field. */
export const JOB_SHARED = 1; // arguments contain encoded shared-memory objects or transfers
export const JOB_CHUNK = 2; // arguments are a chunk of items: call the function once per item
export const JOB_SLOW = 4; // the function has run long somewhere: announce the job before running it

/** Status of one result in a `results` batch. */
export const RESULT_OK = 0;
export const RESULT_ERROR = 1;
export const RESULT_SKIPPED = 2; // cancelled before it started: never ran
export const RESULT_OK_SHARED = 3; // ok, and the value contains encoded shared-memory objects

/** Parent → worker. */
export type ToWorker =
  | { t: 'init'; initializer: FnDef | null; initArgs: unknown[]; flags: number }
  /** `jobs` is flat: `[id, fnId, args, flags, id, fnId, args, flags, …]`. */
  | { t: 'jobs'; defs: FnDef[] | null; jobs: unknown[] }
  | { t: 'cancel'; ids: number[] };

/** Worker → parent. */
export type FromWorker =
  | { t: 'ready' }
  | { t: 'init-failed'; error: EncodedThrow }
  /**
   * `r` is flat: `[id, status, value, …]`. `started` names the job the worker is about to run
   * (sent only for jobs expected to take a while, after every earlier result; `-1`: none), and
   * `long` says it may run long (unknown, async, or slow before). `fast` is true
   * when every job in the batch ran quickly, which lets the parent prefetch more. `slow` lists
   * the functions (by id) that ran long in this batch, so every worker announces their jobs.
   */
  | { t: 'results'; r: unknown[]; started: number; long: boolean; fast: boolean; slow: number[] | null };

/** A thrown value as it crosses to the parent. */
export type EncodedThrow =
  | { e: 1; name: string; message: string; stack: string | undefined; props: Record<string, unknown> | null }
  | { e: 0; value: unknown };

const NATIVE_ERRORS: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** Encodes a thrown value so that its name, message, stack and own data fields survive. */
export function encodeThrow(err: unknown): EncodedThrow {
  if (!(err instanceof Error)) {
    try {
      structuredClone(err);
      return { e: 0, value: err };
    } catch {
      return { e: 0, value: String(err) };
    }
  }
  let props: Record<string, unknown> | null = null;
  for (const key of Object.keys(err)) {
    const v = (err as unknown as Record<string, unknown>)[key];
    try {
      structuredClone(v);
      (props ??= {})[key] = v;
    } catch {
      (props ??= {})[key] = String(v);
    }
  }
  // `code` and `cause` are often non-enumerable or inherited (tsaio's errors put `code` on the prototype).
  const code = (err as { code?: unknown }).code;
  if (code !== undefined && (props === null || !('code' in props))) (props ??= {}).code = code;
  if (err.cause !== undefined) (props ??= {}).cause = encodeThrow(err.cause);
  return { e: 1, name: err.name, message: err.message, stack: err.stack, props };
}

/**
 * Rebuilds a thrown value on the receiving side: an Error of the same native class when there
 * is one (otherwise an `Error` whose `name` is the original's), with the worker's stack and
 * data fields.
 */
export function decodeThrow(enc: EncodedThrow): unknown {
  if (enc.e === 0) return enc.value;
  const Ctor = NATIVE_ERRORS[enc.name] ?? Error;
  const err = new Ctor(enc.message);
  if (Ctor === Error && enc.name !== 'Error') {
    Object.defineProperty(err, 'name', { value: enc.name, configurable: true, writable: true });
  }
  if (enc.stack !== undefined) {
    Object.defineProperty(err, 'stack', { value: enc.stack, configurable: true, writable: true });
  }
  if (enc.props !== null) {
    for (const [key, v] of Object.entries(enc.props)) {
      const value = key === 'cause' ? decodeThrow(v as EncodedThrow) : v;
      Object.defineProperty(err, key, { value, configurable: true, writable: true, enumerable: key !== 'cause' });
    }
  }
  return err;
}
