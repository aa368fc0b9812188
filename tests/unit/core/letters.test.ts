import { describe, expect, it } from 'vitest';
import { buildLetter, emptyWorkspace, invoicePenalty, openAt, type Workspace } from '../../../src/core/index.ts';
import { anInvoice, d } from '../../support/builders.ts';
import { plainSpaces } from '../../support/builders.ts';

/** Letters compared on their wording: French no-break spaces read as spaces. */
const plainLetter = (ctx: Parameters<typeof buildLetter>[0]) => plainSpaces(buildLetter(ctx));

const profile = { company: 'Atelier Zoé SARL', siren: '123 456 789', siret: '123 456 789 00012', address: '12 rue de l’Église\n75011 Paris', iban: 'FR76 3000 6000 0112 3456 7890 189', signatory: 'Zoé Lefèvre, gérante', marginPercent: null };
const customer = { id: 'C1', code: 'C1', name: 'Boulangerie Lefèvre' };
const invoices = [
  anInvoice({ customer: 'C1', number: 'F-1', issued: '2026-01-15', due: '2026-02-14', amount: 12000 }),
  anInvoice({ customer: 'C1', number: 'F-2', issued: '2026-01-20', due: '2026-02-19', amount: 345.67, payments: [{ on: '2026-02-25', amount: 100 }] }),
];
const asOf = d('2026-04-20');
const ws = (over: Partial<Workspace> = {}): Workspace => ({ ...emptyWorkspace(), profile, ...over });

describe('buildLetter', () => {
  it('mise en demeure B2B: every mandatory mention, amounts equal to the engine’s', () => {
    const w = ws({ history: [{ id: 'h', customerId: 'C1', step: 'rappel', date: '2026-02-20', channel: 'email', note: '', invoices: [], amountCents: 0 }] });
    const m = plainLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices, asOf, workspace: w, lrar: '1A 234' });
    expect(m.references).toEqual(['LETTRE RECOMMANDÉE AVEC DEMANDE D’AVIS DE RÉCEPTION', 'N° de recommandé : 1A 234', 'Votre code client : C1']);
    expect(m.subject).toBe('MISE EN DEMEURE DE PAYER');
    expect(m.placeAndDate).toBe('Paris, le 20 avril 2026');
    expect(m.sender.legal).toEqual(['SIREN 123 456 789', 'SIRET 123 456 789 00012']);
    const full = plainLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices, asOf, workspace: ws({ profile: { ...profile, legalForm: 'SARL au capital de 10 000 €', rcs: 'RCS Paris', vatNumber: 'FR12123456789' }, customers: [{ customerId: 'C1', regime: 'b2b', siren: '987 654 321' }] }) });
    expect(full.sender.legal).toEqual(['SARL au capital de 10 000 €', 'SIREN 123 456 789', 'SIRET 123 456 789 00012', 'RCS Paris', 'TVA FR12123456789']);
    expect(full.references).toContain('SIREN du débiteur : 987 654 321');
    expect(m.intro[0]).toContain('Malgré notre relance du 20 février 2026');
    const interest = invoices.reduce((s, i) => s + invoicePenalty(i, asOf, w).interestCents, 0);
    const principal = invoices.reduce((s, i) => s + openAt(i, asOf), 0);
    expect(m.amounts.map((a) => a.cents)).toEqual([principal, interest, 8000]);
    expect(m.amounts[1]?.label).toContain('12,15 %');
    expect(m.amounts[1]?.label).toContain('arrêtées au 20 avril 2026');
    expect(m.amounts[1]?.basis).toBe('art. L. 441-10 du code de commerce');
    expect(m.amounts[2]?.basis).toBe('art. D. 441-5 du code de commerce');
    expect(m.total).toBe(principal + interest + 8000);
    expect(m.body.join(' ')).toContain('dans un délai de 8 jours à compter de la réception');
    expect(m.body.join(' ')).toContain('FR76 3000 6000 0112 3456 7890 189');
    expect(m.body.join(' ')).toContain('juridiction compétente');
    expect(m.attachments).toContain('Copies des factures');
    expect(m.signature).toEqual(['Zoé Lefèvre, gérante', 'Atelier Zoé SARL']);
    expect(m.invoices.map((l) => [l.number, l.amount, l.paid, l.balance])).toEqual([
      ['F-1', 1200000, 0, 1200000],
      ['F-2', 34567, 10000, 24567],
    ]);
  });

  it('mise en demeure B2C: principal only, the legal-interest sentence, never the €40', () => {
    const m = plainLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices, asOf, workspace: ws({ customers: [{ customerId: 'C1', regime: 'b2c' }] }) });
    expect(m.amounts).toHaveLength(1);
    expect(m.body.join(' ')).toContain('intérêts au taux légal (art. 1231-6 et 1344-1 du code civil)');
    expect(JSON.stringify(m)).not.toMatch(/40,00|D\. 441-5|L\. 441-10/);
  });

  it('relance B2B recalls the L441-10 penalties and the €40; B2C does not', () => {
    const b2b = plainLetter({ kind: 'relance', lang: 'fr', customer, invoices, asOf, workspace: ws() });
    expect(b2b.body.join(' ')).toMatch(/L\. 441-10.*40 € par facture/);
    const b2c = plainLetter({ kind: 'relance', lang: 'fr', customer, invoices, asOf, workspace: ws({ customers: [{ customerId: 'C1', regime: 'b2c' }] }) });
    expect(b2c.body.join(' ')).not.toMatch(/441/);
  });

  it('rappel asks for the principal only, in English too, and gives a ready e-mail', () => {
    const m = plainLetter({ kind: 'rappel', lang: 'en', customer, invoices, asOf, workspace: ws() });
    expect(m.subject).toBe('Reminder – unpaid invoices (2)');
    expect(m.amounts).toHaveLength(1);
    expect(m.placeAndDate).toBe('Paris, 20 April 2026');
    expect(m.email.body).toContain('€12,245.67');
    expect(m.email.body).toContain('F-1 (15/01/2026), due 14/02/2026');
  });

  it('writes the first of the month as "1er"', () => {
    const m = plainLetter({ kind: 'rappel', lang: 'fr', customer, invoices, asOf: d('2026-05-01'), workspace: ws() });
    expect(m.placeAndDate).toBe('Paris, le 1er mai 2026');
  });
});

