import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts one of the core's worker threads. In the app and CLI bundles the worker is a
 * file next to the bundle (`<name>.js` / `.mjs`); from source (tests, `npm run genba`) a
 * small bootstrap registers tsx and loads `main/<source>`.
 */
export function startWorker(name: 'syncWorker' | 'embeddingWorker', source: string, workerData: unknown): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of [`${name}.js`, `${name}.mjs`]) {
    if (existsSync(join(here, file))) return new Worker(join(here, file), { workerData });
  }
  const url = pathToFileURL(join(here, source)).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
