/**
 * The audit report under the same settings as the screen: basis, buckets, DSO windows, typed sales,
 * payment terms and workspace. Several files are consolidated; each keeps its import warnings, and
 * the analysis's own warnings (terms used, figures that cannot mean anything) come with the first.
 */
import { bucketLabels, buildAuditReport, type ReportModel } from '../core/index.ts';
import { describeIssue } from '../i18n/issues.ts';
import { analysisOf } from './dashboard.ts';
import { bucketTitles } from './exports.ts';
import type { Session } from './session.ts';
import { withSettings, type Settings } from './settings.ts';

export function auditReport(session: Session, settings: Settings, computedIn: 'page' | 'cli'): ReportModel | null {
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
  return buildAuditReport(sources, {
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
}
