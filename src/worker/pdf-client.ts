/**
 * Page side of the PDF worker, over the shared channel: `makePdf(job)` → a PDF Blob, with progress
 * and an AbortSignal; `stopPdf()` ends a rendering in progress. One worker, started on first use and
 * kept (it holds jsPDF and the fonts); when none can start, the page renders itself.
 */
import { createChannel, type SendOptions } from './channel.ts';
import type { PdfJob, PdfRequests } from './pdf-protocol.ts';

const pdf = createChannel<PdfRequests>(
  () => new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module', name: 'relance-pdf' }),
  async () => (await import('./pdf-render.ts')).pdfHandlers,
);

/** Ends the PDF worker and every rendering in flight. */
export function stopPdf(): void {
  pdf.terminate();
}

export async function makePdf(job: PdfJob, options: Pick<SendOptions, 'signal' | 'onProgress'> = {}): Promise<Blob> {
  const bytes =
    job.kind === 'letters'
      ? await pdf.send('letters', { models: job.models, duplex: job.duplex }, options)
      : job.kind === 'report'
        ? await pdf.send('report', { model: job.model }, options)
        : await pdf.send('testSheet', { model: job.model }, options);
  return new Blob([bytes], { type: 'application/pdf' });
}
