/** Entry loaded on demand by the page: renders letter models to a PDF with the site's own font files. */
import type { LetterModel } from '../core/index.ts';
import { browserFonts } from './fonts-browser.ts';
import { renderLetters } from './pdf.ts';

export async function lettersPdf(models: readonly LetterModel[], duplex = false): Promise<Blob> {
  const fonts = await browserFonts();
  return new Blob([renderLetters(models, fonts, { duplex })], { type: 'application/pdf' });
}
