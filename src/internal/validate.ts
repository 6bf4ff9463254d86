/** Argument checks shared by the public API: errors thrown at the door, naming the bad value. */
import { ValueError } from '../errors.js';

/** A short description of a value and its type, for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}' (string)`;
  if (typeof value === 'function') return `${value.name || 'anonymous'} (function)`;
  if (value === null) return 'null';
  if (typeof value === 'object') return `${Object.prototype.toString.call(value)} (object)`;
  return `${String(value)} (${typeof value})`;
}

/**
 * Checks a duration or deadline in seconds: a non-number is a TypeError, NaN a ValueError
 * (as in asyncio). Returns the value unchanged (negative values are the caller's to interpret).
 */
export function checkSeconds(name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a number of seconds, got ${describe(value)}`);
  }
  if (Number.isNaN(value)) throw new ValueError(`${name} must not be NaN`);
  return value;
}

/** Like {@link checkSeconds}, but `null` and `undefined` mean "no limit" and give `null`. */
export function checkOptionalSeconds(name: string, value: unknown): number | null {
  return value === null || value === undefined ? null : checkSeconds(name, value);
}
