import { copyFileSync, existsSync, mkdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelManager, sha256File } from '../../../main/ai/modelManager.js';
import type { Manifest } from '../../../main/ai/modelManifest.js';
import { GGML, writeGguf } from '../../fixtures/models/ggufWriter.js';
import { writeModel } from '../../fixtures/models/ggufModels.js';
import { writeBertModel } from '../../fixtures/models/onnxBert.js';
import { serveFiles, type FileServer } from '../../helpers/fileServer.js';
import { tempDir } from '../../helpers/tempDir.js';

const log = { info: () => {}, warn: () => {}, error: () => {} };
const text = { ja: 'テスト', en: 'test' };

describe('model manager: pull from a local HTTP server, import, verify', () => {
  const hub = tempDir();
  const dirs: { remove: () => void }[] = [];
  let server: FileServer;
  let manifest: Manifest;
  let sum: string;
  const modelsDir = (): string => {
    const d = tempDir();
    dirs.push(d);
    return join(d.path, 'models');
  };

  beforeAll(async () => {
    writeModel(join(hub.path, 'qwen2-tiny.gguf'), 'qwen2-tiny');
    writeModel(join(hub.path, 'big.gguf'), 'gemma3-tiny');
    writeBertModel(join(hub.path, 'test-e5'), 'tiny');
    sum = await sha256File(join(hub.path, 'qwen2-tiny.gguf'));
    server = await serveFiles(hub.path);
    manifest = {
      version: 1,
      models: [
        {
          name: 'tiny-intent',
          role: 'intent',
          kind: 'gguf',
          file: 'qwen2-tiny.gguf',
          url: `${server.url}/qwen2-tiny.gguf`,
          sizeLabel: '0.5 MB',
          sizeBytes: null,
          sha256: sum,
          license: 'test',
          description: text,
        },
        {
          name: 'tiny-answer',
          role: 'answer',
          kind: 'gguf',
          file: 'gemma3-tiny.gguf',
          url: `${server.url}/big.gguf`,
          sizeLabel: '0.5 MB',
          sizeBytes: null,
          sha256: '0'.repeat(64),
          license: 'test',
          description: text,
        },
        {
          name: 'tiny-e5',
          role: 'embedding',
          kind: 'onnx',
          dir: 'test-e5',
          baseUrl: `${server.url}/test-e5/`,
          prefix: 'e5',
          sizeLabel: '0.1 MB',
          license: 'test',
          description: text,
          files: ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'].map((path) => ({ path, sha256: null })),
        },
      ],
    };
  });
  afterAll(async () => {
    await server?.close();
    dirs.forEach((d) => d.remove());
    hub.remove();
  });

  it('pulls a GGUF model and an ONNX folder, and verifies them', async () => {
    const mm = createModelManager({ modelsDir: modelsDir(), manifest, log });
    expect(mm.catalog().map((c) => c.present)).toEqual([false, false, false]);
    const progress: number[] = [];
    expect(await mm.pull('tiny-intent', { onProgress: (d) => progress.push(d) })).toMatchObject({ ok: true, how: 'sha256' });
    expect(progress.at(-1)).toBeGreaterThan(0);
    expect(await mm.pull('tiny-e5')).toMatchObject({ ok: true, how: 'structure' });
    expect(mm.catalog().map((c) => c.present)).toEqual([true, false, true]);
    expect(mm.defaultPath('intent')).toMatch(/qwen2-tiny\.gguf$/);
  });

  it('refuses a download whose checksum differs from the manifest', async () => {
    const mm = createModelManager({ modelsDir: modelsDir(), manifest, log });
    await expect(mm.pull('tiny-answer')).rejects.toMatchObject({ code: 'MODEL_CHECKSUM_MISMATCH' });
    await expect(mm.pull('no-such-model')).rejects.toMatchObject({ code: 'MODEL_UNKNOWN' });
  });

  it('resumes an interrupted download', async () => {
    // 24 MB: several of the downloader's 5 MB chunks, so part of it is on disk when interrupted.
    const blob = join(hub.path, 'blob.gguf');
    writeGguf(blob, { 'general.architecture': { type: 'string', value: 'qwen2' } }, [
      { name: 'x', dims: [6 * 1024 * 1024], type: GGML.F32, fill: (write, n) => write(new Uint8Array(n).fill(7)) },
    ]);
    const slow = await serveFiles(hub.path, { bytesPerSecond: 12_000_000 });
    const m = {
      ...manifest,
      models: [{ ...manifest.models[0]!, file: 'blob.gguf', url: `${slow.url}/blob.gguf`, sha256: await sha256File(blob) }],
    } as Manifest;
    const dir = modelsDir();
    const mm = createModelManager({ modelsDir: dir, manifest: m, log });
    const ac = new AbortController();
    await expect(
      mm.pull('tiny-intent', {
        signal: ac.signal,
        onProgress: (done) => {
          if (done > 12_000_000) ac.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'AI_CANCELLED' });
    expect(await mm.pull('tiny-intent')).toMatchObject({ ok: true, how: 'sha256' });
    const ranged = slow.requests.filter((r) => r.method === 'GET' && r.range && !r.range.startsWith('bytes=0-'));
    expect(ranged.length, JSON.stringify(slow.requests)).toBeGreaterThan(0);
    await slow.close();
  });

  it('imports from a USB stick: matched by checksum, refused when damaged or different', async () => {
    const usb = tempDir();
    dirs.push(usb);
    const mm = createModelManager({ modelsDir: modelsDir(), manifest, log });
    const renamed = join(usb.path, 'whatever-name.gguf');
    copyFileSync(join(hub.path, 'qwen2-tiny.gguf'), renamed);
    expect(await mm.import(renamed)).toMatchObject({ name: 'tiny-intent', sha256: sum, verified: true });
    expect(existsSync(mm.catalog()[0]!.path)).toBe(true);

    const other = join(usb.path, 'gemma3-tiny.gguf'); // the answer entry's name, content that is not its checksum
    copyFileSync(join(hub.path, 'big.gguf'), other);
    await expect(mm.import(other)).rejects.toMatchObject({ code: 'MODEL_CHECKSUM_MISMATCH' });
    const cut = join(usb.path, 'cut.gguf');
    copyFileSync(join(hub.path, 'qwen2-tiny.gguf'), cut);
    truncateSync(cut, 50_000);
    await expect(mm.import(cut)).rejects.toMatchObject({ code: 'AI_MODEL_CORRUPT' });
    expect(await mm.import(join(hub.path, 'test-e5'))).toMatchObject({ name: 'tiny-e5', verified: true });
  });

  it('verifies what is on disk and names what is damaged', async () => {
    const dir = modelsDir();
    const mm = createModelManager({ modelsDir: dir, manifest, log });
    mkdirSync(dir, { recursive: true });
    await mm.pull('tiny-intent');
    await mm.pull('tiny-e5');
    expect((await mm.verify()).every((v) => v.ok)).toBe(true);
    truncateSync(join(dir, 'qwen2-tiny.gguf'), 1000);
    const [intent] = await mm.verify();
    expect(intent).toMatchObject({ name: 'tiny-intent', ok: false, how: 'sha256' });
  });
});
