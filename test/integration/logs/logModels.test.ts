import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { tempDir } from '../../helpers/tempDir.js';
import { installTestModels } from '../../helpers/testModels.js';

describe('log intelligence with local models installed', () => {
  const dir = tempDir();
  let app: GenbaApp;

  beforeAll(async () => {
    installTestModels(dir.path, { onnx: ['multilingual-e5-small'], gguf: { 'gemma-3-4b-it-Q4_K_M.gguf': 'gemma3-tiny' }, contextSize: 1024 });
    app = createApp({ dataDir: dir.path });
    await app.start();
  }, 120_000);
  afterAll(async () => {
    await app.stop();
    dir.remove();
  });

  it('embeds templates with the ONNX model (e5 prefixes) and searches with it', async () => {
    const r = await app.logs.refresh();
    expect(r.model).toBe('onnx:multilingual-e5-small');
    expect(r.embedded).toBe(app.logs.templates().length);
    const hits = await app.logs.search('OCR timeout for image', 3);
    expect(hits).toHaveLength(3);
  });

  it('re-embeds everything and rebuilds the index when the model changes, and names a missing model', async () => {
    const other = join(dir.path, 'ruri-v3-30m');
    cpSync(join(dir.path, 'models', 'multilingual-e5-small'), other, { recursive: true });
    const switched = createApp({ dataDir: dir.path, models: { embeddingModel: other } });
    await switched.start();
    const r = await switched.logs.refresh();
    expect(r).toMatchObject({ model: 'onnx:ruri-v3-30m', rebuilt: 'model-changed', embedded: switched.logs.templates().length });
    await switched.stop();
    const missing = createApp({ dataDir: dir.path, models: { embeddingModel: join(dir.path, 'nowhere') } });
    await missing.start();
    await expect(missing.logs.refresh()).rejects.toMatchObject({ code: 'AI_MODEL_MISSING' });
    await missing.stop();
  });

  it('lets the answer model describe a family, and keeps the label either way', async () => {
    const id = app.logs.clusters()[0]!.id;
    const d = await app.logs.describeCluster(id, 'ja');
    expect(d.label.length).toBeGreaterThan(0);
    expect(typeof d.summary === 'string' || d.summary === null).toBe(true);
  });
});

describe('genba logs ingest and search (built CLI)', () => {
  it('adds a log file to the store and finds its lines by meaning', () => {
    const d = tempDir();
    const file = join(d.path, 'app.log');
    writeFileSync(
      file,
      Array.from({ length: 50 }, (_, i) => `2025-10-23 15:${String(i % 60).padStart(2, '0')}:00 ERROR printer queue jammed on tray ${i % 3}`).join('\n') + '\n',
    );
    const run = (...args: string[]) => spawnSync(process.execPath, [resolve('bin/genba.mjs'), ...args, '--data-dir', d.path, '--json'], { encoding: 'utf8' });
    const ingest = run('logs', 'ingest', file);
    expect(ingest.status).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject({ lines: 50 });
    const hits = JSON.parse(run('logs', 'search', 'printer queue jammed', '--k', '3').stdout);
    expect(hits[0]).toMatchObject({ template: expect.stringContaining('printer queue jammed on tray'), count: 50 });
    d.remove();
  });
});
