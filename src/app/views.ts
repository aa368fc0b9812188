/**
 * What the use cases return to the page: plain data, small enough to cross to the main thread
 * (the aged balance's customers as typed columns, the worklist paged).
 */
import type { ActionReason, DsoResult, Issue } from '../core/index.ts';

export type CustomerRow = {
  readonly id: string;
  readonly name: string;
  readonly buckets: readonly number[];
  readonly openCents: number;
  readonly overdueCents: number;
  readonly weightedDaysLate: number | null;
  readonly items: number;
};

/**
 * The customers of the aged balance as columns: tens of thousands of rows cross from the worker
 * to the page as a few typed arrays (copied at memory speed) instead of as many objects.
 */
export type CustomerTable = {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** Buckets per customer; `buckets` holds them row after row. */
  readonly width: number;
  readonly buckets: Float64Array;
  readonly open: Float64Array;
  readonly overdue: Float64Array;
  /** NaN where the customer has nothing late. */
  readonly weightedDaysLate: Float64Array;
  readonly items: Int32Array;
};

export type AnalysisView = {
  readonly asOf: string;
  readonly currency: string;
  readonly amountBasis: 'TTC' | 'HT';
  readonly labels: readonly string[];
  readonly total: CustomerRow;
  /** One row per customer, largest open balance first (then by id); see customer-table.ts. */
  readonly customers: CustomerTable;
  /** The core's DSO figures; windows as ISO dates for the page. */
  readonly dso: Omit<DsoResult, 'period' | 'receivables' | 'notDue' | 'receivablesAtStart'> & {
    readonly period: readonly { readonly start: string; readonly end: string; readonly days: number; readonly sales: number }[];
  };
  readonly hasSalesHistory: boolean;
  /** The five largest balances and everyone else (core's concentration, the report's too), with names. */
  readonly concentration: {
    readonly top: readonly { readonly id: string; readonly name: string; readonly openCents: number; readonly buckets: readonly number[]; readonly sharePercent: number | null }[];
    readonly topSharePercent: number | null;
    readonly others: { readonly buckets: readonly number[]; readonly openCents: number };
  };
  /** One line per file when several were read: their own figures, side by side (consolidated above). */
  readonly sources: readonly { readonly name: string; readonly openCents: number; readonly overdueCents: number; readonly notDueCents: number; readonly dsoSimple: number | null; readonly customers: number; readonly items: number }[];
  /** Calendar months up to the as-of date (oldest first): sales issued in the month, receivables at its end. */
  readonly history: readonly { readonly month: string; readonly sales: number; readonly receivables: number }[];
  readonly warnings: readonly Issue[];
};

export type InvoiceRow = {
  readonly number: string;
  readonly issued: string | null;
  readonly due: string | null;
  readonly isDueDerived: boolean;
  readonly amount: number;
  readonly open: number;
  readonly daysPastDue: number | null;
  readonly bucket: number;
  readonly kind: string;
  readonly row: number;
  readonly sheet: string;
  /** Open invoices: the predicted probability of late payment and the expected payment day. */
  readonly pLate: number | null;
  readonly expectedPayment: string | null;
  /** The workspace's status on this invoice (a dispute, "do not chase", a platform's lifecycle status), in words. */
  readonly status: string | null;
};

export type ActionRow = {
  readonly customerId: string;
  readonly name: string;
  readonly step: string;
  readonly channel: string;
  /** The document the step calls for (null: none, e.g. the courtesy e-mail). */
  readonly document: 'rappel' | 'relance' | 'mise_en_demeure' | 'injonction_de_payer' | 'declaration_de_creance' | null;
  readonly invoices: readonly string[];
  /** The claim: overdue invoices minus the customer's open credits, never below zero. */
  readonly amountCents: number;
  /** Open credits deducted from the claim: credit notes and payments not allocated to an invoice. */
  readonly credits: readonly string[];
  readonly creditsCents: number;
  readonly interestCents: number;
  readonly indemnityCents: number;
  readonly maxDaysPastDue: number;
  readonly isSmallClaim: boolean;
  readonly reasons: readonly ActionReason[];
  readonly deadline: string | null;
  /** Sales needed to make up for the amount at the user's margin (null without a margin). */
  readonly salesNeededCents: number | null;
  readonly rating: string | null;
  /** Claim × probability of late payment (1: overdue) × expected days late (the customer's usual delay, at least the days so far), at the legal late-payment rate. */
  readonly expectedLossCents: number;
};

export type StepCount = { readonly step: string; readonly customers: number; readonly amountCents: number };

/** Which of today's actions the page shows: a step and a channel ('' = any), the first `limit`. */
export type ActionFilter = { readonly step: string; readonly channel: string; readonly sort?: 'amount' | 'expectedLoss' };

export type DunningView = {
  /** The first `limit` actions matching the filter, largest amounts first (the worker keeps them all). */
  readonly actions: readonly ActionRow[];
  /** Actions matching the filter, and among them those that call for a letter. */
  readonly actionCount: number;
  /** Over all the actions matching the filter: the claims, their penalties and indemnities, the sales needed at the margin. */
  readonly totals: { readonly claimCents: number; readonly penaltiesCents: number; readonly salesNeededCents: number | null };
  readonly letterActionCount: number;
  /** At most 200 lines each; the counts say how many there are in all. */
  readonly waiting: readonly { readonly customerId: string; readonly name: string; readonly reason: string; readonly nextOn: string | null }[];
  readonly waitingCount: number;
  readonly prescriptionCount: number;
  readonly overTermsCount: number;
  readonly dryRun: { readonly current: readonly StepCount[]; readonly draft: readonly StepCount[] } | null;
  readonly ratesKnownUntil: string;
  /** Half-years whose ECB rate is not in the shipped table and was not typed: the latest known rate is used. */
  readonly unknownHalfYears: readonly string[];
  readonly floorWarnings: readonly { readonly customerId: string; readonly name: string; readonly halfYear: string; readonly rateBp: number; readonly floorBp: number }[];
  readonly prescription: readonly { readonly customerId: string; readonly name: string; readonly invoice: string; readonly expires: string; readonly daysLeft: number; readonly alert: string }[];
  readonly overTerms: readonly { readonly customerId: string; readonly name: string; readonly invoice: string; readonly issued: string; readonly due: string }[];
};

