/// <reference lib="webworker" />
/**
 * The PDF worker: renders letters and the audit report off the main thread, so that a batch of a
 * thousand letters never freezes the page. jsPDF, the fonts and Chart.js load here, on first use.
 * Separate from the analysis worker: stopping a long rendering must not lose the ledgers read.
 */
import { serve } from './serve.ts';

serve(async () => (await import('./pdf-render.ts')).pdfHandlers);
