/** A PDF job → the PDF's bytes, with the site's own font files (in the PDF worker, or on the page as a fallback). */
import { browserFonts } from '../output/pdf/fonts-browser.ts';
import { renderLetters } from '../output/pdf/letters.ts';
import { chartImages } from '../output/pdf/charts.ts';
import { renderReport } from '../output/pdf/report.ts';
import type { PdfJob } from './pdf-protocol.ts';

export async function renderPdf(job: PdfJob): Promise<ArrayBuffer> {
  const fonts = await browserFonts();
  if (job.kind === 'letters') return renderLetters(job.models, fonts, { duplex: job.duplex });
  return renderReport(job.model, fonts, await chartImages(job.model));
}
