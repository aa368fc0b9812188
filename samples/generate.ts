/**
 * Regenerates the sample ledgers of samples/ (deterministic: same bytes every run).
 *   npm run samples
 * - freelance-2025.xlsx: a freelancer's 40 invoices, French headers, real date cells.
 * - pme-3000.xlsx: a small firm's 3,000 invoices under a title block, with a total row.
 * - export-compta.csv: a semicolon CSV in Windows-1252 with decimal commas, as French accounting exports.
 * - historique-paiements.csv: two years of 40 customers' invoices, each customer with its own habit
 *   (prompt, a little late, late, erratic; some getting worse), disputes marked: the forecast's sample.
 * - releve-bancaire.120: a CFONB 120 bank statement paying some of its open invoices (bank matching).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { addDays, dayFromIso, excelSerialOf, frenchDate, type Day } from '../src/core/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const SAMPLE_AS_OF = '2025-12-31';

/** mulberry32: a tiny deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SampleInvoice = {
  customerCode: string;
  customer: string;
  number: string;
  issued: Day;
  due: Day;
  cents: number;
  paidCents: number;
  paidOn: Day | null;
};

const COMPANIES = [
  'Boulangerie Lefèvre', 'Cabinet Dubœuf & Associés', 'Établissements Müller', 'Librairie L’Œil Vif', 'Garage Bérénice',
  'Atelier Crème Brûlée', 'Société Générale de Façades', 'Hôtel du Château', 'Pâtisserie Noël', 'Maçonnerie Ségolène',
  'Transports Léon Frères', 'Ébénisterie Ancienne', 'Clinique Vétérinaire Saint-Éloi', 'Agence Côté Plage', 'Fromagerie Gruyère & Cie',
  'Imprimerie Lœwy', 'Menuiserie Aubépine', 'Pharmacie des Écoles', 'Studio Zoé Design', 'Épicerie Fine Ångström',
];

/** Invoices issued over 15 months before SAMPLE_AS_OF, most paid (some late), some still open. */
export function makeInvoices(count: number, customers: number, seed: number, prefix: string): SampleInvoice[] {
  const random = rng(seed);
  const asOf = dayFromIso(SAMPLE_AS_OF) as Day;
  const start = addDays(asOf, -450);
  const out: SampleInvoice[] = [];
  for (let i = 0; i < count; i++) {
    const c = Math.floor(random() * customers);
    const base = COMPANIES[c % COMPANIES.length] as string;
    const customer = c < COMPANIES.length ? base : `${base} ${Math.floor(c / COMPANIES.length) + 1}`;
    const issued = addDays(start, Math.floor((i / count) * 450 + random() * 3));
    const terms = random() < 0.7 ? 30 : random() < 0.5 ? 45 : 60;
    const due = addDays(issued, terms);
    const isCredit = random() < 0.02;
    const cents = (isCredit ? -1 : 1) * (5000 + Math.floor(random() * random() * 1500000));
    let paidCents = 0;
    let paidOn: Day | null = null;
    const r = random();
    if (!isCredit) {
      const delay = r < 0.55 ? Math.floor(random() * 10) - 5 : r < 0.85 ? Math.floor(random() * 60) : Math.floor(random() * 150);
      const payDay = addDays(due, delay);
      if (payDay <= asOf && random() < 0.93) {
        paidOn = payDay;
        paidCents = random() < 0.06 ? Math.floor(cents / 2) : cents;
      }
    }
    out.push({ customerCode: `C${String(c + 1).padStart(4, '0')}`, customer, number: `${prefix}-${String(i + 1).padStart(5, '0')}`, issued, due, cents, paidCents, paidOn });
  }
  return out;
}

function dateCell(d: Day): XLSX.CellObject {
  return { t: 'n', v: excelSerialOf(d, false), z: 'dd/mm/yyyy' };
}

function moneyCell(cents: number): XLSX.CellObject {
  return { t: 'n', v: cents / 100, z: '#,##0.00 "€"' };
}

