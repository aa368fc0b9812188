/**
 * The layouts real exports have: movements with a type column, reports by customer section, payment
 * dates under a header the synonyms miss, and the self-check against the file's own totals. Each with
 * known answers; and a property: one ledger written in three layouts reads back the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agedBalance, dsoFigures, dunningPlan, isoOf, type Day, type Ledger } from '../../../src/core/index.ts';
import { importFile } from '../../../src/import/import-file.ts';
import { d } from '../../support/builders.ts';

const csv = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const read = (s: string, name = 'x.csv') => importFile(csv(s), { fileName: name });
const open = (l: Ledger, at: string) => new Map(agedBalance(l, { asOf: d(at) }).customers.map((c) => [c.customerId, c.openCents]));

describe('movements with a type column', () => {
  const file = `Date;Type;N° pièce;Client;Montant;Facture réglée;Libellé
01/10/2025;Facture;F1;ACME;1200,00;;Prestation octobre
05/10/2025;Facture;F2;ACME;800,00;;Prestation
01/11/2025;Règlement;R1;ACME;500,00;F1;Virement partiel
20/11/2025;Règlement;R2;ACME;800,00;;Virement reçu pour F2
10/11/2025;Avoir;AV1;ACME;100,00;;Geste commercial
02/12/2025;Facture;F3;BETA;300,00;;
15/01/2026;Règlement;R3;BETA;300,00;F3;Paiement après arrêté
`;

  it('links payments by the applied-to column and by the number in the label, keeps the rest on account', () => {
    const { report, ledger } = read(file);
    expect(report.fatal).toBeNull();
    expect(Object.fromEntries(open(ledger, '2025-12-31'))).toEqual({ ACME: 60000, BETA: 30000 });
    expect(ledger.invoices.find((i) => i.number === 'AV1')?.kind).toBe('credit');
    expect(report.issues.find((i) => i.code === 'MovementsLayout')?.params).toEqual({ invoices: 3, credits: 1, payments: 3, linked: 3, onAccount: 1 });
  });

  it('counts a payment dated after the as-of date as not yet made', () => {
    const { ledger } = read(file);
    expect(open(ledger, '2025-12-31').get('BETA')).toBe(30000);
    expect(open(ledger, '2026-01-20').get('BETA')).toBeUndefined();
  });

  it('names unknown movement types instead of reading them as invoices', () => {
    const { report, ledger } = read('Date;Type;N° pièce;Client;Montant\n01/10/2025;Facture;F1;A;10\n02/10/2025;Frais;X1;A;5\n');
    expect(ledger.invoices.map((i) => i.number)).toEqual(['F1']);
    expect(report.issues.find((i) => i.code === 'UnknownMovementType')?.params).toEqual({ count: 1, value: 'Frais' });
  });
});

describe('customer sections (grand-livre des tiers)', () => {
  const file = `Grand-livre des tiers;;;;;;
Date;Pièce;Libellé;Débit;Crédit;Lettrage;Solde
C100 - Boulangerie Martin SARL;;;;;;
01/10/2025;F1;Facture F1;1200,00;;A;1200,00
05/11/2025;F1;Règlement F1;;1200,00;A;0,00
01/12/2025;F5;Facture F5;300,00;;;300,00
Total C100;;;1500,00;1200,00;;300,00
Client : Garage Bérénice;;;;;;
02/10/2025;F2;Facture F2;500,00;;;500,00
Total Garage Bérénice;;;500,00;0,00;;500,00
Total général;;;2000,00;1200,00;;800,00
`;

  it('gives every row the customer of its heading, code and name split', () => {
    const { report, ledger } = read(file);
    expect(ledger.customers.map((c) => [c.id, c.code, c.name])).toEqual([
      ['C100', 'C100', 'Boulangerie Martin SARL'],
      ['Garage Bérénice', null, 'Garage Bérénice'],
    ]);
    expect(Object.fromEntries(open(ledger, '2025-12-31'))).toEqual({ C100: 30000, 'Garage Bérénice': 50000 });
    expect(report.skipped.sectionHeading).toBe(2);
    expect(report.issues.some((i) => i.code === 'MixedDateTypes')).toBe(false);
  });

  it('checks the file’s own subtotals and grand total', () => {
    expect(read(file).report.selfCheck).toEqual([
      { source: 'subtotals', fileCents: 80000, computedCents: 80000, rows: [] },
      { source: 'running balance', fileCents: 80000, computedCents: 80000, rows: [] },
      { source: 'total row', fileCents: 80000, computedCents: 80000, rows: [] },
    ]);
    const tampered = read(file.replace('01/12/2025;F5;Facture F5;300,00', '01/12/2025;F5;Facture F5;350,00'));
    expect(tampered.report.selfCheck).toEqual([
      { source: 'subtotals', fileCents: 80000, computedCents: 85000, rows: [6] },
      // The line itself: its balance (300,00) no longer follows from its debit (350,00).
      { source: 'running balance', fileCents: 80000, computedCents: 85000, rows: [5] },
      { source: 'total row', fileCents: 80000, computedCents: 85000, rows: [10] },
    ]);
    expect(tampered.report.issues.some((i) => i.code === 'SelfCheckDiffers')).toBe(true);
  });
});

describe('a general ledger with a running balance', () => {
  const gl = `Code client;Client;Date;Pièce;Libellé;Débit;Crédit;Solde
ALPHA;Alpha;01/10/2025;F1;Facture F1;1000,00;;1000,00
ALPHA;Alpha;15/10/2025;F2;Facture F2;500,00;;1500,00
ALPHA;Alpha;30/10/2025;R1;Règlement F1;;1000,00;500,00
BETA;Beta;05/11/2025;F3;Facture F3;200,00;;200,00
BETA;Beta;20/11/2025;F4;Facture F4;300,00;;500,00
`;

  it('agrees line by line per customer account, and the balance is never taken as a figure', () => {
    const { report, ledger } = read(gl);
    expect(report.selfCheck).toEqual([{ source: 'running balance', fileCents: 100000, computedCents: 100000, rows: [] }]);
    expect(Object.fromEntries(open(ledger, '2025-12-31'))).toEqual({ ALPHA: 50000, BETA: 50000 });
  });

  it('names the line where the file and the lines read part, not every line after it', () => {
    const tampered = read(gl.replace('15/10/2025;F2;Facture F2;500,00', '15/10/2025;F2;Facture F2;550,00'));
    // Row 3 (F2) is where the gap opens; the rows after it keep the same gap.
    expect(tampered.report.selfCheck).toEqual([{ source: 'running balance', fileCents: 100000, computedCents: 105000, rows: [2] }]);
    expect(tampered.report.issues.find((i) => i.code === 'SelfCheckDiffers')?.params?.rows).toBe('3');
    // A line the importer could not read: the balance says so.
    const lost = read(gl.replace('15/10/2025;F2;Facture F2;500,00', '15/10/2025;F2;Facture F2;cinq cents'));
    expect(lost.report.selfCheck).toEqual([{ source: 'running balance', fileCents: 100000, computedCents: 50000, rows: [3] }]);
  });

  it('follows a balance that runs over the whole file', () => {
    const whole = gl.replace('200,00;;200,00', '200,00;;700,00').replace('300,00;;500,00', '300,00;;1000,00');
    expect(read(whole).report.selfCheck).toEqual([{ source: 'running balance', fileCents: 100000, computedCents: 100000, rows: [] }]);
  });

  it('ignores a balance column that is only each line’s own debit − credit', () => {
    const own = gl.replace(';;1500,00', ';;500,00').replace(';1000,00;500,00', ';1000,00;-1000,00').replace('300,00;;500,00', '300,00;;300,00');
    expect(read(own).report.selfCheck).toEqual([]);
  });
});

describe('a payment date under a header the synonyms miss', () => {
  it('reads "Paid On" as the payment date, so a later payment is not counted as made', () => {
    const { report, ledger } = read('Customer;Invoice;Date;Due Date;Amount;Paid On\nACME;F1;2025-10-01;2025-10-31;100.00;2026-01-10\n');
    expect(report.mapping.paymentDate).toBe(5);
    expect(report.issues.some((i) => i.code === 'PaymentDateGuessed')).toBe(true);
    expect(open(ledger, '2025-12-31').get('ACME')).toBe(10000);
  });
});

// One ledger, three layouts.
type Gen = { customer: number; issued: number; terms: number; cents: number; paid: { after: number; share: number } | null };
const genArb = fc.array(
  fc.record({
    customer: fc.integer({ min: 1, max: 4 }),
    issued: fc.integer({ min: 0, max: 300 }),
    terms: fc.integer({ min: 0, max: 60 }),
    cents: fc.integer({ min: 100, max: 500000 }),
    paid: fc.option(fc.record({ after: fc.integer({ min: 0, max: 200 }), share: fc.integer({ min: 1, max: 100 }) }), { freq: 2 }),
  }),
  { minLength: 1, maxLength: 25 },
);
const day0 = d('2025-01-01');
const fr = (n: number) => `${Math.floor(n / 100)},${String(n % 100).padStart(2, '0')}`;
const date = (k: number) => isoOf((day0 + k) as Day).split('-').reverse().join('/');
const names = ['', 'Alpha SARL', 'Bêta & Fils', 'Gamma SAS', 'Delta'];

function layouts(gen: Gen[]): { rows: string; movements: string; sections: string } {
  const inv = gen.map((g, i) => ({ ...g, number: `F${i + 1}`, code: `C${g.customer}`, paidCents: g.paid ? Math.max(1, Math.floor((g.cents * g.paid.share) / 100)) : 0, paidDay: g.paid ? g.issued + g.paid.after : 0 }));
  const rows = ['Code client;Client;Facture;Date;Échéance;Montant;Réglé;Date de règlement', ...inv.map((x) => [x.code, names[x.customer], x.number, date(x.issued), date(x.issued + x.terms), fr(x.cents), x.paid ? fr(x.paidCents) : '', x.paid ? date(x.paidDay) : ''].join(';'))].join('\n');
  const movements = [
    'Date;Type;N° pièce;Code client;Client;Échéance;Montant;Facture réglée',
    ...inv.flatMap((x, i) => [[date(x.issued), 'Facture', x.number, x.code, names[x.customer], date(x.issued + x.terms), fr(x.cents), ''].join(';'), ...(x.paid ? [[date(x.paidDay), 'Règlement', `R${i + 1}`, x.code, names[x.customer], '', fr(x.paidCents), x.number].join(';')] : [])]),
  ].join('\n');
  const sectionLines = ['Date;Pièce;Échéance;Débit;Crédit;Libellé'];
  let totalDebit = 0;
  let totalCredit = 0;
  for (let c = 1; c <= 4; c++) {
    const mine = inv.filter((x) => x.customer === c);
    if (mine.length === 0) continue;
    sectionLines.push(`C${c} - ${names[c]};;;;;`);
    let debit = 0;
    let credit = 0;
    for (const x of mine) {
      sectionLines.push([date(x.issued), x.number, date(x.issued + x.terms), fr(x.cents), '', `Facture ${x.number}`].join(';'));
      debit += x.cents;
      if (x.paid) {
        sectionLines.push([date(x.paidDay), x.number, '', '', fr(x.paidCents), `Règlement ${x.number}`].join(';'));
        credit += x.paidCents;
      }
    }
    sectionLines.push(`Total C${c};;;${fr(debit)};${fr(credit)};`);
    totalDebit += debit;
    totalCredit += credit;
  }
  sectionLines.push(`Total général;;;${fr(totalDebit)};${fr(totalCredit)};`);
  return { rows, movements, sections: sectionLines.join('\n') };
}

describe('one ledger in three layouts', () => {
  it('gives the same aged balance, DSO and actions, and the sections check against their totals', () => {
    fc.assert(
      fc.property(genArb, fc.integer({ min: 30, max: 420 }), (gen, at) => {
        const asOf = (day0 + at) as Day;
        const files = layouts(gen);
        const figures = (text: string) => {
          const { report, ledger } = read(text);
          expect(report.fatal).toBeNull();
          const aging = agedBalance(ledger, { asOf });
          return {
            report,
            total: aging.total.buckets,
            customers: new Map(aging.customers.map((c) => [c.customerId, c.buckets])),
            dso: dsoFigures(ledger, { asOf }).simple,
            actions: dunningPlan(ledger, asOf).actions.map((a) => [a.customerId, a.step, a.amountCents]),
          };
        };
        const a = figures(files.rows);
        const b = figures(files.movements);
        const c = figures(files.sections);
        for (const other of [b, c]) {
          expect(other.total).toEqual(a.total);
          expect(other.customers).toEqual(a.customers);
          expect(other.dso).toEqual(a.dso);
          expect(other.actions).toEqual(a.actions);
        }
        for (const check of c.report.selfCheck) expect(check.computedCents).toBe(check.fileCents);
        expect(c.report.selfCheck.map((x) => x.source)).toEqual(['subtotals', 'total row']);
      }),
      { numRuns: 60 },
    );
  });
});
