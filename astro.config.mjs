// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

export default defineConfig({
  output: 'static',
  integrations: [svelte()],
  // Module workers so that the analysis worker can import SheetJS and PapaParse lazily.
  vite: { worker: { format: 'es' } },
  devToolbar: { enabled: false },
});
