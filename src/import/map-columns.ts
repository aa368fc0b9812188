/**
 * Header row detection and automatic column mapping from French and English synonyms
 * (formats.md §2). Headers are compared case-insensitively, without accents, spaces and
 * punctuation, so `N° facture`, `Numéro Facture` and `invoice_number` all find their field.
 */
import type { Issue } from '../core/index.ts';
import { cellText, columnLetter, isBlankCell, isDateCell, type Cell, type Sheet } from './grid.ts';

export const FIELDS = [
  'invoiceNumber',
  'customerCode',
  'customerName',
  'issued',
  'due',
  'amount',
  'amountHt',
  'debit',
  'credit',
  'paid',
  'open',
  'paymentDate',
  'matching',
  'currency',
  'status',
  'terms',
  'disputed',
  'channel',
  'account',
  'movementType',
  'appliedTo',
  'label',
] as const;

export type Field = (typeof FIELDS)[number];
/** Field → 0-based column index. */
export type Mapping = Partial<Record<Field, number>>;

export const DATE_FIELDS: readonly Field[] = ['issued', 'due', 'paymentDate'];
export const AMOUNT_FIELDS: readonly Field[] = ['amount', 'amountHt', 'debit', 'credit', 'paid', 'open'];

/** Aliases per field, best first. Keys are normalised with `normalizeHeader`. */
const ALIASES: Record<Field, readonly string[]> = {
  invoiceNumber: [
    'numerofacture', 'nfacture', 'nofacture', 'numfacture', 'numerodefacture', 'reffacture', 'invoicenumber',
    'invoiceno', 'invoicenum', 'documentnumber', 'pieceref', 'npiece', 'nopiece', 'numeropiece', 'numerodepiece',
    'facture', 'invoice', 'piece', 'reference', 'ref', 'numero', 'num', 'docid', 'documentno', 'details', 'invoiceid',
  ],
  customerCode: [
    'codeclient', 'compauxnum', 'codetiers', 'comptetiers', 'compteauxiliaire', 'comptaux', 'compteauxnum',
    'numeroclient', 'nclient', 'refclient', 'idclient', 'clientid', 'customerid', 'customernumber', 'custnumber',
    'customercode', 'accountcode', 'ncompte',
  ],
  customerName: [
    'client', 'nomduclient', 'nomclient', 'raisonsociale', 'compauxlib', 'tiers', 'intitule', 'debiteur',
    'libelletiers', 'customername', 'customer', 'clientname', 'namecustomer', 'contactname', 'name', 'nom',
    'companyname', 'societe',
  ],
  issued: [
    'datefacture', 'datedefacture', 'dateemission', 'datedemission', 'datepiece', 'piecedate', 'datefact',
    'invoicedate', 'dateissued', 'issuedate', 'documentdate', 'invoicedat', 'date', 'transactiondate',
    'postingdate', 'documentcreatedate', 'ecrituredate',
  ],
  due: [
    'dateecheance', 'datedecheance', 'echeance', 'datelimitedereglement', 'datelimitedepaiement', 'datelimite',
    'duedate', 'dueat', 'due', 'dueindate', 'paymentduedate',
  ],
  amount: [
    'montantttc', 'totalttc', 'ttc', 'montantfacture', 'montant', 'total', 'invoiceamount', 'totalamount', 'amount',
    'amountonecolumn', 'grandtotal', 'invoicetotal', 'transactionamountdc',
  ],
  amountHt: ['montantht', 'totalht', 'baseht', 'ht', 'subtotal', 'subtotalamount', 'amountbeforesalestax', 'netamount'],
  debit: ['debit', 'debitamounttwocolumnapproach', 'debitamount', 'montantdebit'],
  credit: ['credit', 'creditamounttwocolumnapproach', 'creditamount', 'montantcredit'],
  paid: [
    'montantpaye', 'montantregle', 'dejaregle', 'dejapaye', 'regle', 'paye', 'encaisse', 'paid', 'amountpaid',
    'amountpaidamount', 'paidamount', 'totalpaid',
  ],
  open: [
    'restedu', 'resteapayer', 'montantrestantdu', 'restantdu', 'montantdu', 'soldedu', 'reste', 'restant', 'solde',
    'encours', 'balancedue', 'balancedueamount', 'balance', 'openbalance', 'openamount', 'totalopenamount',
    'amountdue', 'outstanding', 'outstandingamount',
  ],
  paymentDate: [
    'datedereglement', 'datereglement', 'datedepaiement', 'datepaiement', 'datedencaissement', 'dateencaissement',
    'daterglt', 'datepaid', 'paiddate', 'paymentdate', 'lastpaymentdate', 'settleddate', 'paidat', 'cleardate',
  ],
  matching: ['lettrage', 'codelettrage', 'ecriturelet', 'ecriturelettrage', 'let'],
  currency: ['devise', 'codedevise', 'idevise', 'monnaie', 'currencycode', 'currency', 'invoicecurrency'],
  status: ['statut', 'etat', 'statutfacture', 'status', 'invoicestatus'],
  terms: [
    'conditionsdepaiement', 'conditionsdereglement', 'modalitesdepaiement', 'delaidepaiement', 'delaipaiement',
    'paymentterms', 'paymenttermslabel', 'custpaymentterms', 'terms',
  ],
  disputed: ['litige', 'enlitige', 'contestee', 'disputed', 'dispute', 'indispute'],
  // How the invoice was sent (paper or electronic): the prediction reads it.
  channel: [
    'canaldenvoi', 'canalenvoi', 'modedenvoi', 'modeenvoi', 'modedetransmission', 'canaldetransmission', 'canal', 'envoi',
    'paperlessbill', 'paperless', 'deliverymethod', 'sendingmethod', 'invoicechannel', 'deliverychannel', 'channel',
  ],
  account: ['comptenum', 'comptegeneral', 'accountname', 'generalaccount', 'account'],
  // Movement layouts: one row per invoice, credit note or payment, a column saying which.
  movementType: [
    'typedepiece', 'typepiece', 'typedocument', 'typededocument', 'typedemouvement', 'typemouvement', 'typeoperation',
    'typedoperation', 'naturepiece', 'naturedepiece', 'documenttype', 'transactiontype', 'movementtype', 'type', 'nature', 'sens',
  ],
  appliedTo: [
    'facturereglee', 'facturesreglees', 'factureassociee', 'factureliee', 'facturelettree', 'facturerattachee', 'pourfacture',
    'factureconcernee', 'appliedto', 'appliedtoinvoice', 'appliestoinvoice', 'invoiceapplied', 'paidinvoice', 'relatedinvoice',
    'invoiceref', 'refinvoice',
  ],
  label: ['libelle', 'libelleecriture', 'libellemouvement', 'label', 'description', 'memo', 'commentaire', 'objet', 'narration'],
};

