/** Bank matching in words: why a statement could not be read, and each matching rule. */
import type { Lang } from '../core/index.ts';

const ERRORS: Record<Lang, Record<string, string>> = {
  fr: {
    EmptyFile: 'le fichier est vide.',
    NotAStatement: 'ce fichier n’est pas un relevé bancaire reconnu (CFONB 120, camt.053, OFX, ou un export CSV/Excel avec une date et un montant ou des colonnes débit/crédit).',
    XmlRefused: 'XML refusé ({detail}) : un relevé ne contient ni déclaration de type de document ni entité, et doit être bien formé.',
    StatementUnreadable: 'le relevé n’a pas pu être lu ({detail}).',
    TooLarge: 'le fichier dépasse 100 Mo.',
  },
  en: {
    EmptyFile: 'the file is empty.',
    NotAStatement: 'this file is not a bank statement Relance knows (CFONB 120, camt.053, OFX, or a CSV/Excel export with a date and an amount or debit/credit columns).',
    XmlRefused: 'XML refused ({detail}): a statement has no document type declaration nor entities, and must be well-formed.',
    StatementUnreadable: 'the statement could not be read ({detail}).',
    TooLarge: 'the file is over 100 MB.',
  },
};

export function statementErrorText(error: string, detail: string, lang: Lang): string {
  return (ERRORS[lang][error] ?? error).replace('{detail}', detail);
}

const REASONS: Record<Lang, Record<string, string>> = {
  fr: {
    number: 'numéro de facture dans le libellé, montant exact',
    numbers: 'numéros de factures dans le libellé, somme exacte',
    numberPartial: 'numéro de facture dans le libellé, paiement partiel',
    numberOverpaid: 'numéro de facture dans le libellé, montant supérieur au dû',
    nameAmount: 'client reconnu par son nom, montant d’une facture',
    nameSeveral: 'client reconnu par son nom, somme exacte de ses plus anciennes factures',
    nameSubset: 'client reconnu par son nom, somme exacte de certaines de ses factures (pas les plus anciennes) : à vérifier',
    namePartial: 'client reconnu par son nom, paiement partiel (plus anciennes factures d’abord)',
    amountOnly: 'seule facture ouverte de ce montant (sans nom ni numéro : à vérifier)',
    lifecycle: 'statut « Encaissée » de la plateforme de facturation',
  },
  en: {
    number: 'invoice number in the label, exact amount',
    numbers: 'invoice numbers in the label, exact sum',
    numberPartial: 'invoice number in the label, partial payment',
    numberOverpaid: 'invoice number in the label, more than what is owed',
    nameAmount: 'customer recognised by name, the amount of one invoice',
    nameSeveral: 'customer recognised by name, exact sum of its oldest invoices',
    nameSubset: 'customer recognised by name, exact sum of some of its invoices (not the oldest): to check',
    namePartial: 'customer recognised by name, partial payment (oldest invoices first)',
    amountOnly: 'the only open invoice of that amount (no name, no number: check it)',
    lifecycle: 'the e-invoicing platform’s “Collected” status',
  },
};

export function matchReasonText(reason: string, lang: Lang): string {
  return REASONS[lang][reason] ?? reason;
}

/** A statement reader's refusal reason (written in English by the readers) in the user's language. */
export function refusalReasonText(reason: string, lang: Lang): string {
  if (lang === 'en') return reason;
  const rules: [RegExp, string][] = [
    [/^record of (\d+) characters instead of 120$/, 'enregistrement de $1 caractères au lieu de 120'],
    [/^number of decimals "(.*)" at position 20$/, 'nombre de décimales « $1 » en position 20'],
    [/^balance "(.*)" at positions 91–104$/, 'solde « $1 » en positions 91 à 104'],
    [/^date "(.*)" at positions 35–40$/, 'date « $1 » en positions 35 à 40'],
    [/^amount "(.*)" at positions 91–104$/, 'montant « $1 » en positions 91 à 104'],
    [/^complement \(05\) without a movement \(04\) before it$/, 'complément (05) sans mouvement (04) avant lui'],
    [/^record code "(.*)"$/, 'code d’enregistrement « $1 »'],
    [/^entry (\d+): amount "(.*)"$/, 'écriture $1 : montant « $2 »'],
    [/^entry (\d+): no booking date$/, 'écriture $1 : pas de date de comptabilisation'],
    [/^entry (\d+): amount in (\w+), the account is in (\w+)$/, 'écriture $1 : montant en $2, le compte est en $3'],
    [/^entry (\d+): credit\/debit indicator "(.*)"$/, 'écriture $1 : sens crédit/débit « $2 »'],
    [/^transaction (\d+): amount "(.*)"$/, 'opération $1 : montant « $2 »'],
    [/^transaction (\d+): date "(.*)"$/, 'opération $1 : date « $2 »'],
    [/^row (\d+): date "(.*)"$/, 'ligne $1 : date « $2 »'],
    [/^row (\d+): amount$/, 'ligne $1 : montant illisible'],
  ];
  for (const [re, fr] of rules) if (re.test(reason)) return reason.replace(re, fr);
  return reason;
}
