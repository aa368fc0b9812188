/** Messages of the PDF worker (types only, imported by both sides). */
import type { LetterModel, ReportModel } from '../core/index.ts';

export type PdfJob = { readonly kind: 'letters'; readonly models: readonly LetterModel[]; readonly duplex: boolean } | { readonly kind: 'report'; readonly model: ReportModel };
export type PdfRequest = PdfJob & { readonly id: number };
export type PdfReply = { readonly id: number; readonly ok: true; readonly pdf: ArrayBuffer } | { readonly id: number; readonly ok: false; readonly message: string };
