/** Why a document may not leave yet, in words (page and CLI), French first. */
import type { LetterKind, Missing, Refusal } from '../core/index.ts';
import type { Lang } from '../core/lang.ts';

const KIND: Record<Lang, Record<LetterKind, string>> = {
  fr: { rappel: 'Le rappel', relance: 'La relance', mise_en_demeure: 'La mise en demeure', echeancier: 'L’échéancier', declaration_de_creance: 'La déclaration de créance', injonction_de_payer: 'Le dossier d’injonction de payer', releve: 'Le relevé de compte' },
  en: { rappel: 'The reminder', relance: 'The second reminder', mise_en_demeure: 'The formal notice', echeancier: 'The payment plan', declaration_de_creance: 'The proof of claim', injonction_de_payer: 'The payment-order pack', releve: 'The statement of account' },
};

export const MISSING: Record<Lang, Record<Missing, string>> = {
  fr: {
    company: 'la raison sociale du créancier',
    creditorAddress: 'l’adresse du créancier',
    signatory: 'le nom du signataire',
    legalForm: 'la forme juridique du créancier',
    siren: 'le SIREN du créancier (9 chiffres)',
    iban: 'l’IBAN du créancier',
    debtorAddress: 'l’adresse postale du débiteur',
    mandataire: 'le nom et l’adresse du mandataire judiciaire',
  },
  en: {
    company: 'the creditor’s company name',
    creditorAddress: 'the creditor’s address',
    signatory: 'the signatory’s name',
    legalForm: 'the creditor’s legal form',
    siren: 'the creditor’s SIREN (9 digits)',
    iban: 'the creditor’s IBAN',
    debtorAddress: 'the debtor’s postal address',
    mandataire: 'the name and address of the mandataire judiciaire',
  },
};

const ADDRESS: Record<Lang, Record<string, string>> = {
  fr: {
    NoPostcodeLine: 'sa dernière ligne doit être le code postal et la ville (par exemple « 69006 LYON »)',
    LineTooLong: 'la ligne « {line} » dépasse 38 caractères et ne peut pas être raccourcie',
    TooManyLines: 'elle dépasse 6 lignes même sans les lignes facultatives',
    NoAddress: 'elle est vide',
  },
  en: {
    NoPostcodeLine: 'its last line must be the postcode and town (e.g. “69006 LYON”)',
    LineTooLong: 'the line “{line}” is longer than 38 characters and cannot be shortened',
    TooManyLines: 'it has more than 6 lines even without the optional ones',
    NoAddress: 'it is empty',
  },
};

/** "La mise en demeure pour « ACME » ne peut pas partir : il manque le SIREN du créancier." (no elision to get wrong before "Hôtel…") */
export function refusalText(r: Refusal, lang: Lang): string {
  const fr = lang === 'fr';
  const parts: string[] = [];
  if (r.missing.length > 0) parts.push(`${fr ? 'il manque' : 'missing'} ${r.missing.map((m) => MISSING[lang][m]).join(', ')}`);
  if (r.address) parts.push(`${fr ? 'l’adresse ne tient pas dans la fenêtre de l’enveloppe : ' : 'the address does not fit the envelope window: '}${(ADDRESS[lang][r.address.reason] ?? r.address.reason).replace('{line}', r.address.line ?? '')}`);
  return fr ? `${KIND.fr[r.kind]} pour « ${r.name} » ne peut pas partir : ${parts.join(' ; ')}.` : `${KIND.en[r.kind]} for ${r.name} cannot go: ${parts.join('; ')}.`;
}
