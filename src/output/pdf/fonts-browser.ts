/**
 * The embedded font's bytes in the browser, served from this site: the Latin subsets, or the whole
 * fonts of the dejavu-fonts-ttf package for a document with characters outside them.
 */
import regularUrl from './fonts/DejaVuSans-latin.ttf?url';
import boldUrl from './fonts/DejaVuSans-Bold-latin.ttf?url';
import wholeRegularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import wholeBoldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import type { FontBytes } from './letters.ts';

const cache = new Map<boolean, Promise<FontBytes>>();

export function browserFonts(whole = false): Promise<FontBytes> {
  let fonts = cache.get(whole);
  if (!fonts) {
    const urls = whole ? [wholeRegularUrl, wholeBoldUrl] : [regularUrl, boldUrl];
    fonts = Promise.all(urls.map(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer()))).then(([regular, bold]) => ({ regular: regular as Uint8Array, bold: bold as Uint8Array }));
    cache.set(whole, fonts);
  }
  return fonts;
}
