/**
 * A folder of e-invoices as one ledger (issue 18): customers are the buyers (their SIREN as the code
 * where the invoice gives it, their name and address kept for the letters), credit notes negative,
 * the amount already paid (prepaid) a payment on the issue date, a missing due date derived from the
 * payment terms of the settings. Invoices issued by someone else than the user (a mixed folder: the
 * invoices received) and invoices in another currency are set apart and reported; the late-payment
 * and reform mentions are counted (a missing mention weakens the claim).
 */
import { addDays, nameScore, nameWords, type Cents, type Customer, type Invoice, type Issue, type Ledger, type Profile } from '../../core/index.ts';
import { mentionsOf, type EInvoice } from './einvoice.ts';

export type ReadEInvoice = { readonly fileName: string; readonly invoice: EInvoice };

export type EInvoiceLedger = {
  readonly ledger: Ledger;
  readonly issues: readonly Issue[];
  /** Invoices kept in the ledger. */
  readonly used: number;
  readonly setApart: number;
  /** The seller taken as the user (from the profile, else the most frequent one). */
  readonly seller: string;
};

const digits = (s: string) => s.replace(/\D/g, '');

/** Whether an e-invoice was issued by the user: the profile's SIREN, else its company name. */
function isMine(inv: EInvoice, profile: Profile | null, fallback: string): boolean {
  const siren = digits(profile?.siren ?? '').slice(0, 9);
  if (siren.length === 9 && inv.seller.siren !== '') return inv.seller.siren === siren;
  if (profile && profile.company.trim() !== '') return nameScore(nameWords(profile.company), nameWords(inv.seller.name)) >= 0.9;
  return (inv.seller.siren || inv.seller.name) === fallback;
}

export function eInvoicesToLedger(read: readonly ReadEInvoice[], profile: Profile | null, defaultTermsDays = 30): EInvoiceLedger {
  const issues: Issue[] = [];
  // Without a profile, the user is the seller of most of the files.
  const counts = new Map<string, number>();
  for (const r of read) counts.set(r.invoice.seller.siren || r.invoice.seller.name, (counts.get(r.invoice.seller.siren || r.invoice.seller.name) ?? 0) + 1);
  const fallback = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
  const mine = read.filter((r) => isMine(r.invoice, profile, fallback));
  const others = read.length - mine.length;
  const sellerName = mine[0]?.invoice.seller.name ?? profile?.company ?? '';
  if (others > 0) issues.push({ code: 'EInvoiceOtherSeller', severity: 'warning', params: { count: others, seller: sellerName } });
  const currencyCounts = new Map<string, number>();
  for (const r of mine) currencyCounts.set(r.invoice.currency, (currencyCounts.get(r.invoice.currency) ?? 0) + 1);
  const main = [...currencyCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'EUR';
  const customers = new Map<string, Customer>();
  const invoices: Invoice[] = [];
  const seen = new Map<string, string>();
  let missingSiren = 0, missingPenalty = 0, missingIndemnity = 0, missingCategory = 0, missingDebits = 0, setApart = others;
  for (const { fileName, invoice: e } of mine) {
    if (e.currency !== main) {
      issues.push({ code: 'EInvoiceOtherCurrency', severity: 'warning', params: { file: fileName, currency: e.currency, main } });
      setApart++;
      continue;
    }
    const id = e.buyer.siren || e.buyer.name || '?';
    const key = `${id}\u0000${e.kind}\u0000${e.number}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({ code: 'EInvoiceDuplicate', severity: 'warning', params: { file: fileName, number: e.number, first } });
      continue;
    }
    seen.set(key, fileName);
    if (!customers.has(id)) customers.set(id, { id, code: e.buyer.siren || null, name: e.buyer.name || id, ...(e.buyer.address.length > 0 ? { address: e.buyer.address.join('\n') } : {}), ...(e.buyer.siren ? { siren: e.buyer.siren } : {}) });
    const sign = e.kind === 'credit' ? -1 : 1;
    const m = mentionsOf(e);
    if (e.kind === 'invoice') {
      if (!m.buyerSiren) missingSiren++;
      if (!m.penaltyRate) missingPenalty++;
      if (!m.indemnity) missingIndemnity++;
      if (!m.category) missingCategory++;
      if (m.vatOnDebits === false) missingDebits++;
    }
    invoices.push({
      key: `${fileName}#${e.number}`,
      number: e.number,
      customerId: id,
      issued: e.issued,
      due: e.due ?? addDays(e.issued, defaultTermsDays),
      isDueDerived: e.due === null,
      amount: (sign * e.totalCents) as Cents,
      payments: e.prepaidCents > 0 && e.kind === 'invoice' ? [{ day: e.issued, amount: Math.min(e.prepaidCents, e.totalCents) as Cents }] : [],
      kind: e.kind,
      currency: e.currency,
      isDisputed: false,
      channel: 'electronic',
      source: { file: fileName, sheet: e.syntax, row: 1 },
    });
  }
  const invoiceCount = invoices.filter((i) => i.kind === 'invoice').length;
  if (missingSiren + missingPenalty + missingIndemnity + missingCategory + missingDebits > 0) issues.push({ code: 'EInvoiceMentionsMissing', severity: 'warning', params: { siren: missingSiren, penalty: missingPenalty, indemnity: missingIndemnity, category: missingCategory, debits: missingDebits, count: invoiceCount } });
  const list = [...customers.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ledger: { customers: list, invoices, currency: main, amountBasis: 'TTC', hasSalesHistory: true }, issues, used: invoices.length, setApart, seller: sellerName };
}
