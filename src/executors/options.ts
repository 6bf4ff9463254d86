/**
 * Validation of executor options: every bad value is refused at the door with an error that
 * names the option, shows the value and its type, and says what is expected.
 *
 * @module
 */
import { ValueError } from '../errors.js';
import { checkOptionalSeconds, describe } from '../internal/validate.js';

/** Refuses option names the executor does not know (a typo would otherwise pass silently). */
export function checkKnownOptions(who: string, opts: object, known: readonly string[]): void {
  for (const key of Object.keys(opts)) {
    if (!known.includes(key)) {
      throw new TypeError(`${who}: unknown option '${key}'; the options are ${known.join(', ')}`);
    }
  }
}

/** Checks the options argument itself (`undefined` = `{}`). */
export function checkOptionsObject(who: string, opts: unknown): Record<string, unknown> {
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== 'object') {
    throw new TypeError(`${who}: options must be an object, got ${describe(opts)}`);
  }
  return opts as Record<string, unknown>;
}

/**
 * A whole number >= 1, or `fallback` when undefined. Non-numbers are TypeErrors;
 * 0, negatives, fractions, NaN and Infinity are ValueErrors.
 */
export function wholeNumber(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`${name} must be a whole number >= 1, got ${describe(value)}`);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ValueError(`${name} must be a whole number >= 1, got ${describe(value)}`);
  }
  return value;
}

/** A boolean, or `fallback` when undefined. */
export function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${describe(value)}`);
  return value;
}

/** A duration in seconds >= 0, or null (undefined and null: none). */
export function optionalDuration(name: string, value: unknown): number | null {
  const s = checkOptionalSeconds(name, value);
  if (s !== null && s < 0) throw new ValueError(`${name} must be >= 0 seconds, got ${describe(value)}`);
  return s;
}

/** An array of arguments (undefined: none). */
export function argList(name: string, value: unknown): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array of arguments, got ${describe(value)}`);
  return value;
}
