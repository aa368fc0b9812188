/**
 * The recipient block of a window envelope, after La Poste / AFNOR NF Z10-011 (ux.md §2.3): at most 6
 * lines (7 abroad, the country last) of at most 38 characters, no punctuation in the address lines,
 * the last lines in capitals. A line is never cut: street words are abbreviated, middle lines are
 * dropped (never the name, never the postcode and town), and a block that still cannot fit is refused,
 * so that a registered letter never leaves with an address the post cannot deliver.
 */

export const MAX_LINE = 38;
export const MAX_LINES = 6;

export type AddressBlock =
  | { readonly ok: true; readonly lines: readonly string[]; readonly dropped: readonly string[] }
  | { readonly ok: false; readonly reason: 'NoAddress' | 'NoPostcodeLine' | 'LineTooLong' | 'TooManyLines'; readonly line?: string };

/** La Poste's abbreviations of street types and common words (the longest first matters not: whole words). */
const ABBREVIATIONS: readonly (readonly [RegExp, string])[] = [
  [/\bAVENUE\b/g, 'AV'],
  [/\bBOULEVARD\b/g, 'BD'],
  [/\bFAUBOURG\b/g, 'FBG'],
  [/\bPLACE\b/g, 'PL'],
  [/\bROUTE\b/g, 'RTE'],
  [/\bCHEMIN\b/g, 'CHE'],
  [/\bIMPASSE\b/g, 'IMP'],
  [/\bALLEE\b|\bALLÉE\b/g, 'ALL'],
  [/\bQUAI\b/g, 'QU'],
  [/\bSQUARE\b/g, 'SQ'],
  [/\bRESIDENCE\b|\bRÉSIDENCE\b/g, 'RES'],
  [/\bBATIMENT\b|\bBÂTIMENT\b/g, 'BAT'],
  [/\bESCALIER\b/g, 'ESC'],
  [/\bAPPARTEMENT\b/g, 'APT'],
  [/\bZONE INDUSTRIELLE\b/g, 'ZI'],
  [/\bZONE ARTISANALE\b/g, 'ZA'],
  [/\bCENTRE COMMERCIAL\b/g, 'CCAL'],
  [/\bSAINTE\b/g, 'STE'],
  [/\bSAINT\b/g, 'ST'],
  [/\bGENERAL\b|\bGÉNÉRAL\b/g, 'GAL'],
  [/\bPRESIDENT\b|\bPRÉSIDENT\b/g, 'PDT'],
  [/\bMARECHAL\b|\bMARÉCHAL\b/g, 'MAL'],
];

/** A French postcode and town ("69006 LYON", "75008 PARIS CEDEX 08"), or a BP/CEDEX line. */
const POSTCODE_LINE = /^\d{5}\s+\S/;

function clean(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/** Address lines are written without punctuation (from line 4 on; the name keeps its own). */
function unpunctuated(line: string): string {
  return clean(line.replace(/[.,;:!?"«»]/g, ' '));
}

function abbreviate(line: string): string {
  let out = line.toUpperCase();
  for (const [word, short] of ABBREVIATIONS) {
    if (out.length <= MAX_LINE) break;
    out = out.replace(word, short);
  }
  return clean(out);
}

/**
 * The block for `name` and the address lines the user typed. The last line must be the postcode and
 * town (or, abroad, the country after it).
 */
export function addressBlock(name: string, address: readonly string[]): AddressBlock {
  const lines = address.map(unpunctuated).filter((l) => l !== '');
  // An address pasted with the name on its first line: the name is printed once.
  if (lines.length > 1 && sameWords(lines[0] as string, name)) lines.shift();
  if (lines.length === 0) return { ok: false, reason: 'NoAddress' };
  const postcodeAt = lines.findLastIndex((l) => POSTCODE_LINE.test(l));
  // Abroad: the country follows the postcode line (and a 7th line is allowed for it).
  const isAbroad = postcodeAt >= 0 && postcodeAt === lines.length - 2 && !/\d/.test(lines[lines.length - 1] as string) && !/^FRANCE$/i.test(lines[lines.length - 1] as string);
  const townAt = postcodeAt >= 0 ? postcodeAt : -1;
  if (townAt < 0 || (townAt !== lines.length - 1 && !isAbroad)) return { ok: false, reason: 'NoPostcodeLine' };
  const max = isAbroad ? MAX_LINES + 1 : MAX_LINES;
  const town = (lines[townAt] as string).toUpperCase();
  if (town.length > MAX_LINE) return { ok: false, reason: 'LineTooLong', line: town };
  const country = isAbroad ? (lines[lines.length - 1] as string).toUpperCase() : null;
  if (country !== null && country.length > MAX_LINE) return { ok: false, reason: 'LineTooLong', line: country };
  // The name may take two lines (a long company name); it is never shortened.
  const nameLines = splitName(clean(name));
  if (nameLines === null) return { ok: false, reason: 'LineTooLong', line: clean(name) };
  // Middle lines (department, building, number and street, lieu-dit): abbreviated when too long.
  const middle: string[] = [];
  for (const l of lines.slice(0, townAt)) {
    const short = l.length > MAX_LINE ? abbreviate(l) : l;
    if (short.length > MAX_LINE) return { ok: false, reason: 'LineTooLong', line: l };
    middle.push(short);
  }
  const room = max - nameLines.length - 1 - (country === null ? 0 : 1);
  if (room < 1 && middle.length > 0) return { ok: false, reason: 'TooManyLines' };
  // Too many lines: drop from the top of the middle (department, then building…); the line just
  // above the town (number and street, or the BP) is the last to go.
  const dropped: string[] = [];
  while (middle.length > room) dropped.push(middle.shift() as string);
  // The last three lines in capitals (the name keeps its case).
  const address3 = [...middle, town, ...(country === null ? [] : [country])];
  const capitalFrom = Math.max(0, address3.length - 3);
  const block = [...nameLines, ...address3.map((l, i) => (i >= capitalFrom ? l.toUpperCase() : l))];
  return { ok: true, lines: block, dropped };
}

/** The same words, whatever the case, accents and punctuation ("SARL Dubœuf" = "sarl duboeuf"). */
function sameWords(a: string, b: string): boolean {
  const key = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe').replace(/[^a-z0-9]/g, '');
  return key(a) === key(b);
}

/** A name of at most 38 characters as is; up to 76 on two lines cut at a space; longer: null. */
function splitName(name: string): string[] | null {
  if (name.length <= MAX_LINE) return [name];
  const cut = name.lastIndexOf(' ', MAX_LINE);
  if (cut <= 0) return null;
  const first = name.slice(0, cut);
  const rest = name.slice(cut + 1);
  return rest.length <= MAX_LINE ? [first, rest] : null;
}
