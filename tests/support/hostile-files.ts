/** Hostile workbooks written by hand, part by part (fflate), for the unit and end-to-end tests. */
import { strToU8, zipSync } from 'fflate';

const WORKBOOK = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Grand livre" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';

/** A one-sheet workbook: a small ledger (Client, Facture, Échéance, Montant) then `extra` sheet XML. */
export function xlsx(extraRows: string, shared?: string, ledgerRows = true): Uint8Array {
  const head = ledgerRows ? '<row r="1"><c r="A1" t="inlineStr"><is><t>Client</t></is></c><c r="B1" t="inlineStr"><is><t>Facture</t></is></c><c r="C1" t="inlineStr"><is><t>Échéance</t></is></c><c r="D1" t="inlineStr"><is><t>Montant</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>ACME</t></is></c><c r="B2" t="inlineStr"><is><t>F1</t></is></c><c r="C2" t="inlineStr"><is><t>01/12/2025</t></is></c><c r="D2"><v>100</v></c></row>' : '';
  const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${head}${extraRows}</sheetData></worksheet>`;
  return zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    'xl/workbook.xml': strToU8(WORKBOOK),
    'xl/_rels/workbook.xml.rels': strToU8(RELS),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    ...(shared !== undefined ? { 'xl/sharedStrings.xml': strToU8(shared) } : {}),
  });
}

/** Changes the central directory of a ZIP in place (offsets of the end record and of the first entry). */
export function patchZip(bytes: Uint8Array, patch: (view: DataView, eocd: number, firstEntry: (name: string) => number) => void): Uint8Array {
  const b = new Uint8Array(bytes);
  const view = new DataView(b.buffer);
  let eocd = b.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const entryOf = (name: string): number => {
    let offset = view.getUint32(eocd + 16, true);
    while (view.getUint32(offset, true) === 0x02014b50) {
      const n = view.getUint16(offset + 28, true);
      if (new TextDecoder().decode(b.subarray(offset + 46, offset + 46 + n)) === name) return offset;
      offset += 46 + n + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    }
    throw new Error(`no ${name}`);
  };
  patch(view, eocd, entryOf);
  return b;
}
