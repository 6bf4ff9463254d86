/**
 * Typecodes of shared values and arrays: Python's `array` letters and their spelled-out names,
 * each mapped to the typed array that holds it.
 *
 * @module
 */
import { describe } from '../internal/validate.js';

/** Typecodes whose values are `bigint`. */
export type BigIntTypecode = 'q' | 'Q' | 'int64' | 'uint64' | 'bigint64' | 'biguint64';
/** Typecodes whose values are `number`. */
export type NumberTypecode =
  | 'b' | 'B' | 'h' | 'H' | 'i' | 'I' | 'f' | 'd'
  | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';
/**
 * A typecode: Python's letters (`'b' 'B' 'h' 'H' 'i' 'I' 'q' 'Q' 'f' 'd'`) or names
 * (`'int8'`, …, `'float64'`, `'int64'`/`'bigint64'`, `'uint64'`/`'biguint64'`).
 * Python's `'l'`/`'L'` are refused: their size depends on the platform.
 */
export type Typecode = NumberTypecode | BigIntTypecode;
/** The JavaScript type of a value stored under typecode `C`. */
export type ValueOf<C extends Typecode> = C extends BigIntTypecode ? bigint : number;

/** A typed array constructor usable on a SharedArrayBuffer. */
export type TypedArrayCtor =
  | Int8ArrayConstructor | Uint8ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor
  | Int32ArrayConstructor | Uint32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor
  | BigInt64ArrayConstructor | BigUint64ArrayConstructor;

/** A typed array of any element type. */
export type AnyTypedArray = InstanceType<TypedArrayCtor>;

const CTORS: Record<string, TypedArrayCtor> = {
  b: Int8Array, int8: Int8Array,
  B: Uint8Array, uint8: Uint8Array,
  h: Int16Array, int16: Int16Array,
  H: Uint16Array, uint16: Uint16Array,
  i: Int32Array, int32: Int32Array,
  I: Uint32Array, uint32: Uint32Array,
  q: BigInt64Array, int64: BigInt64Array, bigint64: BigInt64Array,
  Q: BigUint64Array, uint64: BigUint64Array, biguint64: BigUint64Array,
  f: Float32Array, float32: Float32Array,
  d: Float64Array, float64: Float64Array,
};

/** Facts about one typecode. */
export interface TypeInfo {
  readonly ctor: TypedArrayCtor;
  /** Integer arrays allow `Atomics` operations; float arrays do not. */
  readonly atomic: boolean;
  readonly bigint: boolean;
}

/** Looks a typecode up, with an error naming the bad value and listing the good ones. */
export function typeInfo(typecode: unknown): TypeInfo {
  const ctor = typeof typecode === 'string' && Object.hasOwn(CTORS, typecode) ? CTORS[typecode] : undefined;
  if (ctor === undefined) {
    const hint = typecode === 'l' || typecode === 'L' ? " ('l' and 'L' depend on the platform: use 'i' or 'q')" : '';
    throw new TypeError(
      `unknown typecode ${describe(typecode)}${hint}; expected one of ${Object.keys(CTORS).map((k) => `'${k}'`).join(', ')}`,
    );
  }
  const bigint = ctor === BigInt64Array || ctor === BigUint64Array;
  return { ctor, atomic: ctor !== Float32Array && ctor !== Float64Array, bigint };
}

/** Checks that `value` fits the typecode's JavaScript type (number or bigint). */
export function checkElement(info: TypeInfo, value: unknown, what: string): void {
  if (info.bigint ? typeof value !== 'bigint' : typeof value !== 'number') {
    throw new TypeError(`${what} must be a ${info.bigint ? 'bigint' : 'number'}, got ${describe(value)}`);
  }
}

/** A typed array of `info`'s type over shared memory. */
export function sharedView(info: TypeInfo, buffer: SharedArrayBuffer, length?: number): AnyTypedArray {
  const Ctor = info.ctor as unknown as new (b: ArrayBufferLike, offset: number, length?: number) => AnyTypedArray;
  return new Ctor(buffer, 0, length);
}

/** A new zeroed SharedArrayBuffer for `length` elements of `info`'s type. */
export function newShared(info: TypeInfo, length: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(1, length) * info.ctor.BYTES_PER_ELEMENT);
}
