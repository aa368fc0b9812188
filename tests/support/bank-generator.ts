/**
 * Generated ledgers and the bank statements of their payments, with the known answer of every line:
 * references in labels, payer names with typos, grouped and partial payments, and lines that belong
 * to nobody. Deterministic (seeded), for the matching tests and `npm run bench`.
 */
import type { BankLine, Cents, Day, Invoice, Ledger } from '../../src/core/index.ts';
import { rng } from '../../samples/generate.ts';

const FIRST = ['Boulangerie', 'Cabinet', 'Garage', 'Librairie', 'Atelier', 'Transports', 'Pharmacie', 'Hôtel', 'Menuiserie', 'Imprimerie', 'Fromagerie', 'Agence', 'Studio', 'Clinique', 'Épicerie'];
const SECOND = ['Lefèvre', 'Dubœuf', 'Müller', 'Bérénice', 'Ségolène', 'Aubépine', 'Château', 'Gruyère', 'Noël', 'Saint-Éloi', 'Côté Plage', 'Zoé', 'Lœwy', 'Ångström', 'Martin', 'Bernard', 'Durand', 'Moreau', 'Laurent', 'Girard'];
const FORMS = ['SARL', 'SAS', '', 'EURL', ''];

export type Expected = { readonly lineId: string; readonly invoices: readonly string[] | null };

/** One letter dropped or two swapped, in the longest word. */
function typo(name: string, r: () => number): string {
  const words = name.split(' ');
  let k = 0;
  words.forEach((w, i) => {
    if (w.length > (words[k] as string).length) k = i;
  });
  const w = words[k] as string;
  const at = 1 + Math.floor(r() * (w.length - 2));
  words[k] = r() < 0.5 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + (w[at + 1] ?? '') + (w[at] ?? '') + w.slice(at + 2);
  return words.join(' ');
}

export function bankCase(customers: number, invoicesPer: number, seed = 7): { ledger: Ledger; lines: BankLine[]; expected: Expected[]; asOf: Day } {
  const r = rng(seed);
  const asOf = 20500 as Day;
  const names: string[] = [];
  const used = new Set<string>();
  for (let c = 0; names.length < customers; c++) {
    const n = `${FIRST[Math.floor(r() * FIRST.length)]} ${SECOND[Math.floor(r() * SECOND.length)]}${c >= FIRST.length * SECOND.length / 4 ? ` ${c}` : ''}`;
    if (used.has(n)) continue;
    used.add(n);
    names.push(n);
  }
  const invoices: Invoice[] = [];
  let number = 0;
  names.forEach((_, c) => {
    const amounts = new Set<number>();
    for (let k = 0; k < invoicesPer; k++) {
      let cents = 5000 + Math.floor(r() * 500000);
      while (amounts.has(cents)) cents++;
      amounts.add(cents);
      number++;
      const issued = (asOf - 200 + Math.floor((k / invoicesPer) * 150)) as Day;
      invoices.push({ key: `i${number}`, number: `FA-2026-${String(number).padStart(6, '0')}`, customerId: `C${c}`, issued, due: (issued + 30) as Day, isDueDerived: false, amount: cents as Cents, payments: [], kind: 'invoice', currency: 'EUR', isDisputed: false, source: { file: 'gen', sheet: 'S', row: number + 1 } });
    }
  });
  const ledger: Ledger = { customers: names.map((n, c) => ({ id: `C${c}`, code: `C${c}`, name: `${n} ${FORMS[c % FORMS.length]}`.trim() })), invoices, currency: 'EUR', amountBasis: 'TTC', hasSalesHistory: true };
  const lines: BankLine[] = [];
  const expected: Expected[] = [];
  let id = 0;
  const line = (amount: number, label: string, payer: string, remittance: string, answer: string[] | null) => {
    id++;
    const l: BankLine = { id: `L${id}`, date: (asOf - 20 + (id % 15)) as Day, valueDate: null, amountCents: amount as Cents, label, payer, reference: '', remittance, row: id };
    lines.push(l);
    expected.push({ lineId: l.id, invoices: answer });
  };
  names.forEach((name, c) => {
    const mine = invoices.filter((i) => i.customerId === `C${c}`);
    const kind = c % 5;
    if (kind === 0 && mine[0]) line(mine[0].amount, `VIR SEPA ${name.toUpperCase()}`, '', `Facture ${mine[0].number}`, [mine[0].number]);
    else if (kind === 1 && mine[1]) line(mine[1].amount, 'VIREMENT RECU', typo(name, r).toUpperCase(), 'Paiement', [mine[1].number]);
    else if (kind === 2 && mine.length >= 3) line((mine[0] as Invoice).amount + (mine[1] as Invoice).amount + (mine[2] as Invoice).amount, `VIR ${name}`, name, 'reglement factures', [(mine[0] as Invoice).number, (mine[1] as Invoice).number, (mine[2] as Invoice).number]);
    else if (kind === 3 && mine[0]) line(Math.floor(mine[0].amount / 2), 'VIR PARTIEL', name, `acompte ${mine[0].number.replace(/-/g, '')}`, [mine[0].number]);
    else line(777777 + c, `VIR ${FIRST[c % FIRST.length]} Inconnu ${c}`, `Société Sans Rapport ${c}`, 'cotisation', null);
  });
  return { ledger, lines, expected, asOf };
}
