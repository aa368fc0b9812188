/**
 * E-invoices as the ledger reads them (issue 18): UN/CEFACT CII (Factur-X, ZUGFeRD; profiles MINIMUM
 * to EXTENDED) and UBL 2.1 (Invoice, CreditNote), through the strict XML reader (no DOM, no DOCTYPE,
 * no entities). Each file gives one invoice or credit note with its seller and buyer (name, SIREN,
 * VAT number, address), number, dates, terms, totals and the amount already paid.
 */
import { centsFromDecimalString, dayFromIso, dayFromYmd, type Cents, type Day } from '../../core/index.ts';
import { child, children, parseXml, textAt, type XmlElement } from '../xml.ts';

export type Party = { readonly name: string; readonly siren: string; readonly vat: string; readonly address: readonly string[]; readonly country: string };

export type EInvoice = {
  readonly syntax: 'CII' | 'UBL';
  /** The Factur-X / EN 16931 profile named by the file (MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED), or ''. */
  readonly profile: string;
  readonly kind: 'invoice' | 'credit';
  readonly typeCode: string;
  readonly number: string;
  readonly issued: Day;
  readonly due: Day | null;
  readonly terms: string;
  readonly currency: string;
  /** TTC (grand total); credit notes positive here, negated in the ledger. */
  readonly totalCents: Cents;
  /** HT (tax basis), when given. */
  readonly netCents: Cents | null;
  readonly prepaidCents: Cents;
  readonly seller: Party;
  readonly buyer: Party;
  /** The invoice's free notes (where the late-payment mentions are written). */
  readonly notes: readonly string[];
  /** CII's VAT point date code (BT-8: 5 = invoice date, the VAT-on-debits option; 29 = payment date), or ''. */
  readonly vatPointCode: string;
};

export type EInvoiceError = 'NotAnInvoice' | 'MissingField' | 'XmlRefused';
export type EInvoiceResult = { readonly ok: true; readonly invoice: EInvoice } | { readonly ok: false; readonly error: EInvoiceError; readonly detail: string };

/** True when the text's root element is a CII or UBL invoice or credit note. */
export function looksLikeEInvoice(text: string): boolean {
  return /<(\w+:)?(CrossIndustryInvoice|Invoice|CreditNote)[\s>]/.test(text.slice(0, 4000)) && !/<(\w+:)?BkToCstmrStmt[\s>]/.test(text.slice(0, 4000));
}

const CREDIT_CODES = new Set(['381', '261', '262', '296', '308', '396', '420', '458', '532']);

function profileOf(id: string): string {
  const s = id.toLowerCase();
  if (s.includes('minimum')) return 'MINIMUM';
  if (s.includes('basicwl')) return 'BASIC WL';
  if (s.includes('extended')) return 'EXTENDED';
  if (s.includes('basic')) return 'BASIC';
  if (s.includes('en16931') || s.includes('cen.eu')) return 'EN 16931';
  return id === '' ? '' : id;
}

/** CII dates: DateTimeString format 102 (YYYYMMDD). */
function ciiDate(el: XmlElement | undefined): Day | null {
  const s = textAt(el, 'DateTimeString');
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : dayFromIso(s.slice(0, 10));
}

const amount = (s: string): Cents | null => (s === '' ? null : (centsFromDecimalString(s)?.cents ?? null));

function ciiParty(p: XmlElement | undefined): Party {
  const legal = child(p, 'SpecifiedLegalOrganization/ID');
  const vat = children(p, 'SpecifiedTaxRegistration').map((t) => child(t, 'ID')).find((id) => id?.attributes.schemeID === 'VA');
  const a = child(p, 'PostalTradeAddress');
  const line = (path: string) => textAt(a, path);
  const city = [line('PostcodeCode'), line('CityName')].filter((x) => x !== '').join(' ');
  return {
    name: textAt(p, 'Name'),
    siren: legal && (legal.attributes.schemeID === '0002' || legal.attributes.schemeID === '0009' || legal.attributes.schemeID === undefined) ? legal.text.trim().replace(/\s/g, '').slice(0, 9) : '',
    vat: vat?.text.trim() ?? '',
    address: [line('LineOne'), line('LineTwo'), line('LineThree'), city].filter((x) => x !== ''),
    country: line('CountryID'),
  };
}

