/**
 * Delimited text → a one-sheet Workbook. Encoding from decode.ts, separator detected among
 * `;` `,` tab `|` from the consistency of field counts over the first lines (quotes respected),
 * then PapaParse (in our own worker, never its Blob worker) splits the records.
 */
import Papa from 'papaparse';
import { decodeText, type Decoded, type TextEncodingName } from './decode.ts';
import type { Cell, Workbook } from './grid.ts';
import type { Issue } from '../core/index.ts';

export type CsvOptions = { encoding?: TextEncodingName; separator?: string; sheetName?: string };

/** `\r\r\n` endings (seen in real FEC files) would leave a stray CR in the last field; a stray NUL is dropped. */
export function cleanText(decoded: string): string {
  let text = decoded.includes('\r\r\n') ? decoded.replace(/\r\r\n/g, '\r\n') : decoded;
  if (text.includes('\0')) text = text.replace(/\0/g, '');
  return text;
}

export const SEPARATORS = [';', ',', '\t', '|'] as const;

export function readCsv(bytes: Uint8Array, options: CsvOptions = {}): { workbook: Workbook; issues: Issue[] } {
  const decoded = decodeText(bytes, options.encoding);
  const text = cleanText(decoded.text);
  return readCsvText(decoded, text, options.separator ?? detectSeparator(text), options.sheetName ?? 'CSV');
}

/** The info issue of a guessed encoding. */
export function encodingGuessed(decoded: Pick<Decoded, 'guessed' | 'encoding'>): Issue | null {
  return decoded.guessed ? { code: 'EncodingGuessed', severity: 'info', params: { encoding: decoded.encoding } } : null;
}

/** readCsv on text already decoded and cleaned (`cleanText`). */
export function readCsvText(decoded: Decoded, text: string, separator: string, sheetName: string): { workbook: Workbook; issues: Issue[] } {
  const parsed = Papa.parse<string[]>(text, { delimiter: separator, skipEmptyLines: false, newline: detectNewline(text) });
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const e of parsed.errors) {
    // Field-count mismatches are normal in exports (preambles, footers); report quoting problems only.
    if (e.type === 'FieldMismatch') continue;
    const key = `${e.code}:${e.row ?? ''}`;
    if (seen.has(key) || seen.size > 50) continue;
    seen.add(key);
    issues.push({
      code: 'CsvParseError',
      severity: 'warning',
      sheet: sheetName,
      ...(e.row !== undefined ? { row: e.row + 1 } : {}),
      params: { detail: e.code },
    });
  }
  const rows = parsed.data as Cell[][];
  // PapaParse turns a trailing newline into one empty record.
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === '') rows.pop();
  const guessed = encodingGuessed(decoded);
  if (guessed) issues.push(guessed);
  return {
    workbook: { format: 'csv', sheets: [{ name: sheetName, hidden: false, rows }], is1904: false, encoding: decoded.encoding, separator },
    issues,
  };
}

export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const i = text.indexOf('\n');
  if (i < 0) return text.includes('\r') ? '\r' : '\n';
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The separator whose field count is the most consistent (and > 1) across the first 60
 * non-empty lines. A French file with `;` and decimal commas gets `;` because its comma
 * count varies from line to line.
 */
export function detectSeparator(text: string): string;
/** The same on the first piece of a text (isWhole false): null when the piece holds too few of the lines. */
export function detectSeparator(text: string, isWhole: boolean): string | null;
export function detectSeparator(text: string, isWhole = true): string | null {
  const lines = sampleLines(text, SAMPLE_LINES);
  if (!isWhole && lines.length < SAMPLE_LINES && text.length < SAMPLE_CHARS) return null;
  let best: string = ',';
  let bestScore = -1;
  for (const sep of SEPARATORS) {
    const counts = lines.map((l) => countOutsideQuotes(l, sep));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [c, f] of freq) {
      if (f > modeCount || (f === modeCount && c > mode)) {
        modeCount = f;
        mode = c;
      }
    }
    // Lines agreeing on the modal field count, weighted a little by the count itself.
    const score = modeCount * 10 + Math.min(mode, 50);
    if (mode > 0 && score > bestScore) {
      bestScore = score;
      best = sep;
    }
  }
  return best;
}

const SAMPLE_LINES = 60;
const SAMPLE_CHARS = 1 << 20;

function sampleLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  const limit = Math.min(text.length, SAMPLE_CHARS);
  while (out.length < max && start < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = limit;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() !== '') out.push(line);
    start = end + 1;
  }
  return out;
}

function countOutsideQuotes(line: string, sep: string): number {
  let n = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === sep && !inQuotes) n++;
  }
  return n;
}
