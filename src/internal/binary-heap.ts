/**
 * A binary min-heap ordered by a `less` function: O(log n) `push` and `pop`, O(1) `peek`.
 * Used for the loop's timers and for PriorityQueue.
 */
export class BinaryHeap<T> {
  readonly #less: (a: T, b: T) => boolean;
  #items: T[] = [];

  constructor(less: (a: T, b: T) => boolean) {
    this.#less = less;
  }

  get length(): number {
    return this.#items.length;
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  push(item: T): void {
    const items = this.#items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(item, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.#items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) this.#siftDown(last);
    return top;
  }

  /** Keeps only the items for which `keep` is true, then restores the heap order: O(n). */
  filter(keep: (item: T) => boolean): void {
    this.#items = this.#items.filter(keep);
    for (let i = (this.#items.length >> 1) - 1; i >= 0; i--) this.#siftDownFrom(i);
  }

  /** The items in heap (not sorted) order. */
  values(): readonly T[] {
    return this.#items;
  }

  clear(): void {
    this.#items = [];
  }

  #siftDown(item: T): void {
    this.#items[0] = item;
    this.#siftDownFrom(0);
  }

  #siftDownFrom(start: number): void {
    const items = this.#items;
    const n = items.length;
    const item = items[start]!;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.#less(items[child + 1]!, items[child]!)) child++;
      if (!this.#less(items[child]!, item)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = item;
  }
}
