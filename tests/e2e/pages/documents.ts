/** Reading what the page gives the user: PDF text (pdf.js), amounts as fr-FR prints them, the CLI's JSON. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const root = join(import.meta.dirname, '../../..');

/** 123456 → "1 234,56 €" with plain spaces (as pdfText returns them). */
export const euro = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/[\u202f\u00a0]/g, ' ');

export async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) text += (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/** `relance analyze <file> --json` with the given flags, as the CLI prints it. */
export function cliJson(file: string, ...flags: string[]): { totals: { openCents: number; overdueCents: number; notDueCents: number }; aging: Record<string, number>; customers: { id: string; name: string; openCents: number }[]; actions: { customer: string; step: string; invoices: string[]; amountCents: number; creditsCents: number }[]; penalties: { invoice: string; customer: string; daysLate: number; interestCents: number; indemnityCents: number }[] } {
  return JSON.parse(execFileSync(process.execPath, ['--experimental-strip-types', '--no-warnings', 'src/cli/relance.ts', 'analyze', file, '--json', ...flags], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 }));
}

/** Any `relance <command> <file> --as-of D --json`, as the CLI prints it. */
export function cliCommand(command: 'predict' | 'forecast', file: string, asOf: string): unknown {
  return JSON.parse(execFileSync(process.execPath, ['--experimental-strip-types', '--no-warnings', 'src/cli/relance.ts', command, file, '--as-of', asOf, '--json'], { cwd: root, encoding: 'utf8' }));
}
