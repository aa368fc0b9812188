/** Display-only formatting (Intl fr-FR / en-GB), the one formatter of money, days and percents: the islands, the PDFs, the exports and the CLI. */
import type { Lang } from '../core/lang.ts';

const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** 1234567 cents → "12 345,67 €" (fr) or "€12,345.67" (en). */
export function formatCents(cents: number, lang: Lang, currency = 'EUR'): string {
  const key = `${lang}:${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    moneyFormats.set(key, f);
  }
  // Exact: split into euros and cents instead of dividing a float.
  const sign = cents < 0 ? -1 : 1;
  const abs = Math.abs(cents);
  return f.format(sign * (Math.floor(abs / 100) + (abs % 100) / 100));
}

const oneDecimalFormats = new Map<Lang, Intl.NumberFormat>();
const intFormats = new Map<Lang, Intl.NumberFormat>();

/** A number format made once per language (making one costs what formatting hundreds does). */
function formatOf(cache: Map<Lang, Intl.NumberFormat>, lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], options);
    cache.set(lang, f);
  }
  return f;
}

/** One decimal: "12,3" (fr), "12.3" (en). */
function oneDecimal(x: number, lang: Lang): string {
  return formatOf(oneDecimalFormats, lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
}

/** One decimal, or a dash-free word when undefined. */
export function formatDays(x: number | null, lang: Lang): string {
  if (x === null || !Number.isFinite(x)) return lang === 'fr' ? 'non défini' : 'undefined';
  const r = Math.sign(x) * (Math.round(Math.abs(x) * 10 + 1e-9) / 10);
  return `${oneDecimal(r, lang)} ${lang === 'fr' ? 'j' : 'd'}`;
}

export function formatPercent(x: number | null, lang: Lang): string {
  if (x === null || !Number.isFinite(x)) return lang === 'fr' ? 'non défini' : 'undefined';
  return `${oneDecimal(Math.round(x * 10) / 10, lang)} %`;
}

const shareFormats = new Map<string, Intl.NumberFormat>();

/** A ratio (0.123) as a percentage: "12,3 %" (fr), "12.3%" (en); display only, never a figure to compute with. */
export function formatShare(ratio: number | null, lang: Lang, digits = 1): string {
  if (ratio === null || !Number.isFinite(ratio)) return lang === 'fr' ? 'non défini' : 'undefined';
  const key = `${lang}:${digits}`;
  let f = shareFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
    shareFormats.set(key, f);
  }
  return f.format(ratio);
}

/** `YYYY-MM-DD` → `dd/mm/yyyy` in both languages (en-GB writes dates day first too). */
export function formatIsoDate(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function formatInt(n: number, lang: Lang): string {
  return formatOf(intFormats, lang, {}).format(n);
}

const monthFormats = new Map<Lang, Intl.DateTimeFormat>();

/** `YYYY-MM` → "sept. 2025" (fr) or "Sept 2025" (en); the calendar month, whatever the time zone. */
export function formatMonth(month: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  let f = monthFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(lang, f);
  }
  return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

const compactFormats = new Map<string, Intl.NumberFormat>();

/** An axis tick, short enough never to overlap its neighbours: "12,3 k €", "1,2 M €" (fr), "€12.3k" (en). Display only. */
export function formatCompactCents(cents: number, lang: Lang, currency = 'EUR'): string {
  const key = `${lang}:${currency}`;
  let f = compactFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
    compactFormats.set(key, f);
  }
  return f.format(cents / 100);
}

/**
 * Every format made once ahead of the first figures: the first number or date format of a page loads
 * the locale's data (about 20 ms for a currency, 10 ms for a month), which the first render would
 * otherwise pay. Called while a file is on its way (dragged over the page, or the picker open).
 */
export function warmFormats(lang: Lang): void {
  formatCents(0, lang);
  formatCompactCents(0, lang);
  formatDays(0, lang);
  formatShare(0, lang);
  formatInt(0, lang);
  formatMonth('2025-01', lang);
}
