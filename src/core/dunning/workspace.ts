/**
 * The user's saved work: profile, dunning policy, per-customer settings, statuses and the log of
 * actions taken. Plain JSON, versioned; `migrateWorkspace` brings any earlier version up to date
 * and refuses anything that is not a Relance workspace, without touching the current one.
 */
import { checkWorkspace } from './validate-workspace.ts';
import type { Envelope } from '../letters/envelope.ts';

export const WORKSPACE_VERSION = 2;
export const WORKSPACE_KIND = 'relance-workspace';

export type Channel = 'email' | 'email_phone' | 'letter' | 'registered_letter' | 'court' | 'phone';
export type StepId = 'rappel' | 'relance' | 'mise_en_demeure' | 'injonction_de_payer';
/** What a history entry may record: a policy step, or the optional pre-due courtesy reminder. */
export type LoggedStep = StepId | 'courtesy';

export type PolicyStep = {
  readonly id: StepId;
  readonly name: string;
  /** The step is due once the oldest overdue invoice is this many days past due. */
  readonly daysAfterDue: number;
  readonly channel: Channel;
  /** Letter template used for this step (letters issue). */
  readonly template: string;
  /** At least this many days after the previous step. */
  readonly minDaysSincePrevious: number;
  /** Payment deadline given by the letter (mise en demeure: 8 days). */
  readonly deadlineDays?: number;
};

export type Policy = {
  readonly steps: readonly PolicyStep[];
  /** Optional courtesy reminder this many days before the due date (null: off). */
  readonly courtesyDaysBefore: number | null;
};

export type Regime = 'b2b' | 'b2c' | 'public';

export type CustomerSettings = {
  readonly customerId: string;
  readonly regime: Regime;
  /** Contractual late-interest rate in basis points (B2B), replacing ECB + 10. */
  readonly contractualRateBp?: number;
  /** Postal address for the letters, one line per line (the ledger has none). */
  readonly address?: string;
  /** The debtor's SIREN, printed on the formal notice. */
  readonly siren?: string;
  /** Payment terms in days, for files with no due date (FEC): used at the next import. */
  readonly termsDays?: number;
};

/** Free text the user may put in place of the default wording; the computed parts never change. */
export type TemplateTexts = { readonly intro?: string; readonly extra?: string; readonly closing?: string };

export type Instalment = { readonly due: string; readonly amountCents: number; readonly paidOn?: string };

export type Status =
  | { readonly kind: 'disputed'; readonly since: string; readonly note: string }
  | { readonly kind: 'promise'; readonly since: string; readonly until: string; readonly note: string }
  | { readonly kind: 'plan'; readonly since: string; readonly instalments: readonly Instalment[]; readonly note: string }
  | {
      readonly kind: 'collective';
      readonly since: string;
      /** Publication of the opening judgment in the BODACC: the 2-month deadline runs from it. */
      readonly bodaccDate: string;
      /** Opening judgment: penalties stop at this date. */
      readonly openingDate: string;
      readonly isCreditorAbroad?: boolean;
      /** The mandataire judiciaire (or liquidateur): name and address, for the déclaration de créance. */
      readonly mandataire?: string;
      readonly note: string;
    }
  | { readonly kind: 'doNotChase'; readonly since: string; readonly note: string };

export type StatusEntry = {
  readonly id: string;
  readonly customerId: string;
  /** null: the status covers every invoice of the customer. */
  readonly invoiceNumber: string | null;
  readonly status: Status;
};

export type HistoryEntry = {
  readonly id: string;
  readonly customerId: string;
  readonly step: LoggedStep;
  readonly date: string;
  readonly channel: Channel;
  readonly note: string;
  /** Registered-letter number (LRAR). */
  readonly lrar?: string;
  readonly invoices: readonly string[];
  readonly amountCents: number;
};

/** A payment found on a bank statement and accepted by the user (issue 17): applied when figures are computed. */
export type BankPayment = {
  /** Unique: the statement line and the invoice it pays. */
  readonly id: string;
  readonly customerId: string;
  readonly invoiceNumber: string;
  readonly amountCents: number;
  /** The bank's booking date: interest stops there. */
  readonly date: string;
  /** Where it came from: the statement file, the line's id and its label, the matching rule. */
  readonly file: string;
  readonly lineId: string;
  readonly label: string;
  readonly reason: string;
};

export type Profile = {
  readonly company: string;
  readonly siren: string;
  readonly siret: string;
  readonly address: string;
  readonly iban: string;
  readonly signatory: string;
  /** Gross margin in percent, for "sales needed to make up for an unpaid invoice". */
  readonly marginPercent: number | null;
  /** Legal form and share capital, e.g. "SARL au capital de 10 000 €" (R123-238 C. com.). */
  readonly legalForm?: string;
  /** "RCS Paris", or "Dispensé d'immatriculation" for an unregistered micro-entrepreneur. */
  readonly rcs?: string;
  /** Intra-EU VAT number. */
  readonly vatNumber?: string;
  /** The window envelopes the letters go in (absent: a right-hand window, France's usual, no shift, no fold marks). */
  readonly envelope?: Envelope;
};

