/**
 * Bank lines matched to open invoices (issue 17), pure and in one pass over indexes (invoice
 * number → invoices, customer-name words → customers, amount → invoices): no line is compared with
 * every invoice. For each credit line, in date order, the first rule that applies:
 *  1. invoice numbers found in the label, the remittance or the reference, each naming exactly one
 *     open invoice: those invoices (all of the amount when it is their open sum, else a partial
 *     payment of the first, oldest first);
 *  2. the customer named (payer name or label compared with the customers' names, accents, case and
 *     legal forms ignored, small typos tolerated) and one of its open invoices of exactly that amount
 *     (the oldest when several);
 *  3. that customer's oldest invoices whose open amounts add up exactly to the payment;
 *  3b. else the one set of that customer's open invoices, whichever they are, adding up exactly (a
 *     customer paying two invoices out of five): searched among its 24 oldest, at most 6 in the set;
 *     two sets that would do are no answer (rule 4 then), and neither is a search that runs too long;
 *  4. that customer, a partial payment: its invoices oldest first, as far as the money goes;
 *  5. no name, but exactly one open invoice in the ledger of that amount: proposed for review.
 * Every proposal says which rule and how sure it is; nothing is applied here.
 */
import type { Day } from '../day.ts';
import { customerNames, openAt, type Invoice, type Ledger } from '../ledger.ts';
import type { Cents } from '../money.ts';
import { nameScore, nameWords } from './names.ts';
import type { BankLine } from './statement.ts';

export type Allocation = { readonly invoiceKey: string; readonly invoice: string; readonly amountCents: Cents };

export type MatchReason = 'number' | 'numbers' | 'numberPartial' | 'numberOverpaid' | 'nameAmount' | 'nameSeveral' | 'nameSubset' | 'namePartial' | 'amountOnly';

export type Proposal = {
  readonly line: BankLine;
  readonly customerId: string;
  readonly allocations: readonly Allocation[];
  readonly reason: MatchReason;
  /** 0..1: how sure the rule is (≥ the auto-accept threshold only for invoice numbers and exact names with exact amounts). */
  readonly confidence: number;
  /** The customer-name similarity when the name decided (1 = same words). */
  readonly nameScore: number | null;
};

export type MatchResult = {
  readonly proposals: readonly Proposal[];
  /** Credit lines no rule could place. */
  readonly unmatched: readonly BankLine[];
  /** Debit lines (money out): not matched against receivables. */
  readonly debitCount: number;
  /** Lines left out because they were matched and applied before. */
  readonly alreadyApplied: number;
};

/** Name words shared by more customers than this do not nominate candidates (unless no other word does). */
const MAX_POSTING = 64;
const MAX_CANDIDATES = 256;

/** Above this confidence "accept all" applies a proposal without a look. */
export const AUTO_ACCEPT = 0.9;

