/**
 * The audit report under the same settings as the screen: basis, buckets, DSO windows, typed sales,
 * payment terms and workspace. Several files are consolidated; each keeps its import warnings, and
 * the analysis's own warnings (terms used, figures that cannot mean anything) come with the first.
 */
import { bucketLabels, buildAuditReport, customerNames, frenchSpacing, frenchDate, dayFromIso, type Day, type Ledger, type ReportModel, type ReportSection } from '../core/index.ts';
import { aucWords, behaviourText, ratingScaleText, signalsText } from '../i18n/behaviour.ts';
import { behaviours, forecastView } from './prediction.ts';
import { ledgerOf } from './session.ts';
import type { BankView } from './bank.ts';
import { describeIssue } from '../i18n/issues.ts';
import { analysisOf } from './dashboard.ts';
import { bucketTitles } from './exports.ts';
import type { Session } from './session.ts';
import { withSettings, type Settings } from './settings.ts';

export function auditReport(session: Session, settings: Settings, computedIn: 'page' | 'cli', bank: BankView | null = null): ReportModel | null {
  if (!session.hasLedger) return null;
  const fr = settings.lang === 'fr';
  const describe = (i: Parameters<typeof describeIssue>[0]) => describeIssue(i, settings.lang);
  // What the import and the as-of date left out (later payments and invoices) belongs in the data-quality section too.
  const analysisWarnings = analysisOf(session.ledger, settings).warnings.filter((i) => i.severity !== 'info' || i.code === 'PaymentAfterAsOf' || i.code === 'InvoiceAfterAsOf').map(describe);
  const sources = session.sources.map((s, k) => ({
    name: s.name,
    ledger: withSettings(s.ledger, settings).ledger,
    warnings: [...s.issues.filter((i) => i.severity !== 'info').map(describe), ...(k === 0 ? analysisWarnings : [])],
  }));
  const model = buildAuditReport(sources, {
    asOf: settings.asOf,
    workspace: settings.workspace,
    lang: settings.lang,
    basis: settings.basis,
    edges: settings.edges,
    windows: settings.windows,
    ...(settings.manualSales ? { manualSales: settings.manualSales } : {}),
    bucketTitles: bucketTitles(bucketLabels(settings.edges), settings),
    computedIn: computedIn === 'page' ? (fr ? 'dans le navigateur, sans envoi de données' : 'in the browser, with no data sent') : fr ? 'en ligne de commande (relance report)' : 'on the command line (relance report)',
  });
  // Behaviour and forecast come before the data-quality section and the recommendations.
  const ledger = ledgerOf(session, settings);
  const extra = [...predictionSections(ledger, settings), ...reconciliationSection(settings, bank, customerNames(ledger))];
  const at = model.sections.findIndex((x) => x.title === (fr ? 'Qualité des données' : 'Data quality'));
  const sections = [...model.sections];
  sections.splice(at < 0 ? sections.length : at, 0, ...extra);
  // French typography as in the letters: no line starts with a colon or a semicolon.
  return { ...model, sections: fr ? sections.map((x) => ({ ...x, paragraphs: x.paragraphs.map(frenchSpacing) })) : sections };
}

