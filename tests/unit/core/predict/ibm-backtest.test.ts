/**
 * Issue 16's targets on real data: the IBM accounts-receivable history (2,466 invoices of 100
 * customers), out of time: trained on what was known before 2013-07-01, scored on the invoices
 * issued from then on, every feature as of the invoice's own date. Skipped without ../shared.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayFromIso, FEATURES, predict, weeklyBacktest, type Day, type Ledger } from '../../../../src/core/index.ts';
import { importFile } from '../../../../src/import/import-file.ts';

const FILE = join(import.meta.dirname, '../../../../../shared/samples/real/receivables/ibm-watson-ar/pedroteles/WA_Fn-UseC_-Accounts-Receivable.csv');
const day = (s: string) => dayFromIso(s) as Day;

describe.skipIf(!existsSync(FILE))('the IBM receivables backtest', () => {
  const ledger = (): Ledger => importFile(new Uint8Array(readFileSync(FILE)), { fileName: 'ibm.csv' }).ledger;
  const asOf = day('2014-01-31');
  const cutoff = day('2013-07-01');

  it('reads how each invoice was sent (the PaperlessBill column) and uses it, since the file has both channels', () => {
    const l = ledger();
    expect(l.invoices.filter((i) => i.channel === 'electronic')).toHaveLength(1203);
    expect(l.invoices.filter((i) => i.channel === 'paper')).toHaveLength(1263);
    expect(predict(l, asOf, { cutoff, useDisputes: false }).features.matrix.width).toBe(FEATURES.length);
    // Without the channel (a file that does not say), the ledger's history alone: 0.864 and 0.899.
    const plain = predict(l, asOf, { cutoff, useDisputes: false, useChannel: false });
    expect(plain.features.matrix.width).toBe(FEATURES.length - 2);
    expect(plain.backtest.auc).toBeGreaterThan(0.86);
    expect(predict(l, asOf, { cutoff, useDisputes: true, useChannel: false }).backtest.auc).toBeGreaterThan(0.895);
  });

  it('ranks late payers (AUC) and dates payments better than the customer-history baselines', () => {
    const l = ledger();
    const without = predict(l, asOf, { cutoff, useDisputes: false }).backtest;
    const withDisputes = predict(l, asOf, { cutoff, useDisputes: true }).backtest;
    const noChannel = predict(l, asOf, { cutoff, useDisputes: false, useChannel: false }).backtest;
    for (const b of [without, withDisputes]) {
      expect(b?.reason).toBeNull();
      expect(b?.invoices).toBe(536);
      expect(b?.trainedOn).toBeGreaterThan(1800);
    }
    // Targets 0.87 without the dispute flag and 0.90 with it: measured 0.878 and 0.913.
    expect(without?.auc).toBeGreaterThanOrEqual(0.87);
    expect(withDisputes?.auc).toBeGreaterThanOrEqual(0.9);
    expect(without?.auc).toBeGreaterThan(noChannel.auc as number);
    expect(without?.maeDays).toBeLessThan(noChannel.maeDays as number);
    expect(withDisputes?.auc).toBeGreaterThan(without?.auc as number);
    // Payment date: below "due + the customer's mean delay" and "the mean of the last 3 delays"…
    expect(without?.maeDays).toBeLessThan(without?.baselineMaeDays as number);
    expect(without?.maeDays).toBeLessThan(without?.last3BaselineMaeDays as number);
    // …and on days late counted from 0, the 2.25-day baseline (measured here 2.24).
    expect(without?.last3BaselineMaeDaysLate).toBeCloseTo(2.24, 1);
    expect(without?.maeDaysLate).toBeLessThan(2.0);
    // Calibration: ten bins whose observed late share rises with the predicted one.
    const bins = without?.calibration ?? [];
    expect(bins).toHaveLength(10);
    expect((bins[9]?.observed ?? 0) - (bins[0]?.observed ?? 1)).toBeGreaterThan(0.6);
  });

  it('forecasts weekly cash-in better than the due dates do', () => {
    const b = weeklyBacktest(ledger(), asOf, cutoff, 13, { useDisputes: false });
    expect(b.weeks).toHaveLength(13);
    expect(b.dueDateError).toBeCloseTo(0.296, 2);
    expect(b.error).toBeLessThan(0.26);
    expect(b.error).toBeLessThan(b.dueDateError as number);
  });
});
