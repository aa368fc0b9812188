/** Documents a lawyer would sign: the address never cut, the creditor's identity, court packs a judge can check. */
import { describe, expect, it } from 'vitest';
import { addressBlock, buildLetter, emptyWorkspace, refusalOf, type Customer, type Workspace } from '../../../../src/core/index.ts';
import { anInvoice, d, profiledWorkspace } from '../../../support/builders.ts';
import { plainSpaces } from '../../../support/builders.ts';

/** Letters compared on their wording: French no-break spaces read as spaces. */
const plainLetter = (ctx: Parameters<typeof buildLetter>[0]) => plainSpaces(buildLetter(ctx));

const customer: Customer = { id: 'C1', code: 'C1', name: 'Établissements Müller' };

describe('the address block (La Poste: 6 lines of 38 characters)', () => {
  it('keeps the name and the postcode line, shortens street words and drops middle lines first', () => {
    const b = addressBlock('Établissements Müller', ['Service comptabilité fournisseurs', 'Direction financière et juridique', 'Bâtiment B, résidence les Tilleuls', 'Entrée 3, escalier C', '18 boulevard des Belges prolongé jusqu’au quai', '69006 Lyon']);
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.lines.length).toBeLessThanOrEqual(6);
    expect(b.lines[0]).toBe('Établissements Müller');
    expect(b.lines[b.lines.length - 1]).toBe('69006 LYON');
    expect(b.lines).toContain('18 BD DES BELGES PROLONGÉ JUSQU’AU QU');
    for (const l of b.lines) expect(l.length).toBeLessThanOrEqual(38);
    expect(b.dropped).toEqual(['Service comptabilité fournisseurs']);
  });

  it('prints the name once when the address was typed with it on its first line', () => {
    const b = addressBlock('Boulangerie Lefèvre', ['BOULANGERIE LEFEVRE', '1 rue de la Paix', '75002 Paris']);
    expect(b.ok && b.lines).toEqual(['Boulangerie Lefèvre', '1 RUE DE LA PAIX', '75002 PARIS']);
    const other = addressBlock('Boulangerie Lefèvre', ['M. Paul Lefèvre', '1 rue de la Paix', '75002 Paris']);
    expect(other.ok && other.lines[1]).toBe('M PAUL LEFÈVRE');
  });

  it('puts a long company name on two lines, never cutting it', () => {
    const b = addressBlock('Société Coopérative Ouvrière de Production des Ateliers Réunis', ['3 rue du Four', '69002 Lyon']);
    expect(b.ok && b.lines.slice(0, 2)).toEqual(['Société Coopérative Ouvrière de', 'Production des Ateliers Réunis']);
  });

  it.each([
    { what: 'no postcode line', address: ['3 rue du Four', 'Lyon'], reason: 'NoPostcodeLine' },
    { what: 'a town line longer than 38 characters', address: ['3 rue du Four', '69002 LYON CEDEX 02 SERVICE DES GRANDS COMPTES'], reason: 'LineTooLong' },
    { what: 'a street that no abbreviation shortens enough', address: ['12345678901234567890123456789012345678901', '69002 Lyon'], reason: 'LineTooLong' },
  ])('refuses $what', ({ address, reason }) => {
    const b = addressBlock('ACME', address);
    expect(b.ok ? null : b.reason).toBe(reason);
  });

  it('allows a seventh line for the country abroad', () => {
    const b = addressBlock('Müller GmbH', ['Abteilung Buchhaltung', 'Gebäude 2', 'Hof 3', 'Hauptstraße 5', '10115 Berlin', 'Allemagne']);
    expect(b.ok && b.lines).toEqual(['Müller GmbH', 'Abteilung Buchhaltung', 'Gebäude 2', 'Hof 3', 'HAUPTSTRASSE 5', '10115 BERLIN', 'ALLEMAGNE']);
  });
});

describe('no document without its creditor', () => {
  it('refuses a formal notice that lacks the identity and the debtor’s address, and names what is missing', () => {
    const r = refusalOf('mise_en_demeure', 'registered_letter', customer, emptyWorkspace());
    expect(r?.missing).toEqual(['company', 'creditorAddress', 'signatory', 'legalForm', 'siren', 'iban', 'debtorAddress']);
  });

  it('lets a rappel by e-mail go without a postal address', () => {
    expect(refusalOf('rappel', 'email', customer, profiledWorkspace())).toBeNull();
    expect(refusalOf('rappel', 'letter', customer, profiledWorkspace())?.missing).toEqual(['debtorAddress']);
  });

  it('refuses an address the post cannot deliver, naming the line', () => {
    const r = refusalOf('mise_en_demeure', 'registered_letter', customer, profiledWorkspace({ C1: '3 rue du Four\nLyon' }));
    expect(r?.address?.reason).toBe('NoPostcodeLine');
  });
});