describe('other documents', () => {
  it('échéancier: instalments summing to the balance, the acceleration clause', () => {
    const m = plainLetter({ kind: 'echeancier', lang: 'fr', customer, invoices, asOf, workspace: ws() });
    const balance = invoices.reduce((s, i) => s + openAt(i, asOf), 0);
    expect(m.schedule).toHaveLength(3);
    expect(m.schedule.reduce((s, x) => s + x.cents, 0)).toBe(balance);
    expect(m.schedule.map((x) => x.due)).toEqual(['20/05/2026', '20/06/2026', '20/07/2026']);
    expect(m.body.join(' ')).toContain('la totalité du solde redeviendra immédiatement exigible');
  });

  it('déclaration de créance: amounts at the opening judgment, penalties stopped there, bordereau', () => {
    const w = ws({ statuses: [{ id: 's', customerId: 'C1', invoiceNumber: null, status: { kind: 'collective', since: '2026-03-10', openingDate: '2026-03-01', bodaccDate: '2026-03-10', mandataire: 'Me Martin\n1 place du Palais\n75001 Paris', note: '' } }] });
    const m = plainLetter({ kind: 'declaration_de_creance', lang: 'fr', customer, invoices, asOf, workspace: w });
    expect(m.recipient).toEqual(['Me Martin', '1 place du Palais', '75001 Paris']);
    expect(m.intro[0]).toContain('L. 622-24 et L. 622-25');
    const opening = d('2026-03-01');
    const interest = invoices.reduce((s, i) => s + lateInterestAt(i, opening), 0);
    expect(m.amounts.map((a) => a.cents)).toEqual([invoices.reduce((s, i) => s + openAt(i, opening), 0), interest, 8000]);
    expect(m.attachments[0]).toBe('Bordereau des pièces :');
    expect(m.attachments).toContain('Pièce 1 : facture n° F-1 du 15/01/2026');
  });

  it('injonction de payer pack: the court and Cerfa by regime, the breakdown and the bordereau', () => {
    const b2b = plainLetter({ kind: 'injonction_de_payer', lang: 'fr', customer, invoices, asOf, workspace: ws() });
    expect(b2b.body[0]).toContain('tribunal de commerce');
    expect(b2b.body[0]).toContain('Cerfa n° 12946');
    expect(b2b.amounts[1]?.basis).toBe('art. L. 441-10 du code de commerce');
    expect(b2b.references[0]).toContain('NE PAS ENVOYER');
    const b2c = plainLetter({ kind: 'injonction_de_payer', lang: 'fr', customer, invoices, asOf, workspace: ws({ customers: [{ customerId: 'C1', regime: 'b2c' }] }) });
    expect(b2c.body[0]).toContain('Cerfa n° 12948');
  });

  it('uses the customer’s postal address, last line in capitals, and the user’s own wording', () => {
    const w = ws({ customers: [{ customerId: 'C1', regime: 'b2b', address: '3 rue du Four\n69002 Lyon' }], templates: { rappel: { intro: 'Bonjour, petit rappel amical.', closing: 'Bien à vous.' } } });
    const m = plainLetter({ kind: 'rappel', lang: 'fr', customer, invoices, asOf, workspace: w });
    expect(m.recipient).toEqual(['Boulangerie Lefèvre', '3 RUE DU FOUR', '69002 LYON']);
    expect(m.intro).toEqual(['Bonjour, petit rappel amical.']);
    expect(m.closing).toBe('Bien à vous.');
    expect(m.invoices).toHaveLength(2);
  });
});

function lateInterestAt(inv: (typeof invoices)[number], at: ReturnType<typeof d>): number {
  return invoicePenalty(inv, at, ws()).interestCents;
}
