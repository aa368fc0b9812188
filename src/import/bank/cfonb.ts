/**
 * CFONB 120 "relevé de compte sur support informatique" (CFONB, July 2004; 2007 addendum): records of
 * 120 characters, `01` opening balance, `04` movement, `05` complement of the movement before it,
 * `07` closing balance. Positions, 1-based, as the specification gives them: record code 1–2,
 * bank 3–7, internal operation code 8–11, branch 12–16, currency 17–19, number of decimals 20,
 * account 22–32, interbank operation code 33–34, date JJMMAA 35–40; for `04`: rejection code 41–42,
 * value date 43–48, label 49–80, entry number 82–88, amount 91–104 (13 digits and a sign character),
 * reference 105–120; for `05`: qualifier 46–48 (NPY payer, RCN creditor reference, LIB label, REF…),
 * text 49–118. The amount's last character carries its last digit and the sign: `{` and A–I are
 * +0…+9, `}` and J–R are −0…−9. Files without line breaks are split every 120 characters.
 */
import { dayFromYmd, type Cents, type Day } from '../../core/index.ts';
import type { BankLine, Statement, StatementRefusal } from '../../core/index.ts';

const POSITIVE = '{ABCDEFGHI';
const NEGATIVE = '}JKLMNOPQR';

/** The signed amount of positions 91–104 in units of 10^-decimals, or null when it is not one. */
export function cfonbAmount(field: string, decimals: number): number | null {
  if (field.length !== 14 || !/^\d{13}$/.test(field.slice(0, 13))) return null;
  const last = field[13] as string;
  let sign = 1;
  let digit = POSITIVE.indexOf(last);
  if (digit < 0) {
    digit = NEGATIVE.indexOf(last);
    sign = -1;
  }
  if (digit < 0) return null;
  const units = Number(field.slice(0, 13)) * 10 + digit;
  // In cents: decimals 0–3 are what banks use; 2 is the rule for euros.
  const cents = decimals === 2 ? units : decimals < 2 ? units * 10 ** (2 - decimals) : Math.round(units / 10 ** (decimals - 2));
  return sign * cents;
}

/** JJMMAA: years 00–59 are 20xx, 60–99 19xx. */
export function cfonbDate(s: string): Day | null {
  if (!/^\d{6}$/.test(s)) return null;
  const yy = Number(s.slice(4, 6));
  return dayFromYmd(yy < 60 ? 2000 + yy : 1900 + yy, Number(s.slice(2, 4)), Number(s.slice(0, 2)));
}

/** The records of a CFONB file: by lines, or every 120 characters when it has none. */
export function cfonbRecords(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.length > 0);
  if (lines.length === 1 && (lines[0] as string).length > 120) {
    const one = lines[0] as string;
    const out: string[] = [];
    for (let i = 0; i < one.length; i += 120) out.push(one.slice(i, i + 120));
    return out;
  }
  return lines;
}

/** True when the text looks like CFONB 120: its first records are 120 characters starting 01…07. */
export function looksLikeCfonb(text: string): boolean {
  const records = cfonbRecords(text.slice(0, 2400)).slice(0, 5);
  return records.length > 0 && records.every((r, i) => (r.length === 120 || (i === records.length - 1 && r.length < 120)) && /^0[1457]/.test(r));
}

export function readCfonb(text: string, fileName: string): Statement {
  const records = cfonbRecords(text);
  const lines: BankLine[] = [];
  const refused: StatementRefusal[] = [];
  let account = '';
  let currency = 'EUR';
  let opening: number | null = null;
  let closing: number | null = null;
  type Draft = { -readonly [K in keyof BankLine]: BankLine[K] };
  let current: Draft | null = null;
  const flush = () => {
    if (current) lines.push({ ...current });
    current = null;
  };
  records.forEach((raw, k) => {
    const row = k + 1;
    const r = raw.padEnd(120, ' ');
    if (raw.trim() === '') return;
    const code = r.slice(0, 2);
    const decimals = Number(r[19]);
    if (raw.length !== 120) {
      refused.push({ row, reason: `record of ${raw.length} characters instead of 120` });
      return;
    }
    if (!Number.isInteger(decimals) || decimals > 6) {
      refused.push({ row, reason: `number of decimals "${r[19]}" at position 20` });
      return;
    }
    if (code === '01' || code === '07') {
      flush();
      const amount = cfonbAmount(r.slice(90, 104), decimals);
      if (amount === null) refused.push({ row, reason: `balance "${r.slice(90, 104)}" at positions 91–104` });
      else if (code === '01') opening ??= amount;
      else closing = amount;
      account ||= r.slice(21, 32).trim();
      currency = r.slice(16, 19).trim() || currency;
      return;
    }
    if (code === '04') {
      flush();
      const date = cfonbDate(r.slice(34, 40));
      const amount = cfonbAmount(r.slice(90, 104), decimals);
      if (date === null) {
        refused.push({ row, reason: `date "${r.slice(34, 40)}" at positions 35–40` });
        return;
      }
      if (amount === null) {
        refused.push({ row, reason: `amount "${r.slice(90, 104)}" at positions 91–104` });
        return;
      }
      const reference = r.slice(104, 120).trim();
      const entry = r.slice(81, 88).trim();
      current = {
        id: `${r.slice(21, 32).trim()}:${r.slice(34, 40)}:${entry || row}:${reference}`,
        date,
        valueDate: cfonbDate(r.slice(42, 48)),
        amountCents: amount as Cents,
        label: r.slice(48, 80).trim().replace(/\s+/g, ' '),
        payer: '',
        reference,
        remittance: '',
        row,
      };
      return;
    }
    if (code === '05') {
      if (!current) {
        refused.push({ row, reason: 'complement (05) without a movement (04) before it' });
        return;
      }
      const qualifier = r.slice(45, 48);
      const detail = r.slice(48, 118).trim().replace(/\s+/g, ' ');
      if (qualifier === 'NPY') current.payer = current.payer ? `${current.payer} ${detail}` : detail;
      else current.remittance = current.remittance ? `${current.remittance} ${detail}` : detail;
      return;
    }
    refused.push({ row, reason: `record code "${code}"` });
  });
  flush();
  return { format: 'cfonb120', fileName, account, currency, lines, refused, openingCents: opening as Cents | null, closingCents: closing as Cents | null };
}
