/**
 * LetterModel → PDF with jsPDF and jspdf-autotable (both loaded only when letters are made).
 * A4, French business-letter layout: sender top left and recipient in the right-hand window of DL/C5
 * envelopes (x 110 mm, y 55 mm, 85 × 33 mm), or the sender top right beside a left-hand (DIN) window,
 * as the sender's envelope setting says (core/letters/envelope.ts; `renderTestSheet` prints the page
 * that checks it); place and date, references and subject, the invoice
 * table continuing on the next pages, amounts with their legal basis, signature, attachments, and
 * the sender's legal mentions with page numbers in the footer of every page. DejaVu Sans is
 * embedded so that é, œ, €, « » and the narrow no-break space of fr-FR numbers print as such.
 */
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import type { LetterLayout, LetterModel, TestSheetModel } from '../../core/index.ts';
import { formatCents } from '../../format/format.ts';

export type FontBytes = { readonly regular: Uint8Array; readonly bold: Uint8Array };
export type RenderOptions = {
  readonly duplex?: boolean;
  /** Called after each letter drawn (progress of a long batch). */
  readonly onLetter?: (done: number, total: number) => void;
};

export const FONT = 'DejaVuSans';
const LEFT = 20;
const RIGHT = 190;
const WIDTH = RIGHT - LEFT;
/** The last baseline of the body: 7 mm above the footer (at 283 mm). */
const BOTTOM = 276;

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A font's base64 text, made once per font (a run of per-customer PDFs reuses it). */
const base64Of = new WeakMap<Uint8Array, string>();
function encoded(bytes: Uint8Array): string {
  let text = base64Of.get(bytes);
  if (text === undefined) base64Of.set(bytes, (text = base64(bytes)));
  return text;
}

/** Documents made with jsPDF's built-in Helvetica: the benchmark's floor only (it cannot print œ, € or U+202F). */
const standardFontDocs = new WeakSet<jsPDF>();

/** The font family a document writes with. */
export function family(doc: jsPDF): string {
  return standardFontDocs.has(doc) ? 'helvetica' : FONT;
}

/** An A4 document in millimetres with DejaVu Sans (regular and bold) embedded and selected. */
export function newDocument(fonts: FontBytes | 'standard'): jsPDF {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  if (fonts === 'standard') {
    standardFontDocs.add(doc);
    doc.setFont('helvetica', 'normal');
    return doc;
  }
  doc.addFileToVFS('DejaVuSans.ttf', encoded(fonts.regular));
  doc.addFont('DejaVuSans.ttf', FONT, 'normal');
  doc.addFileToVFS('DejaVuSans-Bold.ttf', encoded(fonts.bold));
  doc.addFont('DejaVuSans-Bold.ttf', FONT, 'bold');
  doc.setFont(FONT, 'normal');
  return doc;
}

/** Replaces `{amount:N}` (cents) in a text by the formatted amount. */
export function withAmounts(text: string, model: { readonly lang: 'fr' | 'en'; readonly currency: string }): string {
  return text.replace(/\{amount:(-?\d+)\}/g, (_, c: string) => formatCents(Number(c), model.lang, model.currency));
}

/** Renders the letters into one PDF, each starting on a new page (on an odd page with `duplex`). */
export function renderLetters(models: readonly LetterModel[], fonts: FontBytes | 'standard', options: RenderOptions = {}): ArrayBuffer {
  const doc = newDocument(fonts);
  const ranges: { model: LetterModel; first: number; last: number }[] = [];
  models.forEach((model, i) => {
    if (i > 0) {
      doc.addPage();
      if (options.duplex && doc.getNumberOfPages() % 2 === 0) doc.addPage();
    }
    const first = doc.getNumberOfPages();
    drawLetter(doc, model);
    ranges.push({ model, first, last: doc.getNumberOfPages() });
    options.onLetter?.(i + 1, models.length);
  });
  for (const r of ranges) {
    const count = r.last - r.first + 1;
    for (let p = r.first; p <= r.last; p++) {
      doc.setPage(p);
      drawFooter(doc, r.model, p - r.first + 1, count);
    }
  }
  return doc.output('arraybuffer');
}