function readCii(root: XmlElement): EInvoiceResult {
  const doc = child(root, 'ExchangedDocument');
  const tx = child(root, 'SupplyChainTradeTransaction');
  const agreement = child(tx, 'ApplicableHeaderTradeAgreement');
  const settlement = child(tx, 'ApplicableHeaderTradeSettlement');
  const sums = child(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const number = textAt(doc, 'ID');
  const issued = ciiDate(child(doc, 'IssueDateTime'));
  const total = amount(textAt(sums, 'GrandTotalAmount')) ?? amount(textAt(sums, 'DuePayableAmount'));
  if (number === '' || issued === null || total === null) return { ok: false, error: 'MissingField', detail: number === '' ? 'ExchangedDocument/ID' : issued === null ? 'IssueDateTime' : 'GrandTotalAmount' };
  const terms = children(settlement, 'SpecifiedTradePaymentTerms');
  const typeCode = textAt(doc, 'TypeCode');
  return {
    ok: true,
    invoice: {
      syntax: 'CII',
      profile: profileOf(textAt(root, 'ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID')),
      kind: CREDIT_CODES.has(typeCode) ? 'credit' : 'invoice',
      typeCode,
      number,
      issued,
      due: terms.map((t) => ciiDate(child(t, 'DueDateDateTime'))).find((d) => d !== null) ?? null,
      terms: terms.map((t) => textAt(t, 'Description')).filter((x) => x !== '').join(' '),
      currency: textAt(settlement, 'InvoiceCurrencyCode') || 'EUR',
      totalCents: Math.abs(total) as Cents,
      netCents: amount(textAt(sums, 'TaxBasisTotalAmount')),
      prepaidCents: (amount(textAt(sums, 'TotalPrepaidAmount')) ?? 0) as Cents,
      seller: ciiParty(child(agreement, 'SellerTradeParty')),
      buyer: ciiParty(child(agreement, 'BuyerTradeParty')),
      notes: children(doc, 'IncludedNote').map((n) => textAt(n, 'Content')).filter((x) => x !== ''),
      vatPointCode: children(settlement, 'ApplicableTradeTax').map((t) => textAt(t, 'DueDateTypeCode')).find((x) => x !== '') ?? '',
    },
  };
}

function ublParty(p: XmlElement | undefined): Party {
  const party = child(p, 'Party');
  const legal = child(party, 'PartyLegalEntity');
  const companyId = child(legal, 'CompanyID');
  const a = child(party, 'PostalAddress');
  const line = (path: string) => textAt(a, path);
  const city = [line('PostalZone'), line('CityName')].filter((x) => x !== '').join(' ');
  return {
    name: textAt(party, 'PartyName/Name') || textAt(legal, 'RegistrationName'),
    siren: companyId && (companyId.attributes.schemeID === '0002' || companyId.attributes.schemeID === undefined) ? companyId.text.trim().replace(/\s/g, '').slice(0, 9) : '',
    vat: textAt(party, 'PartyTaxScheme/CompanyID'),
    address: [line('StreetName'), line('AdditionalStreetName'), line('AddressLine/Line'), city].filter((x) => x !== ''),
    country: line('Country/IdentificationCode'),
  };
}

function readUbl(root: XmlElement): EInvoiceResult {
  const isCredit = root.name === 'CreditNote';
  const number = textAt(root, 'ID');
  const issued = dayFromIso(textAt(root, 'IssueDate').slice(0, 10));
  const totals = child(root, 'LegalMonetaryTotal');
  const total = amount(textAt(totals, 'TaxInclusiveAmount')) ?? amount(textAt(totals, 'PayableAmount'));
  if (number === '' || issued === null || total === null) return { ok: false, error: 'MissingField', detail: number === '' ? 'ID' : issued === null ? 'IssueDate' : 'LegalMonetaryTotal/TaxInclusiveAmount' };
  const typeCode = textAt(root, isCredit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode');
  const due = dayFromIso(textAt(root, 'DueDate').slice(0, 10)) ?? children(root, 'PaymentMeans').map((m) => dayFromIso(textAt(m, 'PaymentDueDate').slice(0, 10))).find((d) => d !== null) ?? null;
  return {
    ok: true,
    invoice: {
      syntax: 'UBL',
      profile: profileOf(textAt(root, 'CustomizationID')),
      kind: isCredit || CREDIT_CODES.has(typeCode) ? 'credit' : 'invoice',
      typeCode,
      number,
      issued,
      due,
      terms: children(root, 'PaymentTerms').map((t) => textAt(t, 'Note')).filter((x) => x !== '').join(' '),
      currency: textAt(root, 'DocumentCurrencyCode') || 'EUR',
      totalCents: Math.abs(total) as Cents,
      netCents: amount(textAt(totals, 'TaxExclusiveAmount')),
      prepaidCents: (amount(textAt(totals, 'PrepaidAmount')) ?? 0) as Cents,
      seller: ublParty(child(root, 'AccountingSupplierParty')),
      buyer: ublParty(child(root, 'AccountingCustomerParty')),
      notes: children(root, 'Note').map((n) => n.text.trim()).filter((x) => x !== ''),
      vatPointCode: textAt(root, 'InvoicePeriod/DescriptionCode'),
    },
  };
}

/** One e-invoice from its XML text. */
export function readEInvoiceXml(text: string): EInvoiceResult {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    return { ok: false, error: 'XmlRefused', detail: e instanceof Error ? e.message : String(e) };
  }
  if (root.name === 'CrossIndustryInvoice') return readCii(root);
  if (root.name === 'Invoice' || root.name === 'CreditNote') return readUbl(root);
  return { ok: false, error: 'NotAnInvoice', detail: root.name };
}

/**
 * Every late-payment and reform mention the notes and parties carry, for the compliance check. The
 * category of operation (goods, services, both) and the VAT-on-debits option are looked for in the
 * notes (where French invoicing software writes them) and, for the option, in the VAT point date code;
 * the option matters only for services.
 */
export function mentionsOf(inv: EInvoice): { readonly buyerSiren: boolean; readonly penaltyRate: boolean; readonly indemnity: boolean; readonly category: boolean; readonly vatOnDebits: boolean | null } {
  const notes = inv.notes.join(' ').toLowerCase();
  const services = /prestations?\s+de\s+services|services/.test(notes);
  return {
    category: /livraisons?\s+de\s+biens|prestations?\s+de\s+services|op[ée]ration\s+mixte|biens\s+et\s+services|\b(goods|services)\b/.test(notes),
    vatOnDebits: services ? /d[ée]bits|tax point|\btva\s+sur\s+les\s+encaissements\b/.test(notes) || inv.vatPointCode !== '' : null,
    buyerSiren: inv.buyer.siren !== '' || inv.buyer.country !== '' && inv.buyer.country !== 'FR',
    penaltyRate: /p[ée]nalit[ée]s?\s+de\s+retard|late[- ]payment (interest|penalt)/.test(notes),
    indemnity: /40\s*(€|eur)|indemnit[ée]\s+forfaitaire|fixed (compensation|indemnity)/.test(notes),
  };
}

