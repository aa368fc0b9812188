/**
 * The characters of the embedded font's subset: Basic Latin, Latin-1, Latin Extended-A and the
 * typographic signs French documents use (dashes, quotes, « », the narrow no-break space, €, ×, −,
 * arrows, …). A document whose text stays within them embeds the subset (a few ms and ~20 KB a
 * letter); any other character (Greek, Cyrillic, Vietnamese…) makes it use the whole DejaVu Sans.
 */
const RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2010, 0x2027],
  [0x202f, 0x202f],
  [0x2030, 0x203a],
  [0x20ac, 0x20ac],
  [0x2116, 0x2116],
  [0x2122, 0x2122],
  [0x2190, 0x2193],
  [0x2212, 0x2212],
];

/** Every character of the subset, as one string (what the subsetting script keeps). */
export function subsetCharacters(): string {
  let s = '';
  for (const [a, b] of RANGES) for (let c = a; c <= b; c++) s += String.fromCodePoint(c);
  return s;
}

/** True when every character of `text` (line breaks and tabs aside) is in the subset. */
export function coveredBySubset(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (!RANGES.some(([a, b]) => c >= a && c <= b)) return false;
  }
  return true;
}

/** True when some text of these document models (letters, a report) falls outside the subset. */
export function needsWholeFont(models: unknown): boolean {
  return !coveredBySubset(JSON.stringify(models));
}
