/**
 * PriorityQueue: a queue that gives back the smallest item first, as asyncio's PriorityQueue.
 * @module
 */
import { BinaryHeap } from '../internal/binary-heap.js';
import { describe } from '../internal/validate.js';
import { Queue, type ItemStore } from './queue.js';

/** Options of a {@link PriorityQueue}: how to order items that are not plainly comparable. */
export interface PriorityQueueOptions<T> {
  /**
   * Maps an item to the value it is ordered by (a number, bigint, string or array, ordered as
   * the default order). Called once per item, when it is put.
   */
  key?: (item: T) => unknown;
  /**
   * Orders two items as `Array.prototype.sort` does: negative if `a` comes first, positive if
   * `b` does, 0 if they are equal. It must be consistent and must not throw.
   */
  compare?: (a: T, b: T) => number;
}

/** The kinds of value the default order can compare with each other. */
const NUMERIC = 0;
const STRING = 1;
const ARRAY = 2;
const UNORDERABLE = 3;
const KIND_NAMES = ['number', 'string', 'array'] as const;

function kindOf(x: unknown): number {
  switch (typeof x) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return NUMERIC;
    case 'string':
      return STRING;
    default:
      return Array.isArray(x) ? ARRAY : UNORDERABLE;
  }
}

/** Compares strings by code point, as Python does (JS `<` compares UTF-16 code units). */
function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort above every other BMP unit.
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * Python's order: numbers (with bigints and booleans), strings by code point, arrays element by
 * element (the first unequal pair decides, then the length). NaN means "cannot be ordered":
 * values of different kinds, objects, and NaN numbers.
 */
function compareDefault(a: any, b: any): number {
  const kind = kindOf(a);
  if (kind !== kindOf(b) || kind === UNORDERABLE) return a === b ? 0 : NaN;
  if (kind === NUMERIC) return a < b ? -1 : b < a ? 1 : a == b ? 0 : NaN; // eslint-disable-line eqeqeq
  if (kind === STRING) return a === b ? 0 : compareStrings(a, b);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    const c = compareDefault(x, y);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

interface Entry<T> {
  readonly item: T;
  readonly key: unknown;
  readonly seq: number;
}

/** A binary heap of entries; equal ones come out in insertion order. */
class HeapStore<T> implements ItemStore<T> {
  readonly #heap: BinaryHeap<Entry<T>>;
  readonly #keyOf: ((item: T) => unknown) | null;
  readonly #checkKind: boolean;
  #seq = 0;

  constructor(opts: PriorityQueueOptions<T>) {
    const { key, compare } = opts;
    this.#keyOf = key ?? null;
    this.#checkKind = compare === undefined;
    const order = compare === undefined ? compareDefault : (a: Entry<T>['key'], b: Entry<T>['key']) => compare(a as T, b as T);
    // An order that cannot decide (NaN, or equal) falls back to insertion order: FIFO for ties.
    this.#heap = new BinaryHeap<Entry<T>>((a, b) => {
      const c = order(a.key, b.key);
      return c < 0 || (!(c > 0) && a.seq < b.seq);
    });
  }

  get length(): number {
    return this.#heap.length;
  }

  add(item: T): void {
    const key = this.#keyOf === null ? item : this.#keyOf(item);
    if (this.#checkKind) this.#check(item, key);
    this.#heap.push({ item, key, seq: this.#seq++ });
  }

  take(): T {
    return this.#heap.pop()!.item;
  }

  *values(): Iterable<T> {
    for (const e of this.#heap.values()) yield e.item;
  }

  /** The default order must be able to place `key` among the queued ones: TypeError at the door. */
  #check(item: T, key: unknown): void {
    const kind = kindOf(key);
    const what = this.#keyOf === null ? describe(item) : `key ${describe(key)} of ${describe(item)}`;
    if (kind === UNORDERABLE) {
      throw new TypeError(
        `PriorityQueue cannot order ${what}: the default order takes numbers, bigints, strings and arrays; pass { key } or { compare }`,
      );
    }
    const top = this.#heap.peek();
    if (top !== undefined && kindOf(top.key) !== kind) {
      throw new TypeError(
        `PriorityQueue cannot compare ${what} with the ${KIND_NAMES[kindOf(top.key) as 0 | 1 | 2]} items already queued`,
      );
    }
  }
}

/**
 * A {@link Queue} that gives back the smallest item first, as asyncio's PriorityQueue. O(log n)
 * `put` and `get` (a binary heap).
 *
 * The default order is Python's: numbers (bigints and booleans compare with them), strings (by
 * code point), and arrays compared element by element, so `[priority, data]` entries work. Where
 * Python would raise because it reaches two values it cannot order (two objects, or a string and
 * a number inside arrays), tsaio treats them as equal. **Equal items come out first in, first out**
 * (an insertion counter breaks ties; asyncio promises nothing here), so `[priority, data]` with
 * equal priorities keeps insertion order and never compares `data`.
 *
 * Items of another kind (plain objects, null, …) need a `key` (what to order by) or a `compare`
 * function: without them `put` is a TypeError that names the item's type, as is mixing kinds at
 * the top level (a string into a queue of numbers). Everything else is as in Queue.
 *
 * @example
 * const jobs = new PriorityQueue<[number, string]>();
 * jobs.putNowait([2, 'later']);
 * jobs.putNowait([1, 'first']);
 * jobs.putNowait([2, 'last']);
 * await jobs.get(); // [1, 'first'], then [2, 'later'], then [2, 'last']
 *
 * const tasks = new PriorityQueue<{ deadline: number }>(0, { key: (t) => t.deadline });
 */
export class PriorityQueue<T> extends Queue<T> {
  /**
   * The base constructor creates the store before this constructor's body runs, so the checked
   * options reach `_createStore` through this slot (construction is synchronous).
   */
  static #pending: PriorityQueueOptions<unknown> = {};

  /**
   * A priority queue holding at most `maxsize` items (default 0: unbounded), ordered by the
   * default order, by `key`, or by `compare` (not both). TypeError for a bad option.
   */
  constructor(maxsize = 0, opts: PriorityQueueOptions<T> = {}) {
    PriorityQueue.#pending = checkOptions(opts) as PriorityQueueOptions<unknown>;
    try {
      super(maxsize);
    } finally {
      PriorityQueue.#pending = {};
    }
  }

  /** @internal */
  protected override _createStore(): ItemStore<T> {
    return new HeapStore<T>(PriorityQueue.#pending as PriorityQueueOptions<T>);
  }
}

function checkOptions<T>(opts: PriorityQueueOptions<T>): PriorityQueueOptions<T> {
  if (opts === null || typeof opts !== 'object') {
    throw new TypeError(`PriorityQueue options must be an object, got ${describe(opts)}`);
  }
  const { key, compare } = opts;
  if (key !== undefined && typeof key !== 'function') throw new TypeError(`key must be a function, got ${describe(key)}`);
  if (compare !== undefined && typeof compare !== 'function') {
    throw new TypeError(`compare must be a function, got ${describe(compare)}`);
  }
  if (key !== undefined && compare !== undefined) throw new TypeError('pass either key or compare, not both');
  const out: PriorityQueueOptions<T> = {};
  if (key !== undefined) out.key = key;
  if (compare !== undefined) out.compare = compare;
  return out;
}
