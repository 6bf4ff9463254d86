/**
 * A FIFO queue on a growable ring buffer: O(1) `push`, `shift` and `unshift`, no `Array.shift`.
 * Used for the loop's ready queue and the queues' item stores.
 */
export class Deque<T> {
  #items: (T | undefined)[];
  #head = 0;
  #size = 0;

  constructor(capacity = 16) {
    this.#items = new Array(capacity);
  }

  get length(): number {
    return this.#size;
  }

  push(item: T): void {
    if (this.#size === this.#items.length) this.#grow();
    this.#items[(this.#head + this.#size) & (this.#items.length - 1)] = item;
    this.#size++;
  }

  unshift(item: T): void {
    if (this.#size === this.#items.length) this.#grow();
    this.#head = (this.#head - 1) & (this.#items.length - 1);
    this.#items[this.#head] = item;
    this.#size++;
  }

  /** Removes and returns the first item; `undefined` when empty. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#items.length - 1);
    this.#size--;
    return item;
  }

  /** Removes and returns the last item; `undefined` when empty. */
  pop(): T | undefined {
    if (this.#size === 0) return undefined;
    this.#size--;
    const i = (this.#head + this.#size) & (this.#items.length - 1);
    const item = this.#items[i];
    this.#items[i] = undefined;
    return item;
  }

  peekFirst(): T | undefined {
    return this.#size === 0 ? undefined : this.#items[this.#head];
  }

  peekLast(): T | undefined {
    return this.#size === 0 ? undefined : this.#items[(this.#head + this.#size - 1) & (this.#items.length - 1)];
  }

  /** The first item for which `predicate` is true, or undefined; no iterator is made. */
  find(predicate: (item: T) => boolean): T | undefined {
    const mask = this.#items.length - 1;
    for (let i = 0; i < this.#size; i++) {
      const item = this.#items[(this.#head + i) & mask] as T;
      if (predicate(item)) return item;
    }
    return undefined;
  }

  /** Removes the first item equal (`===`) to `item`; O(n). Returns whether one was removed. */
  remove(item: T): boolean {
    const mask = this.#items.length - 1;
    for (let i = 0; i < this.#size; i++) {
      if (this.#items[(this.#head + i) & mask] === item) {
        for (let j = i; j < this.#size - 1; j++) {
          this.#items[(this.#head + j) & mask] = this.#items[(this.#head + j + 1) & mask];
        }
        this.#items[(this.#head + this.#size - 1) & mask] = undefined;
        this.#size--;
        return true;
      }
    }
    return false;
  }

  clear(): void {
    this.#items = new Array(16);
    this.#head = 0;
    this.#size = 0;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    const mask = this.#items.length - 1;
    for (let i = 0; i < this.#size; i++) yield this.#items[(this.#head + i) & mask] as T;
  }

  #grow(): void {
    const old = this.#items;
    const items = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.#size; i++) items[i] = old[(this.#head + i) & (old.length - 1)];
    this.#items = items;
    this.#head = 0;
  }
}
