/**
 * The embedded font's bytes in Node (CLI and tests): the Latin subsets committed beside this file,
 * or, for a document with characters outside them, the whole fonts of the dejavu-fonts-ttf package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FontBytes } from './letters.ts';

export function nodeFonts(whole = false): FontBytes {
  if (whole) {
    const require = createRequire(import.meta.url);
    return {
      regular: new Uint8Array(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))),
      bold: new Uint8Array(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))),
    };
  }
  return {
    regular: new Uint8Array(readFileSync(new URL('./fonts/DejaVuSans-latin.ttf', import.meta.url))),
    bold: new Uint8Array(readFileSync(new URL('./fonts/DejaVuSans-Bold-latin.ttf', import.meta.url))),
  };
}
