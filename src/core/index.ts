/** The only door into the pure domain core: everything outside src/core imports from here. */
export * from './lang.ts';
export * from './day.ts';
export * from './due-dates.ts';
export * from './money.ts';
export * from './ledger.ts';
export * from './issues.ts';
export * from './aging.ts';
export * from './dso.ts';
export * from './analysis.ts';
export * from './penalties.ts';
export * from './dunning/next-actions.ts';
export * from './dunning/workspace.ts';
export * from './dunning/prescription.ts';
export * from './dunning/claims.ts';
export * from './dunning/edits.ts';
export * from './letters/letter-model.ts';
export * from './report/audit-report.ts';
