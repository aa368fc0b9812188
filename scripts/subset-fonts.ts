/**
 * Writes the Latin subsets of DejaVu Sans (regular and bold) that the PDFs embed, from the
 * dejavu-fonts-ttf package: `npm run fonts`. The output is committed (src/output/pdf/fonts/); run
 * this again after changing the characters in src/output/pdf/font-subset.ts. DejaVu's licence allows
 * modified copies under a name without "Bitstream" or "Vera".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import { subsetCharacters } from '../src/output/pdf/font-subset.ts';

const require = createRequire(import.meta.url);
for (const name of ['DejaVuSans', 'DejaVuSans-Bold']) {
  const source = readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`));
  // No hinting and no layout features: PDF viewers hint by themselves and jsPDF applies no OpenType layout.
  // (subset-font's typings list targetFormat only; its code reads noHinting and keepFeatures too.)
  const options = { targetFormat: 'truetype' as const, noHinting: true, keepFeatures: [] as string[] };
  const subset = await subsetFont(source, subsetCharacters(), options);
  const out = new URL(`../src/output/pdf/fonts/${name}-latin.ttf`, import.meta.url);
  writeFileSync(out, subset);
  console.log(`${name}: ${source.length} → ${subset.length} bytes`);
}
