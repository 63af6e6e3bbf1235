import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { cspMetaPlugin } from './build/csp-meta-plugin.ts';

/** One build for the Electron app: main, a single-file preload, and the renderer. */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'main/electron/main.ts'),
          'seed-worker': resolve(import.meta.dirname, 'main/seed/seed-worker.ts'),
          'sync-worker': resolve(import.meta.dirname, 'main/sync/sync-worker.ts'),
          // Beside index.js, where startDataWriter (main/workers/start-worker.ts) looks for it.
          'data-writer-worker': resolve(import.meta.dirname, 'main/host/data-writer-worker.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': zod and the contract are bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        // A sandboxed preload cannot load chunks: everything goes in one CommonJS file.
        output: { format: 'cjs', codeSplitting: false, entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react(), cspMetaPlugin()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
