/**
 * Strings kept as packed characters rather than as string objects: the fused CSV's invoice numbers and
 * customer keys, and the numbers of the items the general builder packs (to-ledger.ts).
 */
import { grown } from '../core/index.ts';

/** Characters made into a string by one call (PackedStrings.at). */
const CHARS_AT_ONCE = 4096;
/** Strings up to this length are made from a list of codes kept per length (`at`). */
const SHORT = 32;

/**
 * Strings kept as their characters end to end (one byte each while every character is below 256, two
 * once one is not): string v is chars[from[v], from[v + 1]), made into a string only when asked
 * (`at`), so that what is kept per row is no object for the engine to copy, move and mark.
 *
 * With its index (built by `index()`, or from the start), it also finds a string from a range of the
 * text: the hash is taken from the characters in place, so a row whose customer is known makes no
 * string, and a fresh one gets no engine hash. The table holds each entry's hash beside its number, and
 * the characters are compared in the packed array: a lookup reads no string object.
 */
export class PackedStrings {
  count = 0;
  private chars: Uint8Array | Uint16Array = new Uint8Array(1 << 12);
  private from = new Int32Array(1 << 10);
  /** Per slot: its string's number + 1 (0: empty), then its hash; null until `index()`. */
  private table: Int32Array | null = null;
  private lastSlot = 0;
  private lastHash = 0;
  /** Per length up to SHORT, a list of codes `at` fills and reuses. */
  private readonly codes: number[][] = [];

  constructor(indexed: boolean) {
    if (indexed) this.index();
  }

  get isIndexed(): boolean {
    return this.table !== null;
  }

  /** The index from now on, with every string so far in it. */
  index(): void {
    if (this.table !== null) return;
    // Room for the strings so far at most half full (slots a power of two), so that none is placed twice.
    let slots = 1 << 10;
    while (slots < this.count * 2) slots *= 2;
    this.table = new Int32Array(slots * 2);
    for (let v = 0; v < this.count; v++) {
      const at = this.from[v] as number;
      this.slotOf(this.chars, at, this.from[v + 1] as number);
      this.insert(v);
    }
  }

  /** The number of the string at [a, b) of `src`, or -1 (then `add` may follow). Needs the index. */
  find(src: string, a: number, b: number): number {
    let h = 0x811c9dc5;
    for (let i = a; i < b; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193);
    const table = this.table as Int32Array;
    const mask = (table.length >> 1) - 1;
    const len = b - a;
    for (let j = h & mask; ; j = (j + 1) & mask) {
      const v = (table[j * 2] as number) - 1;
      if (v < 0) {
        this.lastSlot = j;
        this.lastHash = h;
        return -1;
      }
      if (table[j * 2 + 1] === h) {
        const at = this.from[v] as number;
        if ((this.from[v + 1] as number) - at === len && this.sameChars(src, a, len, at)) return v;
      }
    }
  }

  private sameChars(src: string, a: number, len: number, at: number): boolean {
    const chars = this.chars;
    for (let k = 0; k < len; k++) if (src.charCodeAt(a + k) !== chars[at + k]) return false;
    return true;
  }

  /** Adds the string at [a, b) of `src` (indexed: the one `find` just missed); its number. */
  add(src: string, a: number, b: number): number {
    const v = this.count++;
    if (v + 2 > this.from.length) this.from = grown(this.from, (v + 2) * 2);
    const at = this.from[v] as number;
    const end = at + b - a;
    if (end > this.chars.length) this.chars = grown(this.chars, end * 2);
    let chars = this.chars;
    for (let k = a; k < b; k++) {
      const ch = src.charCodeAt(k);
      if (ch > 255 && chars instanceof Uint8Array) chars = this.chars = Uint16Array.from(chars);
      chars[at + k - a] = ch;
    }
    this.from[v + 1] = end;
    if (this.table !== null) this.insert(v);
    return v;
  }

  /**
   * String v. A short one (an invoice number) is made from a list of codes kept per length, with no
   * view nor closure to allocate for each; a long one a run of characters at a time (a call's
   * arguments are bounded, a field is not).
   */
  at(v: number): string {
    const from = this.from[v] as number;
    const to = this.from[v + 1] as number;
    const n = to - from;
    if (n <= SHORT) {
      let codes = this.codes[n];
      if (codes === undefined) this.codes[n] = codes = new Array<number>(n).fill(0);
      const chars = this.chars;
      for (let k = 0; k < n; k++) codes[k] = chars[from + k] as number;
      return String.fromCharCode.apply(null, codes);
    }
    if (n <= CHARS_AT_ONCE) return this.run(from, to);
    const parts: string[] = [];
    for (let a = from; a < to; a += CHARS_AT_ONCE) parts.push(this.run(a, Math.min(to, a + CHARS_AT_ONCE)));
    return parts.join('');
  }

  private run(a: number, b: number): string {
    return String.fromCharCode.apply(null, this.chars.subarray(a, b) as unknown as number[]);
  }

  /** Whether the string at [a, b) of `src` is above string v in code units. */
  isAbove(src: string, a: number, b: number, v: number): boolean {
    const at = this.from[v] as number;
    const len = (this.from[v + 1] as number) - at;
    const n = Math.min(b - a, len);
    const chars = this.chars;
    for (let k = 0; k < n; k++) {
      const d = src.charCodeAt(a + k) - (chars[at + k] as number);
      if (d !== 0) return d > 0;
    }
    return b - a > len;
  }

  /** The length of string v. */
  lengthOf(v: number): number {
    return (this.from[v + 1] as number) - (this.from[v] as number);
  }

  /** The hash and free slot of the characters at [at, end) (for `insert`), as `find` leaves them. */
  private slotOf(chars: Uint8Array | Uint16Array, at: number, end: number): void {
    let h = 0x811c9dc5;
    for (let i = at; i < end; i++) h = Math.imul(h ^ (chars[i] as number), 0x01000193);
    const table = this.table as Int32Array;
    const mask = (table.length >> 1) - 1;
    let j = h & mask;
    while (table[j * 2] !== 0) j = (j + 1) & mask;
    this.lastSlot = j;
    this.lastHash = h;
  }

  /** Puts string v in the slot `find` (or slotOf) left; twice the slots when over half full. */
  private insert(v: number): void {
    let table = this.table as Int32Array;
    table[this.lastSlot * 2] = v + 1;
    table[this.lastSlot * 2 + 1] = this.lastHash;
    if (this.count * 4 <= table.length) return;
    // Over half full: twice the slots, every entry placed again from its hash.
    const old = table;
    table = this.table = new Int32Array(old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let o = 0; o < old.length; o += 2) {
      if (old[o] === 0) continue;
      let j = (old[o + 1] as number) & mask;
      while (table[j * 2] !== 0) j = (j + 1) & mask;
      table[j * 2] = old[o] as number;
      table[j * 2 + 1] = old[o + 1] as number;
    }
  }
}
