/**
 * The settings the page computes with, as the settings bar edits them: the as-of date, the basis, the
 * bucket edges as typed, the DSO period, the default terms, typed monthly sales and the FEC's
 * receivable accounts. `snapshot()` is the plain object every request to the worker carries (the
 * worker's settingsFrom checks it and names the field it refuses).
 */
import type { Lang } from '../../../i18n/issues.ts';
import type { PageSettings } from '../../../worker/protocol.ts';
import type { AnalysisDefaults } from '../../../core/index.ts';

/** Today on this device's calendar, `YYYY-MM-DD`. */
function todayIso(): string {
  const now = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export class PageSettingsState {
  asOf = $state(todayIso());
  basis: 'due' | 'issued' = $state('due');
  edgesText = $state('30, 60, 90, 120');
  windows = $state(3);
  termsDays = $state(30);
  manualSales: [string, number][] = $state([]);
  fecAccounts = $state('411');
  /** Upper bounds of ratings A, B, C in days, as typed. */
  ratingsText = $state('5, 15, 45');
  readonly lang: Lang;

  constructor(lang: Lang) {
    this.lang = lang;
  }

  /** "30, 60, 90" → [30, 60, 90]: what is not a positive integer is left out. */
  get edges(): number[] {
    return this.edgesText
      .split(/[\s,;]+/)
      .map((s) => Number(s))
      .filter((n) => Number.isInteger(n) && n > 0);
  }

  /** The FEC's receivable accounts as typed ("411, 416"), digits only. */
  get accounts(): string[] {
    return this.fecAccounts.split(/[\s,;]+/).filter((a) => /^\d+$/.test(a));
  }

  /** The rating thresholds when they are three increasing whole numbers of days, else null (defaults apply). */
  get ratings(): number[] | null {
    const r = this.ratingsText.split(/[\s,;/]+/).filter((x) => x !== '').map(Number);
    return r.length === 3 && r.every((x) => Number.isInteger(x) && x >= 0 && x <= 3650) && (r[0] as number) < (r[1] as number) && (r[1] as number) < (r[2] as number) ? r : null;
  }

  /** The settings the user saved as defaults, shown in the settings bar as if typed (the date stays). */
  useDefaults(d: AnalysisDefaults): void {
    this.basis = d.basis;
    this.edgesText = d.edges.join(', ');
    this.windows = d.windows;
    this.termsDays = d.termsDays;
    this.ratingsText = d.ratings.join(', ');
  }

  snapshot(): PageSettings {
    const ratings = this.ratings;
    return { asOf: this.asOf, basis: this.basis, edges: this.edges, windows: this.windows, termsDays: this.termsDays, lang: this.lang, manualSales: this.manualSales.map(([m, c]) => [m, c] as [string, number]), ...(ratings ? { ratings } : {}) };
  }
}
