/** The PDF worker's requests (types only, imported by both sides): models in, PDF bytes out. */
import type { LetterModel, ReportModel, TestSheetModel } from '../core/index.ts';

export type PdfRequests = {
  letters: (input: { readonly models: readonly LetterModel[]; readonly duplex: boolean }) => ArrayBuffer;
  report: (input: { readonly model: ReportModel }) => ArrayBuffer;
  testSheet: (input: { readonly model: TestSheetModel }) => ArrayBuffer;
};

export type PdfJob = { readonly kind: 'letters'; readonly models: readonly LetterModel[]; readonly duplex: boolean } | { readonly kind: 'report'; readonly model: ReportModel } | { readonly kind: 'testSheet'; readonly model: TestSheetModel };
