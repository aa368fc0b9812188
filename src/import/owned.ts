/**
 * Strings that do not keep a file alive. V8 keeps a slice of 13 characters or more as a view of the
 * string it was cut from, so one customer name, invoice number or column header kept in the ledger or
 * the import report would hold the whole decoded file (twice its size when one character of it is
 * outside Latin-1) for as long as the ledger lives.
 */

/**
 * `s` as a string of its own: two parts joined into a new flat string (a concatenation sliced back
 * would be a view of 32 bytes more on the flattened copy, for every key and name a ledger keeps).
 */
export function owned(s: string): string {
  return s.length < 13 ? s : [s.slice(0, 1), s.slice(1)].join('');
}

/** Every string of a plain-data value (objects and arrays, walked in place) made `owned`. */
export function ownStrings<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const v: unknown = value[k];
      if (typeof v === 'string') value[k] = owned(v);
      else if (v !== null && typeof v === 'object') ownStrings(v);
    }
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (typeof v === 'string') o[key] = owned(v);
      else if (v !== null && typeof v === 'object') ownStrings(v);
    }
  }
  return value;
}
