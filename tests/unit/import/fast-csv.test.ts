/**
 * The fused CSV path (src/import/fast-csv.ts) against the general one, the oracle: PapaParse → sheet →
 * buildLedger. On generated files (every separator, newline, quoting, encoding, layout and a wide range
 * of the things the fused path must leave to the general one) and on every CSV of samples/ and
 * ../shared/samples/real (skipped when absent), importFile gives the same report and ledger, byte for
 * byte, whichever path read the file; and the files the fused path is made for are read by it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IssueList, invoiceAt, invoicesMade, ledgerColumns } from '../../../src/core/index.ts';
import { dashboard } from '../../../src/app/dashboard.ts';
import { sessionOf } from '../../../src/app/session.ts';
import { settingsFrom } from '../../../src/app/settings.ts';
import { decodeText } from '../../../src/import/decode.ts';
import { fastCsvImport } from '../../../src/import/fast-csv.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { cleanText, detectSeparator } from '../../../src/import/read-csv.ts';
import { benchInvoices, ledgerCsv } from '../../../bench/data.ts';

const root = join(import.meta.dirname, '../../..');
const REAL = join(root, '../shared/samples/real');

function files(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p, pattern) : pattern.test(n) ? [p] : [];
  });
}

/**
 * Both paths on the same bytes: each item the fused path makes alone (before its ledger made them
 * all) is the oracle's, then the same JSON (report, ledger, key order included), and the analysis'
 * columns the fused path hands over are those ledgerColumns builds from the objects (on a copy, uncached).
 */
function same(bytes: Uint8Array, fileName = 'grand-livre.csv'): void {
  const fast = importFile(bytes, { fileName });
  const oracle = importFile(bytes, { fileName, fastCsv: false });
  if (!invoicesMade(fast.ledger)) {
    oracle.ledger.invoices.forEach((inv, i) => expect(JSON.stringify(invoiceAt(fast.ledger, i))).toBe(JSON.stringify(inv)));
    expect(invoicesMade(fast.ledger)).toBe(false);
  }
  expect(JSON.stringify(fast)).toBe(JSON.stringify(oracle));
  expect(ledgerColumns(fast.ledger)).toEqual(ledgerColumns({ ...fast.ledger }));
}

/** Whether the fused path reads the file itself (rather than leaving it to the general one). */
function isFast(bytes: Uint8Array): boolean {
  const decoded = decodeText(bytes);
  const text = cleanText(decoded.text);
  return fastCsvImport(text, { fileName: 'f.csv', sheetName: 'f', separator: detectSeparator(text), defaultTermsDays: 30, includeDrafts: false }, new IssueList()) !== null;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Windows-1252 bytes of a text (what the code page lacks, as the narrow no-break space, becomes a no-break space). */
const CP1252 = new Map(Array.from(new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, b) => b)), (ch, b) => [ch, b]));
function cp1252(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => CP1252.get(ch) ?? 0xa0);
}

type Layout = {
  sep: string;
  newline: string;
  quoteAll: boolean;
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le';
  columns: string[];
  trailingNewline: boolean;
  preamble: boolean;
  decimal: ',' | '.';
};

const HEADERS: Record<string, string> = {
  code: 'Code client',
  name: 'Client',
  number: 'N° facture',
  issued: 'Date',
  due: 'Échéance',
  amount: 'Montant TTC',
  paid: 'Réglé',
  open: 'Reste dû',
  payDate: 'Date de règlement',
  currency: 'Devise',
  status: 'Statut',
  terms: 'Conditions',
  disputed: 'Litige',
  channel: 'Canal d’envoi',
  note: 'Commentaire',
};

