/**
 * Names compared the way a person would: accents, case, punctuation and legal forms ignored, small
 * typos tolerated (letter-pair similarity of each word).
 */

const LEGAL_FORMS = new Set(['SA', 'SAS', 'SASU', 'SARL', 'EURL', 'SCI', 'SNC', 'SCOP', 'SELARL', 'SELAS', 'SCP', 'EI', 'EIRL', 'GIE', 'ASSOCIATION', 'ETS', 'ETABLISSEMENTS', 'STE', 'SOCIETE', 'STÉ', 'CIE', 'ET', 'DE', 'DU', 'DES', 'LA', 'LE', 'LES', 'L', 'D', 'AND', 'THE', 'LTD', 'INC', 'GMBH', 'SRL', 'BV']);

/** Upper-case ASCII words, legal forms and small words left out. */
export function nameWords(name: string): string[] {
  return name
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w.length > 0 && !LEGAL_FORMS.has(w));
}

function pairs(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
  return out;
}

/** Dice coefficient of letter pairs (1 = same word); words of one letter compare equal or not. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const pa = pairs(a);
  const pb = pairs(b);
  const counts = new Map<string, number>();
  for (const p of pa) counts.set(p, (counts.get(p) ?? 0) + 1);
  let common = 0;
  for (const p of pb) {
    const c = counts.get(p) ?? 0;
    if (c > 0) {
      common++;
      counts.set(p, c - 1);
    }
  }
  return (2 * common) / (pa.length + pb.length);
}

/**
 * How much of a customer's name the text holds: the share of the name's words found in the text,
 * each word counting by its best similarity (≥ 0.75, else 0). 1 = every word, spelt the same.
 */
export function nameScore(nameWordsOfCustomer: readonly string[], textWords: readonly string[]): number {
  if (nameWordsOfCustomer.length === 0) return 0;
  let sum = 0;
  for (const w of nameWordsOfCustomer) {
    let best = 0;
    for (const t of textWords) {
      const s = wordSimilarity(w, t);
      if (s > best) best = s;
      if (best === 1) break;
    }
    sum += best >= 0.75 ? best : 0;
  }
  return sum / nameWordsOfCustomer.length;
}
