/**
 * Statement readers on files written by hand from the specifications: CFONB 120 (positions of the
 * CFONB's "Relevé de compte" 2004), camt.053.001.02 and .08, OFX 1.x (SGML, CHARSET 1252) and 2.x,
 * and bank CSV exports (the real OCA fixture of ../shared when present); hostile files end in a
 * named error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoOf } from '../../../../src/core/index.ts';
import { cfonbAmount } from '../../../../src/import/bank/cfonb.ts';
import { readStatement } from '../../../../src/import/bank/read-statement.ts';
import { encodeWindows1252 } from '../../../../samples/generate.ts';

/** A CFONB 120 record: fields placed at their 1-based positions, spaces elsewhere. */
export function cfonbRecord(fields: Record<number, string>): string {
  const r = Array.from({ length: 120 }, () => ' ');
  for (const [pos, value] of Object.entries(fields)) for (let k = 0; k < value.length; k++) r[Number(pos) - 1 + k] = value[k] as string;
  return r.join('');
}

/** Cents as positions 91–104: 13 digits and the sign character carrying the last digit. */
export function cfonbAmountField(cents: number): string {
  const abs = Math.abs(cents);
  const digits = String(Math.floor(abs / 10)).padStart(13, '0');
  const last = abs % 10;
  return digits + (cents < 0 || Object.is(cents, -0) ? '}JKLMNOPQR' : '{ABCDEFGHI')[last];
}

const common = (code: string, date: string) => ({ 1: code, 3: '30004', 12: '00123', 17: 'EUR', 20: '2', 22: '00012345678', 35: date });

export const cfonbSample = (): string =>
  [
    cfonbRecord({ ...common('01', '010326'), 91: cfonbAmountField(100000) }),
    cfonbRecord({ ...common('04', '020326'), 8: '0005', 33: '05', 43: '020326', 49: 'VIR SEPA RECU /DE BOULANGERIE LE', 82: '0000001', 91: cfonbAmountField(123456), 105: 'REF0001' }),
    cfonbRecord({ ...common('05', '020326'), 46: 'NPY', 49: 'BOULANGERIE LEFÈVRE SARL' }),
    cfonbRecord({ ...common('05', '020326'), 46: 'RCN', 49: 'FACTURE FA-2026-0042' }),
    cfonbRecord({ ...common('04', '030326'), 33: '01', 43: '030326', 49: 'PRLV URSSAF', 82: '0000002', 91: cfonbAmountField(-50007), 105: 'REF0002' }),
    cfonbRecord({ ...common('07', '030326'), 91: cfonbAmountField(173449) }),
  ].join('\r\n');

describe('CFONB 120', () => {
  it('reads movements, their complements (payer, creditor reference) and the balances at the specification’s positions', () => {
    const r = readStatement(encodeWindows1252(cfonbSample()), 'releve.120');
    if (!r.ok) throw new Error(r.error);
    const s = r.statement;
    expect(s.format).toBe('cfonb120');
    expect(s.account).toBe('00012345678');
    expect(s.openingCents).toBe(100000);
    expect(s.closingCents).toBe(173449);
    expect(s.refused).toEqual([]);
    expect(s.lines).toHaveLength(2);
    const [credit, debit] = s.lines;
    expect(isoOf(credit?.date as never)).toBe('2026-03-02');
    expect(credit?.amountCents).toBe(123456);
    expect(credit?.label).toBe('VIR SEPA RECU /DE BOULANGERIE LE');
    expect(credit?.payer).toBe('BOULANGERIE LEFÈVRE SARL');
    expect(credit?.remittance).toBe('FACTURE FA-2026-0042');
    expect(credit?.reference).toBe('REF0001');
    expect(debit?.amountCents).toBe(-50007);
    // Files without line breaks: records every 120 characters.
    const flat = readStatement(encodeWindows1252(cfonbSample().replace(/\r\n/g, '')), 'flat.120');
    expect(flat.ok && flat.statement.lines.map((l) => l.amountCents)).toEqual([123456, -50007]);
  });

  it('refuses a record it cannot read, naming it, and keeps the others', () => {
    const bad = cfonbSample().split('\r\n');
    bad[4] = (bad[4] as string).slice(0, 90) + '00000000005X0Z' + (bad[4] as string).slice(104);
    const r = readStatement(encodeWindows1252(bad.join('\r\n')), 'bad.120');
    expect(r.ok && r.statement.lines).toHaveLength(1);
    expect(r.ok && r.statement.refused[0]?.row).toBe(5);
    expect(r.ok && r.statement.refused[0]?.reason).toContain('91–104');
  });

  it('decodes the sign character for any amount (property: encode as the specification says, decode)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999_999, max: 99_999_999_999_999 }), (cents) => {
        expect(cfonbAmount(cfonbAmountField(cents), 2)).toBe(cents === 0 ? 0 : cents);
      }),
    );
    expect(cfonbAmount('0000000001234{', 2)).toBe(12340);
    expect(cfonbAmount('0000000001234}', 2)).toBe(-12340);
    expect(cfonbAmount('0000000001234R', 2)).toBe(-12349);
    expect(cfonbAmount('0000000001234I', 0)).toBe(1234900);
  });
});

