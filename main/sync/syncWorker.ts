// Worker-thread entry: runs one sync job off the main thread and reports by message.
import { parentPort, workerData } from 'node:worker_threads';
import { executeJob } from './executeJob.js';
import { serializeError } from './serializedError.js';
import type { SyncJob } from './syncJob.js';

const port = parentPort;
if (port) {
  executeJob(workerData as SyncJob, (progress) => port.postMessage({ type: 'progress', progress }))
    .then((result) => port.postMessage({ type: 'done', result }))
    .catch((error: unknown) => port.postMessage({ type: 'error', error: serializeError(error) }));
}