const clean = {
  code: fc.constantFrom('C1', 'C2', 'C10', 'B7', 'Z99'),
  name: fc.constantFrom('Boulangerie Martin', 'Établissements Müller', 'Garage Bérénice', 'Œuvres & Cie', 'SARL "Le Coin"', 'Dupont; fils'),
  date: fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2023, max: 2026 })).map(([d, m, y]) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`),
  amount: (sep: string) => fc.integer({ min: -50_000, max: 5_000_000 }).map((c) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}${sep}${String(Math.abs(c) % 100).padStart(2, '0')}`),
  // As French exports write them: thousands separated by a space or a no-break space, a euro sign.
  spacedAmount: fc.tuple(fc.integer({ min: 100_000, max: 90_000_000 }), fc.constantFrom(' ', '\u00a0', '\u202f'), fc.boolean()).map(([c, gap, euro]) => {
    const units = String(Math.floor(c / 100)).replace(/\B(?=(\d{3})+$)/g, gap);
    return `${units},${String(c % 100).padStart(2, '0')}${euro ? ' €' : ''}`;
  }),
  shortDate: fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 23, max: 26 })).map(([d, m, y]) => `${d}/${m}/${y}`),
};

/** One cell of a column: mostly what exports write, sometimes what only the general path handles. */
function cellArb(column: string, messy: boolean, decimal: ',' | '.'): fc.Arbitrary<string> {
  const rare = <T,>(usual: fc.Arbitrary<T>, ...odd: fc.Arbitrary<T>[]) => (messy ? fc.oneof({ arbitrary: usual, weight: 8 }, ...odd.map((a) => ({ arbitrary: a, weight: 1 }))) : usual);
  switch (column) {
    case 'code':
      return rare(clean.code, fc.constant(''), fc.constant(' C1 '), fc.constant('Total'), fc.constant('C/1'));
    case 'name':
      return rare(clean.name, fc.constant(''), fc.constant('  Martin'), fc.constant('Sous-total'), fc.constant('\u00a0Martin'));
    case 'number':
      return fc.integer({ min: 1, max: 400 }).map((n) => `F${n}`);
    case 'issued':
    case 'due':
      return rare(fc.oneof({ arbitrary: clean.date, weight: 4 }, { arbitrary: clean.shortDate, weight: 1 }), fc.constant(''), fc.constant('2025-03-31'), fc.constant('31/02/2025'), fc.constant('3/4/25'), fc.constant('13/01/2025'), fc.constant('01/13/2025'), fc.constant('2025-02-30'));
    case 'payDate':
      return fc.oneof(clean.date, fc.constant(''), ...(messy ? [fc.constant('2025-06-01'), fc.constant('pas payé')] : []));
    case 'amount':
      // One decimal separator per file, as exports write them; thousands spaced with the decimal comma.
      return rare(decimal === ',' ? fc.oneof({ arbitrary: clean.amount(','), weight: 3 }, { arbitrary: clean.spacedAmount, weight: 1 }) : clean.amount('.'), fc.constant(''), fc.constant('1 234,50'), fc.constant('12,345'), fc.constant('100 €'), fc.constant('-0'), fc.constant(' 12,5'));
    case 'paid':
    case 'open':
      return fc.oneof(clean.amount(decimal), fc.constant(''), fc.constant('0'), ...(messy ? [fc.constant('1.234,56'), clean.amount(decimal === ',' ? '.' : ',')] : []));
    case 'currency':
      return rare(fc.constant('EUR'), fc.constant(''), fc.constant('usd'), fc.constant(' eur'));
    case 'status':
      return fc.constantFrom('', 'Payée', 'En attente', 'En litige', ...(messy ? ['Brouillon', 'Annulée'] : []));
    case 'terms':
      return fc.constantFrom('', '30 jours', 'Net 45', 'comptant', 'fin de mois');
    case 'disputed':
      return fc.constantFrom('', 'oui', 'non', 'X');
    case 'channel':
      // A value that names no channel is the general path's (it reports it): messy files only.
      return fc.constantFrom('', 'Papier', 'Facture électronique', 'Chorus Pro', 'e-mail', 'Electronic', ...(messy ? ['fax'] : []));
    default:
      return fc.constantFrom('', 'à relancer', 'ok', 'tel "urgent"', ...(messy ? ['ligne 1\nligne 2'] : []));
  }
}

