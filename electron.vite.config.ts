import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './electron/contentSecurityPolicy';
import { buildId } from './scripts/buildId.mjs';

/** The built page carries the strict CSP itself, whoever serves it (app://genba/ sends it as a header too). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'genba-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

// electron/ is the shell, main/ the core it bundles; renderer/ is the React app.
export default defineConfig({
  main: {
    // The build a result Genba keeps is keyed by (main/config/buildId.ts).
    define: { __GENBA_BUILD__: JSON.stringify(buildId()) },
    build: {
      // Workers are entries of their own: worker threads load them from files next to index.js.
      lib: {
        entry: {
          index: resolve('electron/main.ts'),
          syncWorker: resolve('main/sync/syncWorker.ts'),
          embeddingWorker: resolve('main/ai/embeddingWorker.ts'),
          planSolveWorker: resolve('main/plan/planSolveWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads are loaded as classic scripts: they must be CommonJS.
      lib: { entry: { index: resolve('electron/preload.ts') }, formats: ['cjs'] },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
  },
});
