/** The embedded font's bytes in the browser: files of the dejavu-fonts-ttf package served from this site. */
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import type { FontBytes } from './letters.ts';

let cache: Promise<FontBytes> | null = null;

export function browserFonts(): Promise<FontBytes> {
  cache ??= Promise.all([regularUrl, boldUrl].map(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer()))).then(([regular, bold]) => ({
    regular: regular as Uint8Array,
    bold: bold as Uint8Array,
  }));
  return cache;
}
