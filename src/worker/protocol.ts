/**
 * The worker contract: one typed map of request names to input and output, and the three
 * message kinds (reply, error, progress). Types only: imported by both sides.
 */
import type { ActionReason, DsoResult, Issue, LetterKind, LetterModel, Policy, ReportModel, Workspace } from '../core/index.ts';
import type { ImportOptions, ImportReport } from '../import/import-file.ts';

export type AnalysisRequest = {
  readonly asOf: string;
  readonly basis: 'due' | 'issued';
  readonly edges: readonly number[];
  readonly windows: number;
  /** `YYYY-MM` → cents, typed by the user when the file has no sales history. */
  readonly manualSales: readonly (readonly [string, number])[];
};

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
};

export type ActionRow = {
  readonly customerId: string;
  readonly name: string;
  readonly step: string;
  readonly channel: string;
  readonly invoices: readonly string[];
  readonly amountCents: number;
  readonly interestCents: number;
  readonly indemnityCents: number;
  readonly maxDaysPastDue: number;
  readonly isSmallClaim: boolean;
  readonly reasons: readonly ActionReason[];
  readonly deadline: string | null;
  /** Sales needed to make up for the amount at the user's margin (null without a margin). */
  readonly salesNeededCents: number | null;
};

export type StepCount = { readonly step: string; readonly customers: number; readonly amountCents: number };

/** Which of today's actions the page shows: a step and a channel ('' = any), the first `limit`. */
export type ActionFilter = { readonly step: string; readonly channel: string };

export type DunningView = {
  /** The first `limit` actions matching the filter, largest amounts first (the worker keeps them all). */
  readonly actions: readonly ActionRow[];
  /** Actions matching the filter, and among them those that call for a letter. */
  readonly actionCount: number;
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

export type Requests = {
  /** Reads a file; with `append`, adds it to the ledgers already read (several entities or months). */
  importFile: (input: { bytes: ArrayBuffer; options: ImportOptions; analysis: AnalysisRequest; append?: boolean }) => { report: ImportReport; analysis: AnalysisView | null };
  analyze: (input: AnalysisRequest) => AnalysisView | null;
  dunning: (input: { workspace: Workspace; asOf: string; draftPolicy: Policy | null; filter?: ActionFilter; limit?: number }) => DunningView | null;
  /**
   * The letter of each customer's action today; `kind` forces another document (e.g. 'echeancier');
   * `all`: every action matching the filter that calls for a letter, besides `customerIds`.
   */
  letters: (input: { workspace: Workspace; asOf: string; customerIds: readonly string[]; lang: 'fr' | 'en'; lrar?: string; kind?: LetterKind; all?: ActionFilter }) => LetterModel[];
  /** The aged balance, the worklist and the invoice detail as one .xlsx and three .csv. */
  exportFiles: (input: { workspace: Workspace; asOf: string; lang: 'fr' | 'en'; edges: readonly number[] }) => { xlsx: ArrayBuffer; csv: { name: string; text: string }[] } | null;
  /** The audit report of the current ledger, as data (the page renders the PDF). */
  report: (input: { workspace: Workspace; asOf: string; lang: 'fr' | 'en' }) => ReportModel | null;
  invoices: (input: { customerId: string; bucket: number | null; analysis: AnalysisRequest }) => InvoiceRow[];
};

export type RequestName = keyof Requests;
export type Input<K extends RequestName> = Parameters<Requests[K]>[0];
export type Output<K extends RequestName> = ReturnType<Requests[K]>;

export type ToWorker = { readonly id: number; readonly name: RequestName; readonly input: unknown };
export type FromWorker =
  | { readonly id: number; readonly type: 'reply'; readonly output: unknown }
  | { readonly id: number; readonly type: 'error'; readonly error: { readonly code: string; readonly message: string } }
  | { readonly id: number; readonly type: 'progress'; readonly stage: 'read' | 'map' | 'analyse'; readonly done: number; readonly total: number };
