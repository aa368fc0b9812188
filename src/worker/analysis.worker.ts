/// <reference lib="webworker" />
/** The analysis worker: the channel's worker side over handlers.ts (import, figures, dunning, letter models). */
import { createHandlers } from './handlers.ts';
import { serve } from './serve.ts';

serve(createHandlers);
