/**
 * The one Settings object every use case takes: the screen, the exports, the report, the letters
 * and the CLI compute their figures from the same as-of date, basis, buckets, DSO windows, payment
 * terms, policy, profile and language. `settingsFrom` checks what the page or the command line
 * typed and names the field it refuses.
 */
import { applyTerms, withBankPayments, dayFromIso, DEFAULT_RATING_THRESHOLDS, validRatingThresholds, type RatingThresholds, parseTypedCents, DEFAULT_BUCKET_EDGES, DEFAULT_TERMS_DAYS, emptyWorkspace, MAX_DSO_WINDOWS, MAX_TERMS_DAYS, validBucketEdges, type AgingBasis, type Cents, type Day, type Lang, type Ledger, type ManualSales, type PaymentTerms, type TermsApplied, type Workspace } from '../core/index.ts';

export type Settings = {
  readonly asOf: Day;
  readonly basis: AgingBasis;
  /** Upper edges of the overdue buckets (30, 60, 90, 120 by default). */
  readonly edges: readonly number[];
  /** Months in the DSO period. */
  readonly windows: number;
  /** Monthly sales typed by the user when the file has none (`YYYY-MM` → cents). */
  readonly manualSales?: ManualSales;
  /** Payment terms used where the file gives no due date (customers' own terms come from the workspace). */
  readonly defaultTermsDays: number;
  readonly lang: Lang;
  /** Profile, policy, customers' regimes and terms, statuses, history. */
  readonly workspace: Workspace;
  /** Upper bounds of ratings A, B, C in weighted days late (5, 15, 45 by default). */
  readonly ratings: RatingThresholds;
};

/** Settings as they cross a thread or come from the command line: plain JSON. */
export type SettingsInput = {
  readonly asOf: string;
  readonly basis?: string;
  readonly edges?: readonly number[];
  readonly windows?: number;
  readonly manualSales?: readonly (readonly [string, number])[];
  readonly termsDays?: number;
  readonly lang?: string;
  readonly workspace?: Workspace;
  /** Rating thresholds A, B, C in days. */
  readonly ratings?: readonly number[];
};

export type SettingsField = 'asOf' | 'basis' | 'edges' | 'windows' | 'termsDays' | 'lang' | 'ratings';
export type SettingsResult = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly field: SettingsField; readonly value: string };

/**
 * Checks the settings typed; a setting not given is the one the workspace saved as the user's default
 * (`analysisDefaults`), else the built-in one (basis due, buckets 30/60/90/120, 3 months, 30 days, 5/15/45).
 */
export function settingsFrom(input: SettingsInput): SettingsResult {
  const asOf = dayFromIso(input.asOf);
  if (asOf === null) return { ok: false, field: 'asOf', value: String(input.asOf) };
  const saved = input.workspace?.analysisDefaults;
  const basis = input.basis ?? saved?.basis ?? 'due';
  if (basis !== 'due' && basis !== 'issued') return { ok: false, field: 'basis', value: basis };
  const edges = input.edges ?? saved?.edges ?? DEFAULT_BUCKET_EDGES;
  if (edges.length === 0 || !validBucketEdges(edges)) return { ok: false, field: 'edges', value: edges.join(',') };
  const windows = input.windows ?? saved?.windows ?? 3;
  if (!Number.isInteger(windows) || windows < 1 || windows > MAX_DSO_WINDOWS) return { ok: false, field: 'windows', value: String(windows) };
  const terms = input.termsDays ?? saved?.termsDays ?? DEFAULT_TERMS_DAYS;
  if (!Number.isInteger(terms) || terms < 0 || terms > MAX_TERMS_DAYS) return { ok: false, field: 'termsDays', value: String(terms) };
  const lang = input.lang ?? 'fr';
  if (lang !== 'fr' && lang !== 'en') return { ok: false, field: 'lang', value: lang };
  const r = input.ratings ?? saved?.ratings ?? [DEFAULT_RATING_THRESHOLDS.a, DEFAULT_RATING_THRESHOLDS.b, DEFAULT_RATING_THRESHOLDS.c];
  const ratings = { a: r[0] as number, b: r[1] as number, c: r[2] as number };
  if (r.length !== 3 || !validRatingThresholds(ratings)) return { ok: false, field: 'ratings', value: r.join(',') };
  const manual = new Map<string, Cents>();
  for (const [month, cents] of input.manualSales ?? []) if (/^\d{4}-\d{2}$/.test(month) && Number.isSafeInteger(cents) && cents >= 0) manual.set(month, cents as Cents);
  return {
    ok: true,
    settings: {
      asOf,
      basis,
      edges: [...edges],
      windows,
      ...(manual.size > 0 ? { manualSales: manual } : {}),
      defaultTermsDays: terms,
      lang,
      workspace: input.workspace ?? emptyWorkspace(),
      ratings,
    },
  };
}

/**
 * Monthly sales as the user typed them (`YYYY-MM` → text such as "12 345,67"): the amounts read
 * exactly, the months whose text is not an amount (or is negative) named so the page can say so.
 */
export function manualSalesFrom(typed: Readonly<Record<string, string>>): { readonly sales: [string, number][]; readonly refused: string[] } {
  const sales: [string, number][] = [];
  const refused: string[] = [];
  for (const [month, text] of Object.entries(typed)) {
    if (text.trim() === '') continue;
    const cents = parseTypedCents(text);
    if (cents !== null && cents >= 0) sales.push([month, cents]);
    else refused.push(month);
  }
  return { sales, refused };
}

/** The payment terms of these settings: the default, and each customer's own from the workspace. */
export function termsOf(settings: Settings): PaymentTerms {
  const customerDays: Record<string, number> = {};
  for (const c of settings.workspace.customers) if (c.termsDays !== undefined) customerDays[c.customerId] = c.termsDays;
  return { defaultDays: settings.defaultTermsDays, customerDays };
}

/**
 * The ledger as these settings see it: derived due dates from the terms, and the payments the user
 * accepted from bank statements (issue 17) applied to their invoices.
 */
export function withSettings(ledger: Ledger, settings: Settings): TermsApplied & { readonly bankMissing: number } {
  const terms = applyTerms(ledger, termsOf(settings));
  const bank = settings.workspace.bankPayments;
  if (!bank || bank.length === 0) return { ...terms, bankMissing: 0 };
  const applied = withBankPayments(terms.ledger, bank);
  return { ...terms, ledger: applied.ledger, bankMissing: applied.missing };
}
