/**
 * Every element of a workspace checked (types, ranges, references) before anything computes with it,
 * the same way for a file the user imports, the record read from IndexedDB and the CLI's --workspace.
 * Scalars of the profile that are of the wrong type, and parts left out altogether (policy, lists),
 * are set to their default, and said so; a malformed list element, policy or rate is refused with the path of the field, because dropping it
 * would lose saved work silently. Keys that could reach an object's prototype are refused.
 */
import { dayFromIso } from '../day.ts';
import { MAX_ABS_CENTS } from '../money.ts';
import { DEFAULT_ENVELOPE, isValidShift, type Envelope } from '../letters/envelope.ts';
import { validBucketEdges } from '../aging.ts';
import { validRatingThresholds } from '../predict/behaviour.ts';
import { DEFAULT_POLICY, MAX_DSO_WINDOWS, MAX_TERMS_DAYS, type AnalysisDefaults, type BankPayment, type Channel, type CustomerSettings, type HistoryEntry, type Policy, type PolicyStep, type Profile, type StatusEntry, type TemplateTexts, type Workspace } from './workspace.ts';

export type Checked = { readonly ok: true; readonly workspace: Workspace; readonly repairs: readonly string[] } | { readonly ok: false; readonly field: string };

const STEPS = ['rappel', 'relance', 'mise_en_demeure', 'injonction_de_payer'] as const;
const LOGGED = [...STEPS, 'courtesy'] as const;
const CHANNELS: readonly Channel[] = ['email', 'email_phone', 'letter', 'registered_letter', 'court', 'phone'];
const REGIMES = ['b2b', 'b2c', 'public'] as const;
const STATUS_KINDS = ['disputed', 'promise', 'plan', 'collective', 'doNotChase'] as const;
const MAX_DAYS = 3650;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class Refused extends Error {
  readonly field: string;
  constructor(field: string) {
    super(field);
    this.field = field;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDays = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_DAYS;
const isIsoDay = (v: unknown): v is string => typeof v === 'string' && dayFromIso(v) !== null;
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

function need(condition: boolean, field: string): void {
  if (!condition) throw new Refused(field);
}

function keysSafe(o: Record<string, unknown>, field: string): void {
  for (const k of Object.keys(o)) need(!FORBIDDEN_KEYS.has(k), `${field}.${k}`);
}

function profileOf(v: unknown, repairs: string[]): Profile {
  need(isObject(v), 'profile');
  const p = v as Record<string, unknown>;
  keysSafe(p, 'profile');
  const text = (k: string): string => {
    if (p[k] === undefined || typeof p[k] === 'string') return (p[k] as string | undefined) ?? '';
    repairs.push(`profile.${k}`);
    return '';
  };
  const optional = (k: string): Record<string, string> => (typeof p[k] === 'string' ? { [k]: p[k] as string } : p[k] === undefined ? {} : (repairs.push(`profile.${k}`), {}));
  let margin: number | null = null;
  if (typeof p.marginPercent === 'number' && Number.isFinite(p.marginPercent) && p.marginPercent >= 0 && p.marginPercent <= 100) margin = p.marginPercent;
  else if (p.marginPercent !== null && p.marginPercent !== undefined && p.marginPercent !== '') repairs.push('profile.marginPercent');
  return {
    company: text('company'),
    siren: text('siren'),
    siret: text('siret'),
    address: text('address'),
    iban: text('iban'),
    signatory: text('signatory'),
    marginPercent: margin,
    ...optional('legalForm'),
    ...optional('rcs'),
    ...optional('vatNumber'),
    ...envelopeOf(p.envelope, repairs),
  };
}

/** The envelope settings: absent stays absent; a field of the wrong kind (or a shift beyond the page) is set back to its default, and said. */
function envelopeOf(v: unknown, repairs: string[]): { envelope?: Envelope } {
  if (v === undefined) return {};
  if (!isObject(v)) {
    repairs.push('profile.envelope');
    return {};
  }
  keysSafe(v, 'profile.envelope');
  const field = <K extends keyof Envelope>(k: K, ok: (x: unknown) => boolean): Envelope[K] => {
    if (ok(v[k])) return v[k] as Envelope[K];
    if (v[k] !== undefined) repairs.push(`profile.envelope.${k}`);
    return DEFAULT_ENVELOPE[k];
  };
  return {
    envelope: {
      window: field('window', (x) => x === 'right' || x === 'left'),
      shiftXmm: field('shiftXmm', isValidShift),
      shiftYmm: field('shiftYmm', isValidShift),
      foldMarks: field('foldMarks', (x) => typeof x === 'boolean'),
    },
  };
}

/**
 * The analysis settings saved as defaults, whole or not at all: one that a page could not compute with
 * (buckets not increasing, a DSO period beyond 24 months…) is left out and said, the built-in settings then apply.
 */
function analysisDefaultsOf(v: unknown, repairs: string[]): { analysisDefaults?: AnalysisDefaults } {
  if (v === undefined) return {};
  const o = isObject(v) ? v : {};
  const edges = o.edges;
  const ratings = o.ratings;
  const valid =
    isObject(v) &&
    (o.basis === 'due' || o.basis === 'issued') &&
    Array.isArray(edges) &&
    edges.length > 0 &&
    edges.every((e) => typeof e === 'number') &&
    validBucketEdges(edges as number[]) &&
    typeof o.windows === 'number' &&
    Number.isInteger(o.windows) &&
    o.windows >= 1 &&
    o.windows <= MAX_DSO_WINDOWS &&
    isDays(o.termsDays) &&
    (o.termsDays as number) <= MAX_TERMS_DAYS &&
    Array.isArray(ratings) &&
    ratings.length === 3 &&
    validRatingThresholds({ a: ratings[0] as number, b: ratings[1] as number, c: ratings[2] as number });
  if (!valid) {
    repairs.push('analysisDefaults');
    return {};
  }
  const r = ratings as number[];
  return { analysisDefaults: { basis: o.basis as 'due' | 'issued', edges: [...(edges as number[])], windows: o.windows as number, termsDays: o.termsDays as number, ratings: [r[0] as number, r[1] as number, r[2] as number] } };
}

function policyOf(v: unknown): Policy {
  need(isObject(v), 'policy');
  const p = v as Record<string, unknown>;
  need(Array.isArray(p.steps) && p.steps.length > 0, 'policy.steps');
  let previous = -1;
  const steps = (p.steps as unknown[]).map((s, i): PolicyStep => {
    const f = `policy.steps[${i}]`;
    need(isObject(s), f);
    const o = s as Record<string, unknown>;
    need(oneOf(STEPS, o.id), `${f}.id`);
    need(typeof o.name === 'string', `${f}.name`);
    need(isDays(o.daysAfterDue), `${f}.daysAfterDue`);
    need((o.daysAfterDue as number) >= previous, `${f}.daysAfterDue`);
    previous = o.daysAfterDue as number;
    need(oneOf(CHANNELS, o.channel), `${f}.channel`);
    need(isDays(o.minDaysSincePrevious), `${f}.minDaysSincePrevious`);
    need(o.deadlineDays === undefined || isDays(o.deadlineDays), `${f}.deadlineDays`);
    return {
      id: o.id as PolicyStep['id'],
      name: o.name as string,
      daysAfterDue: o.daysAfterDue as number,
      channel: o.channel as Channel,
      template: typeof o.template === 'string' ? o.template : (o.id as string),
      minDaysSincePrevious: o.minDaysSincePrevious as number,
      ...(o.deadlineDays !== undefined ? { deadlineDays: o.deadlineDays as number } : {}),
    };
  });
  const c = p.courtesyDaysBefore;
  need(c === null || c === undefined || (typeof c === 'number' && Number.isInteger(c) && c >= 0 && c <= 60), 'policy.courtesyDaysBefore');
  return { steps, courtesyDaysBefore: (c as number | null | undefined) ?? null };
}

function customerOf(v: unknown, i: number): CustomerSettings {
  const f = `customers[${i}]`;
  need(isObject(v), f);
  const c = v as Record<string, unknown>;
  need(typeof c.customerId === 'string' && c.customerId !== '', `${f}.customerId`);
  need(oneOf(REGIMES, c.regime), `${f}.regime`);
  need(c.contractualRateBp === undefined || (typeof c.contractualRateBp === 'number' && Number.isInteger(c.contractualRateBp) && c.contractualRateBp >= 0 && c.contractualRateBp <= 10000), `${f}.contractualRateBp`);
  need(c.address === undefined || typeof c.address === 'string', `${f}.address`);
  need(c.siren === undefined || typeof c.siren === 'string', `${f}.siren`);
  need(c.termsDays === undefined || isDays(c.termsDays), `${f}.termsDays`);
  return {
    customerId: c.customerId as string,
    regime: c.regime as CustomerSettings['regime'],
    ...(c.contractualRateBp !== undefined ? { contractualRateBp: c.contractualRateBp as number } : {}),
    ...(c.address !== undefined ? { address: c.address as string } : {}),
    ...(c.siren !== undefined ? { siren: c.siren as string } : {}),
    ...(c.termsDays !== undefined ? { termsDays: c.termsDays as number } : {}),
  };
}

/** A status or history entry's common part: an object with an id and the customer it belongs to. */
function entryOf(v: unknown, f: string): Record<string, unknown> {
  need(isObject(v), f);
  const e = v as Record<string, unknown>;
  need(typeof e.id === 'string', `${f}.id`);
  need(typeof e.customerId === 'string' && e.customerId !== '', `${f}.customerId`);
  return e;
}

function statusOf(v: unknown, i: number): StatusEntry {
  const f = `statuses[${i}]`;
  const e = entryOf(v, f);
  need(e.invoiceNumber === null || typeof e.invoiceNumber === 'string', `${f}.invoiceNumber`);
  need(isObject(e.status), `${f}.status`);
  const s = e.status as Record<string, unknown>;
  need(oneOf(STATUS_KINDS, s.kind), `${f}.status.kind`);
  need(isIsoDay(s.since), `${f}.status.since`);
  need(s.note === undefined || typeof s.note === 'string', `${f}.status.note`);
  if (s.kind === 'promise') need(isIsoDay(s.until), `${f}.status.until`);
  if (s.kind === 'collective') {
    need(isIsoDay(s.openingDate), `${f}.status.openingDate`);
    need(isIsoDay(s.bodaccDate), `${f}.status.bodaccDate`);
    need(s.mandataire === undefined || typeof s.mandataire === 'string', `${f}.status.mandataire`);
  }
  if (s.kind === 'plan') {
    need(Array.isArray(s.instalments), `${f}.status.instalments`);
    (s.instalments as unknown[]).forEach((x, j) => {
      const g = `${f}.status.instalments[${j}]`;
      need(isObject(x), g);
      const o = x as Record<string, unknown>;
      need(isIsoDay(o.due), `${g}.due`);
      need(typeof o.amountCents === 'number' && Number.isSafeInteger(o.amountCents) && o.amountCents > 0 && o.amountCents <= MAX_ABS_CENTS, `${g}.amountCents`);
      need(o.paidOn === undefined || isIsoDay(o.paidOn), `${g}.paidOn`);
    });
  }
  return { id: e.id as string, customerId: e.customerId as string, invoiceNumber: e.invoiceNumber as string | null, status: { ...s, note: (s.note as string | undefined) ?? '' } as unknown as StatusEntry['status'] };
}

function bankPaymentOf(v: unknown, i: number): BankPayment {
  const f = `bankPayments[${i}]`;
  const e = entryOf(v, f);
  for (const k of ['invoiceNumber', 'file', 'lineId', 'label', 'reason']) need(typeof e[k] === 'string', `${f}.${k}`);
  need(isIsoDay(e.date), `${f}.date`);
  need(typeof e.amountCents === 'number' && Number.isSafeInteger(e.amountCents) && e.amountCents > 0 && e.amountCents <= MAX_ABS_CENTS, `${f}.amountCents`);
  return { id: e.id as string, customerId: e.customerId as string, invoiceNumber: e.invoiceNumber as string, amountCents: e.amountCents as number, date: e.date as string, file: e.file as string, lineId: e.lineId as string, label: e.label as string, reason: e.reason as string };
}

function historyOf(v: unknown, i: number): HistoryEntry {
  const f = `history[${i}]`;
  const h = entryOf(v, f);
  need(oneOf(LOGGED, h.step), `${f}.step`);
  need(isIsoDay(h.date), `${f}.date`);
  need(oneOf(CHANNELS, h.channel), `${f}.channel`);
  need(h.note === undefined || typeof h.note === 'string', `${f}.note`);
  need(h.lrar === undefined || typeof h.lrar === 'string', `${f}.lrar`);
  need(h.invoices === undefined || (Array.isArray(h.invoices) && h.invoices.every((n) => typeof n === 'string')), `${f}.invoices`);
  need(h.amountCents === undefined || (typeof h.amountCents === 'number' && Number.isSafeInteger(h.amountCents) && Math.abs(h.amountCents) <= MAX_ABS_CENTS), `${f}.amountCents`);
  return {
    id: h.id as string,
    customerId: h.customerId as string,
    step: h.step as HistoryEntry['step'],
    date: h.date as string,
    channel: h.channel as Channel,
    note: (h.note as string | undefined) ?? '',
    ...(h.lrar !== undefined ? { lrar: h.lrar as string } : {}),
    invoices: (h.invoices as string[] | undefined) ?? [],
    amountCents: (h.amountCents as number | undefined) ?? 0,
  };
}

function listOf<T>(v: unknown, field: string, item: (v: unknown, i: number) => T): T[] {
  need(Array.isArray(v), field);
  return (v as unknown[]).map(item);
}

/** A current-version workspace (already migrated), checked element by element. */
export function checkWorkspace(w: Record<string, unknown>): Checked {
  const repairs: string[] = [];
  try {
    keysSafe(w, 'workspace');
    const userMro = w.userMroBp ?? {};
    need(isObject(userMro), 'userMroBp');
    keysSafe(userMro as Record<string, unknown>, 'userMroBp');
    for (const [k, bp] of Object.entries(userMro as Record<string, unknown>)) need(/^\d{4}-S[12]$/.test(k) && typeof bp === 'number' && Number.isInteger(bp) && bp >= -1000 && bp <= 10000, `userMroBp.${k}`);
    let templates: Record<string, TemplateTexts> | undefined;
    if (w.templates !== undefined) {
      need(isObject(w.templates), 'templates');
      keysSafe(w.templates as Record<string, unknown>, 'templates');
      templates = {};
      for (const [k, t] of Object.entries(w.templates as Record<string, unknown>)) {
        need(isObject(t), `templates.${k}`);
        const o = t as Record<string, unknown>;
        for (const part of ['intro', 'extra', 'closing']) need(o[part] === undefined || typeof o[part] === 'string', `templates.${k}.${part}`);
        templates[k] = { ...(typeof o.intro === 'string' ? { intro: o.intro } : {}), ...(typeof o.extra === 'string' ? { extra: o.extra } : {}), ...(typeof o.closing === 'string' ? { closing: o.closing } : {}) };
      }
    }
    need(w.dayCount === undefined || w.dayCount === '365' || w.dayCount === 'actual', 'dayCount');
    const revision = typeof w.revision === 'number' && Number.isSafeInteger(w.revision) && w.revision >= 0 ? w.revision : (repairs.push('revision'), 0);
    const changes = w.changesSinceExport;
    const workspace: Workspace = {
      kind: 'relance-workspace',
      version: 2,
      profile: profileOf(w.profile, repairs),
      // A part left out (a hand-written file) takes its default and is said; a part present but malformed is refused.
      policy: w.policy === undefined ? (repairs.push('policy'), DEFAULT_POLICY) : policyOf(w.policy),
      customers: w.customers === undefined ? (repairs.push('customers'), []) : listOf(w.customers, 'customers', customerOf),
      statuses: w.statuses === undefined ? (repairs.push('statuses'), []) : listOf(w.statuses, 'statuses', statusOf),
      history: w.history === undefined ? (repairs.push('history'), []) : listOf(w.history, 'history', historyOf),
      userMroBp: { ...(userMro as Record<string, number>) },
      ...(w.dayCount !== undefined ? { dayCount: w.dayCount as '365' | 'actual' } : {}),
      ...(typeof changes === 'number' && Number.isSafeInteger(changes) && changes >= 0 ? { changesSinceExport: changes } : {}),
      ...(templates ? { templates } : {}),
      ...(w.bankPayments !== undefined ? { bankPayments: listOf(w.bankPayments, 'bankPayments', bankPaymentOf) } : {}),
      ...analysisDefaultsOf(w.analysisDefaults, repairs),
      revision,
    };
    return { ok: true, workspace, repairs };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, field: e.field };
    throw e;
  }
}
