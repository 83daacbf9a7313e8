import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { buildId } from './scripts/buildId.mjs';

// The `genba` CLI: the same core as the app, bundled for plain Node. Dependencies
// (better-sqlite3, ...) stay external and load from node_modules.
export default defineConfig({
  define: { __GENBA_BUILD__: JSON.stringify(buildId()) },
  // The pure-JavaScript packages are the exception: as packages they are many small ES modules (zod ~95, date-fns'
  // functions, @date-fns/tz, csv-*) that every command resolves, reads and compiles one by one on its start; bundled, they
  // are the few functions the CLI uses, in the chunks that use them.
  ssr: { noExternal: ['zod', 'date-fns', '@date-fns/tz', 'csv-parse', 'csv-stringify', 'wanakana'] },
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
