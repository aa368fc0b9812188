/** Test builders: terse ledgers from ISO dates and euros. */
import { dayFromIso, emptyWorkspace, type Cents, type Day, type Invoice, type Ledger, type Payment, type Workspace } from '../../src/core/index.ts';
import { settingsFrom, type Settings, type SettingsInput } from '../../src/app/settings.ts';

export function d(iso: string): Day {
  const day = dayFromIso(iso);
  if (day === null) throw new Error(`bad date ${iso}`);
  return day;
}

export function eur(euros: number): Cents {
  return Math.round(euros * 100) as Cents;
}

let counter = 0;

export function anInvoice(p: {
  customer?: string;
  number?: string;
  issued?: string | null;
  due?: string | null;
  amount: number;
  payments?: { on: string | null; amount: number }[];
  kind?: Invoice['kind'];
}): Invoice {
  counter++;
  const payments: Payment[] = (p.payments ?? []).map((x) => ({ day: x.on === null ? null : d(x.on), amount: eur(x.amount) }));
  return {
    key: `k${counter}`,
    number: p.number ?? `INV-${counter}`,
    customerId: p.customer ?? 'ACME',
    issued: p.issued === undefined ? null : p.issued === null ? null : d(p.issued),
    due: p.due === undefined ? null : p.due === null ? null : d(p.due),
    isDueDerived: false,
    amount: eur(p.amount),
    payments,
    kind: p.kind ?? (p.amount < 0 ? 'credit' : 'invoice'),
    currency: 'EUR',
    isDisputed: false,
    source: { file: 'test', sheet: 'S', row: counter },
  };
}

export function aLedger(invoices: Invoice[], hasSalesHistory = true): Ledger {
  const ids = [...new Set(invoices.map((i) => i.customerId))].sort();
  return { customers: ids.map((id) => ({ id, code: null, name: id })), invoices, currency: 'EUR', amountBasis: 'TTC', hasSalesHistory };
}

/** Settings as the page or the CLI would pass them (defaults: due basis, 30/60/90/120, 3 windows, 30 days, fr). */
export function settingsAt(asOf: string, extra: Omit<SettingsInput, 'asOf'> = {}): Settings {
  const r = settingsFrom({ asOf, ...extra });
  if (!r.ok) throw new Error(`bad settings: ${r.field} = ${r.value}`);
  return r.settings;
}

/** A workspace whose profile lets every document leave (creditor's identity, IBAN), with customers' addresses. */
export function profiledWorkspace(addresses: Readonly<Record<string, string>> = {}): Workspace {
  return {
    ...emptyWorkspace(),
    profile: { company: 'Atelier Martin', legalForm: 'SARL au capital de 10 000 €', siren: '123456789', siret: '12345678900012', address: '12 rue des Lilas\n69003 Lyon', iban: 'FR76 3000 6000 0112 3456 7890 189', signatory: 'Claire Martin, gérante', marginPercent: null, rcs: 'RCS Lyon' },
    customers: Object.entries(addresses).map(([customerId, address]) => ({ customerId, regime: 'b2b' as const, address })),
  };
}

/** A value with its no-break spaces (French typography) turned into plain spaces, to compare wording. */
export function plainSpaces<T>(x: T): T {
  return JSON.parse(JSON.stringify(x).replace(/[\u00a0\u202f]/g, ' ')) as T;
}