const late = anInvoice({ customer: 'C1', number: 'F1', issued: '2025-01-01', due: '2025-01-31', amount: 1000 });

describe('court packs a judge can check', () => {
  const ws = (over: Partial<Workspace> = {}): Workspace => ({ ...profiledWorkspace({ C1: '3 rue du Four\n69002 Lyon' }), ...over });

  it('gives one row per invoice and half-year: base, start date, rate and amount', () => {
    const m = plainLetter({ kind: 'injonction_de_payer', lang: 'fr', customer, invoices: [late], asOf: d('2025-12-31'), workspace: ws() });
    const detail = m.body.find((p) => p.startsWith('Facture F1'));
    expect(detail).toContain('du 01/02/2025 au 30/06/2025 (150 j) sur {amount:100000} à 13,15 %');
    expect(detail).toContain('du 01/07/2025 au 31/12/2025 (184 j) sur {amount:100000} à 12,15 %');
  });

  it('lists in the bordereau only the documents the history holds', () => {
    const none = plainLetter({ kind: 'injonction_de_payer', lang: 'fr', customer, invoices: [late], asOf: d('2025-12-31'), workspace: ws() });
    expect(none.attachments.join(' ')).not.toContain('mise en demeure');
    const withNotice = plainLetter({ kind: 'injonction_de_payer', lang: 'fr', customer, invoices: [late], asOf: d('2025-12-31'), workspace: ws({ history: [{ id: 'h', customerId: 'C1', step: 'mise_en_demeure', date: '2025-11-02', channel: 'registered_letter', note: '', lrar: '1A 2', invoices: ['F1'], amountCents: 100000 }] }) });
    expect(withNotice.attachments).toContain('Pièce 4 : mise en demeure du 02/11/2025 (LRAR n° 1A 2) et sa preuve d’envoi');
  });

  it('offers the small-claims route on the total claimed, interest included', () => {
    const small = anInvoice({ customer: 'C1', number: 'F2', issued: '2024-01-01', due: '2024-01-31', amount: 4900 });
    const m = plainLetter({ kind: 'injonction_de_payer', lang: 'fr', customer, invoices: [small], asOf: d('2025-12-31'), workspace: ws() });
    expect(m.total).toBeGreaterThan(500000);
    expect(m.body.join(' ')).not.toContain('petites créances');
  });

  it('sends a public buyer to the administrative judge, with moratory interest under the Code de la commande publique', () => {
    const m = plainLetter({ kind: 'injonction_de_payer', lang: 'fr', customer, invoices: [late], asOf: d('2025-12-31'), workspace: ws({ customers: [{ customerId: 'C1', regime: 'public', address: '3 rue du Four\n69002 Lyon' }] }) });
    const text = [...m.body, ...m.amounts.map((a) => `${a.label} ${a.basis ?? ''}`)].join(' ');
    expect(text).toContain('Intérêts moratoires');
    expect(text).toContain('R. 2192-31');
    expect(text).toContain('référé-provision');
    expect(text).not.toContain('L. 441-10');
    expect(text).not.toContain('Cerfa n° 12946');
  });
});

describe('rates a letter may state', () => {
  it('raises a contractual rate below the legal floor, and says so', () => {
    const m = plainLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices: [late], asOf: d('2025-12-31'), workspace: { ...profiledWorkspace({ C1: '3 rue du Four\n69002 Lyon' }), customers: [{ customerId: 'C1', regime: 'b2b', contractualRateBp: 300, address: '3 rue du Four\n69002 Lyon' }] } });
    expect(m.amounts.find((a) => a.label.startsWith('Pénalités'))?.label).toContain('taux contractuel de 3,00 % porté au plancher légal');
  });

  it('never states an unpublished rate as fact: "sous réserve", and the half-year listed', () => {
    const m = plainLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices: [late], asOf: d('2026-09-30'), workspace: profiledWorkspace({ C1: '3 rue du Four\n69002 Lyon' }) });
    expect(m.provisionalRates).toEqual(['2026-S2']);
    expect(m.amounts.find((a) => a.label.startsWith('Pénalités'))?.label).toContain('sous réserve de la publication du taux BCE du S2 2026');
  });
});

