/**
 * OFX bank statements: 1.x (SGML: `OFXHEADER:100`, `CHARSET:1252`, end tags often left out) and 2.x
 * (XML). Each `<STMTTRN>` becomes a line: TRNAMT (signed, dot decimal), DTPOSTED and DTUSER
 * (YYYYMMDD…), FITID, NAME and MEMO.
 */
import { centsFromDecimalString, dayFromYmd, type Cents, type Day } from '../../core/index.ts';
import type { BankLine, Statement, StatementRefusal } from '../../core/index.ts';

export function looksLikeOfx(text: string): boolean {
  const head = text.slice(0, 2000);
  return /OFXHEADER\s*[:=]/.test(head) || /<OFX>/i.test(head);
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The value of a tag inside a block: up to the next tag (SGML leaves end tags out). */
function field(block: string, tag: string): string {
  const m = new RegExp(`<${tag}>([^<\\r\\n]*)`, 'i').exec(block);
  return m ? unescape((m[1] as string).trim()) : '';
}

function ofxDate(s: string): Day | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(s);
  return m ? dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function readOfx(text: string, fileName: string): Statement {
  const lines: BankLine[] = [];
  const refused: StatementRefusal[] = [];
  const blocks = text.split(/<STMTTRN>/i).slice(1).map((b) => b.split(/<\/STMTTRN>|<\/BANKTRANLIST>/i)[0] as string);
  blocks.forEach((block, k) => {
    const row = k + 1;
    const amount = centsFromDecimalString(field(block, 'TRNAMT').replace(',', '.'));
    const date = ofxDate(field(block, 'DTPOSTED')) ?? ofxDate(field(block, 'DTUSER'));
    if (!amount || date === null) {
      refused.push({ row, reason: !amount ? `transaction ${row}: amount "${field(block, 'TRNAMT')}"` : `transaction ${row}: date "${field(block, 'DTPOSTED')}"` });
      return;
    }
    const name = field(block, 'NAME');
    const memo = field(block, 'MEMO');
    lines.push({
      id: field(block, 'FITID') || `${fileName}#${row}`,
      date,
      valueDate: ofxDate(field(block, 'DTUSER')),
      amountCents: amount.cents as Cents,
      label: [name, memo].filter((x) => x !== '').join(' '),
      payer: name,
      reference: field(block, 'REFNUM') || field(block, 'CHECKNUM'),
      remittance: memo,
      row,
    });
  });
  const balance = (tag: string) => {
    const m = new RegExp(`<${tag}>[\\s\\S]*?<BALAMT>([^<\\r\\n]*)`, 'i').exec(text);
    const c = m ? centsFromDecimalString((m[1] as string).trim().replace(',', '.')) : null;
    return c ? (c.cents as Cents) : null;
  };
  return { format: 'ofx', fileName, account: field(text, 'ACCTID'), currency: field(text, 'CURDEF') || 'EUR', lines, refused, openingCents: null, closingCents: balance('LEDGERBAL') };
}