function writeXlsx(path: string, sheetName: string, rows: (XLSX.CellObject | string | null)[][]): void {
  const ws: XLSX.WorkSheet = {};
  let maxC = 0;
  rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null) return;
      ws[XLSX.utils.encode_cell({ r, c })] = typeof v === 'string' ? { t: 's', v } : v;
      maxC = Math.max(maxC, c);
    });
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length - 1, c: maxC } });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName);
  const props = { Title: sheetName, Author: 'Relance samples', CreatedDate: new Date(Date.UTC(2026, 0, 1)) };
  wb.Props = props;
  const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  writeFileSync(path, normalizeZipTimes(buf));
}

/** Zip entries carry the current time; zero them so the file is byte-for-byte reproducible. */
function normalizeZipTimes(buf: Buffer): Buffer {
  const b = Buffer.from(buf);
  for (let i = 0; i + 30 < b.length; i++) {
    const sig = b.readUInt32LE(i);
    if (sig === 0x04034b50) b.writeUInt32LE(0x00210000, i + 10);
    else if (sig === 0x02014b50) b.writeUInt32LE(0x00210000, i + 12);
  }
  return b;
}

export function freelanceRows(): (XLSX.CellObject | string | null)[][] {
  const inv = makeInvoices(40, 9, 7, 'F2025');
  const rows: (XLSX.CellObject | string | null)[][] = [['Client', 'N° facture', 'Date facture', 'Échéance', 'Montant TTC', 'Réglé', 'Date de règlement']];
  for (const i of inv) {
    rows.push([i.customer, i.number, dateCell(i.issued), dateCell(i.due), moneyCell(i.cents), moneyCell(i.paidCents), i.paidOn === null ? null : dateCell(i.paidOn)]);
  }
  return rows;
}

export function firmRows(): (XLSX.CellObject | string | null)[][] {
  const inv = makeInvoices(3000, 180, 11, 'FA');
  const rows: (XLSX.CellObject | string | null)[][] = [
    ['SARL Exemple Industrie — Grand livre clients'],
    [`Extraction du ${frenchDate(dayFromIso(SAMPLE_AS_OF) as Day)}`],
    [],
    ['Code client', 'Raison sociale', 'N° pièce', 'Date pièce', 'Date d’échéance', 'Montant TTC', 'Reste dû', 'Date de règlement'],
  ];
  let total = 0;
  let totalOpen = 0;
  for (const i of inv) {
    total += i.cents;
    totalOpen += i.cents - i.paidCents;
    rows.push([i.customerCode, i.customer, i.number, dateCell(i.issued), dateCell(i.due), moneyCell(i.cents), moneyCell(i.cents - i.paidCents), i.paidOn === null ? null : dateCell(i.paidOn)]);
  }
  rows.push([]);
  rows.push(['Total général', null, null, null, null, moneyCell(total), moneyCell(totalOpen), null]);
  return rows;
}

/** Windows-1252 encoding of the characters these samples use. */
export function encodeWindows1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '’': 0x92, 'œ': 0x9c, 'Œ': 0x8c, '…': 0x85, '«': 0xab, '»': 0xbb };
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    const mapped = special[ch] ?? (code < 0x100 ? code : 0x3f);
    out[i] = mapped;
  }
  return out;
}