const camt = (ns: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:${ns}">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-04T08:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S1</Id>
      <Acct><Id><IBAN>FR7630004000031234567890143</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1734.49</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-03</Dt></Dt></Bal>
      <Ntry>
        <Amt Ccy="EUR">1234.56</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt>
        <AcctSvcrRef>BANKREF-1</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>E2E-FA-2026-0042</EndToEndId></Refs>
          <RltdPties><Dbtr><Nm>Boulangerie Lef&#232;vre &amp; Fils</Nm></Dbtr></RltdPties>
          <RmtInf><Ustrd>Facture FA-2026-0042</Ustrd><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls>
        <AddtlNtryInf>VIREMENT SEPA RECU</AddtlNtryInf>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">500.07</Amt><CdtDbtInd>DBIT</CdtDbtInd>
        <BookgDt><DtTm>2026-03-03T10:00:00</DtTm></BookgDt>
        <AcctSvcrRef>BANKREF-2</AcctSvcrRef>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>`;

describe('camt.053', () => {
  for (const ns of ['camt.053.001.02', 'camt.053.001.08']) {
    it(`reads entries, parties and remittance information (${ns})`, () => {
      const r = readStatement(new TextEncoder().encode(camt(ns)), 'stmt.xml');
      if (!r.ok) throw new Error(r.error);
      const s = r.statement;
      expect(s.format).toBe('camt053');
      expect(s.account).toBe('FR7630004000031234567890143');
      expect([s.openingCents, s.closingCents]).toEqual([100000, 173449]);
      expect(s.lines.map((l) => [l.id, isoOf(l.date), l.amountCents])).toEqual([
        ['BANKREF-1', '2026-03-02', 123456],
        ['BANKREF-2', '2026-03-03', -50007],
      ]);
      expect(s.lines[0]?.payer).toBe('Boulangerie Lefèvre & Fils');
      expect(s.lines[0]?.reference).toBe('E2E-FA-2026-0042');
      expect(s.lines[0]?.remittance).toBe('Facture FA-2026-0042 RF18539007547034');
    });
  }

  it('refuses entity expansion and malformed XML with a named error, without expanding anything', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Document><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&lol2;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>`;
    const r = readStatement(new TextEncoder().encode(bomb), 'bomb.xml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe('XmlRefused');
    expect(!r.ok && r.detail).toContain('Doctype');
    const broken = readStatement(new TextEncoder().encode(camt('camt.053.001.02').replace('</Stmt>', '')), 'broken.xml');
    expect(!broken.ok && broken.error).toBe('XmlRefused');
  });
});

