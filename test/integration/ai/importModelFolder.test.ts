import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importModelFolder } from '../../../main/ai/importModelFolder.js';
import { createModelManager, sha256File } from '../../../main/ai/modelManager.js';
import { GenbaError } from '../../../main/errors.js';
import { writeModel } from '../../fixtures/models/ggufModels.js';
import { tempDir } from '../../helpers/tempDir.js';

const log = { info: () => {}, warn: () => {}, error: () => {} };
const text = { ja: 'テスト', en: 'test' };

describe('import every model of a folder: the fit against the machine, the listed and the catalogued sha256, an empty folder', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const stick = join(dir.path, 'stick');
  mkdirSync(stick);
  writeModel(join(stick, 'a.gguf'), 'qwen2-tiny');
  writeModel(join(stick, 'b.gguf'), 'gemma3-tiny');
  const manager = (catalogued: string | null) =>
    createModelManager({
      modelsDir: join(dir.path, `models-${catalogued ?? 'none'}`),
      manifest: {
        version: 1,
        models: [
          {
            name: 'catalogued-b',
            role: 'answer',
            kind: 'gguf',
            file: 'b.gguf',
            url: 'http://127.0.0.1:9/b.gguf',
            sizeLabel: '1 MB',
            sizeBytes: null,
            sha256: catalogued,
            license: 'x',
            description: text,
          },
        ],
      },
      log,
    });

  it('refuses a model that needs more memory than the machine has, and copies nothing of it', async () => {
    const models = manager(null);
    const r = await importModelFolder(stick, { models, contextSize: 512, machineBytes: 1024 });
    expect(r.files.map((f) => [f.file, f.outcome])).toEqual([
      ['a.gguf', 'refused'],
      ['b.gguf', 'refused'],
    ]);
    expect(r.files[0]!.memory!.needBytes).toBeGreaterThan(1024);
    expect(r.files[0]!.reason!.en).toMatch(/^This model needs about [\d.]+ GB of memory; this computer has 0\.0 GB\./);
    expect(existsSync(join(dir.path, 'models-none', 'a.gguf'))).toBe(false);
  });

  it('checks a catalogued file by the catalogue’s sha256 and refuses one whose checksum differs', async () => {
    const good = await importModelFolder(stick, { models: manager(await sha256File(join(stick, 'b.gguf'))), contextSize: 512 });
    expect(good.files.find((f) => f.file === 'b.gguf')).toMatchObject({ outcome: 'imported', name: 'catalogued-b', verified: true, listed: false });
    expect(good.files.find((f) => f.file === 'a.gguf')).toMatchObject({ outcome: 'imported', name: null, verified: false, listed: false });
    const bad = await importModelFolder(stick, { models: manager('f'.repeat(64)), contextSize: 512 });
    expect(bad.files.find((f) => f.file === 'b.gguf')).toMatchObject({
      outcome: 'refused',
      reason: { en: expect.stringMatching(/does not match the manifest/) },
    });
  });

  it('says so when the folder holds no model, and when it cannot be read', async () => {
    const empty = join(dir.path, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'x');
    const refused = async (folder: string) => {
      try {
        await importModelFolder(folder, { models: manager(null), contextSize: 512 });
        return null;
      } catch (error) {
        return error instanceof GenbaError ? error.text.ja : String(error);
      }
    };
    expect(await refused(empty)).toBe(`フォルダ ${empty} には GGUF ファイルも ONNX モデルのフォルダ（tokenizer.json と onnx/）もありません。`);
    expect(await refused(join(dir.path, 'missing'))).toBe(`フォルダ ${join(dir.path, 'missing')} を読めません。`);
  });
});
