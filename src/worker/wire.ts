/**
 * Long lists of strings cross the worker boundary packed: one string and the members' lengths,
 * instead of one structured-clone entry per string. The dashboard's customer table holds two such
 * lists (the customers' ids and names, 25,000 each at 500k rows): posted one string at a time, the
 * reply reached the page's handler 16–62 ms after the post, packed 8–22 ms (the page no longer makes
 * 50,000 strings at every recompute; the post itself stays 25–37 ms). Plain objects are searched three
 * levels down (a reply, its analysis, its table); arrays of anything but strings are not entered, and
 * a list is packed only when every member is a string. The reply the handler made is not changed
 * (the worker may keep it): what is packed is a copy of the path to the list.
 */

const PACKED = '__relancePackedStrings';
type Packed = { readonly [PACKED]: true; readonly text: string; readonly lengths: Int32Array };

/** Lists shorter than this are posted as they are. */
const MIN_PACKED = 256;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function isStringList(v: readonly unknown[]): v is readonly string[] {
  if (v.length < MIN_PACKED) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

function pack(list: readonly string[]): Packed {
  const lengths = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) lengths[i] = (list[i] as string).length;
  return { [PACKED]: true, text: list.join(''), lengths };
}

/** `value` with its long string lists packed (worker side, before posting). */
export function packStrings(value: unknown, depth = 3): unknown {
  if (Array.isArray(value)) return isStringList(value) ? pack(value) : value;
  if (depth === 0 || !isPlainObject(value)) return value;
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const v = value[key];
    const p = packStrings(v, depth - 1);
    if (p !== v) (out ??= { ...value })[key] = p;
  }
  return out ?? value;
}

/** The lists packStrings packed, made again in place (page side, on a reply it owns). */
export function unpackStrings(value: unknown, depth = 3): unknown {
  if (!isPlainObject(value)) return value;
  if (value[PACKED] === true) {
    const { text, lengths } = value as unknown as Packed;
    const list: string[] = new Array<string>(lengths.length);
    for (let i = 0, at = 0; i < lengths.length; i++) list[i] = text.slice(at, (at += lengths[i] as number));
    return list;
  }
  if (depth === 0) return value;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (isPlainObject(v)) value[key] = unpackStrings(v, depth - 1);
  }
  return value;
}