export type Workspace = {
  readonly kind: typeof WORKSPACE_KIND;
  readonly version: typeof WORKSPACE_VERSION;
  readonly profile: Profile;
  readonly policy: Policy;
  readonly customers: readonly CustomerSettings[];
  readonly statuses: readonly StatusEntry[];
  readonly history: readonly HistoryEntry[];
  /** User-entered ECB MRO rates for half-years missing from the shipped table: `YYYY-S1` → bp. */
  readonly userMroBp: Readonly<Record<string, number>>;
  /** Day count of the penalties: /365 (default) or actual/actual. */
  readonly dayCount?: '365' | 'actual';
  /** Changes saved since the last export, for the backup reminder. */
  readonly changesSinceExport?: number;
  /** User wording per letter kind (rappel, relance, mise_en_demeure, echeancier, declaration_de_creance). */
  readonly templates?: Readonly<Record<string, TemplateTexts>>;
  /** Payments matched on bank statements and accepted (absent in workspaces written before issue 17). */
  readonly bankPayments?: readonly BankPayment[];
  /** The analysis settings the user saved as theirs: the page opens with them, the CLI takes them where no flag says otherwise. */
  readonly analysisDefaults?: AnalysisDefaults;
  readonly revision: number;
};

/** The settings of an analysis but its date (each file has its own): basis, buckets, DSO period, default terms, rating thresholds. */
export type AnalysisDefaults = {
  readonly basis: 'due' | 'issued';
  readonly edges: readonly number[];
  readonly windows: number;
  readonly termsDays: number;
  /** Upper bounds of ratings A, B, C in days. */
  readonly ratings: readonly [number, number, number];
};

/** The longest DSO period, in months, and the longest default terms, in days, a setting may hold. */
export const MAX_DSO_WINDOWS = 24;
export const MAX_TERMS_DAYS = 3650;

/** numbers.md § "Next action per customer (default policy)". */
export const DEFAULT_POLICY: Policy = {
  steps: [
    { id: 'rappel', name: 'Rappel', daysAfterDue: 1, channel: 'email', template: 'rappel', minDaysSincePrevious: 8 },
    { id: 'relance', name: 'Relance', daysAfterDue: 15, channel: 'email_phone', template: 'relance', minDaysSincePrevious: 8 },
    { id: 'mise_en_demeure', name: 'Mise en demeure', daysAfterDue: 30, channel: 'registered_letter', template: 'mise_en_demeure', minDaysSincePrevious: 8, deadlineDays: 8 },
    { id: 'injonction_de_payer', name: 'Injonction de payer', daysAfterDue: 45, channel: 'court', template: 'injonction_de_payer', minDaysSincePrevious: 8 },
  ],
  courtesyDaysBefore: null,
};

export const EMPTY_PROFILE: Profile = { company: '', siren: '', siret: '', address: '', iban: '', signatory: '', marginPercent: null };

export function emptyWorkspace(): Workspace {
  return { kind: WORKSPACE_KIND, version: WORKSPACE_VERSION, profile: EMPTY_PROFILE, policy: DEFAULT_POLICY, customers: [], statuses: [], history: [], userMroBp: {}, revision: 0 };
}

/** `repairs`: the fields of a wrong type set back to their default (said to the user); `detail`: the field refused. */
export type MigrationResult = { ok: true; workspace: Workspace; from: number; repairs: readonly string[] } | { ok: false; reason: 'NotAWorkspace' | 'NewerVersion' | 'Invalid'; detail: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Any earlier version → the current one. Version 1 had no `userMroBp` and no `revision`, and kept
 * the history's step under `level`. Unknown input is refused with a reason.
 */
export function migrateWorkspace(input: unknown): MigrationResult {
  if (!isObject(input) || input.kind !== WORKSPACE_KIND) return { ok: false, reason: 'NotAWorkspace', detail: 'missing kind "relance-workspace"' };
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, reason: 'Invalid', detail: 'bad version' };
  if (version > WORKSPACE_VERSION) return { ok: false, reason: 'NewerVersion', detail: `version ${version} > ${WORKSPACE_VERSION}` };
  let w: Record<string, unknown> = { ...input };
  if (version === 1) {
    const history = Array.isArray(w.history) ? w.history : [];
    w = { ...w, version: 2, userMroBp: {}, revision: 0, history: history.map((h: unknown) => (isObject(h) && 'level' in h && !('step' in h) ? { ...h, step: h.level } : h)) };
  }
  const checked = checkWorkspace(w);
  return checked.ok ? { ok: true, workspace: checked.workspace, from: version, repairs: checked.repairs } : { ok: false, reason: 'Invalid', detail: checked.field };
}
