/**
 * How job arguments and results that hold shared-memory objects or transfer markers cross to
 * another thread: class instances lose their prototype in a structured clone, so a
 * `SharedValue`/`SharedArray`/`SharedLock` travels as a tagged plain object holding its
 * SharedArrayBuffers and is revived on the other side. The walk looks into arrays and plain
 * objects up to {@link MAX_DEPTH} levels; anything deeper is cloned as is.
 *
 * @module
 */
import type { TransferListItem } from 'node:worker_threads';
import { SharedLock } from './shared-lock.js';
import { SharedArray, SharedValue } from './shared-value.js';
import type { Typecode } from './typecodes.js';

/** How deep the walk looks for shared objects inside arrays and plain objects. */
export const MAX_DEPTH = 4;
const TAG = '__tsaioShared';

/**
 * Marks a value whose ArrayBuffers are moved to the worker (or back) instead of copied.
 * Returned by {@link transfer}.
 */
export class Transfer<T = unknown> {
  constructor(
    readonly value: T,
    readonly list: readonly TransferListItem[],
  ) {}
}

/**
 * Moves `value`'s buffers to the other side instead of copying them (structured clone's
 * transfer list): after the call the sender's buffers are detached. `list` defaults to the
 * buffer of `value` when it is an ArrayBuffer or a typed array. A process pool copies instead.
 *
 * @example
 * await pool.submit((b: Float64Array) => b.reduce((s, x) => s + x, 0), transfer(bigArray));
 */
export function transfer<T>(value: T, list?: readonly TransferListItem[]): T {
  let items = list;
  if (items === undefined) {
    if (value instanceof ArrayBuffer) items = [value];
    else if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) items = [value.buffer];
    else throw new TypeError('transfer(value) needs a list of buffers to move unless value is an ArrayBuffer or a typed array');
  }
  return new Transfer(value, items) as unknown as T;
}

/** What an encoding pass found. */
export interface EncodeContext {
  /** Buffers to transfer (thread transport). */
  transfer: TransferListItem[];
  /** True when the receiving side must revive tagged objects. */
  found: boolean;
  /** Set for a process transport: shared memory is refused with this message builder. */
  refuse: ((what: string) => Error) | null;
}

/** Encodes one value (an argument or a result). Returns `value` itself when nothing changes. */
export function encodeValue(value: unknown, ctx: EncodeContext, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof SharedValue || value instanceof SharedArray || value instanceof SharedLock) {
    if (ctx.refuse !== null) throw ctx.refuse(value.constructor.name);
    ctx.found = true;
    if (value instanceof SharedLock) return { [TAG]: 'lock', data: value.buffer };
    const { data, lock } = value.parts;
    const kind = value instanceof SharedValue ? 'value' : 'array';
    const length = value instanceof SharedArray ? value.length : 1;
    return { [TAG]: kind, typecode: value.typecode, data, length, lock: lock === null ? null : lock.buffer };
  }
  if (value instanceof Transfer) {
    if (ctx.refuse === null) ctx.transfer.push(...value.list);
    return encodeValue(value.value, ctx, depth);
  }
  if (value instanceof SharedArrayBuffer || (ArrayBuffer.isView(value) && value.buffer instanceof SharedArrayBuffer)) {
    if (ctx.refuse !== null) throw ctx.refuse(value instanceof SharedArrayBuffer ? 'SharedArrayBuffer' : 'view of a SharedArrayBuffer');
    return value;
  }
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v !== 'object' || v === null) continue;
      const e = encodeValue(v, ctx, depth + 1);
      if (e !== v) (out ??= value.slice())[i] = e;
    }
    return out ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v !== 'object' || v === null) continue;
    const e = encodeValue(v, ctx, depth + 1);
    if (e !== v) (out ??= { ...value })[key] = e;
  }
  return out ?? value;
}

/** Encodes a list of arguments; returns the same array when nothing changed. */
export function encodeArgs(args: unknown[], ctx: EncodeContext): unknown[] {
  return encodeValue(args, ctx, -1) as unknown[];
}

interface Tagged {
  [TAG]: 'value' | 'array' | 'lock';
  typecode: Typecode;
  data: SharedArrayBuffer;
  length: number;
  lock: SharedArrayBuffer | null;
}

/** Revives tagged objects in place (the value is a fresh clone) and returns the result. */
export function decodeValue(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const tag = (value as Partial<Tagged>)[TAG];
  if (tag !== undefined) {
    const t = value as Tagged;
    if (tag === 'lock') return SharedLock.fromBuffer(t.data);
    const lock = t.lock === null ? null : SharedLock.fromBuffer(t.lock);
    return tag === 'value' ? SharedValue.revive(t.typecode, t.data, lock) : SharedArray.revive(t.typecode, t.data, t.length, lock);
  }
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodeValue(value[i], depth + 1);
    return value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  for (const key of Object.keys(value)) {
    (value as Record<string, unknown>)[key] = decodeValue((value as Record<string, unknown>)[key], depth + 1);
  }
  return value;
}

/** Decodes a list of arguments received with the shared flag. */
export function decodeArgs(args: unknown[]): unknown[] {
  return decodeValue(args, -1) as unknown[];
}