const layoutArb = (messy: boolean): fc.Arbitrary<Layout> => fc.record({
  sep: fc.constantFrom(';', ',', '\t', '|'),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  quoteAll: fc.boolean(),
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'),
  // Clean files name their customers (a code, a name or both); messy ones may not.
  columns: fc
    .tuple(messy ? fc.constantFrom([], ['code'], ['name'], ['code', 'name']) : fc.constantFrom(['code'], ['name'], ['code', 'name']), fc.subarray(['issued', 'due', 'paid', 'open', 'payDate', 'currency', 'status', 'terms', 'disputed', 'channel', 'note']))
    .chain(([who, cols]) => fc.shuffledSubarray(['number', 'amount', ...who, ...cols], { minLength: cols.length + who.length + 2, maxLength: cols.length + who.length + 2 })),
  trailingNewline: fc.boolean(),
  preamble: fc.boolean(),
  decimal: fc.constantFrom(',', '.'),
});

/** A CSV file of a layout: header, rows (some blank, repeated header or total lines when messy), encoded. */
function fileArb(messy: boolean): fc.Arbitrary<{ layout: Layout; bytes: Uint8Array }> {
  return layoutArb(messy).chain((layout) => {
    const row = fc.tuple(...layout.columns.map((c) => cellArb(c, messy, layout.decimal)));
    const extra = messy ? fc.constantFrom('', 'blank', 'header', 'total', 'duplicate') : fc.constant('');
    // A footer as exports write one: the grand total, under a "Total" in the first column or alone.
    const footer = fc.option(fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.boolean()));
    return fc.tuple(fc.array(fc.tuple(row, extra), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 10_000 }), footer).map(([rows, seed, total]) => {
      const quote = (v: string) => (layout.quoteAll || v.includes(layout.sep) || v.includes('"') || v.includes('\n') || v.includes('\r') ? `"${v.replaceAll('"', '""')}"` : v);
      const line = (cells: string[]) => cells.map(quote).join(layout.sep);
      const lines: string[] = [];
      if (layout.preamble) lines.push('Grand livre clients', '');
      lines.push(line(layout.columns.map((c) => HEADERS[c] as string)));
      rows.forEach(([cells, kind], i) => {
        // Invoice numbers unique unless a duplicate is wanted.
        const values = cells.map((v, k) => (layout.columns[k] === 'number' ? `F${seed}-${kind === 'duplicate' && i > 0 ? i - 1 : i}` : v));
        if (kind === 'blank') lines.push(layout.columns.map(() => '').join(layout.sep));
        if (kind === 'header') lines.push(line(layout.columns.map((c) => HEADERS[c] as string)));
        if (kind === 'total') lines.push(line(layout.columns.map((c) => (c === 'amount' ? '1000,00' : c === 'code' || c === 'name' ? 'Total' : ''))));
        lines.push(line(values));
      });
      if (total) {
        const [cents, lead] = total;
        const amount = `${Math.floor(cents / 100)}${layout.decimal}${String(cents % 100).padStart(2, '0')}`;
        lines.push(line(layout.columns.map((c, k) => (c === 'amount' ? amount : k === 0 && lead ? 'Total général' : ''))));
      }
      const text = lines.join(layout.newline) + (layout.trailingNewline ? layout.newline : '');
      const bytes =
        layout.encoding === 'utf-8'
          ? utf8(text)
          : layout.encoding === 'utf-8-bom'
            ? utf8(`\ufeff${text}`)
            : layout.encoding === 'windows-1252'
              ? cp1252(text)
              : Uint8Array.from([0xff, 0xfe, ...Array.from(text).flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);
      return { layout, bytes };
    });
  });
}

