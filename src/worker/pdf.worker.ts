/// <reference lib="webworker" />
/**
 * The PDF worker: renders letters and the audit report off the main thread, so that a batch of a
 * thousand letters never freezes the page. jsPDF, the fonts and Chart.js load here, on first use.
 * Separate from the analysis worker: stopping a long rendering must not lose the ledgers read.
 */
import type { PdfReply, PdfRequest } from './pdf-protocol.ts';

const post = (m: PdfReply, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);

self.onmessage = async (event: MessageEvent<PdfRequest>) => {
  const { id } = event.data;
  try {
    const { renderPdf } = await import('./pdf-render.ts');
    const pdf = await renderPdf(event.data);
    post({ id, ok: true, pdf }, [pdf]);
  } catch (e) {
    post({ id, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
};
