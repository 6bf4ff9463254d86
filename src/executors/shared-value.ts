/**
 * `SharedValue` and `SharedArray`: numbers in a SharedArrayBuffer, shared by the threads of a
 * ThreadPoolExecutor (Python's `multiprocessing.Value` and `Array`).
 *
 * @module
 */
import { describe } from '../internal/validate.js';
import { SharedLock } from './shared-lock.js';
import { checkElement, newShared, sharedView, typeInfo, type AnyTypedArray, type NumberTypecode, type Typecode, type TypeInfo, type ValueOf } from './typecodes.js';

/** Options of {@link SharedValue} and {@link SharedArray}. */
export interface SharedOptions {
  /**
   * `true` (default): a new {@link SharedLock} comes with the value, returned by `getLock()`;
   * a SharedLock: use that one; `false`: no lock (`getLock()` throws).
   */
  lock?: boolean | SharedLock;
}

const TOKEN = Symbol('shared.revive');

function makeLock(opt: SharedOptions['lock']): SharedLock | null {
  if (opt === undefined || opt === true) return new SharedLock();
  if (opt === false) return null;
  if (opt instanceof SharedLock) return opt;
  throw new TypeError(`lock must be a boolean or a SharedLock, got ${describe(opt)}`);
}

function lockOf(lock: SharedLock | null, what: string): SharedLock {
  if (lock === null) throw new TypeError(`this ${what} was created with { lock: false } and has no lock`);
  return lock;
}

/**
 * One number (or bigint) in shared memory. Every copy sent to a thread job or `initArgs` reads
 * and writes the same memory. Reads and writes of integer typecodes are atomic (`Atomics.load`/
 * `store`); a read-modify-write such as `v.value += 1` is not: hold `getLock()` around it.
 *
 * @example
 * const counter = new SharedValue('i', 0);
 * await pool.submit((c: SharedValue) => { c.getLock().acquire(); c.value += 1; c.getLock().release(); }, counter);
 */
export class SharedValue<C extends Typecode = NumberTypecode> {
  /** The typecode given at creation. */
  readonly typecode: C;
  readonly #cell: AnyTypedArray;
  readonly #atomic: boolean;
  readonly #lock: SharedLock | null;

