/**
 * The invoice inside a Factur-X / ZUGFeRD PDF (PDF/A-3 with the CII XML attached as factur-x.xml,
 * zugferd-invoice.xml or xrechnung.xml), read with pdf.js. pdf.js loads only when a PDF is dropped,
 * and runs inside the analysis worker itself (its "fake worker": no second worker, no script from
 * elsewhere); nothing is rendered.
 */
const INVOICE_NAMES = /^(factur-x|zugferd-invoice|xrechnung|order-x)\.xml$/i;

type PdfJs = typeof import('pdfjs-dist');

let loading: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof (globalThis as { document?: unknown }).document === 'undefined' && typeof (globalThis as { importScripts?: unknown }).importScripts === 'undefined' && typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined';
    if (isNode) return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
    // In the browser: pdf.js's own worker code, run in this thread (its "fake worker").
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/build/pdf.worker.min.mjs');
    return (await import('pdfjs-dist/build/pdf.min.mjs')) as unknown as PdfJs;
  })();
  return loading;
}

export type EmbeddedXml = { readonly name: string; readonly text: string } | null;

/** The attached invoice XML of a PDF, or null when it has none. Throws when the PDF cannot be read. */
export async function embeddedInvoiceXml(bytes: Uint8Array): Promise<EmbeddedXml> {
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 }).promise;
  try {
    const attachments = ((await doc.getAttachments()) ?? {}) as Record<string, { filename?: string; content?: Uint8Array }>;
    const entries = Object.entries(attachments).map(([key, a]) => ({ name: a.filename ?? key, content: a.content }));
    const chosen = entries.find((e) => INVOICE_NAMES.test(e.name)) ?? entries.find((e) => /\.xml$/i.test(e.name));
    if (!chosen?.content) return null;
    return { name: chosen.name, text: new TextDecoder('utf-8').decode(chosen.content) };
  } finally {
    await doc.destroy();
  }
}