describe('the fused CSV path against PapaParse and the general builder', () => {
  it('reads the files it is made for, and gives the general path’s report and ledger byte for byte', () => {
    let fast = 0;
    fc.assert(
      fc.property(fileArb(false), ({ bytes }) => {
        same(bytes);
        if (isFast(bytes)) fast++;
      }),
      { numRuns: 150 },
    );
    // Clean files are its own.
    expect(fast).toBe(150);
  });

  it('leaves what it does not cover to the general path, with the same result', () => {
    fc.assert(
      fc.property(fileArb(true), ({ bytes }) => same(bytes)),
      { numRuns: 300 },
    );
  });

  it('gives the same ledger on every CSV of the samples and of the real exports', () => {
    const all = [...files(join(root, 'samples'), /\.csv$/i), ...files(REAL, /\.(csv|txt)$/i)];
    expect(all.length).toBeGreaterThan(2);
    for (const f of all) same(new Uint8Array(readFileSync(f)), f.split('/').pop());
    // The French sample exports (thousands spaced, a currency column, a dispute column) are its own.
    for (const name of ['export-compta.csv', 'historique-paiements.csv']) expect(isFast(new Uint8Array(readFileSync(join(root, 'samples', name))))).toBe(true);
  });

  it('reads the benchmark ledger itself, at 20,000 rows, with the columns the analysis uses', () => {
    const bytes = ledgerCsv(benchInvoices(20_000, 'mixed'));
    expect(isFast(bytes)).toBe(true);
    same(bytes, 'ledger-20000.csv');
    const { ledger, report } = importFile(bytes, { fileName: 'ledger-20000.csv' });
    expect(report.rowsUsed).toBe(20_000);
    expect(report.invoiceCount).toBe(20_000);
    expect(ledgerColumns(ledger).count).toBe(20_000);
    // The dashboard's figures, under other terms too, read the columns: no invoice object is made.
    for (const termsDays of [30, 45]) {
      const r = settingsFrom({ asOf: '2025-12-31', termsDays });
      if (!r.ok) throw new Error(r.field);
      expect(dashboard(sessionOf([{ name: 'ledger-20000.csv', ledger, issues: [] }]), r.settings)?.total.openCents).toBeGreaterThan(0);
    }
    expect(invoicesMade(ledger)).toBe(false);
    expect(ledger.invoices).toHaveLength(20_000);
    expect(invoicesMade(ledger)).toBe(true);
  });

  it('grows its columns when the rows after the first ones are much shorter, with the general path’s result', () => {
    // The room is estimated from the first rows' length: long ones first, then short ones, so that the
    // columns double several times (their old room let go at once) while rows are read.
    const long = 'Établissements de la Grande Rue et associés '.repeat(5);
    const lines = ['Client;Facture;Date;Échéance;Montant;Réglé;Date de règlement'];
    for (let k = 0; k < 1200; k++) lines.push(`${long}${k % 7};L${k};0${1 + (k % 9)}/03/2025;0${1 + (k % 9)}/04/2025;${100 + k},50;${k % 2 === 0 ? `${100 + k},50;1${k % 9}/04/2025` : ';'}`);
    for (let k = 0; k < 40_000; k++) lines.push(`C${k % 13};S${k};0${1 + (k % 9)}/05/2025;;${k % 500},0${k % 10};${k % 3 === 0 ? `${k % 500},0${k % 10};2${k % 9}/05/2025` : ';'}`);
    const bytes = utf8(`${lines.join('\n')}\n`);
    expect(isFast(bytes)).toBe(true);
    same(bytes);
  });

  it('finds a number repeated after a run of sorted ones, and one repeated much later', () => {
    const rows = (numbers: string[]) => utf8(`Client;Facture;Échéance;Montant\n${numbers.map((n, k) => `C${k % 3};${n};01/12/2025;10,00`).join('\n')}\n`);
    const sorted = ['F01', 'F02', 'F03', 'F04'];
    expect(isFast(rows(sorted))).toBe(true);
    // Sorted then one repeated: left to the general path (which reports it), with its result.
    for (const numbers of [[...sorted, 'F02'], [...sorted, 'F00', 'F03'], ['F09', 'F01', 'F05', 'F01']]) {
      expect(isFast(rows(numbers))).toBe(false);
      same(rows(numbers));
    }
    // Unsorted but distinct: read by the fused path.
    expect(isFast(rows(['F09', 'F01', 'F05', 'F02']))).toBe(true);
    // Rising by length then by code units (F9 < F10 as numbers, not as texts), then one repeated.
    const byLength = ['F8', 'F9', 'F10', 'F11', 'F99', 'F100'];
    expect(isFast(rows(byLength))).toBe(true);
    for (const numbers of [[...byLength, 'F9'], [...byLength, 'F100'], ['F8', 'F9', 'F10', 'F09', 'F9'], ['F1', 'F2', 'F10', 'F3', 'F2']]) {
      expect(isFast(rows(numbers))).toBe(false);
      same(rows(numbers));
    }
  });

  it('keeps numbers and customers beyond Latin-1 (Œ, №, Cyrillic), before and after a repeat is looked for', () => {
    const rows = (lines: readonly (readonly [string, string])[]) => utf8(`Client;Facture;Échéance;Montant\n${lines.map(([who, n]) => `${who};${n};01/12/2025;10,00`).join('\n')}\n`);
    // A wide character in a number, then the numbers stop rising (F0): looked up from then on.
    const wide = [['Boulangerie', 'F1'], ['Œuvre', 'F2'], ['Дом', '№3'], ['Boulangerie', 'F0'], ['Œuvre', 'Ж5'], ['Дом', 'F6']] as const;
    expect(isFast(rows(wide))).toBe(true);
    same(rows(wide));
    for (const repeat of ['№3', 'Ж5', 'F2', 'F0']) {
      const bytes = rows([...wide, ['Œuvre', repeat]]);
      expect(isFast(bytes)).toBe(false);
      same(bytes);
    }
    // The objects made from the columns carry the numbers and names as read.
    const { ledger } = importFile(rows(wide), { fileName: 'wide.csv' });
    expect(ledger.invoices.map((i) => [i.customerId, i.number])).toEqual(wide.map(([who, n]) => [who, n]));
    // A number of any length comes back whole.
    const long = `F${'x'.repeat(300_000)}Œ`;
    const longRows = rows([['Boulangerie', long], ['Œuvre', 'F2']]);
    expect(isFast(longRows)).toBe(true);
    expect(importFile(longRows, { fileName: 'long.csv' }).ledger.invoices[0]?.number).toBe(long);
  });

  it('reports customers whose payments exceed their invoices, on either path', () => {
    const bytes = utf8('Client;Facture;Échéance;Montant;Réglé\nA;F1;01/12/2025;100,00;150,00\nA;F2;01/12/2025;20,00;0\nB;F3;01/12/2025;50,00;50,00\n');
    expect(isFast(bytes)).toBe(true);
    same(bytes);
    const { report } = importFile(bytes, { fileName: 'a.csv' });
    expect(report.issues.filter((i) => i.code === 'PaymentsExceedInvoices')).toEqual([{ code: 'PaymentsExceedInvoices', severity: 'warning', sheet: 'a', params: { count: 1, customer: 'A' } }]);
  });

  it('reads a grand total line itself: skipped, counted, and checked against the rows above it', () => {
    const bytes = utf8('Client;Facture;Échéance;Montant\nA;F1;01/12/2025;10,00\nB;F2;01/12/2025;20,50\nTotal;;;31,00\n');
    expect(isFast(bytes)).toBe(true);
    same(bytes);
    const { report } = importFile(bytes, { fileName: 'a.csv' });
    expect(report.skipped.total).toBe(1);
    expect(report.selfCheck).toEqual([{ source: 'total row', fileCents: 3100, computedCents: 3050, rows: [3] }]);
    expect(report.issues.map((i) => i.code)).toContain('SelfCheckDiffers');
  });

  it('gives up on a quote inside an unquoted field, an unclosed quote and text after a closing quote', () => {
    const head = 'Client;Facture;Échéance;Montant\n';
    for (const body of ['A;F1;01/12/2025;10\nB;F"2;01/12/2025;20', 'A;"F1;01/12/2025;10', 'A;"F1"x;01/12/2025;10\nB;F2;01/12/2025;20', 'A;"F1" ;01/12/2025;10']) {
      const bytes = utf8(head + body);
      expect(isFast(bytes)).toBe(false);
      same(bytes);
    }
  });
});
