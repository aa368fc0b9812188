/**
 * ISO 20022 camt.053 (BankToCustomerStatement), any version (.001.02 to .001.08: namespaces are
 * ignored): each `Ntry` becomes a line with its amount and credit/debit indicator, booking and value
 * dates, the bank's reference, and from `NtryDtls/TxDtls` the end-to-end id, the debtor's name and
 * the remittance information (unstructured, and structured creditor references).
 */
import { centsFromDecimalString, dayFromIso, type Cents } from '../../core/index.ts';
import type { BankLine, Statement, StatementRefusal } from '../../core/index.ts';
import { child, children, descendants, parseXml, textAt, type XmlElement } from '../xml.ts';

const dateOf = (el: XmlElement | undefined) => dayFromIso((textAt(el, 'Dt') || textAt(el, 'DtTm')).slice(0, 10));

export function looksLikeCamt(text: string): boolean {
  return /<(\w+:)?BkToCstmrStmt[\s>]/.test(text.slice(0, 4000));
}

export function readCamt(text: string, fileName: string): Statement {
  const doc = parseXml(text);
  const statements = descendants(doc, 'Stmt');
  const lines: BankLine[] = [];
  const refused: StatementRefusal[] = [];
  let account = '';
  let currency = 'EUR';
  let opening: number | null = null;
  let closing: number | null = null;
  let n = 0;
  for (const stmt of statements) {
    account ||= textAt(stmt, 'Acct/Id/IBAN') || textAt(stmt, 'Acct/Id/Othr/Id');
    currency = textAt(stmt, 'Acct/Ccy') || currency;
    for (const bal of children(stmt, 'Bal')) {
      const code = textAt(bal, 'Tp/CdOrPrtry/Cd');
      const amt = centsFromDecimalString(textAt(bal, 'Amt'));
      if (!amt) continue;
      const signed = textAt(bal, 'CdtDbtInd') === 'DBIT' ? -amt.cents : amt.cents;
      if (code === 'OPBD' || code === 'PRCD') opening ??= signed;
      if (code === 'CLBD') closing = signed;
    }
    for (const entry of children(stmt, 'Ntry')) {
      n++;
      const amt = centsFromDecimalString(textAt(entry, 'Amt'));
      const indicator = textAt(entry, 'CdtDbtInd');
      const date = dateOf(child(entry, 'BookgDt')) ?? dateOf(child(entry, 'ValDt'));
      const ccy = child(entry, 'Amt')?.attributes.Ccy ?? currency;
      if (ccy !== currency) {
        refused.push({ row: n, reason: `entry ${n}: amount in ${ccy}, the account is in ${currency}` });
        continue;
      }
      if (!amt || (indicator !== 'CRDT' && indicator !== 'DBIT') || date === null) {
        refused.push({ row: n, reason: !amt ? `entry ${n}: amount "${textAt(entry, 'Amt')}"` : date === null ? `entry ${n}: no booking date` : `entry ${n}: credit/debit indicator "${indicator}"` });
        continue;
      }
      const tx = descendants(entry, 'TxDtls');
      const all = (path: string) => [...new Set(tx.map((t) => textAt(t, path)).filter((s) => s !== ''))].join(' ');
      const structured = tx.flatMap((t) => descendants(t, 'Strd')).map((s) => [textAt(s, 'CdtrRefInf/Ref'), ...children(s, 'AddtlRmtInf').map((a) => a.text.trim())].filter((x) => x !== '').join(' '));
      const unstructured = tx.flatMap((t) => descendants(t, 'Ustrd')).map((u) => u.text.trim());
      const reference = all('Refs/EndToEndId') || textAt(entry, 'AcctSvcrRef');
      lines.push({
        id: textAt(entry, 'AcctSvcrRef') || textAt(entry, 'NtryRef') || `${fileName}#${n}`,
        date,
        valueDate: dateOf(child(entry, 'ValDt')),
        amountCents: (indicator === 'DBIT' ? -amt.cents : amt.cents) as Cents,
        label: textAt(entry, 'AddtlNtryInf'),
        payer: all('RltdPties/Dbtr/Nm') || all('RltdPties/Dbtr/Pty/Nm') || all('RltdPties/UltmtDbtr/Nm'),
        reference: reference === 'NOTPROVIDED' ? '' : reference,
        remittance: [...unstructured, ...structured].join(' ').replace(/\s+/g, ' ').trim(),
        row: n,
      });
    }
  }
  return { format: 'camt053', fileName, account, currency, lines, refused, openingCents: opening as Cents | null, closingCents: closing as Cents | null };
}
