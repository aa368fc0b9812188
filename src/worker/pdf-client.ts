/**
 * Page side of the PDF worker: `makePdf(job)` → a PDF Blob. One worker, started on first use and
 * kept (it holds jsPDF and the fonts); `stopPdf()` ends a rendering in progress. When no worker can
 * start, the page renders itself (slower to show, same document).
 */
import type { PdfJob, PdfReply, PdfRequest } from './pdf-protocol.ts';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (b: Blob) => void; reject: (e: Error) => void }>();

function startWorker(): Worker | null {
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module', name: 'relance-pdf' });
  } catch {
    return null;
  }
  worker.onmessage = (event: MessageEvent<PdfReply>) => {
    const m = event.data;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(new Blob([m.pdf], { type: 'application/pdf' }));
    else p.reject(new Error(m.message));
  };
  worker.onerror = (e) => {
    stopPdf(new Error(e.message || 'PDF worker error'));
  };
  return worker;
}

/** Ends the PDF worker and every rendering in flight. */
export function stopPdf(reason: Error = new DOMException('Aborted', 'AbortError')): void {
  worker?.terminate();
  worker = null;
  for (const p of pending.values()) p.reject(reason);
  pending.clear();
}

export async function makePdf(job: PdfJob): Promise<Blob> {
  const w = startWorker();
  if (!w) {
    const { renderPdf } = await import('./pdf-render.ts');
    return new Blob([await renderPdf(job)], { type: 'application/pdf' });
  }
  const id = nextId++;
  return new Promise<Blob>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: PdfRequest = { ...job, id };
    w.postMessage(request);
  });
}
