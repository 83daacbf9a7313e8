import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The `genba` CLI: the same core as the app, bundled for plain Node. Dependencies
// (better-sqlite3, zod, ...) stay external and load from node_modules.
export default defineConfig({
  build: {
    ssr: resolve('main/cli.ts'),
    outDir: resolve('out/cli'),
    target: 'node20',
    minify: false,
    emptyOutDir: true,
    rolldownOptions: { output: { entryFileNames: 'cli.mjs', format: 'es' } },
  },
});
