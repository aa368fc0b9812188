/**
 * The export tables: the aged balance (the screen's basis and buckets), today's worklist (the
 * screen's claims, credits and penalties) and the open items, as data that output/sheets.ts writes
 * as .xlsx and .csv. Labels are human words in the user's language, not step ids.
 */
import { bucketIndex, customerNames, dayFromIso, daysPastDue, isIssuedBy, openAt, roundTenth, type Day, type Lang, type Ledger } from '../core/index.ts';
import { t, type UiKey } from '../i18n/ui.ts';
import { analysisOf } from './dashboard.ts';
import { withSettings, type Settings } from './settings.ts';
import { worklist } from './worklist.ts';
import { behaviours, forecastOf, invoicePredictions } from './prediction.ts';
import { behaviourText } from '../i18n/behaviour.ts';

export type ExportCell = string | number | { readonly day: Day } | { readonly cents: number } | null;
export type ExportTable = { readonly name: string; readonly head: readonly string[]; readonly rows: readonly (readonly ExportCell[])[] };

/** The aged balance's column titles: "Non échu" only on the due-date basis. */
export function bucketTitles(labels: readonly string[], settings: Pick<Settings, 'basis' | 'lang'>): string[] {
  const fr = settings.lang === 'fr';
  const first = settings.basis === 'due' ? (fr ? 'Non échu' : 'Not due') : fr ? 'Du jour' : 'Same day';
  return labels.map((l) => (l === 'not_due' ? first : `${l.replace(/^>/, '> ')} ${fr ? 'j' : 'd'}`));
}

const KIND: Record<Lang, Record<string, string>> = {
  fr: { invoice: 'Facture', credit: 'Avoir', payment: 'Paiement non affecté' },
  en: { invoice: 'Invoice', credit: 'Credit note', payment: 'Unallocated payment' },
};

export function exportTables(ledger: Ledger, settings: Settings): ExportTable[] {
  const { asOf, lang } = settings;
  const fr = lang === 'fr';
  const applied = withSettings(ledger, settings).ledger;
  const names = customerNames(applied);
  const aging = analysisOf(ledger, settings).aging;
  const titles = bucketTitles(aging.labels, settings);
  const rated = behaviours(applied, settings);
  const ratingOf = (id: string) => rated.get(id)?.rating ?? '';
  const reasonOf = (id: string) => {
    const b = rated.get(id);
    return b ? behaviourText(b, lang) : '';
  };
  const agingTable: ExportTable = {
    name: fr ? 'Balance âgée' : 'Aged balance',
    head: [fr ? 'Code client' : 'Customer code', fr ? 'Client' : 'Customer', ...titles, 'Total', fr ? 'Retard moyen pondéré (j)' : 'Weighted days late', fr ? 'Note' : 'Rating', fr ? 'Comportement de paiement' : 'Payment behaviour'],
    rows: [
      ...aging.customers.map((c) => [c.customerId, names.get(c.customerId) ?? c.customerId, ...c.buckets.map((b) => ({ cents: b })), { cents: c.openCents }, roundTenth(c.weightedDaysLate), ratingOf(c.customerId), reasonOf(c.customerId)]),
      ['TOTAL', '', ...aging.total.buckets.map((b) => ({ cents: b })), { cents: aging.total.openCents }, roundTenth(aging.total.weightedDaysLate), '', ''],
    ],
  };
  const view = worklist(applied, settings);
  const worklistTable: ExportTable = {
    name: fr ? 'Relances' : 'Worklist',
    head: [
      fr ? 'Client' : 'Customer',
      fr ? 'Étape' : 'Step',
      fr ? 'Canal' : 'Channel',
      fr ? 'Factures' : 'Invoices',
      fr ? 'Avoirs déduits' : 'Credits deducted',
      fr ? 'Montant réclamé' : 'Amount claimed',
      fr ? 'Pénalités' : 'Interest',
      fr ? 'Indemnités 40 €' : '€40 indemnities',
      fr ? 'Retard max (j)' : 'Max days late',
      fr ? 'Note' : 'Rating',
      fr ? 'Perte attendue' : 'Expected loss',
    ],
    rows: [...view.actions]
      .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0))
      .map((a) => [a.name, t(lang, `step.${a.step}` as UiKey), t(lang, `channel.${a.channel}` as UiKey), a.invoices.join(', '), { cents: -a.creditsCents }, { cents: a.amountCents }, { cents: a.interestCents }, { cents: a.indemnityCents }, a.maxDaysPastDue, a.rating ?? '', { cents: a.expectedLossCents }]),
  };
  const predicted = invoicePredictions(applied, asOf);
  const detail: ExportTable = {
    name: fr ? 'Détail des pièces' : 'Invoice detail',
    head: [fr ? 'Code client' : 'Customer code', fr ? 'Client' : 'Customer', fr ? 'N° pièce' : 'Number', fr ? 'Type' : 'Kind', 'Date', fr ? 'Échéance' : 'Due', fr ? 'Montant TTC' : 'Amount', fr ? 'Reste dû' : 'Open', fr ? 'Jours' : 'Days', fr ? 'Tranche' : 'Bucket', 'Source', fr ? 'Risque de retard (%)' : 'Risk of late payment (%)', fr ? 'Paiement attendu' : 'Expected payment'],
    rows: applied.invoices.flatMap((inv, i) => {
      if (!isIssuedBy(inv, asOf) || openAt(inv, asOf) === 0) return [];
      const days = daysPastDue(inv, asOf, settings.basis);
      const p = predicted.get(i);
      return [
        [
          inv.customerId,
          names.get(inv.customerId) ?? inv.customerId,
          inv.number,
          KIND[lang][inv.kind] ?? inv.kind,
          inv.issued === null ? null : { day: inv.issued },
          inv.due === null ? null : { day: inv.due },
          { cents: inv.amount },
          { cents: openAt(inv, asOf) },
          days,
          titles[days === null ? 0 : bucketIndex(days, settings.edges)] ?? '',
          `${inv.source.sheet}:${inv.source.row}`,
          p ? roundTenth(p.pLate * 100) : null,
          p ? { day: p.expected } : null,
        ],
      ];
    }),
  };
  const f = forecastOf(applied, settings);
  const forecastTable: ExportTable = {
    name: fr ? 'Prévision' : 'Forecast',
    head: [fr ? 'Semaine du' : 'Week of', fr ? 'Attendu' : 'Expected', fr ? 'Bas' : 'Low', fr ? 'Haut' : 'High'],
    rows: [
      ...f.weeks.map((w) => [{ day: dayFromIso(w.start) as Day }, { cents: w.expectedCents }, { cents: w.lowCents }, { cents: w.highCents }]),
      [fr ? 'Plus tard' : 'Later', { cents: f.laterCents }, null, null],
      [fr ? 'Douteux' : 'Doubtful', { cents: f.doubtfulCents }, null, null],
      ['TOTAL', { cents: f.receivablesCents }, null, null],
    ],
  };
  return [agingTable, worklistTable, detail, forecastTable];
}
