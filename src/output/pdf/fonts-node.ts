/** The embedded font's bytes in Node (CLI and tests), read from the dejavu-fonts-ttf package. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FontBytes } from './letters.ts';

export function nodeFonts(): FontBytes {
  const require = createRequire(import.meta.url);
  return {
    regular: new Uint8Array(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))),
    bold: new Uint8Array(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))),
  };
}
