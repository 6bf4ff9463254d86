/**
 * The reader's unread bytes: a queue of received chunks, searched and consumed without first
 * joining them into one array. A read of at least half a chunk is a zero-copy view of it.
 * @internal
 */
import { Buffer } from 'node:buffer';

const EMPTY = Buffer.alloc(0);

/** A FIFO byte queue made of chunks. Offsets are counted from the first unread byte. */
export class ByteBuffer {
  #chunks: Buffer[] = [];
  /** Index in `#chunks` of the first live chunk. */
  #head = 0;
  /** Offset of the first unread byte inside `#chunks[#head]`. */
  #start = 0;
  #length = 0;

  /** How many unread bytes are buffered. */
  get length(): number {
    return this.#length;
  }

  /** Appends `chunk` (kept by reference, not copied). Empty chunks are ignored. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** Drops every buffered byte. */
  clear(): void {
    this.#chunks = [];
    this.#head = 0;
    this.#start = 0;
    this.#length = 0;
  }

  /** Removes and returns the first `min(n, length)` bytes. */
  take(n: number): Buffer {
    if (n > this.#length) n = this.#length;
    if (n <= 0) return EMPTY;
    const first = this.#chunks[this.#head]!;
    const avail = first.length - this.#start;
    if (n <= avail) {
      // A view when it covers at least half the chunk; else a copy, so that keeping a short
      // line does not keep a whole 64 KiB chunk alive.
      const view = first.subarray(this.#start, this.#start + n);
      const out = 2 * n >= first.length ? view : Buffer.from(view);
      this.#advance(n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    while (written < n) {
      const chunk = this.#chunks[this.#head]!;
      const count = Math.min(chunk.length - this.#start, n - written);
      chunk.copy(out, written, this.#start, this.#start + count);
      written += count;
      this.#advance(count);
    }
    return out;
  }

  /** Removes and returns every buffered byte. */
  takeAll(): Buffer {
    return this.take(this.#length);
  }

  /** The byte at `index` (0 = the first unread byte), or -1 past the end. */
  byteAt(index: number): number {
    if (index < 0 || index >= this.#length) return -1;
    let i = this.#head;
    let pos = index + this.#start;
    while (pos >= this.#chunks[i]!.length) {
      pos -= this.#chunks[i]!.length;
      i++;
    }
    return this.#chunks[i]![pos]!;
  }

  /** True when the buffered bytes at `index` are exactly `sep`. */
  startsWith(sep: Uint8Array, index: number): boolean {
    if (index < 0 || index + sep.length > this.#length) return false;
    for (let k = 0; k < sep.length; k++) if (this.byteAt(index + k) !== sep[k]) return false;
    return true;
  }

  /**
   * The offset of the first occurrence of `sep` that starts at or after `from`, or -1.
   * Matches that span chunk boundaries are found; each chunk is scanned with the native search.
   */
  indexOf(sep: Buffer, from = 0): number {
    const len = sep.length;
    if (from < 0) from = 0;
    if (len === 0 || from + len > this.#length) return -1;
    let base = -this.#start; // offset of the current chunk's byte 0
    for (let i = this.#head; i < this.#chunks.length; i++) {
      const chunk = this.#chunks[i]!;
      const end = base + chunk.length;
      if (end > from) {
        const local = Math.max(from - base, i === this.#head ? this.#start : 0);
        const hit = chunk.indexOf(sep, local);
        if (hit !== -1) return base + hit;
        if (len > 1 && i + 1 < this.#chunks.length) {
          const spanning = this.#searchBoundary(sep, i, base, Math.max(from, end - len + 1, base + local));
          if (spanning !== -1) return spanning;
        }
      }
      base = end;
    }
    return -1;
  }

  /**
   * Looks for a match of `sep` that starts in chunk `i` at offset `>= from` and runs into the
   * chunks after it: searches a small window made of the chunk's tail and the next bytes.
   */
  #searchBoundary(sep: Buffer, i: number, base: number, from: number): number {
    const chunkEnd = base + this.#chunks[i]!.length;
    const tailStart = Math.max(from, chunkEnd - (sep.length - 1));
    if (tailStart >= chunkEnd) return -1;
    const headLen = Math.min(sep.length - 1, this.#length - chunkEnd);
    const window = Buffer.allocUnsafe(chunkEnd - tailStart + headLen);
    const chunk = this.#chunks[i]!;
    chunk.copy(window, 0, tailStart - base, chunk.length);
    let filled = chunkEnd - tailStart;
    for (let j = i + 1; filled < window.length; j++) {
      const next = this.#chunks[j]!;
      const count = Math.min(next.length, window.length - filled);
      next.copy(window, filled, 0, count);
      filled += count;
    }
    const hit = window.indexOf(sep);
    return hit !== -1 && hit < chunkEnd - tailStart ? tailStart + hit : -1;
  }

  #advance(n: number): void {
    this.#length -= n;
    this.#start += n;
    const first = this.#chunks[this.#head]!;
    if (this.#start === first.length) {
      this.#chunks[this.#head] = EMPTY;
      this.#head++;
      this.#start = 0;
      if (this.#head === this.#chunks.length) {
        this.#chunks = [];
        this.#head = 0;
      } else if (this.#head >= 64 && this.#head * 2 >= this.#chunks.length) {
        this.#chunks = this.#chunks.slice(this.#head);
        this.#head = 0;
      }
    }
  }
}
