/**
 * `readUntil`'s separators: validation, and the search where the match that ends earliest wins.
 * @internal
 */
import { Buffer } from 'node:buffer';
import { ValueError } from '../errors.js';
import { describe } from '../internal/validate.js';
import type { ByteBuffer } from './byte-buffer.js';

/** What `readUntil` accepts: one separator or a list of them, as bytes or UTF-8 strings. */
export type Separator = Uint8Array | string;

/** Separators sorted by length, shortest first, with their length range. */
export interface Separators {
  readonly list: readonly Buffer[];
  readonly minLength: number;
  readonly maxLength: number;
}

/** Where a separator was found: `start` of the separator and `end` just past it. */
export interface SeparatorMatch {
  readonly start: number;
  readonly end: number;
}

const NEWLINE: Separators = { list: [Buffer.from('\n')], minLength: 1, maxLength: 1 };

/** The separator of `readline`. */
export function newline(): Separators {
  return NEWLINE;
}

/** Converts bytes or a string to a `Buffer` view (no copy for bytes). */
export function toBuffer(data: Uint8Array | string, what: string): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(`${what} must be a Uint8Array or a string, got ${describe(data)}`);
}

/**
 * Validates and sorts separators as asyncio does: an empty list is a ValueError ("should contain
 * at least one element"), an empty separator a ValueError ("at least one-byte string").
 */
export function normalizeSeparators(separator: Separator | readonly Separator[]): Separators {
  const items = Array.isArray(separator) ? (separator as readonly Separator[]) : [separator as Separator];
  const list = items.map((s) => toBuffer(s, 'separator')).sort((a, b) => a.length - b.length);
  if (list.length === 0) throw new ValueError('Separator should contain at least one element');
  const minLength = list[0]!.length;
  if (minLength === 0) throw new ValueError('Separator should be at least one-byte string');
  return { list, minLength, maxLength: list[list.length - 1]!.length };
}

/**
 * Finds, at or after `offset`, the separator match that ends earliest. On a tie the shorter
 * separator wins (the list is sorted shortest first and only a strictly earlier end replaces a
 * match), so `readUntil(['DEF', 'BCDE'])` on `ABCDEFG` returns `ABCDE`.
 */
export function findEarliest(buffer: ByteBuffer, seps: Separators, offset: number): SeparatorMatch | null {
  let best: SeparatorMatch | null = null;
  for (const sep of seps.list) {
    const start = buffer.indexOf(sep, offset);
    if (start === -1) continue;
    const end = start + sep.length;
    if (best === null || end < best.end) best = { start, end };
  }
  return best;
}
