import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts one of the core's worker threads. In the app and CLI bundles the worker is a
 * file next to the entry bundle (`<name>.js` / `.mjs`), which is this file's folder or, when
 * this code was split into a chunk (chunks/), the folder above; from source (tests, `npm run
 * genba`) a small bootstrap registers tsx and loads `main/<source>`.
 */
export function startWorker(name: 'syncWorker' | 'embeddingWorker' | 'planSolveWorker', source: string, workerData: unknown): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, dirname(here)]) {
    for (const file of [`${name}.js`, `${name}.mjs`]) {
      if (existsSync(join(dir, file))) return new Worker(join(dir, file), { workerData });
    }
  }
  const url = pathToFileURL(join(here, source)).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
