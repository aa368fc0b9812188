/**
 * The worker contract: one typed map of request names to input and output, and the three
 * message kinds (reply, error, progress). Types only: imported by both sides.
 */
import type { BankField, LetterKind, Policy, ReportModel, ResolvedStatus, TestSheetModel, Workspace } from '../core/index.ts';
import type { ImportOptions, ImportReport } from '../import/import-file.ts';
import type { SettingsInput } from '../app/settings.ts';
import type { RequestInput, RequestOutput } from './channel.ts';
import type { ActionFilter, AnalysisView, DunningView, InvoiceRow } from '../app/views.ts';
import type { Letters } from '../app/letters.ts';
import type { BehaviourRow, ForecastView } from '../app/prediction.ts';
import type { BankView } from '../app/bank.ts';

export type * from '../app/views.ts';

/** The settings as the page sends them; the workspace is the session's (see `setWorkspace`). */
export type PageSettings = Omit<SettingsInput, 'workspace'>;

export type Requests = {
  /** Reads a file (the worker reads it a slice at a time); with `append`, adds it to the ledgers already read (several entities or months). */
  importFile: (input: { file: Blob; options: ImportOptions; settings: PageSettings; append?: boolean }) => Promise<{ report: ImportReport; analysis: AnalysisView | null }>;
  /** Reads e-invoices (a Factur-X PDF, a CII or UBL XML, or a zip of them) as one ledger, like importFile. */
  importEInvoices: (input: { bytes: ArrayBuffer; fileName: string; settings: PageSettings; append?: boolean }) => Promise<{ report: ImportReport; analysis: AnalysisView | null }>;
  /** The saved workspace (profile, policy, customers, statuses, history) every figure is computed with. */
  /** 'unchanged' when the worker held that workspace already (the figures computed with it stand). */
  setWorkspace: (input: Workspace) => 'refused' | 'unchanged' | 'changed';
  analyze: (input: PageSettings) => AnalysisView | null;
  dunning: (input: { settings: PageSettings; draftPolicy: Policy | null; filter?: ActionFilter; limit?: number }) => DunningView | null;
  /**
   * The letter of each customer's action today; `kind` forces another document (e.g. 'echeancier');
   * `all`: every action matching the filter that calls for a letter, besides `customerIds`.
   */
  letters: (input: { settings: PageSettings; customerIds: readonly string[]; lrar?: string; kind?: LetterKind; all?: ActionFilter; packs?: boolean }) => Letters;
  /** The page that checks the sender's window envelopes (printed, folded, put in an envelope), as data. */
  testSheet: (input: { settings: PageSettings }) => TestSheetModel | null;
  /** The aged balance, the worklist and the invoice detail as one .xlsx and three .csv. */
  exportFiles: (input: { settings: PageSettings }) => Promise<{ xlsx: ArrayBuffer; csv: { name: string; text: string }[] } | null>;
  /** The audit report of the current ledger, as data (the page renders the PDF). */
  report: (input: { settings: PageSettings }) => ReportModel | null;
  /**
   * What a dropped file is, from its first bytes (a bank statement format no ledger uses: CFONB,
   * camt.053, OFX; an e-invoice) and, for a zip, its directory (a zip of e-invoices, not a workbook).
   */
  classify: (input: { file: Blob }) => Promise<'statement' | 'einvoice' | 'ledger'>;
  /** Reads a bank statement and matches it against the ledger; the worker keeps it for `bank`. */
  importStatement: (input: { bytes: ArrayBuffer; fileName: string; settings: PageSettings }) => Promise<{ view: BankView | null; error: string | null }>;
  /** A plateforme agréée's lifecycle statuses (CSV or JSON) matched to the ledger's invoices, to apply on the page. */
  lifecycle: (input: { bytes: ArrayBuffer; settings: PageSettings }) => { statuses: readonly ResolvedStatus[]; unknown: readonly string[]; refused: readonly { row: number; reason: string }[]; error: string | null };
  /** Relevés de compte (statements of account) of these customers (all with open items when empty). */
  statements: (input: { settings: PageSettings; customerIds: readonly string[] }) => Letters;
  /** The kept statement read again with the columns chosen in the mapping panel (CSV and spreadsheet statements). */
  remapStatement: (input: { mapping: readonly (BankField | null)[]; settings: PageSettings }) => { view: BankView | null; error: string | null };
  /** The kept statement matched again (after payments were accepted or undone, or the settings changed). */
  bank: (input: { settings: PageSettings }) => BankView | null;
  /** These customers' payment behaviour and A–D rating (the aged balance asks for the rows it shows). */
  behaviour: (input: { settings: PageSettings; ids: readonly string[] }) => Record<string, BehaviourRow | null> | null;
  /** Ratings, the prediction's backtest and the 13-week cash-in forecast. */
  forecast: (input: { settings: PageSettings }) => ForecastView | null;
  invoices: (input: { customerId: string; bucket: number | null; settings: PageSettings }) => InvoiceRow[];
};

export type RequestName = keyof Requests;
export type Input<K extends RequestName> = RequestInput<Requests, K>;
export type Output<K extends RequestName> = RequestOutput<Requests, K>;
