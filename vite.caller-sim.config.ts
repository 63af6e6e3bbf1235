import { defineConfig } from 'vite';
import { resolve } from 'node:path';

/** The caller simulator page (a customer phone in a browser) for tests and the demo. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'tools/caller-sim/page'),
  base: './',
  build: {
    outDir: resolve(import.meta.dirname, 'out/caller-sim'),
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
  },
});
