/**
 * E-invoices written from the specifications' examples (Factur-X 1.0 / EN 16931 CII, UBL 2.1 Invoice
 * and CreditNote), and a Factur-X PDF made here: a one-page PDF with the CII attached as factur-x.xml
 * in the catalog's EmbeddedFiles name tree and its AF array (PDF/A-3's associated file).
 */
export type Doc = {
  number: string;
  kind?: 'invoice' | 'credit';
  issued: string; // YYYYMMDD
  due?: string | undefined; // YYYYMMDD
  sellerName?: string;
  sellerSiren?: string;
  buyerName: string;
  buyerSiren?: string | undefined;
  buyerAddress?: [string, string, string];
  currency?: string;
  ht: string;
  ttc: string;
  prepaid?: string;
  notes?: string[];
  profile?: string;
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function ciiXml(d: Doc): string {
  const [line, postcode, city] = d.buyerAddress ?? ['12 rue des Lilas', '69003', 'Lyon'];
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>${d.profile ?? 'urn:cen.eu:en16931:2017'}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>${esc(d.number)}</ram:ID>
    <ram:TypeCode>${d.kind === 'credit' ? '381' : '380'}</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">${d.issued}</udt:DateTimeString></ram:IssueDateTime>
    ${(d.notes ?? []).map((n) => `<ram:IncludedNote><ram:Content>${esc(n)}</ram:Content><ram:SubjectCode>PMT</ram:SubjectCode></ram:IncludedNote>`).join('')}
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>${esc(d.sellerName ?? 'Atelier Martin')}</ram:Name>
        <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">${d.sellerSiren ?? '123456789'}</ram:ID></ram:SpecifiedLegalOrganization>
        <ram:PostalTradeAddress><ram:PostcodeCode>75011</ram:PostcodeCode><ram:LineOne>3 rue Oberkampf</ram:LineOne><ram:CityName>Paris</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR32123456789</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>${esc(d.buyerName)}</ram:Name>
        ${d.buyerSiren ? `<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">${d.buyerSiren}</ram:ID></ram:SpecifiedLegalOrganization>` : ''}
        <ram:PostalTradeAddress><ram:PostcodeCode>${postcode}</ram:PostcodeCode><ram:LineOne>${esc(line)}</ram:LineOne><ram:CityName>${esc(city)}</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
      </ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>${d.currency ?? 'EUR'}</ram:InvoiceCurrencyCode>
      ${d.due ? `<ram:SpecifiedTradePaymentTerms><ram:Description>Paiement à 30 jours</ram:Description><ram:DueDateDateTime><udt:DateTimeString format="102">${d.due}</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>` : ''}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>${d.ht}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>${d.ht}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="${d.currency ?? 'EUR'}">0.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>${d.ttc}</ram:GrandTotalAmount>
        ${d.prepaid ? `<ram:TotalPrepaidAmount>${d.prepaid}</ram:TotalPrepaidAmount>` : ''}
        <ram:DuePayableAmount>${d.ttc}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;
}

const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

export function ublXml(d: Doc): string {
  const credit = d.kind === 'credit';
  const root = credit ? 'CreditNote' : 'Invoice';
  const [line, postcode, city] = d.buyerAddress ?? ['12 rue des Lilas', '69003', 'Lyon'];
  return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>${d.profile ?? 'urn:cen.eu:en16931:2017'}</cbc:CustomizationID>
  <cbc:ID>${esc(d.number)}</cbc:ID>
  <cbc:IssueDate>${iso(d.issued)}</cbc:IssueDate>
  ${!credit && d.due ? `<cbc:DueDate>${iso(d.due)}</cbc:DueDate>` : ''}
  <cbc:${root}TypeCode>${credit ? '381' : '380'}</cbc:${root}TypeCode>
  ${(d.notes ?? []).map((n) => `<cbc:Note>${esc(n)}</cbc:Note>`).join('')}
  <cbc:DocumentCurrencyCode>${d.currency ?? 'EUR'}</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>${esc(d.sellerName ?? 'Atelier Martin')}</cbc:Name></cac:PartyName>
    <cac:PartyTaxScheme><cbc:CompanyID>FR32123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>${esc(d.sellerName ?? 'Atelier Martin')}</cbc:RegistrationName><cbc:CompanyID schemeID="0002">${d.sellerSiren ?? '123456789'}</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>${esc(d.buyerName)}</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:StreetName>${esc(line)}</cbc:StreetName><cbc:CityName>${esc(city)}</cbc:CityName><cbc:PostalZone>${postcode}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyLegalEntity><cbc:RegistrationName>${esc(d.buyerName)}</cbc:RegistrationName>${d.buyerSiren ? `<cbc:CompanyID schemeID="0002">${d.buyerSiren}</cbc:CompanyID>` : ''}</cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  ${credit && d.due ? `<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>${iso(d.due)}</cbc:PaymentDueDate></cac:PaymentMeans>` : ''}
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="${d.currency ?? 'EUR'}">${d.ht}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="${d.currency ?? 'EUR'}">${d.ht}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="${d.currency ?? 'EUR'}">${d.ttc}</cbc:TaxInclusiveAmount>
    ${d.prepaid ? `<cbc:PrepaidAmount currencyID="${d.currency ?? 'EUR'}">${d.prepaid}</cbc:PrepaidAmount>` : ''}
    <cbc:PayableAmount currencyID="${d.currency ?? 'EUR'}">${d.ttc}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</${root}>`;
}

/** A one-page PDF with `xml` attached as factur-x.xml (or nothing attached when xml is null). */
export function facturXPdf(xml: string | null, name = 'factur-x.xml'): Uint8Array {
  const enc = new TextEncoder();
  const body = xml === null ? null : enc.encode(xml);
  const objects: (string | Uint8Array[])[] = [
    `<< /Type /Catalog /Pages 2 0 R${body ? ` /Names << /EmbeddedFiles << /Names [(${name}) 4 0 R] >> >> /AF [4 0 R]` : ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Type /Filespec /F (${name}) /UF (${name}) /AFRelationship /Alternative /EF << /F 5 0 R >> >>`,
    body ? [enc.encode(`<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length ${body.length} >>\nstream\n`), body, enc.encode('\nendstream')] : '<< >>',
  ];
  const parts: Uint8Array[] = [enc.encode('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const chunk = [enc.encode(`${i + 1} 0 obj\n`), ...(typeof o === 'string' ? [enc.encode(o)] : o), enc.encode('\nendobj\n')];
    for (const c of chunk) {
      parts.push(c);
      offset += c.length;
    }
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((x) => `${String(x).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(enc.encode(xref));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}
