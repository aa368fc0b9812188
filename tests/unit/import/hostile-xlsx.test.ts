/**
 * Tiny .xlsx files that used to exhaust memory or time (a red-team pass): each now ends in a result or
 * a named message within seconds. The workbooks are written here by hand, part by part.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/import/import-file.ts';
import { describeIssue } from '../../../src/i18n/issues.ts';
import { patchZip, xlsx } from '../../support/hostile-files.ts';

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

describe('hostile .xlsx files end in a named message, quickly', () => {
  it.each([
    { what: 'one cell at column ZZZZZZ', bytes: () => xlsx('<row r="3"><c r="ZZZZZZ3"><v>1</v></c></row>'), code: 'CellOutOfRange', ref: 'ZZZZZZ3' },
    { what: 'a row numbered 2,000,000,000', bytes: () => xlsx('<row r="2000000000"><c><v>1</v></c></row>'), code: 'CellOutOfRange', ref: '2000000000' },
    { what: 'a cell one column past XFD', bytes: () => xlsx('<row r="3"><c r="XFE3"><v>1</v></c></row>'), code: 'CellOutOfRange', ref: 'XFE3' },
  ])('$what → $code', ({ bytes, code, ref }) => {
    const { value, ms } = timed(() => importFile(bytes(), { fileName: 'x.xlsx' }));
    expect(value.report.fatal).toBe(code);
    const issue = value.report.issues.find((i) => i.code === code);
    expect(issue && describeIssue(issue, 'fr')).toContain(ref);
    expect(ms).toBeLessThan(5_000);
  });

  it('a cell at XFD on each of 100,000 rows is read without keeping the empty columns', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `<row r="${i + 3}"><c r="XFD${i + 3}"><v>1</v></c></row>`).join('');
    const { value, ms } = timed(() => importFile(xlsx(rows), { fileName: 'wide.xlsx' }));
    expect(value.report.fatal).toBeNull();
    expect(value.report.issues.some((i) => i.code === 'TooManyColumns')).toBe(true);
    expect(value.ledger.invoices.map((i) => i.number)).toEqual(['F1']);
    expect(ms).toBeLessThan(10_000);
  });

  it.each([
    { what: 'unclosed <si> tags', shared: `<sst>${'<si><t>aaaa'.repeat(700)}</sst>` },
    { what: 'unclosed <t> tags', shared: `<sst><si>${'<t>aaaa'.repeat(700)}</si></sst>` },
    { what: 'a code point beyond U+10FFFF', shared: '<sst><si><t>ACME&#x110000;&#99999999999;</t></si></sst>' },
  ])('shared strings with $what are read in linear time', ({ shared }) => {
    const { value, ms } = timed(() => importFile(xlsx('<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="inlineStr"><is><t>F2&#x110000;</t></is></c><c r="C3" t="inlineStr"><is><t>01/12/2025</t></is></c><c r="D3"><v>5</v></c></row>', shared), { fileName: 's.xlsx' }));
    expect(typeof value.report.fatal === 'string' || value.report.fatal === null).toBe(true);
    expect(value.report.issues.every((i) => !/Invalid code point/.test(JSON.stringify(i)))).toBe(true);
    expect(value.ledger.invoices.find((i) => i.number.startsWith('F2'))?.number).toBe('F2\ufffd');
    expect(ms).toBeLessThan(2_000);
  });

  it('a ZIP whose two entry counts differ is refused before anything inflates', () => {
    const bytes = patchZip(xlsx(''), (view, eocd) => view.setUint16(eocd + 8, view.getUint16(eocd + 8, true) + 3, true));
    expect(importFile(bytes, { fileName: 'z.xlsx' }).report.fatal).toBe('CorruptFile');
  });

  it('a part declaring 900 MB (a string no engine can hold) is refused as too large', () => {
    const bytes = patchZip(xlsx('', '<sst><si><t>x</t></si></sst>'), (view, _eocd, entry) => view.setUint32(entry('xl/sharedStrings.xml') + 24, 900 * 1024 * 1024, true));
    expect(importFile(bytes, { fileName: 'z.xlsx' }).report.fatal).toBe('FileTooLarge');
  });
});

describe('text files that are not quite what they seem', () => {
  const csv = 'Client;Facture;Échéance;Montant\nACME;F1;01/12/2025;100,00\n';
  it.each([
    { what: 'UTF-16LE without a BOM', bytes: () => new Uint8Array(Buffer.from(csv, 'utf16le')) },
    { what: 'UTF-16BE without a BOM', bytes: () => new Uint8Array(Buffer.from(csv, 'utf16le').swap16()) },
    { what: 'one NUL byte in a line', bytes: () => new Uint8Array(Buffer.from(csv.replace('ACME', 'AC\0ME'), 'utf8')) },
  ])('reads $what', ({ bytes }) => {
    const { report, ledger } = importFile(bytes(), { fileName: 'x.csv' });
    expect(report.fatal).toBeNull();
    expect(ledger.invoices.map((i) => [i.customerId, i.amount])).toEqual([['ACME', 10000]]);
  });
});