/** The report's payment-behaviour and cash-in forecast sections. */
function predictionSections(ledger: Ledger, settings: Settings): ReportSection[] {
  const fr = settings.lang === 'fr';
  const lang = settings.lang;
  const view = forecastView(ledger, settings);
  const rated = behaviours(ledger, settings);
  const names = customerNames(ledger);
  const num = (x: number, d = 2) => (fr ? x.toFixed(d).replace('.', ',') : x.toFixed(d));
  const watch = view.customers
    .map((c) => ({ ...c, open: c.expectedCents + c.laterCents + c.doubtfulCents }))
    .filter((c) => c.rating === 'C' || c.rating === 'D')
    .sort((a, b) => b.open - a.open)
    .slice(0, 12);
  const bt = view.backtest;
  const backtestText =
    bt.reason !== null || bt.auc === null
      ? fr ? `Fiabilité : l’historique ne suffit pas à juger la prédiction (${bt.trainedOn} factures à l’issue connue avant le ${frenchDate(dayFromIso(bt.cutoff) as Day)}, ${bt.invoices} jugées ensuite) ; aucun chiffre n’est donné.` : `Reliability: the history is not enough to judge the prediction (${bt.trainedOn} invoices with a known outcome before ${frenchDate(dayFromIso(bt.cutoff) as Day)}, ${bt.invoices} judged afterwards); no figure is given.`
      : fr ? `Fiabilité, mesurée sur le passé du fichier (modèle entraîné avant le ${frenchDate(dayFromIso(bt.cutoff) as Day)}, jugé sur les ${bt.invoices} factures suivantes) : AUC ${num(bt.auc)} (${aucWords(bt.auc, lang)})${bt.maeDays !== null ? ` ; erreur moyenne sur la date de paiement ${num(bt.maeDays, 1)} jours, contre ${num(bt.baselineMaeDays ?? 0, 1)} pour « échéance + retard moyen du client »` : ''}.` : `Reliability, measured on the file's past (model trained before ${frenchDate(dayFromIso(bt.cutoff) as Day)}, judged on the next ${bt.invoices} invoices): AUC ${num(bt.auc)} (${aucWords(bt.auc, lang)})${bt.maeDays !== null ? `; mean error on the payment date ${num(bt.maeDays, 1)} days, against ${num(bt.baselineMaeDays ?? 0, 1)} for "due date + the customer's mean delay"` : ''}.`;
  const wb = view.weeklyBacktest;
  const weeklyText = wb.error === null ? null : fr ? `Prévision faite au ${frenchDate(dayFromIso(wb.cutoff) as Day)} comparée aux paiements reçus sur ${wb.weeks.length} semaines : écart de ${num(wb.error * 100, 1)} % des montants, contre ${num((wb.dueDateError ?? 0) * 100, 1)} % en se fiant aux échéances.` : `Forecast made on ${frenchDate(dayFromIso(wb.cutoff) as Day)} against the payments received over ${wb.weeks.length} weeks: ${num(wb.error * 100, 1)}% of the amounts off, against ${num((wb.dueDateError ?? 0) * 100, 1)}% trusting the due dates.`;
  const ratingRows = view.ratings.map((r) => [r.rating === 'none' ? (fr ? 'Sans historique' : 'No history') : r.rating, String(r.customers), { cents: r.openCents }]);
  return [
    {
      title: fr ? 'Comportement de paiement et notes A–D' : 'Payment behaviour and A–D ratings',
      paragraphs: [
        ratingScaleText(settings.ratings, lang),
        ...(watch.length > 0 ? [fr ? 'Clients notés C ou D, par encours :' : 'Customers rated C or D, by balance:', ...watch.map((c) => `${names.get(c.id) ?? c.id} (${c.rating}, {amount:${c.open}}) : ${behaviourText(rated.get(c.id) as Parameters<typeof behaviourText>[0], lang)}.`)] : [fr ? 'Aucun client noté C ou D.' : 'No customer rated C or D.']),
      ],
      table: { head: [fr ? 'Note' : 'Rating', fr ? 'Clients' : 'Customers', fr ? 'Encours' : 'Balance'], rows: ratingRows },
    },
    {
      title: fr ? 'Prévision d’encaissements sur 13 semaines' : '13-week cash-in forecast',
      paragraphs: [
        fr ? `Sur {amount:${view.receivablesCents}} d’encours, {amount:${view.weeks.reduce((s, w) => s + w.expectedCents, 0)}} sont attendus dans les ${view.weeks.length} semaines, {amount:${view.laterCents}} plus tard et {amount:${view.doubtfulCents}} sont douteux (plus de 180 jours de retard, litige ou procédure collective). Les dates attendues viennent de l’historique de paiement de chaque client, calculé dans le fichier lui-même ; promesses et échéanciers enregistrés priment.` : `Of {amount:${view.receivablesCents}} receivables, {amount:${view.weeks.reduce((s, w) => s + w.expectedCents, 0)}} is expected within ${view.weeks.length} weeks, {amount:${view.laterCents}} later and {amount:${view.doubtfulCents}} is doubtful (over 180 days late, disputed or insolvent). Expected dates come from each customer's payment history, computed from the file itself; recorded promises and payment plans come first.`,
        bt.signals.length > 0 ? `${backtestText} ${signalsText(bt.signals, lang)}` : backtestText,
        ...(weeklyText ? [weeklyText] : []),
      ],
      table: {
        head: [fr ? 'Semaine du' : 'Week of', fr ? 'Attendu' : 'Expected', fr ? 'Bas' : 'Low', fr ? 'Haut' : 'High'],
        rows: [
          ...view.weeks.map((w) => [frenchDate(dayFromIso(w.start) as Day), { cents: w.expectedCents }, { cents: w.lowCents }, { cents: w.highCents }]),
          [fr ? 'Plus tard' : 'Later', { cents: view.laterCents }, '', ''],
          [fr ? 'Douteux' : 'Doubtful', { cents: view.doubtfulCents }, '', ''],
          ['Total', { cents: view.receivablesCents }, '', ''],
        ],
      },
      bars: { title: fr ? 'Encaissements attendus par semaine' : 'Expected cash-in per week', labels: view.weeks.map((w) => frenchDate(dayFromIso(w.start) as Day).slice(0, 5)), values: view.weeks.map((w) => w.expectedCents), unit: 'cents' },
    },
  ];
}

