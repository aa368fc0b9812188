/**
 * A customer's payment behaviour in words, the reason beside its A–D rating (screen, exports,
 * report): "payé en moyenne 41 jours après l'échéance sur 12 mois (23 factures), en dégradation".
 */
import type { Lang, Signal } from '../core/index.ts';

export type BehaviourWords = {
  readonly rating: string | null;
  readonly settledCount: number;
  readonly window: '12m' | 'all';
  readonly meanDaysLate: number | null;
  readonly lateShare: number | null;
  readonly trend: 'worse' | 'better' | 'stable' | null;
  readonly longestOpenDaysLate: number | null;
  readonly openLateCount: number;
  readonly disputes: number;
  readonly brokenPromises: number;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function behaviourText(b: BehaviourWords, lang: Lang): string {
  const fr = lang === 'fr';
  const parts: string[] = [];
  if (b.meanDaysLate !== null) {
    const d = Math.round(b.meanDaysLate);
    const span = b.window === '12m' ? (fr ? 'sur 12 mois' : 'over 12 months') : fr ? 'sur tout l’historique' : 'over the whole history';
    const count = fr ? plural(b.settledCount, 'facture', 'factures') : plural(b.settledCount, 'invoice', 'invoices');
    const when = d === 0 ? (fr ? 'à l’échéance' : 'on the due date') : d > 0 ? (fr ? `${plural(d, 'jour', 'jours')} après l’échéance` : `${plural(d, 'day', 'days')} after the due date`) : fr ? `${plural(-d, 'jour', 'jours')} avant l’échéance` : `${plural(-d, 'day', 'days')} before the due date`;
    parts.push(fr ? `payé en moyenne ${when} ${span} (${count})` : `paid on average ${when} ${span} (${count})`);
    if (b.lateShare !== null) parts.push(fr ? `${Math.round(b.lateShare * 100)} % en retard` : `${Math.round(b.lateShare * 100)}% late`);
  } else parts.push(fr ? 'aucune facture réglée connue' : 'no settled invoice known');
  if (b.trend === 'worse') parts.push(fr ? 'en dégradation' : 'getting worse');
  else if (b.trend === 'better') parts.push(fr ? 'en amélioration' : 'improving');
  if (b.openLateCount > 0 && b.longestOpenDaysLate !== null) {
    parts.push(fr ? `${plural(b.openLateCount, 'facture ouverte', 'factures ouvertes')} en retard, jusqu’à ${plural(b.longestOpenDaysLate, 'jour', 'jours')}` : `${plural(b.openLateCount, 'open invoice', 'open invoices')} late, up to ${plural(b.longestOpenDaysLate, 'day', 'days')}`);
  }
  if (b.disputes > 0) parts.push(fr ? plural(b.disputes, 'litige', 'litiges') : plural(b.disputes, 'dispute', 'disputes'));
  if (b.brokenPromises > 0) parts.push(fr ? `${plural(b.brokenPromises, 'promesse non tenue', 'promesses non tenues')} (note abaissée d’un cran)` : `${plural(b.brokenPromises, 'broken promise', 'broken promises')} (rating lowered one step)`);
  const text = parts.join(fr ? ' ; ' : '; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The rating scale in words, for legends and the report. */
export function ratingScaleText(t: { a: number; b: number; c: number }, lang: Lang): string {
  return lang === 'fr'
    ? `A : retard moyen pondéré ≤ ${t.a} j ; B : ≤ ${t.b} j ; C : ≤ ${t.c} j ; D : au-delà (12 derniers mois, factures ouvertes en retard comprises ; une promesse non tenue abaisse d’un cran)`
    : `A: weighted mean delay ≤ ${t.a} d; B: ≤ ${t.b} d; C: ≤ ${t.c} d; D: beyond (last 12 months, late open invoices included; a broken promise lowers one step)`;
}

/** What the model read from the file besides the payment history, as one sentence (empty when nothing). */
export function signalsText(signals: readonly Signal[], lang: Lang): string {
  if (signals.length === 0) return '';
  const fr = lang === 'fr';
  const words = signals.map((s) => (s === 'disputes' ? (fr ? 'le litige' : 'the dispute flag') : fr ? 'le canal d’envoi (papier ou facture électronique)' : 'how the invoice was sent (paper or e-invoice)'));
  return fr ? `Outre l’historique de paiement de chaque client, le modèle lit dans le fichier ${words.join(' et ')}.` : `Besides each customer’s payment history, the model reads ${words.join(' and ')} from the file.`;
}

/** What an AUC says, in words a user can act on. */
export function aucWords(auc: number, lang: Lang): string {
  const fr = lang === 'fr';
  if (auc < 0.6) return fr ? 'pas mieux que le hasard sur ce fichier : ne vous fiez pas aux probabilités' : 'no better than chance on this file: do not rely on the probabilities';
  if (auc < 0.7) return fr ? 'faible' : 'weak';
  if (auc < 0.8) return fr ? 'correct' : 'fair';
  if (auc < 0.9) return fr ? 'bon' : 'good';
  return fr ? 'très bon' : 'very good';
}