  constructor(typecode: C, initial?: ValueOf<C>, options?: SharedOptions);
  constructor(typecode: C, initial?: unknown, options: SharedOptions = {}, revive?: [symbol, SharedArrayBuffer, SharedLock | null]) {
    const info = typeInfo(typecode);
    this.typecode = typecode;
    this.#atomic = info.atomic;
    if (revive !== undefined && revive[0] === TOKEN) {
      this.#cell = sharedView(info, revive[1], 1);
      this.#lock = revive[2];
      return;
    }
    const value = initial ?? (info.bigint ? 0n : 0);
    checkElement(info, value, 'initial');
    this.#cell = sharedView(info, newShared(info, 1), 1);
    (this.#cell as unknown as { [i: number]: unknown })[0] = value;
    this.#lock = makeLock(options.lock);
  }

  /** @internal Revives a value received from another thread. */
  static revive(typecode: Typecode, data: SharedArrayBuffer, lock: SharedLock | null): SharedValue<Typecode> {
    const Ctor = SharedValue as unknown as new (...a: unknown[]) => SharedValue<Typecode>;
    return new Ctor(typecode, undefined, undefined, [TOKEN, data, lock]);
  }

  /** The current value. */
  get value(): ValueOf<C> {
    return (this.#atomic ? Atomics.load(this.#cell as Int32Array, 0) : this.#cell[0]) as ValueOf<C>;
  }

  set value(v: ValueOf<C>) {
    checkElement(typeInfo(this.typecode), v, 'value');
    if (this.#atomic) Atomics.store(this.#cell as Int32Array, 0, v as number);
    else (this.#cell as Float64Array)[0] = v as number;
  }

  /** The lock that came with this value (Python's `get_lock()`). */
  getLock(): SharedLock {
    return lockOf(this.#lock, 'SharedValue');
  }

  /** @internal The shared memory and the lock, for sending to another thread. */
  get parts(): { data: SharedArrayBuffer; lock: SharedLock | null } {
    return { data: this.#cell.buffer as unknown as SharedArrayBuffer, lock: this.#lock };
  }
}

/**
 * A fixed-length array of numbers (or bigints) in shared memory, shared as {@link SharedValue}.
 * `array` is the typed array view itself, for fast loops and `Atomics` calls.
 *
 * @example
 * const hist = new SharedArray('i', 10);
 * await pool.submit((h: SharedArray, k: number) => { Atomics.add(h.array as Int32Array, k, 1); }, hist, 3);
 */
export class SharedArray<C extends Typecode = NumberTypecode> implements Iterable<ValueOf<C>> {
  /** The typecode given at creation. */
  readonly typecode: C;
  /** The elements, as a typed array over the shared memory. */
  readonly array: AnyTypedArray;
  readonly #info: TypeInfo;
  readonly #lock: SharedLock | null;

  /** `sizeOrValues`: a length (elements start at zero) or the initial elements. */
  constructor(typecode: C, sizeOrValues: number | Iterable<ValueOf<C>>, options?: SharedOptions);
  constructor(typecode: C, sizeOrValues: unknown, options: SharedOptions = {}, revive?: [symbol, SharedArrayBuffer, SharedLock | null]) {
    const info = typeInfo(typecode);
    this.typecode = typecode;
    this.#info = info;
    if (revive !== undefined && revive[0] === TOKEN) {
      this.array = sharedView(info, revive[1]);
      this.#lock = revive[2];
      return;
    }
    let values: unknown[] | null = null;
    let size: number;
    if (typeof sizeOrValues === 'number') {
      if (!Number.isSafeInteger(sizeOrValues) || sizeOrValues < 0) {
        throw new RangeError(`size must be a whole number >= 0, got ${describe(sizeOrValues)}`);
      }
      size = sizeOrValues;
    } else if (sizeOrValues !== null && typeof sizeOrValues === 'object' && Symbol.iterator in sizeOrValues) {
      values = Array.from(sizeOrValues as Iterable<unknown>);
      values.forEach((v, i) => checkElement(info, v, `element ${i}`));
      size = values.length;
    } else {
      throw new TypeError(`sizeOrValues must be a length or an iterable of values, got ${describe(sizeOrValues)}`);
    }
    this.array = sharedView(info, newShared(info, size), size);
    if (values !== null) (this.array as unknown as { set(v: unknown[]): void }).set(values);
    this.#lock = makeLock(options.lock);
  }

  /** @internal Revives an array received from another thread. */
  static revive(typecode: Typecode, data: SharedArrayBuffer, length: number, lock: SharedLock | null): SharedArray<Typecode> {
    const Ctor = SharedArray as unknown as new (...a: unknown[]) => SharedArray<Typecode>;
    const arr = new Ctor(typecode, 0, undefined, [TOKEN, data, lock]);
    if (arr.array.length !== length) {
      Object.defineProperty(arr, 'array', { value: sharedView(typeInfo(typecode), data, length) });
    }
    return arr;
  }

  /** The number of elements. */
  get length(): number {
    return this.array.length;
  }

  /** Element `index` (a RangeError outside `0 … length - 1`). */
  get(index: number): ValueOf<C> {
    return this.array[this.#index(index)] as ValueOf<C>;
  }

  /** Sets element `index`. */
  set(index: number, value: ValueOf<C>): void {
    checkElement(this.#info, value, 'value');
    (this.array as unknown as { [i: number]: unknown })[this.#index(index)] = value;
  }

  /** A copy of the elements as a plain array. */
  toArray(): ValueOf<C>[] {
    return Array.from(this.array as Iterable<ValueOf<C>>);
  }

  [Symbol.iterator](): Iterator<ValueOf<C>> {
    return (this.array as Iterable<ValueOf<C>>)[Symbol.iterator]();
  }

  /** The lock that came with this array. */
  getLock(): SharedLock {
    return lockOf(this.#lock, 'SharedArray');
  }

  /** @internal The shared memory and the lock, for sending to another thread. */
  get parts(): { data: SharedArrayBuffer; lock: SharedLock | null } {
    return { data: this.array.buffer as unknown as SharedArrayBuffer, lock: this.#lock };
  }

  #index(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.array.length) {
      throw new RangeError(`index ${describe(index)} out of range 0 … ${this.array.length - 1}`);
    }
    return index;
  }
}
