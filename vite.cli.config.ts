import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The `genba` CLI: the same core as the app, bundled for plain Node. Dependencies
// (better-sqlite3, ...) stay external and load from node_modules.
export default defineConfig({
  // zod is the exception: as a package it is ~95 ES modules (its locales included) that `genba ask` resolves, reads and
  // compiles one by one on every start; bundled, it is the few schema builders the CLI uses, in the chunks that use them.
  ssr: { noExternal: ['zod'] },
  build: {
    ssr: true,
    outDir: resolve('out/cli'),
    target: 'node20',
    minify: false,
    emptyOutDir: true,
    rolldownOptions: {
      // The workers sit next to cli.mjs: the CLI's app runs them in worker threads too.
      input: {
        cli: resolve('main/cli.ts'),
        syncWorker: resolve('main/sync/syncWorker.ts'),
        embeddingWorker: resolve('main/ai/embeddingWorker.ts'),
        planSolveWorker: resolve('main/plan/planSolveWorker.ts'),
      },
      output: { entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs', format: 'es' },
    },
  },
});
