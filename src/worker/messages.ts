/** The three kinds of message between a page and either worker (types only): reply, error, progress. */
export type ToWorker = { readonly id: number; readonly name: string; readonly input: unknown };
export type FromWorker =
  | { readonly id: number; readonly type: 'reply'; readonly output: unknown }
  | { readonly id: number; readonly type: 'error'; readonly error: { readonly code: string; readonly message: string } }
  | { readonly id: number; readonly type: 'progress'; readonly stage: string; readonly done: number; readonly total: number };