/** Invoice numbers compared without case, spaces or punctuation: "FA-2025/001" = "fa2025001". */
export function normalizedNumber(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Numbers too short or too plain to be recognised in free text ("12", "2025"). */
function isDistinctive(n: string): boolean {
  return n.length >= 4 && !/^(19|20)\d\d$/.test(n) && (/[A-Z]/.test(n) ? /\d/.test(n) : n.length >= 5);
}

export function matchStatement(ledger: Ledger, asOf: Day, lines: readonly BankLine[], options: { readonly applied?: ReadonlySet<string> } = {}): MatchResult {
  const invoices: Invoice[] = [];
  const open: number[] = [];
  for (const inv of ledger.invoices) {
    if (inv.kind !== 'invoice' || inv.amount <= 0 || (inv.issued !== null && inv.issued > asOf)) continue;
    const o = openAt(inv, asOf);
    if (o <= 0) continue;
    invoices.push(inv);
    open.push(o);
  }
  const dueOf = (k: number) => (invoices[k] as Invoice).due ?? (invoices[k] as Invoice).issued ?? 0;
  const byNumber = new Map<string, number[]>();
  const byCustomer = new Map<string, number[]>();
  const byAmount = new Map<number, number[]>();
  invoices.forEach((inv, k) => {
    const n = normalizedNumber(inv.number);
    if (isDistinctive(n)) {
      let l = byNumber.get(n);
      if (!l) byNumber.set(n, (l = []));
      l.push(k);
    }
    let c = byCustomer.get(inv.customerId);
    if (!c) byCustomer.set(inv.customerId, (c = []));
    c.push(k);
    let a = byAmount.get(open[k] as number);
    if (!a) byAmount.set(open[k] as number, (a = []));
    a.push(k);
  });
  for (const list of byCustomer.values()) list.sort((x, y) => dueOf(x) - dueOf(y) || x - y);
  // Customers' name words, indexed by word and by the word's first four letters (typos come later).
  const names = customerNames(ledger);
  const wordsOf = new Map<string, string[]>();
  const byWord = new Map<string, Set<string>>();
  const index = (key: string, id: string) => {
    let s = byWord.get(key);
    if (!s) byWord.set(key, (s = new Set()));
    s.add(id);
  };
  for (const id of byCustomer.keys()) {
    const words = nameWords(names.get(id) ?? id);
    wordsOf.set(id, words);
    for (const w of words) {
      index(w, id);
      if (w.length >= 4) index(`~${w.slice(0, 4)}`, id);
    }
  }

  const proposals: Proposal[] = [];
  const unmatched: BankLine[] = [];
  let debitCount = 0;
  let alreadyApplied = 0;
  const take = (k: number, cents: number): Allocation => {
    open[k] = (open[k] as number) - cents;
    const inv = invoices[k] as Invoice;
    return { invoiceKey: inv.key, invoice: inv.number, amountCents: cents as Cents };
  };
  const ordered = [...lines].sort((a, b) => a.date - b.date || a.row - b.row);
  for (const line of ordered) {
    if (options.applied?.has(line.id)) {
      alreadyApplied++;
      continue;
    }
    if (line.amountCents <= 0) {
      debitCount++;
      continue;
    }
    const amount = line.amountCents as number;
    const text = `${line.label} ${line.remittance} ${line.reference}`;
    const textWords = nameWords(`${line.payer} ${text}`);
    // The customer the line names, if one stands out.
    let customer: string | null = null;
    let score = 0;
    // Candidates from the line's rarer words only ("BOULANGERIE" names hundreds of customers, "LEFEVRE"
    // a few): the name score is then computed for a handful of customers, never for all of them.
    const postings: Set<string>[] = [];
    for (const w of textWords) {
      const exact = byWord.get(w);
      if (exact) postings.push(exact);
      const prefix = w.length >= 4 ? byWord.get(`~${w.slice(0, 4)}`) : undefined;
      if (prefix && prefix !== exact) postings.push(prefix);
    }
    const candidates = new Set<string>();
    const rare = postings.filter((p) => p.size <= MAX_POSTING);
    for (const p of rare.length > 0 ? rare : postings.sort((a, b) => a.size - b.size).slice(0, 1)) {
      for (const id of p) {
        candidates.add(id);
        if (candidates.size >= MAX_CANDIDATES) break;
      }
    }
    // The best share of its name found; between equal shares, the longer name ("Martin 113" over "Martin").
    let tie = false;
    let weight = 0;
    for (const id of candidates) {
      const words = wordsOf.get(id) ?? [];
      const s = nameScore(words, textWords);
      const w = s * words.length;
      if (s > score + 1e-9 || (Math.abs(s - score) <= 1e-9 && w > weight + 1e-9)) {
        score = s;
        weight = w;
        customer = id;
        tie = false;
      } else if (Math.abs(s - score) <= 1e-9 && Math.abs(w - weight) <= 1e-9 && s > 0) tie = true;
    }
    if (tie || score < 0.75) customer = null;

    // 1. Invoice numbers in the texts.
    const found: number[] = [];
    const tokens = text.split(/[\s,;:()[\]{}'"]+/).filter((t) => t !== '');
    // A number may be written in two pieces ("FA 0042"): each token, and each with the next.
    const pieces = [...tokens, ...tokens.slice(1).map((t, k) => `${tokens[k] as string}${t}`)];
    for (const token of pieces) {
      const n = normalizedNumber(token);
      if (!isDistinctive(n)) continue;
      const hits = (byNumber.get(n) ?? []).filter((k) => (open[k] as number) > 0);
      const chosen = hits.length === 1 ? hits : customer !== null ? hits.filter((k) => (invoices[k] as Invoice).customerId === customer) : [];
      if (chosen.length === 1 && !found.includes(chosen[0] as number)) found.push(chosen[0] as number);
    }
    const owners = new Set(found.map((k) => (invoices[k] as Invoice).customerId));
    if (found.length > 0 && owners.size === 1) {
      found.sort((x, y) => dueOf(x) - dueOf(y) || x - y);
      const total = found.reduce((s, k) => s + (open[k] as number), 0);
      const id = (invoices[found[0] as number] as Invoice).customerId;
      if (total === amount) {
        proposals.push({ line, customerId: id, allocations: found.map((k) => take(k, open[k] as number)), reason: found.length === 1 ? 'number' : 'numbers', confidence: found.length === 1 ? 0.99 : 0.97, nameScore: null });
      } else if (amount < total) {
        proposals.push({ line, customerId: id, allocations: fifo(found, amount, open, take), reason: 'numberPartial', confidence: 0.92, nameScore: null });
      } else {
        proposals.push({ line, customerId: id, allocations: found.map((k) => take(k, open[k] as number)), reason: 'numberOverpaid', confidence: 0.7, nameScore: null });
      }
      continue;
    }

    if (customer !== null) {
      const mine = (byCustomer.get(customer) ?? []).filter((k) => (open[k] as number) > 0);
      const exact = score >= 0.999;
      // 2. One invoice of exactly that amount.
      const same = mine.filter((k) => open[k] === amount);
      if (same.length > 0) {
        proposals.push({ line, customerId: customer, allocations: [take(same[0] as number, amount)], reason: 'nameAmount', confidence: same.length === 1 ? (exact ? 0.93 : 0.85) : 0.8, nameScore: score });
        continue;
      }
      // 3. The oldest invoices adding up exactly.
      let sum = 0;
      let upTo = -1;
      for (let j = 0; j < mine.length && sum < amount; j++) {
        sum += open[mine[j] as number] as number;
        if (sum === amount) upTo = j;
      }
      if (upTo >= 1) {
        proposals.push({ line, customerId: customer, allocations: mine.slice(0, upTo + 1).map((k) => take(k, open[k] as number)), reason: 'nameSeveral', confidence: exact ? 0.9 : 0.8, nameScore: score });
        continue;
      }
      // 3b. The one set of its invoices adding up exactly, whichever they are.
      const subset = exactSubset(mine, amount, open);
      if (subset !== null) {
        proposals.push({ line, customerId: customer, allocations: subset.map((k) => take(k, open[k] as number)), reason: 'nameSubset', confidence: exact ? 0.85 : 0.75, nameScore: score });
        continue;
      }
      // 4. A partial payment, oldest first.
      if (mine.length > 0) {
        proposals.push({ line, customerId: customer, allocations: fifo(mine, amount, open, take), reason: 'namePartial', confidence: 0.6, nameScore: score });
        continue;
      }
    }
    // 5. The only open invoice of that amount in the whole ledger.
    const only = (byAmount.get(amount) ?? []).filter((k) => open[k] === amount);
    if (only.length === 1) {
      const k = only[0] as number;
      proposals.push({ line, customerId: (invoices[k] as Invoice).customerId, allocations: [take(k, amount)], reason: 'amountOnly', confidence: 0.5, nameScore: null });
      continue;
    }
    unmatched.push(line);
  }
  return { proposals, unmatched, debitCount, alreadyApplied };
}

/** Invoices a set may be taken from (a customer's oldest open ones), invoices in a set, and steps of the search. */
const SUBSET_FROM = 24;
const SUBSET_SIZE = 6;
const SUBSET_STEPS = 5_000;

/**
 * The one set of two or more of these invoices (the first SUBSET_FROM, in their order) whose open
 * amounts add up to `amount`, in their order; null when none does, when two sets do (no way to tell
 * which the customer meant), or when the search would take more than SUBSET_STEPS steps.
 */
export function exactSubset(list: readonly number[], amount: number, open: readonly number[]): number[] | null {
  const from = list.slice(0, SUBSET_FROM);
  const n = from.length;
  // What the invoices from i on could add at most: a branch that cannot reach the amount stops.
  const rest = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) rest[i] = (rest[i + 1] as number) + (open[from[i] as number] as number);
  let found: number[] | null = null;
  let count = 0;
  let steps = 0;
  const chosen: number[] = [];
  const search = (i: number, sum: number): boolean => {
    if (++steps > SUBSET_STEPS) return false;
    if (sum === amount) {
      if (chosen.length >= 2) {
        count++;
        found = [...chosen];
      }
      return count < 2;
    }
    if (chosen.length === SUBSET_SIZE || i === n || sum + (rest[i] as number) < amount) return true;
    for (let j = i; j < n; j++) {
      const k = from[j] as number;
      const next = sum + (open[k] as number);
      if (next > amount) continue;
      chosen.push(k);
      const go = search(j + 1, next);
      chosen.pop();
      if (!go) return false;
    }
    return true;
  };
  const complete = search(0, 0);
  return complete && count === 1 ? found : null;
}

/** `amount` spread over the invoices in their order, each up to what it still owes. */
function fifo(list: readonly number[], amount: number, open: readonly number[], take: (k: number, cents: number) => Allocation): Allocation[] {
  const out: Allocation[] = [];
  let left = amount;
  for (const k of list) {
    if (left <= 0) break;
    const part = Math.min(left, open[k] as number);
    if (part > 0) {
      out.push(take(k, part));
      left -= part;
    }
  }
  return out;
}