function drawLetter(doc: jsPDF, m: LetterModel): void {
  const fr = m.lang === 'fr';
  const { address, foldMarks } = m.layout;
  let y = drawParties(doc, m.layout, m.sender, m.recipient);
  if (foldMarks) drawFoldMarks(doc, m.layout, null);
  // Place and date, references, subject.
  y = Math.max(y, address.y + address.h) + 10;
  doc.setFontSize(10).text(m.placeAndDate, RIGHT, y, { align: 'right' });
  y += 9;
  doc.setFont(family(doc), 'bold');
  for (const r of m.references) {
    doc.text(r, LEFT, y);
    y += 5;
  }
  const subject = doc.splitTextToSize(`${fr ? 'Objet :' : 'Subject:'} ${m.subject}`, WIDTH) as string[];
  doc.text(subject, LEFT, y);
  doc.setFont(family(doc), 'normal');
  y += 4.5 * subject.length + 5;
  if (m.salutation) {
    doc.text(m.salutation, LEFT, y);
    y += 7;
  }
  y = paragraphs(doc, m.intro.map((p) => withAmounts(p, m)), y);
  if (m.invoices.length > 0) {
    const money = (c: number) => formatCents(c, m.lang, m.currency);
    // A relevé de compte shows each open item's age (days past due) as well.
    const aged = m.kind === 'releve';
    autoTable(doc, {
      startY: y,
      margin: { top: 22, left: LEFT, right: 210 - RIGHT, bottom: 297 - BOTTOM },
      head: [[...(fr ? ['N° facture', 'Date', 'Échéance'] : ['Invoice no.', 'Date', 'Due']), ...(aged ? [fr ? 'Retard (j)' : 'Days late'] : []), ...(fr ? ['Montant TTC', 'Réglé', 'Solde'] : ['Amount', 'Paid', 'Balance'])]],
      body: m.invoices.map((l) => [lineLabel(l, m.lang), l.issued ?? '—', l.due ?? '—', ...(aged ? [l.ageDays === undefined || l.ageDays === 0 ? '—' : String(l.ageDays)] : []), money(l.amount), money(l.paid), money(l.balance)]),
      styles: { font: family(doc), fontSize: 8.5, cellPadding: 1.2 },
      headStyles: { font: family(doc), fontStyle: 'bold', fillColor: [230, 234, 240], textColor: 20 },
      columnStyles: aged ? { 3: { halign: 'right' }, 4: { halign: 'right' }, 5: { halign: 'right' }, 6: { halign: 'right' } } : { 3: { halign: 'right' }, 4: { halign: 'right' }, 5: { halign: 'right' } },
    });
    y = (doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + 6;
  }
  if (m.payments && m.payments.length > 0) {
    y = ensureSpace(doc, y, 14);
    doc.setFont(family(doc), 'bold');
    doc.text(fr ? 'Règlements reçus' : 'Payments received', LEFT, y);
    doc.setFont(family(doc), 'normal');
    autoTable(doc, {
      startY: y + 2,
      margin: { top: 22, left: LEFT, right: 210 - RIGHT, bottom: 297 - BOTTOM },
      head: [fr ? ['Date', 'Facture', 'Montant'] : ['Date', 'Invoice', 'Amount']],
      body: m.payments.map((p) => [p.date, p.invoice, formatCents(p.cents, m.lang, m.currency)]),
      styles: { font: family(doc), fontSize: 8.5, cellPadding: 1.2 },
      headStyles: { font: family(doc), fontStyle: 'bold', fillColor: [230, 234, 240], textColor: 20 },
      columnStyles: { 2: { halign: 'right' } },
    });
    y = (doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + 6;
  }
  if (m.schedule.length > 0) {
    autoTable(doc, {
      startY: y,
      margin: { top: 22, left: LEFT + 30, right: 210 - RIGHT + 30, bottom: 297 - BOTTOM },
      head: [fr ? ['Échéance', 'Montant'] : ['Due date', 'Amount']],
      body: m.schedule.map((x) => [x.due, formatCents(x.cents, m.lang, m.currency)]),
      styles: { font: family(doc), fontSize: 9, cellPadding: 1.2 },
      headStyles: { font: family(doc), fontStyle: 'bold', fillColor: [230, 234, 240], textColor: 20 },
      columnStyles: { 1: { halign: 'right' } },
    });
    y = (doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + 6;
  }
  // Amounts claimed, each with its basis, and the total: one block, never split across a page.
  const blockHeight = m.amounts.reduce((h, a) => h + (doc.splitTextToSize(`${a.label}${a.basis ? ` (${a.basis})` : ''}`, WIDTH - 45) as string[]).length * 4.6 + 1.5, 0) + 10;
  y = ensureSpace(doc, y, blockHeight);
  for (const a of m.amounts) {
    y = ensureSpace(doc, y, 10);
    const label = doc.splitTextToSize(`${a.label}${a.basis ? ` (${a.basis})` : ''}`, WIDTH - 45) as string[];
    doc.text(label, LEFT, y);
    doc.text(formatCents(a.cents, m.lang, m.currency), RIGHT, y, { align: 'right' });
    y += label.length * 4.6 + 1.5;
  }
  y = ensureSpace(doc, y, 8);
  doc.setFont(family(doc), 'bold').text(m.kind === 'releve' && m.amounts.length > 1 ? (fr ? 'Total, pénalités et indemnités comprises' : 'Total including interest and indemnities') : 'Total', LEFT, y);
  doc.text(formatCents(m.total, m.lang, m.currency), RIGHT, y, { align: 'right' });
  doc.setFont(family(doc), 'normal');
  y += 9;
  y = paragraphs(doc, m.body.map((p) => withAmounts(p, m)), y);
  // The closing formula and the signature stay together on one page; the enclosures sit to the
  // left of the signature (below it when the debtor's acceptance box follows), so that a short
  // letter keeps to one page.
  const closingLines = m.closing ? (doc.splitTextToSize(m.closing, WIDTH) as string[]).length : 0;
  const signatureHeight = (m.signature.length - 1) * 5 + 2;
  const besideSignature = !m.acceptance && m.attachments.length > 0;
  const attachmentsHeight = 5 + (m.attachments.length - 1) * 4.5 + 2;
  y = ensureSpace(doc, y, (closingLines > 0 ? closingLines * 5 + 2.5 : 0) + 4 + Math.max(signatureHeight, besideSignature ? attachmentsHeight : 0));
  if (m.closing) y = paragraphs(doc, [m.closing], y);
  y += 4;
  const signatureTop = y;
  for (const s of m.signature) {
    doc.text(s, RIGHT - 60, y);
    y += 5;
  }
  if (m.acceptance) {
    // The debtor's "bon pour accord": a framed space to date and sign, kept on one page.
    y = ensureSpace(doc, y + 6, 34);
    doc.setFont(family(doc), 'bold').text(m.acceptance, LEFT, y);
    doc.setFont(family(doc), 'normal');
    doc.rect(LEFT, y + 3, 90, 26);
    y += 34;
  }
  if (m.attachments.length > 0) {
    y = besideSignature ? signatureTop : ensureSpace(doc, y + 6, attachmentsHeight);
    doc.setFontSize(9).text(fr ? 'Pièces jointes :' : 'Enclosures:', LEFT, y);
    y += 5;
    for (const a of m.attachments) {
      doc.text((doc.splitTextToSize(`– ${a}`, RIGHT - 60 - LEFT - 8) as string[])[0] ?? '', LEFT + 3, y);
      y += 4.5;
    }
    doc.setFontSize(10);
  }
}

/**
 * The sender's block (where the layout puts it: top left, or top right beside a left-hand window) and
 * the recipient's in the envelope window; the baseline after the sender's block.
 */
function drawParties(doc: jsPDF, layout: LetterLayout, sender: LetterModel['sender'], recipient: readonly string[]): number {
  let y = layout.sender.y;
  // A line wider than its column is printed smaller rather than cut (it must not reach the window).
  const fitted = (line: string, size: number, width: number) => {
    let s = size;
    doc.setFontSize(s);
    while (s > 7 && doc.getTextWidth(line) > width) doc.setFontSize((s -= 0.5));
  };
  doc.setFont(family(doc), 'bold');
  for (const [i, line] of sender.lines.entries()) {
    fitted(line, i === 0 ? 11 : 9, layout.sender.w);
    doc.text(line, layout.sender.x, y);
    if (i === 0) doc.setFont(family(doc), 'normal');
    y += 4.5;
  }
  for (const line of sender.legal) {
    fitted(line, 9, layout.sender.w);
    doc.text(line, layout.sender.x, y);
    y += 4.5;
  }
  // Recipient in the envelope window, left-aligned: the block comes checked (core/letters/address.ts:
  // at most 6 lines of 38 characters, never cut), so every line is printed whole; one wider than the
  // window at 10 pt is printed smaller rather than wrapped or cut.
  doc.setFont(family(doc), 'normal');
  const box = layout.address;
  let ry = box.y + 5;
  for (const line of recipient) {
    fitted(line, 10, box.w - 4);
    doc.text(line, box.x + 2, ry);
    ry += 5;
  }
  doc.setFontSize(10);
  return y;
}

/** Short fold marks in the left margin (a letter's), or, with a label, dashed lines across the page (the test sheet's). */
function drawFoldMarks(doc: jsPDF, layout: LetterLayout, label: string | null): void {
  doc.setDrawColor(120).setLineWidth(0.2);
  for (const y of layout.folds) {
    doc.line(4, y, 10, y);
    if (label === null) continue;
    doc.setLineDashPattern([1, 1.5], 0).line(24, y, 206, y).setLineDashPattern([], 0);
    doc.setFontSize(7).setTextColor(90).text(label, 12, y + 1);
    doc.setTextColor(0);
  }
  doc.setDrawColor(0);
}

/** A scale of `mm` millimetres from (x, y) along (dx, dy): a mark per millimetre, longer every 5, ticks across the scale. */
function drawScale(doc: jsPDF, x: number, y: number, dx: number, dy: number, mm: number): void {
  doc.line(x, y, x + dx * mm, y + dy * mm);
  for (let k = 1; k <= mm; k++) {
    const half = k % 5 === 0 ? 1.6 : 0.8;
    const px = x + dx * k;
    const py = y + dy * k;
    doc.line(px - dy * half, py - dx * half, px + dy * half, py + dx * half);
  }
}

/**
 * The envelope test sheet: the sender and the address where the letters print them, the address
 * framed with a 10 mm scale out from each side (to read how far the window's edge is), the fold lines,
 * and what to do with it, below the first fold.
 */
export function renderTestSheet(model: TestSheetModel, fonts: FontBytes | 'standard'): ArrayBuffer {
  const doc = newDocument(fonts);
  const { layout } = model;
  drawParties(doc, layout, model.sender, model.recipient);
  const b = layout.address;
  doc.setLineWidth(0.3).setLineDashPattern([2, 1.2], 0).rect(b.x, b.y, b.w, b.h).setLineDashPattern([], 0);
  doc.setFontSize(7).setTextColor(90).text(model.labels.address, b.x + b.w - 1.5, b.y + 3.5, { align: 'right' }).setTextColor(0);
  doc.setLineWidth(0.15);
  const midX = b.x + b.w / 2;
  const midY = b.y + b.h / 2;
  drawScale(doc, b.x, midY, -1, 0, 10);
  drawScale(doc, b.x + b.w, midY, 1, 0, 10);
  drawScale(doc, midX, b.y, 0, -1, 10);
  drawScale(doc, midX, b.y + b.h, 0, 1, 10);
  drawFoldMarks(doc, layout, model.labels.fold);
  let y = (layout.folds[0] ?? 99) + 14;
  doc.setFont(family(doc), 'bold').setFontSize(14).text(model.title, LEFT, y);
  y += 8;
  doc.setFont(family(doc), 'normal').setFontSize(10);
  for (const line of doc.splitTextToSize(model.setting, WIDTH) as string[]) {
    doc.text(line, LEFT, y);
    y += 5;
  }
  y += 4;
  model.steps.forEach((step, i) => {
    const lines = doc.splitTextToSize(step, WIDTH - 8) as string[];
    doc.text(`${i + 1}.`, LEFT, y);
    doc.text(lines, LEFT + 8, y);
    y += lines.length * 5 + 3;
  });
  return doc.output('arraybuffer');
}

function paragraphs(doc: jsPDF, texts: readonly string[], y0: number): number {
  let y = y0;
  doc.setFontSize(10);
  for (const t of texts) {
    const lines = doc.splitTextToSize(t, WIDTH) as string[];
    for (const line of lines) {
      y = ensureSpace(doc, y, 5);
      doc.text(line, LEFT, y);
      y += 5;
    }
    y += 2.5;
  }
  return y;
}

function ensureSpace(doc: jsPDF, y: number, needed: number): number {
  if (y + needed <= BOTTOM) return y;
  doc.addPage();
  return 25;
}

function drawFooter(doc: jsPDF, m: LetterModel, page: number, count: number): void {
  doc.setFont(family(doc), 'normal').setFontSize(7.5).setTextColor(90);
  // Continuation pages say which letter they continue.
  if (page > 1) doc.text((doc.splitTextToSize(`${m.sender.lines[0] ?? ''} — ${m.subject} — ${m.recipient[0] ?? m.customerId} (${m.lang === 'fr' ? 'suite' : 'continued'})`, WIDTH) as string[])[0] ?? '', LEFT, 12);
  const mentions = [...m.sender.lines, ...m.sender.legal].join(' · ');
  doc.text(doc.splitTextToSize(mentions, WIDTH - 25) as string[], LEFT, 283);
  doc.text(`${m.lang === 'fr' ? 'Page' : 'Page'} ${page} / ${count}`, RIGHT, 283, { align: 'right' });
  doc.setTextColor(0).setFontSize(10);
}

/** A credit line says what it is: the customer's credits are deducted from the claim. */
function lineLabel(l: LetterModel['invoices'][number], lang: LetterModel['lang']): string {
  if (l.kind === 'credit') return lang === 'fr' ? `Avoir ${l.number}` : `Credit note ${l.number}`;
  if (l.kind === 'payment') return lang === 'fr' ? `Paiement non affecté${l.number ? ` ${l.number}` : ''}` : `Unallocated payment${l.number ? ` ${l.number}` : ''}`;
  return l.number;
}