describe('the déclaration de créance and the échéancier', () => {
  const collective = (bodacc: string): Workspace => ({
    ...profiledWorkspace(),
    statuses: [{ id: 's', customerId: 'C1', invoiceNumber: null, status: { kind: 'collective', since: bodacc, openingDate: '2025-06-10', bodaccDate: bodacc, mandataire: 'Me Durand\n1 rue du Palais\n69005 Lyon', note: '' } }],
  });

  it('after its deadline, says so and offers the relevé de forclusion; closes with "Maître"', () => {
    const m = plainLetter({ kind: 'declaration_de_creance', lang: 'fr', customer, invoices: [late], asOf: d('2025-09-30'), workspace: collective('2025-06-20') });
    expect(m.body[0]).toContain('DÉCLARATION TARDIVE : le délai de déclaration expirait le 20/08/2025');
    expect(m.body[0]).toContain('jusqu’au 20/12/2025');
    expect(m.closing).toBe('Veuillez agréer, Maître, l’expression de nos salutations distinguées.');
    expect(m.body.join(' ')).toContain('au taux de 13,15 % l’an');
  });

  it('flags an invoice paid after the opening judgment', () => {
    const paidAfter = anInvoice({ customer: 'C1', number: 'F9', issued: '2025-03-01', due: '2025-03-31', amount: 500, payments: [{ on: '2025-07-01', amount: 500 }] });
    const m = plainLetter({ kind: 'declaration_de_creance', lang: 'fr', customer, invoices: [late, paidAfter], asOf: d('2025-07-15'), workspace: collective('2025-06-20') });
    expect(m.body.join(' ')).toContain('Les factures F9, ouvertes au jugement d’ouverture, ont été réglées depuis');
  });

  it('échéancier: past instalments due at once, penalties reserved, the signature acknowledges the debt', () => {
    const m = plainLetter({ kind: 'echeancier', lang: 'fr', customer, invoices: [late], asOf: d('2025-12-31'), workspace: profiledWorkspace({ C1: '3 rue du Four\n69002 Lyon' }), instalments: [{ due: d('2025-12-01'), cents: 30000 as never }, { due: d('2026-01-31'), cents: 70000 as never }] });
    expect(m.schedule).toEqual([{ due: 'à réception', cents: 30000 }, { due: '31/01/2026', cents: 70000 }]);
    expect(m.body.join(' ')).toContain('restent dues : nous nous réservons de les réclamer');
    expect(m.body.join(' ')).toContain('reconnaissance interrompt la prescription (art. 2240 du code civil)');
    expect(m.acceptance).toBe('Bon pour accord — date et signature du débiteur :');
  });

  it('a formal notice to a public buyer claims moratory interest under the Code de la commande publique', () => {
    const m = plainLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices: [late], asOf: d('2025-12-31'), workspace: { ...profiledWorkspace(), customers: [{ customerId: 'C1', regime: 'public', address: '3 rue du Four\n69002 Lyon' }] } });
    const text = [...m.body, ...m.amounts.map((a) => `${a.label} ${a.basis ?? ''}`)].join(' ');
    expect(text).toContain('Intérêts moratoires');
    expect(text).toContain('R. 2192-31');
    expect(text).toContain('D. 2192-35');
    expect(text).not.toContain('441-');
  });
});

describe('French typography', () => {
  it('puts no-break spaces inside « », before a colon, inside long dates and SIREN numbers, and joins dates with "et"', () => {
    const w = { ...profiledWorkspace({ C1: '3 rue du Four\n69002 Lyon' }), history: [
      { id: 'a', customerId: 'C1', step: 'rappel' as const, date: '2025-11-02', channel: 'email' as const, note: '', invoices: [], amountCents: 0 },
      { id: 'b', customerId: 'C1', step: 'relance' as const, date: '2025-11-20', channel: 'email' as const, note: '', invoices: [], amountCents: 0 },
    ] };
    const m = buildLetter({ kind: 'mise_en_demeure', lang: 'fr', customer, invoices: [late], asOf: d('2025-12-01'), workspace: w });
    expect(m.intro[0]).toBe('Malgré nos relances des 2\u00a0novembre\u00a02025 et 20\u00a0novembre\u00a02025, les factures suivantes demeurent impayées\u00a0:');
    expect(m.placeAndDate).toBe('Lyon, le 1er\u00a0décembre\u00a02025');
    expect(m.sender.legal).toContain('SIREN 123\u00a0456\u00a0789');
    const penalties = m.amounts.map((a) => `${a.label} (${a.basis ?? ''})`).join(' ');
    expect(penalties).toContain('art.\u00a0L.\u00a0441-10');
    expect(penalties).toMatch(/1\u00a0×\u00a040,00/);
    expect(penalties).not.toMatch(/art\. |L\. \d/);
    const plan = buildLetter({ kind: 'echeancier', lang: 'fr', customer, invoices: [late], asOf: d('2025-12-01'), workspace: w });
    expect(plan.body.join(' ')).toContain('«\u00a0Bon pour accord\u00a0»');
  });
});