function frenchAmount(cents: number): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${neg ? '-' : ''}${euros},${String(abs % 100).padStart(2, '0')}`;
}

export function csvText(): string {
  const inv = makeInvoices(250, 30, 23, 'VT');
  const lines = ['Code tiers;Intitulé;Numéro;Date;Échéance;Montant TTC;Montant réglé;Date de règlement;Devise'];
  for (const i of inv) {
    lines.push([i.customerCode, i.customer, i.number, frenchDate(i.issued), frenchDate(i.due), frenchAmount(i.cents), frenchAmount(i.paidCents), i.paidOn === null ? '' : frenchDate(i.paidOn), 'EUR'].join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A movements export (one row per invoice, credit note or payment, a type column, positive amounts,
 * payments naming their invoice in an "applied to" column or in the label): the layout that used to
 * be read as all invoices.
 */
export function movementsText(): string {
  const inv = makeInvoices(120, 12, 31, 'FA');
  const lines = ['Date;Type;N° pièce;Code client;Client;Échéance;Montant TTC;Facture réglée;Libellé'];
  inv.forEach((i, k) => {
    const isCredit = i.cents < 0;
    lines.push([frenchDate(i.issued), isCredit ? 'Avoir' : 'Facture', i.number, i.customerCode, i.customer, isCredit ? '' : frenchDate(i.due), frenchAmount(Math.abs(i.cents)), '', isCredit ? 'Avoir commercial' : 'Prestation'].join(';'));
    if (i.paidOn !== null && i.paidCents > 0) {
      // Every third payment names its invoice only in the label.
      const inLabel = k % 3 === 0;
      lines.push([frenchDate(i.paidOn), 'Règlement', `RG-${String(k + 1).padStart(5, '0')}`, i.customerCode, i.customer, '', frenchAmount(i.paidCents), inLabel ? '' : i.number, inLabel ? `Virement reçu ${i.number}` : 'Virement'].join(';'));
    }
  });
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A "grand-livre des tiers" printed to a sheet: a heading line per customer ("C0001 - Name") above
 * its debit and credit lines, a total line per customer and a grand total.
 */
export function sectionsRows(): (XLSX.CellObject | string | null)[][] {
  const inv = makeInvoices(150, 10, 41, 'GL');
  const rows: (XLSX.CellObject | string | null)[][] = [['Grand-livre des tiers — clients'], [], ['Date', 'Pièce', 'Échéance', 'Libellé', 'Débit', 'Crédit', 'Lettrage']];
  const codes = [...new Set(inv.map((i) => i.customerCode))].sort();
  let debitAll = 0;
  let creditAll = 0;
  for (const code of codes) {
    const mine = inv.filter((i) => i.customerCode === code);
    rows.push([`${code} - ${mine[0]?.customer ?? ''}`]);
    let debit = 0;
    let credit = 0;
    for (const i of mine) {
      if (i.cents > 0) {
        rows.push([dateCell(i.issued), i.number, dateCell(i.due), `Facture ${i.number}`, moneyCell(i.cents), null, i.paidCents === i.cents ? 'A' : null]);
        debit += i.cents;
      } else {
        rows.push([dateCell(i.issued), i.number, null, `Avoir ${i.number}`, null, moneyCell(-i.cents), null]);
        credit -= i.cents;
      }
      if (i.paidOn !== null && i.paidCents > 0) {
        rows.push([dateCell(i.paidOn), i.number, null, `Règlement ${i.number}`, null, moneyCell(i.paidCents), i.paidCents === i.cents ? 'A' : null]);
        credit += i.paidCents;
      }
    }
    rows.push([`Total ${code}`, null, null, null, moneyCell(debit), moneyCell(credit), null]);
    debitAll += debit;
    creditAll += credit;
  }
  rows.push(['Total général', null, null, null, moneyCell(debitAll), moneyCell(creditAll), null]);
  return rows;
}

/**
 * Two years of invoices for 40 customers, each with a payment habit: a mean delay after the due
 * date, a spread, a share of disputed invoices (paid much later), and for some a drift (worse or
 * better over time). Open at SAMPLE_AS_OF: whatever was not paid by then.
 */
type HabitInvoice = { code: string; name: string; number: string; issued: Day; due: Day; cents: number; disputed: boolean; paidOn: Day | null };

export function habitsText(): string {
  const lines = ['Code client;Client;N° facture;Date facture;Échéance;Montant TTC;Litige;Date de règlement'];
  for (const i of habitsInvoices()) lines.push([i.code, i.name, i.number, frenchDate(i.issued), frenchDate(i.due), frenchAmount(i.cents), i.disputed ? 'Oui' : 'Non', i.paidOn === null ? '' : frenchDate(i.paidOn)].join(';'));
  return `${lines.join('\r\n')}\r\n`;
}

function habitsInvoices(): HabitInvoice[] {
  const random = rng(77);
  const asOf = dayFromIso(SAMPLE_AS_OF) as Day;
  const start = addDays(asOf, -730);
  const habits = Array.from({ length: 40 }, (_, k) => {
    const kind = k % 5;
    return {
      name: k < COMPANIES.length ? (COMPANIES[k] as string) : `${COMPANIES[k % COMPANIES.length] as string} ${Math.floor(k / COMPANIES.length) + 1}`,
      mean: kind === 0 ? -3 : kind === 1 ? 4 : kind === 2 ? 18 : kind === 3 ? 40 : 10,
      spread: kind === 4 ? 25 : 4 + Math.floor(random() * 6),
      drift: k % 7 === 0 ? 20 : k % 11 === 0 ? -10 : 0,
      disputes: kind === 3 ? 0.12 : 0.03,
      size: 20000 + Math.floor(random() * 400000),
    };
  });
  const out: HabitInvoice[] = [];
  let n = 0;
  for (let day = 0; day < 730; day += 1) {
    for (let c = 0; c < habits.length; c++) {
      if (random() > 0.07) continue;
      const h = habits[c] as (typeof habits)[number];
      const issued = addDays(start, day);
      const due = addDays(issued, 30);
      const disputed = random() < h.disputes;
      const noise = (random() + random() + random() - 1.5) * h.spread;
      const delay = Math.round(h.mean + (h.drift * day) / 730 + noise + (disputed ? 45 + random() * 60 : 0));
      const paidOn = addDays(due, delay);
      const cents = Math.round(h.size * (0.5 + random()));
      n++;
      out.push({ code: `C${String(c + 1).padStart(3, '0')}`, name: h.name, number: `HP-${String(n).padStart(5, '0')}`, issued, due, cents, disputed, paidOn: paidOn <= asOf ? paidOn : null });
    }
  }
  return out;
}

/** A CFONB 120 record: fields at their 1-based positions (the CFONB's "relevé de compte", 2004). */
function cfonbRecord(fields: Record<number, string>): string {
  const r = Array.from({ length: 120 }, () => ' ');
  for (const [pos, value] of Object.entries(fields)) for (let k = 0; k < value.length && Number(pos) - 1 + k < 120; k++) r[Number(pos) - 1 + k] = value[k] as string;
  return r.join('');
}

function cfonbAmount(cents: number): string {
  const abs = Math.abs(cents);
  return String(Math.floor(abs / 10)).padStart(13, '0') + (cents < 0 ? '}JKLMNOPQR' : '{ABCDEFGHI')[abs % 10];
}

function ddmmyy(d: Day): string {
  return frenchDate(d).replace(/\//g, '').replace(/^(\d{4})\d{2}(\d{2})$/, '$1$2');
}

/**
 * The bank statement (CFONB 120) of the last days before SAMPLE_AS_OF, paying invoices the ledger
 * still shows open: transfers naming the invoice, one naming only the customer, a grouped payment,
 * a partial one, a card fee, and a transfer from nobody in the ledger.
 */
export function statementText(): string {
  const asOf = dayFromIso(SAMPLE_AS_OF) as Day;
  const open = habitsInvoices().filter((i) => i.paidOn === null && !i.disputed);
  const byCustomer = new Map<string, HabitInvoice[]>();
  for (const i of open) byCustomer.set(i.code, [...(byCustomer.get(i.code) ?? []), i]);
  const customers = [...byCustomer.values()].filter((l) => l.length >= 2).slice(0, 8);
  const common = (code: string, d: Day) => ({ 1: code, 3: '30004', 12: '00123', 17: 'EUR', 20: '2', 22: '00012345678', 35: ddmmyy(d) });
  const records: string[] = [cfonbRecord({ ...common('01', addDays(asOf, -5)), 91: cfonbAmount(1250000) })];
  let balance = 1250000;
  let entry = 0;
  const movement = (d: Day, cents: number, label: string, details: [string, string][]) => {
    entry++;
    balance += cents;
    records.push(cfonbRecord({ ...common('04', d), 8: '0005', 33: cents > 0 ? '05' : '01', 43: ddmmyy(d), 49: label.slice(0, 32), 82: String(entry).padStart(7, '0'), 91: cfonbAmount(cents), 105: `VIR${String(entry).padStart(8, '0')}` }));
    for (const [q, text] of details) records.push(cfonbRecord({ ...common('05', d), 46: q, 49: text.slice(0, 70) }));
  };
  customers.forEach((list, k) => {
    const d = addDays(asOf, -4 + (k % 4));
    const [a, b] = list as [HabitInvoice, HabitInvoice];
    const name = a.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
    if (k % 4 === 0) movement(d, a.cents, `VIR SEPA ${name}`, [['NPY', name], ['RCN', `FACTURE ${a.number}`]]);
    else if (k % 4 === 1) movement(d, a.cents, `VIR ${name}`, [['NPY', name], ['LIB', 'REGLEMENT']]);
    else if (k % 4 === 2) movement(d, a.cents + b.cents, `VIR ${name}`, [['NPY', name], ['LIB', `${a.number} ${b.number}`]]);
    else movement(d, Math.floor(a.cents / 2), `VIR ACOMPTE ${name}`, [['NPY', name], ['RCN', `ACOMPTE ${a.number}`]]);
  });
  // A customer whose only open invoice is paid in full: it leaves the worklist once matched.
  const single = [...habitsInvoices().reduce((m, i) => (i.paidOn === null ? m.set(i.code, [...(m.get(i.code) ?? []), i]) : m), new Map<string, HabitInvoice[]>()).values()].find((l) => l.length === 1 && !(l[0] as HabitInvoice).disputed && (l[0] as HabitInvoice).due < addDays(asOf, -10) && !customers.includes(l));
  if (single) {
    const only = single[0] as HabitInvoice;
    const name = only.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
    movement(addDays(asOf, -3), only.cents, `VIR SEPA ${name}`, [['NPY', name], ['RCN', `REGLEMENT FACTURE ${only.number}`]]);
  }
  movement(addDays(asOf, -2), -1890, 'FRAIS TENUE DE COMPTE', []);
  movement(addDays(asOf, -1), 45000, 'VIR SEPA ASSOCIATION DES AMIS', [['NPY', 'ASSOCIATION DES AMIS DU QUARTIER'], ['LIB', 'COTISATION 2026']]);
  records.push(cfonbRecord({ ...common('07', asOf), 91: cfonbAmount(balance) }));
  return `${records.join('\r\n')}\r\n`;
}

function main(): void {
  writeXlsx(join(here, 'freelance-2025.xlsx'), 'Factures 2025', freelanceRows());
  writeXlsx(join(here, 'pme-3000.xlsx'), 'Grand livre clients', firmRows());
  writeFileSync(join(here, 'export-compta.csv'), encodeWindows1252(csvText()));
  writeFileSync(join(here, 'mouvements.csv'), new TextEncoder().encode(movementsText()));
  writeXlsx(join(here, 'grand-livre-tiers.xlsx'), 'Grand-livre tiers', sectionsRows());
  writeFileSync(join(here, 'historique-paiements.csv'), encodeWindows1252(habitsText()));
  writeFileSync(join(here, 'releve-bancaire.120'), encodeWindows1252(statementText()));
  process.stdout.write('samples written: freelance-2025.xlsx, pme-3000.xlsx, export-compta.csv, mouvements.csv, grand-livre-tiers.xlsx, historique-paiements.csv, releve-bancaire.120\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