describe('OFX', () => {
  it('reads OFX 1.x (SGML, no end tags, CHARSET 1252)', () => {
    const sgml = `OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nCHARSET:1252\r\n\r\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>12345678901<BANKTRANLIST>
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260302<TRNAMT>1234.56<FITID>F1<NAME>BOULANGERIE LEFÈVRE<MEMO>FACTURE FA-2026-0042
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260303120000[+1:CET]<TRNAMT>-500.07<FITID>F2<NAME>URSSAF
</BANKTRANLIST><LEDGERBAL><BALAMT>1734.49<DTASOF>20260303</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    const r = readStatement(encodeWindows1252(sgml), 'releve.ofx');
    if (!r.ok) throw new Error(r.error);
    expect(r.statement.format).toBe('ofx');
    expect(r.statement.lines.map((l) => [l.id, isoOf(l.date), l.amountCents, l.payer, l.remittance])).toEqual([
      ['F1', '2026-03-02', 123456, 'BOULANGERIE LEFÈVRE', 'FACTURE FA-2026-0042'],
      ['F2', '2026-03-03', -50007, 'URSSAF', ''],
    ]);
    expect(r.statement.closingCents).toBe(173449);
  });

  it('reads OFX 2.x (XML)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><?OFX OFXHEADER="200" VERSION="220"?><OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF><BANKTRANLIST><STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20260302</DTPOSTED><TRNAMT>99.90</TRNAMT><FITID>X1</FITID><NAME>Studio Zo&amp;eacute;</NAME><MEMO>FA-1</MEMO></STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    const r = readStatement(new TextEncoder().encode(xml), 'r.ofx');
    expect(r.ok && r.statement.lines.map((l) => [l.id, l.amountCents])).toEqual([['X1', 9990]]);
  });
});

describe('bank CSV exports', () => {
  it('reads a French bank export: preamble, Débit/Crédit with decimal commas, Windows-1252', () => {
    const csv = 'Compte courant n° 12345678901\r\nPériode du 01/03/2026 au 31/03/2026\r\n\r\nDate;Date de valeur;Libellé;Débit;Crédit;Solde\r\n02/03/2026;02/03/2026;VIR SEPA BOULANGERIE LEFÈVRE FA-2026-0042;;1 234,56;2 234,56\r\n03/03/2026;03/03/2026;PRLV URSSAF;500,07;;1 734,49\r\nSolde au 31/03/2026;;;;;1 734,49\r\n';
    const r = readStatement(encodeWindows1252(csv), 'releve.csv');
    if (!r.ok) throw new Error(r.error);
    expect(r.statement.lines.map((l) => [isoOf(l.date), l.amountCents, l.label])).toEqual([
      ['2026-03-02', 123456, 'VIR SEPA BOULANGERIE LEFÈVRE FA-2026-0042'],
      ['2026-03-03', -50007, 'PRLV URSSAF'],
    ]);
    expect(r.statement.refused).toEqual([]);
  });

  it('says when a file is not a statement', () => {
    const r = readStatement(new TextEncoder().encode('a;b;c\n1;2;3\n'), 'x.csv');
    expect(!r.ok && r.error).toBe('NotAStatement');
    expect(readStatement(new Uint8Array(0), 'empty.csv')).toEqual({ ok: false, error: 'EmptyFile', detail: '' });
  });

  const OCA = join(import.meta.dirname, '../../../../../shared/samples/real/statements/oca');
  for (const name of ['meta_data_separated_credit_debit.csv', 'meta_data_separated_credit_debit.xlsx']) {
    it.skipIf(!existsSync(join(OCA, name)))(`reads the real OCA fixture ${name}: header under the metadata, two-digit years, footer left out`, () => {
      const r = readStatement(new Uint8Array(readFileSync(join(OCA, name))), name);
      if (!r.ok) throw new Error(`${r.error} ${r.detail}`);
      expect(r.statement.lines.length).toBeGreaterThan(0);
      for (const l of r.statement.lines) {
        expect(isoOf(l.date) >= '2020-01-01' && isoOf(l.date) <= '2020-12-31').toBe(true);
        expect(Number.isInteger(l.amountCents)).toBe(true);
        expect(l.amountCents).not.toBe(0);
      }
      expect(r.statement.refused).toEqual([]);
    });
  }
});

describe('hostile statements', () => {
  const deep = `<Document>${'<a>'.repeat(5000)}x${'</a>'.repeat(5000)}</Document>`;
  it.each([
    ['binary garbage', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 'NotAStatement'],
    ['a 5,000-level deep XML', new TextEncoder().encode(deep), 'NotAStatement'],
    ['a camt whose entries nest 5,000 levels', new TextEncoder().encode(`<Document><BkToCstmrStmt>${'<Stmt>'.repeat(5000)}</BkToCstmrStmt></Document>`), 'XmlRefused'],
    ['an external entity', new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document><BkToCstmrStmt>&x;</BkToCstmrStmt></Document>'), 'XmlRefused'],
    ['an unknown entity', new TextEncoder().encode('<Document><BkToCstmrStmt><Stmt><Ntry><Amt>&bomb;</Amt></Ntry></Stmt></BkToCstmrStmt></Document>'), 'XmlRefused'],
  ])('%s → %s', (_, bytes, error) => {
    const t = performance.now();
    const r = readStatement(bytes, 'hostile');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe(error);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('a CFONB file cut in the middle of a record keeps the whole records and names the cut one', () => {
    const cut = cfonbSample().replace(/\r\n/g, '').slice(0, 120 * 3 + 50);
    const r = readStatement(encodeWindows1252(cut), 'cut.120');
    expect(r.ok && r.statement.lines).toHaveLength(1);
    expect(r.ok && r.statement.refused).toEqual([{ row: 4, reason: 'record of 50 characters instead of 120' }]);
  });

  it('an OFX without any transaction reads as an empty statement', () => {
    const r = readStatement(new TextEncoder().encode('OFXHEADER:100\nDATA:OFXSGML\n<OFX><BANKMSGSRSV1></BANKMSGSRSV1></OFX>'), 'empty.ofx');
    expect(r.ok && r.statement.lines).toEqual([]);
  });

  it('never throws on arbitrary bytes, text or XML-looking input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.string({ maxLength: 500 }).map((s) => new TextEncoder().encode(`<Document><BkToCstmrStmt>${s}`)), fc.string({ maxLength: 500 }).map((s) => new TextEncoder().encode(`OFXHEADER:100\n<STMTTRN>${s}`))), (bytes) => {
        const r = readStatement(bytes, 'random');
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('the bank CSV mapping', () => {
  const csv = 'Date;Libellé;Client payeur;Montant\r\n02/03/2026;VIREMENT RECU;Garage Martin;980,00\r\n';
  it('reports the columns as read, and reads again with the columns the user chose', () => {
    const first = readStatement(encodeWindows1252(csv), 'r.csv');
    if (!first.ok) throw new Error(first.error);
    expect(first.statement.columns).toEqual({ headerRow: 1, headers: ['Date', 'Libellé', 'Client payeur', 'Montant'], fields: ['date', 'label', null, 'amount'] });
    expect(first.statement.lines[0]?.payer).toBe('');
    const again = readStatement(encodeWindows1252(csv), 'r.csv', ['date', 'label', 'payer', 'amount']);
    expect(again.ok && again.statement.lines[0]?.payer).toBe('Garage Martin');
    expect(again.ok && again.statement.columns?.fields).toEqual(['date', 'label', 'payer', 'amount']);
  });
});

describe('refusals in the user’s language', () => {
  it('every reason the readers write has its French wording', async () => {
    const { refusalReasonText } = await import('../../../../src/i18n/bank.ts');
    const reasons = ['entry 4: amount in USD, the account is in EUR', 'record of 50 characters instead of 120', 'number of decimals "x" at position 20', 'balance "0000000000001X" at positions 91–104', 'date "991399" at positions 35–40', 'amount "00000000005X0Z" at positions 91–104', 'complement (05) without a movement (04) before it', 'record code "09"', 'entry 3: amount "abc"', 'entry 3: no booking date', 'entry 3: credit/debit indicator "X"', 'transaction 2: amount "x"', 'transaction 2: date "x"', 'row 7: date "x"', 'row 7: amount'];
    for (const r of reasons) expect(refusalReasonText(r, 'fr'), r).not.toMatch(/\b(record|amount|entry|row|transaction|without|indicator|booking)\b/);
    expect(refusalReasonText('record of 50 characters instead of 120', 'fr')).toBe('enregistrement de 50 caractères au lieu de 120');
    expect(refusalReasonText('record of 50 characters instead of 120', 'en')).toBe('record of 50 characters instead of 120');
  });
});

describe('camt.053 in another currency', () => {
  it('refuses an entry whose amount is not in the account’s currency, naming it', () => {
    const r = readStatement(new TextEncoder().encode(camt('camt.053.001.02').replace('<Amt Ccy="EUR">500.07</Amt>', '<Amt Ccy="USD">500.07</Amt>')), 'usd.xml');
    expect(r.ok && r.statement.lines.map((l) => l.id)).toEqual(['BANKREF-1']);
    expect(r.ok && r.statement.refused).toEqual([{ row: 2, reason: 'entry 2: amount in USD, the account is in EUR' }]);
  });
});
