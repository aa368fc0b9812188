/** The PDF worker's handlers: models → the PDF's bytes, with the site's own font files (in the PDF worker, or on the page as a fallback). */
import { browserFonts } from '../output/pdf/fonts-browser.ts';
import { needsWholeFont } from '../output/pdf/font-subset.ts';
import { renderLetters, renderTestSheet } from '../output/pdf/letters.ts';
import { chartImages } from '../output/pdf/charts.ts';
import { renderReport } from '../output/pdf/report.ts';
import type { HandlerMap } from './channel.ts';
import type { PdfRequests } from './pdf-protocol.ts';

export const pdfHandlers: HandlerMap<PdfRequests> = {
  async letters(input, progress) {
    return renderLetters(input.models, await browserFonts(needsWholeFont(input.models)), { duplex: input.duplex, onLetter: (done, total) => progress('letters', done, total) });
  },
  async report(input) {
    return renderReport(input.model, await browserFonts(needsWholeFont(input.model)), await chartImages(input.model));
  },
  async testSheet(input) {
    return renderTestSheet(input.model, await browserFonts(needsWholeFont(input.model)));
  },
};