/** The bank reconciliation: the statement read (when one is), and the payments applied from statements. */
function reconciliationSection(settings: Settings, bank: BankView | null, names: ReadonlyMap<string, string>): ReportSection[] {
  const fr = settings.lang === 'fr';
  const applied = settings.workspace.bankPayments ?? [];
  const platform = settings.workspace.statuses.filter((e) => e.id.includes('|platform-'));
  if (!bank && applied.length === 0 && platform.length === 0) return [];
  const paragraphs: string[] = [];
  if (bank) {
    paragraphs.push(
      fr
        ? `Relevé ${bank.fileName} : ${bank.linesRead} lignes lues, ${bank.creditCount} encaissements pour {amount:${bank.creditCents}}, ${bank.debitCount} débits ; ${bank.alreadyApplied} lignes déjà rapprochées, ${bank.proposals.length} rapprochements proposés ({amount:${bank.matchedCents}}) et ${bank.unmatched.length} encaissements sans correspondance ({amount:${bank.unmatchedCents}})${bank.refused.length > 0 ? ` ; ${bank.refused.length} lignes illisibles` : ''}.`
        : `Statement ${bank.fileName}: ${bank.linesRead} lines read, ${bank.creditCount} receipts for {amount:${bank.creditCents}}, ${bank.debitCount} debits; ${bank.alreadyApplied} lines already matched, ${bank.proposals.length} matches proposed ({amount:${bank.matchedCents}}) and ${bank.unmatched.length} receipts without a match ({amount:${bank.unmatchedCents}})${bank.refused.length > 0 ? `; ${bank.refused.length} unreadable lines` : ''}.`,
    );
  }
  const total = applied.reduce((s, p) => s + p.amountCents, 0);
  const lines = new Set(applied.map((p) => p.lineId)).size;
  paragraphs.push(
    applied.length === 0
      ? fr ? 'Aucun paiement n’a encore été appliqué depuis un relevé.' : 'No payment has been applied from a statement yet.'
      : fr ? `Paiements appliqués depuis des relevés bancaires (pris en compte dans tous les chiffres de ce rapport, intérêts arrêtés à la date de la banque) : ${lines} lignes, ${applied.length} factures, {amount:${total}}.` : `Payments applied from bank statements (in every figure of this report, interest stopped at the bank's date): ${lines} lines, ${applied.length} invoices, {amount:${total}}.`,
  );
  if (platform.length > 0) {
    const refused = platform.filter((e) => e.status.kind === 'doNotChase').length;
    paragraphs.push(fr ? `Statuts de la plateforme de facturation appliqués : ${refused} factures refusées (hors relance, un avoir est attendu), ${platform.length - refused} en litige ou suspendues ; les factures « Encaissée » figurent parmi les paiements ci-dessous.` : `E-invoicing platform statuses applied: ${refused} invoices refused (out of dunning, a credit note expected), ${platform.length - refused} disputed or suspended; "Collected" invoices are among the payments below.`);
  }
  return [
    {
      title: fr ? 'Rapprochement bancaire' : 'Bank reconciliation',
      paragraphs,
      ...(applied.length > 0
        ? {
            table: {
              head: [fr ? 'Date' : 'Date', fr ? 'Client' : 'Customer', fr ? 'Facture' : 'Invoice', fr ? 'Montant' : 'Amount', fr ? 'Relevé' : 'Statement'],
              rows: applied.slice(-40).map((p) => [frenchDate(dayFromIso(p.date) as Day), names.get(p.customerId) ?? p.customerId, p.invoiceNumber, { cents: p.amountCents }, p.file]),
            },
          }
        : {}),
    },
  ];
}
