/** Entry loaded on demand by the page: renders the audit report with the site's own font files. */
import type { ReportModel } from '../core/index.ts';
import { browserFonts } from '../letters/fonts-browser.ts';
import { renderReport } from './pdf.ts';

export async function reportPdf(model: ReportModel): Promise<Blob> {
  return new Blob([renderReport(model, await browserFonts())], { type: 'application/pdf' });
}