const ALIAS_INDEX = new Map<string, { field: Field; rank: number }[]>();
for (const field of FIELDS) {
  ALIASES[field].forEach((alias, rank) => {
    const list = ALIAS_INDEX.get(alias) ?? [];
    list.push({ field, rank });
    ALIAS_INDEX.set(alias, list);
  });
}

/** Lower-case, no accents, no spaces or punctuation (`N° facture` → `nfacture`). */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]/g, '');
}

export function fieldCandidates(header: string): { field: Field; rank: number }[] {
  return ALIAS_INDEX.get(normalizeHeader(header)) ?? [];
}

/** Maps columns to fields: the best-ranked alias pairs first, one column per field and one field per column. */
export function autoMapping(headers: readonly string[]): Mapping {
  const pairs: { field: Field; column: number; rank: number }[] = [];
  headers.forEach((h, column) => {
    for (const c of fieldCandidates(h)) pairs.push({ field: c.field, column, rank: c.rank });
  });
  pairs.sort((a, b) => a.rank - b.rank || a.column - b.column);
  const mapping: Mapping = {};
  const used = new Set<number>();
  for (const p of pairs) {
    if (mapping[p.field] !== undefined || used.has(p.column)) continue;
    mapping[p.field] = p.column;
    used.add(p.column);
  }
  return mapping;
}

/** A header that speaks of a payment: a date column under it is the payment date (`Paid On`, `Réglé le`). */
const PAYMENT_WORDS = /(paid|paye|regle|reglement|encaiss|settle|received|recu|paiement|payment|cleared)/;
const AMOUNT_WORDS = /(montant|amount|total|somme|sum|ttc|ht|solde|balance)/;

