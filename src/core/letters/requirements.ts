/**
 * What a document needs before it may leave (issue "documents a lawyer would sign"): the creditor's
 * identity (name, address, signatory; legal form and SIREN for a formal notice, a court pack or a
 * déclaration; the IBAN when the letter asks for payment), and the debtor's postal address when the
 * letter goes by post, in a block the post can deliver (./address.ts). A rappel by e-mail may go
 * without a postal address.
 */
import type { Workspace } from '../dunning/workspace.ts';
import { addressBlock } from './address.ts';
import type { LetterKind } from './letter-model.ts';

export type Missing = 'company' | 'creditorAddress' | 'signatory' | 'legalForm' | 'siren' | 'iban' | 'debtorAddress' | 'mandataire';

export type Refusal = {
  readonly customerId: string;
  readonly name: string;
  readonly kind: LetterKind;
  /** What the profile or the customer's settings lack. */
  readonly missing: readonly Missing[];
  /** The debtor's address is there but cannot fit a window envelope: the line at fault. */
  readonly address?: { readonly reason: string; readonly line?: string };
};

const FORMAL: readonly LetterKind[] = ['mise_en_demeure', 'injonction_de_payer', 'declaration_de_creance'];
const ASKS_PAYMENT: readonly LetterKind[] = ['rappel', 'relance', 'mise_en_demeure', 'echeancier', 'releve'];
const POSTED: readonly LetterKind[] = ['mise_en_demeure', 'injonction_de_payer', 'echeancier', 'releve'];

/** True for the channels that put a letter in the post. */
const byPost = (channel: string | undefined) => channel === 'letter' || channel === 'registered_letter' || channel === 'court';

/** The creditor's fields a document of this kind needs and the profile lacks. */
export function missingFromProfile(kind: LetterKind, workspace: Workspace): Missing[] {
  const p = workspace.profile;
  const out: Missing[] = [];
  if (p.company.trim() === '') out.push('company');
  if (p.address.trim() === '') out.push('creditorAddress');
  if (p.signatory.trim() === '') out.push('signatory');
  if (FORMAL.includes(kind)) {
    if ((p.legalForm ?? '').trim() === '') out.push('legalForm');
    if (!/^\d{9}$/.test(p.siren.replace(/\s/g, ''))) out.push('siren');
  }
  if (ASKS_PAYMENT.includes(kind) && p.iban.replace(/\s/g, '').length < 14) out.push('iban');
  return out;
}

/** Everything that keeps one customer's document from leaving; null when it may. */
export function refusalOf(kind: LetterKind, channel: string | undefined, customer: { readonly id: string; readonly name: string }, workspace: Workspace): Refusal | null {
  const missing = missingFromProfile(kind, workspace);
  let address: Refusal['address'];
  if (kind === 'declaration_de_creance') {
    const collective = workspace.statuses.find((s) => s.customerId === customer.id && s.status.kind === 'collective')?.status;
    if (!collective || collective.kind !== 'collective' || !(collective.mandataire ?? '').trim()) missing.push('mandataire');
  } else {
    const typed = workspace.customers.find((c) => c.customerId === customer.id)?.address ?? '';
    const needsAddress = POSTED.includes(kind) || byPost(channel);
    if (typed.trim() === '') {
      if (needsAddress) missing.push('debtorAddress');
    } else {
      const block = addressBlock(customer.name, typed.split('\n'));
      if (!block.ok) address = { reason: block.reason, ...(block.line !== undefined ? { line: block.line } : {}) };
    }
  }
  return missing.length === 0 && address === undefined ? null : { customerId: customer.id, name: customer.name, kind, missing, ...(address ? { address } : {}) };
}
