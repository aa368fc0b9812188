/** Typed-array helpers for columns built row by row: grown as rows come, cut to the count at the end, given back when done. */

type Column = Int32Array | Uint16Array | Uint8Array | Int16Array | Float64Array;

/** A copy of `a` in an array of `size` (the rest zero). */
export function grown<T extends Column>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** The first `n` values: a view when the room left over is small, else a copy (the rest is let go). */
export function fit<T extends Column>(x: T, n: number): T {
  return (x.length - n <= n >> 3 ? x.subarray(0, n) : x.slice(0, n)) as T;
}

/** Detaches the buffer of `view` when it is all of it (ArrayBuffer.prototype.transfer): its memory goes at once. */
export function release(view: ArrayBufferView): void {
  const buffer = view.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (view.byteOffset === 0 && view.byteLength === buffer.byteLength && typeof buffer.transfer === 'function') buffer.transfer(0);
}

/** `a` copied into an array of `size`, its own memory let go at once (release): no copy waits for a collection. */
export function moved<T extends Column>(a: T, size: number): T {
  const b = grown(a, size);
  release(a);
  return b;
}

/** A column filled a value at a time: its room doubles when full, the old room let go at once (moved). */
export class ColumnOf<T extends Column> {
  values: T;
  length = 0;
  constructor(empty: T) {
    this.values = empty;
  }

  push(v: number): void {
    if (this.length === this.values.length) this.values = moved(this.values, Math.max(1024, this.length * 2));
    this.values[this.length++] = v;
  }

  /** The values pushed (fit: a view, or a copy when much room is left, the room then let go at once). The column is done with. */
  done(): T {
    const out = fit(this.values, this.length);
    if (out.buffer !== this.values.buffer) release(this.values);
    return out;
  }
}