/**
 * Completes a mapping with what the synonyms missed, from the values: a column of dates whose
 * header speaks of payment becomes the payment date, so that payments made after the as-of date are
 * never counted as made. Returns the mapping and the columns it guessed.
 */
/** The columns whose values guessFromValues reads (up to 200 each): a payment word in the title of a column not mapped yet. */
export function valueGuessColumns(headers: readonly string[], mapping: Mapping): number[] {
  if (mapping.paymentDate !== undefined) return [];
  const used = new Set(Object.values(mapping));
  const out: number[] = [];
  for (let c = 0; c < headers.length; c++) {
    const h = normalizeHeader(headers[c] ?? '');
    if (!used.has(c) && PAYMENT_WORDS.test(h) && !AMOUNT_WORDS.test(h)) out.push(c);
  }
  return out;
}

/** The info issue for a payment-date column found from its values (guessFromValues' `guessed`). */
export function paymentDateGuessed(sheet: string, headers: readonly string[], mapping: Mapping, guessed: readonly Field[]): Issue | null {
  if (!guessed.includes('paymentDate') || mapping.paymentDate === undefined) return null;
  return { code: 'PaymentDateGuessed', severity: 'info', sheet, column: `${columnLetter(mapping.paymentDate)} (${headers[mapping.paymentDate] ?? ''})` };
}

export function guessFromValues(headers: readonly string[], mapping: Mapping, rows: readonly (readonly Cell[] | undefined)[], first: number): { mapping: Mapping; guessed: Field[] } {
  const out: Mapping = { ...mapping };
  const guessed: Field[] = [];
  if (out.paymentDate === undefined) {
    for (const c of valueGuessColumns(headers, mapping)) {
      let dates = 0;
      let values = 0;
      for (let r = first; r < rows.length && values < 200; r++) {
        const v = rows[r]?.[c];
        if (v === undefined || isBlankCell(v as Cell)) continue;
        values++;
        if (isDateCell(v as Cell) || (typeof v === 'string' && /^\s*(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-zéû]{3,9}\.? \d{4})/.test(v))) dates++;
      }
      if (values > 0 && dates >= values * 0.8) {
        out.paymentDate = c;
        guessed.push('paymentDate');
        break;
      }
    }
  }
  return { mapping: out, guessed };
}

/** A stable signature of a header row, to remember the user's mapping for files of the same layout. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(normalizeHeader).join('|');
}

const MAX_HEADER_SCAN = 40;

/** Scores a row as a header: known headers weigh most, numbers and dates count against. */
export function headerScore(row: readonly Cell[] | undefined): { score: number; known: number } {
  if (!row) return { score: 0, known: 0 };
  let score = 0;
  let known = 0;
  let text = 0;
  for (const c of row) {
    if (isBlankCell(c)) continue;
    if (typeof c === 'number' || isDateCell(c as Cell)) {
      score -= 2;
      continue;
    }
    const s = cellText(c as Cell).trim();
    if (fieldCandidates(s).length > 0) {
      known++;
      score += 4;
    } else if (s.length < 40 && !/^[\d\s.,/:-]+$/.test(s)) {
      text++;
      score += 1;
    } else {
      score -= 1;
    }
  }
  if (text + known < 2) score = Math.min(score, 0);
  return { score, known };
}

/** Index of the header row: the best-scoring row among the first 40 (title lines above it are skipped). */
export function detectHeaderRow(sheet: Sheet): { index: number; known: number } | null {
  let best: { index: number; known: number; score: number } | null = null;
  const limit = Math.min(sheet.rows.length, MAX_HEADER_SCAN);
  for (let i = 0; i < limit; i++) {
    const { score, known } = headerScore(sheet.rows[i]);
    if (score <= 0) continue;
    if (!best || score > best.score) best = { index: i, known, score };
  }
  if (!best) return null;
  if (best.known < 2) {
    // No synonym matched: accept the first text row only if data follows it.
    const next = sheet.rows[best.index + 1];
    if (!next || next.every((c) => isBlankCell(c))) return null;
  }
  return { index: best.index, known: best.known };
}

/** Header texts of a row, one per column (merged or empty header cells become `Column X`). */
export function headerTexts(row: readonly Cell[] | undefined, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < width; i++) {
    const c = row?.[i];
    out.push(c === undefined || isBlankCell(c) ? '' : cellText(c).trim());
  }
  return out;
}
