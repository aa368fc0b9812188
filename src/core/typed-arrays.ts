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
