// pdf.js's minified browser builds: the same API as the package's main entry.
declare module 'pdfjs-dist/build/pdf.min.mjs' {
  export type * from 'pdfjs-dist';
}
declare module 'pdfjs-dist/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}
