/**
 * The audit report (core ReportModel) as a PDF: a cover, then each section with its text, its
 * table (continued across pages) and, where the model has one, a bar chart drawn as vectors so
 * that the same code works in the browser and in the CLI. Page numbers in every footer.
 */
import { autoTable } from 'jspdf-autotable';
import type { ReportCell, ReportModel } from '../../core/index.ts';
import { family, newDocument, withAmounts, type FontBytes } from './letters.ts';
import { formatCents, formatDays, formatPercent } from '../../format/format.ts';

const LEFT = 18;
const RIGHT = 192;
const WIDTH = RIGHT - LEFT;
const BOTTOM = 275;

/**
 * `charts`, when given (the page renders the dashboard's Chart.js charts to PNG), replaces the
 * vector bars of the section with the same index.
 */
export function renderReport(model: ReportModel, fonts: FontBytes, charts: Readonly<Record<number, string>> = {}): ArrayBuffer {
  const doc = newDocument(fonts);
  const cell = (c: ReportCell): string => {
    if (typeof c === 'string') return c;
    if ('cents' in c) return formatCents(c.cents, model.lang, model.currency);
    if ('days' in c) return formatDays(c.days, model.lang);
    return formatPercent(c.percent, model.lang);
  };
  // Cover.
  doc.setFont(family(doc), 'bold').setFontSize(24).text(model.title, LEFT, 80);
  doc.setFont(family(doc), 'normal').setFontSize(13).text(model.subtitle, LEFT, 92);
  const where = model.computedIn ?? (model.lang === 'fr' ? 'dans le navigateur, sans envoi de données' : 'in the browser, with no data sent');
  doc.setFontSize(10).setTextColor(90).text(model.lang === 'fr' ? `Établi avec Relance — calculé ${where}.` : `Made with Relance — computed ${where}.`, LEFT, 104);
  doc.setTextColor(0);
  // Sections follow one another (a new page only when little room is left), so that no page is
  // nearly empty; the executive summary stands alone on the page after the cover.
  let y = BOTTOM;
  let previousOwnPage = true;
  for (const [index, section] of model.sections.entries()) {
    if (section.ownPage || previousOwnPage || y > BOTTOM - 45) {
      doc.addPage();
      y = 22;
    } else y += 6;
    previousOwnPage = section.ownPage === true;
    doc.setFont(family(doc), 'bold').setFontSize(15).text(section.title, LEFT, y);
    doc.setFont(family(doc), 'normal').setFontSize(10);
    y += 9;
    for (const p of section.paragraphs) {
      for (const line of doc.splitTextToSize(withAmounts(p, model), WIDTH) as string[]) {
        if (y > BOTTOM) {
          doc.addPage();
          y = 22;
        }
        doc.text(line, LEFT, y);
        y += 5;
      }
      y += 2.5;
    }
    if (section.table) {
      const numeric = section.table.rows[0]?.map((c) => typeof c !== 'string') ?? [];
      autoTable(doc, {
        startY: y,
        margin: { left: LEFT, right: 210 - RIGHT, bottom: 297 - BOTTOM },
        head: [section.table.head as string[]],
        body: section.table.rows.map((r) => r.map(cell)),
        styles: { font: family(doc), fontSize: 8, cellPadding: 1.1 },
        headStyles: { font: family(doc), fontStyle: 'bold', fillColor: [230, 234, 240], textColor: 20 },
        // Amounts never wrap; numeric columns and their headers are right-aligned; total rows bold.
        columnStyles: Object.fromEntries(numeric.map((isNum, i) => [i, isNum ? { halign: 'right', cellWidth: 'wrap' } : { halign: 'left' }])),
        didParseCell: (data) => {
          if (data.section === 'head' && numeric[data.column.index]) data.cell.styles.halign = 'right';
          if (data.section === 'body' && /^(TOTAL|Total)/.test(String((data.row.raw as unknown[])[0] ?? ''))) data.cell.styles.fontStyle = 'bold';
        },
      });
      y = (doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + 8;
    }
    const chart = charts[index];
    if (chart) {
      if (y + 85 > BOTTOM) {
        doc.addPage();
        y = 22;
      }
      doc.addImage(chart, 'PNG', LEFT, y, WIDTH, 85);
      y += 90;
    } else if (section.bars && section.bars.values.length > 0) {
      const rows = section.bars.labels.length;
      if (y + rows * 7 + 8 > BOTTOM) {
        doc.addPage();
        y = 22;
      }
      const bars = section.bars;
      const value = (v: number) => (bars.unit === 'days' ? formatDays(v, model.lang) : formatCents(v, model.lang, model.currency));
      doc.setFont(family(doc), 'bold').setFontSize(9).text(bars.title ?? section.title, LEFT, y + 3);
      doc.setFont(family(doc), 'normal');
      y += 7;
      const max = Math.max(1, ...section.bars.values.map((v) => Math.abs(v)));
      const labelWidth = 55;
      section.bars.labels.forEach((label, i) => {
        const v = section.bars?.values[i] ?? 0;
        const w = ((WIDTH - labelWidth - 35) * Math.abs(v)) / max;
        doc.setFontSize(8).text((doc.splitTextToSize(label, labelWidth - 2) as string[])[0] ?? '', LEFT, y + 4);
        doc.setFillColor(v < 0 ? 213 : 0, v < 0 ? 94 : 114, v < 0 ? 0 : 178).rect(LEFT + labelWidth, y, Math.max(w, 0.3), 5, 'F');
        doc.text(value(v), LEFT + labelWidth + w + 2, y + 4);
        y += 7;
      });
      doc.setFontSize(10);
    }
  }
  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    doc.setFontSize(7.5).setTextColor(90).text(`${model.title} — ${model.subtitle}`, LEFT, 287);
    doc.text(`${p} / ${pages}`, RIGHT, 287, { align: 'right' });
    doc.setTextColor(0);
  }
  return doc.output('arraybuffer');
}
