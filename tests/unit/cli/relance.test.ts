/** The CLI as a user runs it: settings flags checked by name, hostile files named, letter files never overwriting each other. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { profiledWorkspace } from '../../support/builders.ts';
import { emptyWorkspace } from '../../../src/core/index.ts';
import { xlsx } from '../../support/hostile-files.ts';
import { ciiXml, facturXPdf, ublXml } from '../../support/einvoices.ts';
import { benchInvoices, ledgerCsv } from '../../../bench/data.ts';

const root = join(import.meta.dirname, '../../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', 'src/cli/relance.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('relance CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relance-cli-'));

  it('runs from its bundle (npm run relance, with its Node flags) with the same output as from the sources', async () => {
    // package.json's script gives Node the flags scripts/relance.mjs names (and the bench measures with).
    const { NODE_FLAGS } = (await import('../../../scripts/relance.mjs')) as { NODE_FLAGS: string[] };
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.relance).toBe(['node', ...NODE_FLAGS, 'scripts/relance.mjs'].join(' '));
    const args = ['analyze', 'samples/freelance-2025.xlsx', '--as-of', '2025-12-31', '--json'];
    const bundled = spawnSync(process.execPath, [...NODE_FLAGS, 'scripts/relance.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(run(...args).stdout);
    expect(JSON.parse(bundled.stdout).totals.openCents).toBeGreaterThan(0);
  });

  it('loads the workbook libraries (SheetJS, fflate) only for a workbook, and no command for its usage: a CSV is read without them', () => {
    // A resolve hook, preloaded, names every package the CLI's bundle loads.
    const hook = `data:text/javascript,${encodeURIComponent("import { registerHooks } from 'node:module'; registerHooks({ resolve(s, c, next) { if (!s.startsWith('.') && !s.startsWith('node:') && !s.startsWith('file:') && !s.startsWith('/')) process.stderr.write('package ' + s + '\\n'); return next(s, c); } });")}`;
    const packages = (file: string | null, status = 0) => {
      const r = spawnSync(process.execPath, ['--import', hook, 'scripts/relance.mjs', ...(file === null ? [] : ['analyze', file, '--as-of', '2025-12-31', '--json'])], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(status);
      return [...r.stderr.matchAll(/^package (\S+)$/gm)].map((m) => m[1]);
    };
    // The usage alone (no command): none of the commands' packages.
    expect(packages(null, 2)).not.toContain('papaparse');
    const csv = packages('samples/export-compta.csv');
    expect(csv).toContain('papaparse');
    expect(csv).not.toContain('fflate');
    expect(csv).not.toContain('xlsx');
    expect(packages('samples/freelance-2025.xlsx')).toEqual(expect.arrayContaining(['papaparse', 'fflate', 'xlsx']));
  });

  it('writes its JSON in full into a pipe read late, and stops quietly when the reader goes (| head)', async () => {
    const file = join(dir, 'ledger-10000.csv');
    writeFileSync(file, ledgerCsv(benchInvoices(10_000)));
    const args = ['--experimental-strip-types', '--no-warnings', 'src/cli/relance.ts', 'analyze', file, '--as-of', '2025-12-31', '--json'];
    const expected = run(...args.slice(3)).stdout;
    // More than a pipe holds (its reader gone, a socket's few hundred kilobytes would be lost): the
    // CLI waits for the reader, which starts a second late.
    expect(expected.length).toBeGreaterThan(400_000);
    const late = spawn(process.execPath, args, { cwd: root });
    late.stdout.pause();
    let err = '';
    late.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const chunks: Buffer[] = [];
    const exited = new Promise<number | null>((resolve) => late.on('close', resolve));
    await new Promise((r) => setTimeout(r, 1000));
    late.stdout.on('data', (d: Buffer) => chunks.push(d));
    late.stdout.resume();
    expect(await exited).toBe(0);
    expect(err).toBe('');
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
    // The reader gone after the first part: no EPIPE error, the CLI ends as it would have.
    const cut = spawn(process.execPath, args, { cwd: root });
    let cutErr = '';
    cut.stderr.on('data', (d: Buffer) => (cutErr += d.toString()));
    cut.stdout.once('data', () => cut.stdout.destroy());
    expect(await new Promise((resolve) => cut.on('close', resolve))).toBe(0);
    expect(cutErr).toBe('');
  });

  it('names the refused setting in one line', () => {
    const r = run('analyze', 'samples/freelance-2025.xlsx', '--buckets', '30,30', '--json');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('relance: --buckets must be increasing whole numbers of days, e.g. 30,60,90,120 (got "30,30")');
  });

  it('gives aging keys that follow --buckets and actions with creditsCents', () => {
    const r = run('analyze', 'samples/freelance-2025.xlsx', '--as-of', '2025-12-31', '--buckets', '15,45', '--basis', 'issued', '--json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { aging: Record<string, number>; actions: { creditsCents: number }[] };
    expect(Object.keys(json.aging)).toEqual(['not_due', '1-15', '16-45', '>45']);
    expect(json.actions.length).toBeGreaterThan(0);
    expect(json.actions.every((a) => Number.isInteger(a.creditsCents))).toBe(true);
  });

  it('takes the analysis settings saved in the workspace where no flag says otherwise', () => {
    const workspace = join(dir, 'reglages.json');
    writeFileSync(workspace, JSON.stringify({ ...emptyWorkspace(), analysisDefaults: { basis: 'issued', edges: [15, 45], windows: 6, termsDays: 45, ratings: [3, 10, 30] } }));
    const saved = JSON.parse(run('analyze', 'samples/freelance-2025.xlsx', '--as-of', '2025-12-31', '--workspace', workspace, '--json').stdout) as { aging: Record<string, number> };
    expect(Object.keys(saved.aging)).toEqual(['not_due', '1-15', '16-45', '>45']);
    const flagged = JSON.parse(run('analyze', 'samples/freelance-2025.xlsx', '--as-of', '2025-12-31', '--workspace', workspace, '--buckets', '30', '--json').stdout) as { aging: Record<string, number> };
    expect(Object.keys(flagged.aging)).toEqual(['not_due', '1-30', '>30']);
  });

  it('predict and forecast print numbers.md’s JSON: one prediction per open invoice, Σ forecast = the receivables', () => {
    const file = 'samples/historique-paiements.csv';
    const analyze = JSON.parse(run('analyze', file, '--as-of', '2025-12-31', '--json').stdout) as { totals: { openCents: number } };
    const p = run('predict', file, '--as-of', '2025-12-31', '--json');
    expect(p.status).toBe(0);
    const predicted = JSON.parse(p.stdout) as { asOf: string; predictions: { invoice: string; customer: string; due: string; pLate: number; expectedPayment: string }[]; backtest: { auc: number | null; maeDays: number | null; baselineMaeDays: number | null; invoices: number } };
    expect(predicted.asOf).toBe('2025-12-31');
    expect(predicted.predictions.length).toBeGreaterThan(50);
    expect(predicted.predictions.map((x) => x.invoice)).toEqual(predicted.predictions.map((x) => x.invoice).sort());
    for (const x of predicted.predictions) {
      expect(x.pLate).toBeGreaterThanOrEqual(0);
      expect(x.pLate).toBeLessThanOrEqual(1);
      if (x.due < '2025-12-31') expect(x.pLate).toBe(1);
      expect(x.expectedPayment > '2025-12-31').toBe(true);
    }
    expect(predicted.backtest.auc).toBeGreaterThan(0.8);
    expect(predicted.backtest.maeDays).toBeLessThan(predicted.backtest.baselineMaeDays as number);
    const f = run('forecast', file, '--as-of', '2025-12-31', '--weeks', '8', '--json');
    expect(f.status).toBe(0);
    const forecast = JSON.parse(f.stdout) as { weeks: { start: string; expectedCents: number; lowCents: number; highCents: number }[]; laterCents: number; doubtfulCents: number };
    expect(forecast.weeks).toHaveLength(8);
    expect(forecast.weeks[0]?.start).toBe('2025-12-29');
    expect(forecast.weeks.reduce((s, w) => s + w.expectedCents, 0) + forecast.laterCents + forecast.doubtfulCents).toBe(analyze.totals.openCents);
    expect(run('forecast', file, '--weeks', '0', '--json').status).toBe(2);
    expect(run('predict', file, '--ratings', '20,10,5', '--json').stderr).toContain('--ratings must be three increasing');
  });

  it('match prints the proposals (issue 17’s JSON) and --apply writes the sure ones into a workspace the next run applies', () => {
    const r = run('match', 'samples/historique-paiements.csv', 'samples/releve-bancaire.120', '--as-of', '2025-12-31', '--json', '--apply', join(dir, 'ws-bank.json'));
    expect(r.status).toBe(0);
    const proposals = JSON.parse(r.stdout) as { line: string; date: string; amountCents: number; invoices: string[]; customer: string; reason: string; confidence: number }[];
    expect(proposals).toHaveLength(9);
    expect(proposals[0]).toEqual({ line: expect.any(String), date: '2025-12-27', amountCents: 190958, invoices: ['HP-01832'], customer: 'C029', reason: 'number', confidence: 0.99 });
    const before = JSON.parse(run('analyze', 'samples/historique-paiements.csv', '--as-of', '2025-12-31', '--json').stdout) as { totals: { openCents: number } };
    const after = JSON.parse(run('analyze', 'samples/historique-paiements.csv', '--as-of', '2025-12-31', '--json', '--workspace', join(dir, 'ws-bank.json')).stdout) as { totals: { openCents: number } };
    const paid = proposals.filter((p) => p.confidence >= 0.9).reduce((s, p) => s + p.amountCents, 0);
    expect(after.totals.openCents).toBe(before.totals.openCents - paid);
    const again = JSON.parse(run('match', 'samples/historique-paiements.csv', 'samples/releve-bancaire.120', '--as-of', '2025-12-31', '--json', '--workspace', join(dir, 'ws-bank.json')).stdout) as unknown[];
    expect(again).toHaveLength(0);
    const bad = run('match', 'samples/historique-paiements.csv', 'samples/freelance-2025.xlsx', '--lang', 'fr');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('n’est pas un relevé bancaire');
  });

  it('reads a folder of e-invoices (Factur-X PDF, CII, UBL) as one ledger', () => {
    const folder = join(dir, 'factures');
    mkdirSync(join(folder, '2026'), { recursive: true });
    const base = { issued: '20260105', due: '20260204', buyerName: 'Boulangerie Lefèvre', buyerSiren: '552100554', ht: '1000.00', ttc: '1200.00' };
    writeFileSync(join(folder, 'F1.pdf'), facturXPdf(ciiXml({ ...base, number: 'F1' })));
    writeFileSync(join(folder, '2026', 'F2.xml'), ublXml({ ...base, number: 'F2', buyerName: 'Garage Martin', buyerSiren: '732829320', ttc: '300.00', ht: '250.00' }));
    writeFileSync(join(folder, '2026', 'AV1.xml'), ciiXml({ ...base, number: 'AV1', kind: 'credit', ttc: '120.00', ht: '100.00' }));
    const r = run('analyze', folder, '--as-of', '2026-03-31', '--json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { totals: { openCents: number; overdueCents: number }; customers: { id: string; name: string; openCents: number }[]; import: { invoices: number; format: string; file: string } };
    expect(json.totals.openCents).toBe(120000 + 30000 - 12000);
    expect(json.customers.map((c) => [c.id, c.name, c.openCents])).toEqual([
      ['552100554', 'Boulangerie Lefèvre', 108000],
      ['732829320', 'Garage Martin', 30000],
    ]);
    expect(json.import).toMatchObject({ invoices: 3, format: 'einvoice', file: '3 e-invoices' });
  });

  it('reads a zip of e-invoices as the same folder would be read; a workbook stays a workbook', () => {
    const base = { issued: '20260105', due: '20260204', buyerName: 'Boulangerie Lefèvre', buyerSiren: '552100554', ht: '1000.00', ttc: '1200.00' };
    const zip = join(dir, 'factures.zip');
    writeFileSync(zip, zipSync({ 'factures/': new Uint8Array(0), 'factures/F1.pdf': facturXPdf(ciiXml({ ...base, number: 'F1' })), 'factures/F2.xml': strToU8(ublXml({ ...base, number: 'F2', ttc: '300.00', ht: '250.00' })) }));
    const r = run('analyze', zip, '--as-of', '2026-03-31', '--json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { totals: { openCents: number }; import: { invoices: number; format: string } };
    expect(json.totals.openCents).toBe(120000 + 30000);
    expect(json.import).toMatchObject({ invoices: 2, format: 'einvoice' });
    const workbook = JSON.parse(run('analyze', 'samples/freelance-2025.xlsx', '--as-of', '2025-12-31', '--json').stdout) as { import: { format: string } };
    expect(workbook.import.format).toBe('xlsx');
  });

  it('ends a hostile workbook in a named message, not a stack trace', () => {
    const file = join(dir, 'zzz.xlsx');
    writeFileSync(file, xlsx('<row r="3"><c r="ZZZZZZ3"><v>1</v></c></row>'));
    const r = run('analyze', file, '--lang', 'fr');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ZZZZZZ3');
    expect(r.stderr).not.toMatch(/\bat \w+ \(|RangeError|heap/);
  });

  it('refuses a formal notice without the creditor’s identity, in one line naming what is missing', () => {
    const csv = join(dir, 'un.csv');
    writeFileSync(csv, 'Client;Facture;Échéance;Montant\nACME;F1;01/10/2025;100,00\n');
    const r = run('letters', csv, '--as-of', '2025-12-31', '--out', join(dir, 'rien'));
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('relance: La mise en demeure pour « ACME » ne peut pas partir : il manque la raison sociale du créancier, l’adresse du créancier, le nom du signataire, la forme juridique du créancier, le SIREN du créancier (9 chiffres), l’IBAN du créancier, l’adresse postale du débiteur.');
  });

  it('writes one letter per customer under names that never collide', () => {
    const csv = join(dir, 'noms.csv');
    writeFileSync(csv, 'Client;Facture;Échéance;Montant\nDubœuf & Fils;F1;01/10/2025;100,00\nDuboeuf Fils;F2;01/10/2025;200,00\n');
    const workspace = join(dir, 'espace.json');
    writeFileSync(workspace, JSON.stringify(profiledWorkspace({ 'Dubœuf & Fils': '3 rue du Four\n69002 Lyon', 'Duboeuf Fils': '5 place Bellecour\n69002 Lyon' })));
    const out = join(dir, 'lettres');
    const r = run('letters', csv, '--as-of', '2025-12-31', '--out', out, '--workspace', workspace);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2025-12-31-lettres.pdf', '2025-12-31-mise_en_demeure-Duboeuf-Fils-2.pdf', '2025-12-31-mise_en_demeure-Duboeuf-Fils.pdf']);
  });

  it('test-sheet writes the envelope test sheet of the profile given, and takes no ledger', () => {
    const profile = join(dir, 'profil-enveloppe.json');
    writeFileSync(profile, JSON.stringify({ company: 'Atelier Zoé', address: '1 rue Neuve\n69001 Lyon', envelope: { window: 'left', shiftXmm: -1.5, shiftYmm: 0, foldMarks: false } }));
    const out = join(dir, 'feuille.pdf');
    const r = run('test-sheet', '--out', out, '--profile', profile);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Fenêtre à gauche (DIN 5008)');
    expect(r.stdout).toContain('-1,5\u00a0mm horizontal');
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A ledger given, or no --out: the usage.
    expect(run('test-sheet', 'samples/freelance-2025.xlsx', '--out', out).status).toBe(2);
    expect(run('test-sheet').status).toBe(2);
  });
});
