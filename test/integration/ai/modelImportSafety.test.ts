import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelManager, sha256File } from '../../../main/ai/modelManager.js';
import { cleanImportLeftovers } from '../../../main/ai/modelImportPaths.js';
import type { Manifest } from '../../../main/ai/modelManifest.js';
import { writeModel } from '../../fixtures/models/ggufModels.js';
import { writeBertModel } from '../../fixtures/models/onnxBert.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';
import { AiError } from '../../../main/ai/aiError.js';

const log = { info: () => {}, warn: () => {}, error: () => {} };
const manifest: Manifest = { version: 1, models: [] };

/** A pid no process has: that of a child that has already exited. */
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

/** The AiError an import is refused with. */
async function thrownBy(fn: () => Promise<unknown>): Promise<AiError> {
  const error = await fn().then(
    () => new Error('expected the import to be refused'),
    (e: unknown) => e,
  );
  if (error instanceof AiError) return error;
  throw error;
}

/** Every file under `dir` with its size (but the app log, which each command writes to): what a data folder holds, to compare before and after. */
const tree = (dir: string): Record<string, number> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== 'genba.log')
      .map((e) => [join(e.parentPath, e.name).slice(dir.length), statSync(join(e.parentPath, e.name)).size]),
  );

describe('model import never removes anything outside the models folder (built CLI)', () => {
  const usb = tempDir();
  const data = tempDir();
  const genba = (...args: string[]) => runGenba([...args, '--data-dir', data.path]);

  beforeAll(() => {
    writeBertModel(join(usb.path, 'multilingual-e5-small'), 'tiny');
    writeModel(join(usb.path, 'qwen2-0_5b-instruct-q4_k_m.gguf'), 'qwen2-tiny');
    // What a data folder holds besides models: the store, the config, the logs, the automatic backups.
    mkdirSync(join(data.path, 'backups'), { recursive: true });
    mkdirSync(join(data.path, 'logs'), { recursive: true });
    writeFileSync(join(data.path, 'genba.sqlite'), 'the store');
    writeFileSync(join(data.path, 'config.json'), '{}');
    writeFileSync(join(data.path, 'logs', 'genba.log'), 'log');
    writeFileSync(join(data.path, 'backups', 'genba-20251023-120000.sqlite'), 'backup');
  });
  afterAll(() => {
    usb.remove();
    data.remove();
  });

  it('imports `<model>/onnx/..` as the model it names, and the data folder keeps everything it held', () => {
    const before = tree(data.path);
    const r = genba('models', 'import', `${join(usb.path, 'multilingual-e5-small', 'onnx')}/..`, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).path).toBe(join(data.path, 'models', 'multilingual-e5-small'));
    const after = tree(data.path);
    for (const [file, size] of Object.entries(before)) expect(after[file], file).toBe(size);
    expect(existsSync(join(data.path, 'models', 'multilingual-e5-small', 'tokenizer.json'))).toBe(true);
  });

  it('imports `<model>/.` (cd model && genba models import .) without removing the other models', () => {
    expect(genba('models', 'import', join(usb.path, 'qwen2-0_5b-instruct-q4_k_m.gguf')).code).toBe(0);
    const r = genba('models', 'import', `${join(usb.path, 'multilingual-e5-small')}/.`);
    expect(r.code).toBe(0);
    expect(readdirSync(join(data.path, 'models')).sort()).toEqual(['multilingual-e5-small', 'qwen2-0_5b-instruct-q4_k_m.gguf']);
  });

  it('refuses the data folder, the models folder and a folder inside it, and changes nothing', () => {
    const before = tree(data.path);
    for (const source of [data.path, join(data.path, 'models'), join(data.path, 'models', 'multilingual-e5-small'), `${join(data.path, 'models')}/..`, '/']) {
      const r = genba('models', 'import', source);
      expect(r.code, source).toBe(1);
      expect(r.stderr, source).toContain('何も変更していません');
    }
    expect(tree(data.path)).toEqual(before);
  });
});

describe('model import copies whole, checked copies only', () => {
  const usb = tempDir();
  const data = tempDir();
  const modelsDir = join(data.path, 'models');
  const models = createModelManager({ modelsDir, manifest, log });

  beforeAll(() => {
    writeModel(join(usb.path, 'tiny.gguf'), 'qwen2-tiny');
    writeBertModel(join(usb.path, 'e5'), 'tiny');
  });
  afterAll(() => {
    usb.remove();
    data.remove();
  });

  it('states the sha256 of the copy it keeps, even when the source changes while it is imported', async () => {
    const source = join(usb.path, 'changing.gguf');
    writeModel(source, 'qwen2-tiny');
    const size = statSync(source).size;
    let changed = false;
    const r = await models.import(source, {
      onProgress: () => {
        if (changed) return;
        changed = true; // the stick's file is rewritten under the import (its last bytes, tensor data)
        const fd = openSync(source, 'r+');
        writeSync(fd, Buffer.from('changed!'), 0, 8, size - 8);
        closeSync(fd);
      },
    });
    expect(changed).toBe(true);
    expect(await sha256File(r.path)).toBe(r.sha256);
  });

  it('removes a refused copy: nothing is left beside the models', async () => {
    const error = await thrownBy(() => models.import(join(usb.path, 'tiny.gguf'), { listedSha256: '0'.repeat(64) }));
    expect(error.code).toBe('MODEL_CHECKSUM_MISMATCH');
    expect(readdirSync(modelsDir).filter((n) => n.includes('.importing'))).toEqual([]);
  });

  it('refuses an ONNX folder holding a FIFO or a link, by name, and copies nothing of it', async () => {
    const bad = join(usb.path, 'bad-e5');
    writeBertModel(bad, 'tiny');
    expect(spawnSync('mkfifo', [join(bad, 'onnx', 'pipe')]).status).toBe(0);
    symlinkSync('/etc/passwd', join(bad, 'passwd'));
    const error = await thrownBy(() => models.import(bad));
    expect(error.code).toBe('AI_MODEL_CORRUPT');
    expect(error.text.en).toContain('"onnx/pipe"');
    expect(error.text.en).toContain('"passwd"');
    expect(existsSync(join(modelsDir, 'bad-e5'))).toBe(false);
    expect(readdirSync(modelsDir).filter((n) => n.startsWith('bad-e5'))).toEqual([]);
  });

  it('replaces a model of the same name only with a complete copy', async () => {
    await models.import(join(usb.path, 'e5'));
    const tokenizer = join(modelsDir, 'e5', 'tokenizer.json');
    const old = readFileSync(tokenizer, 'utf8');
    // A newer copy that is refused (a link inside) leaves the old one whole.
    symlinkSync('/etc/passwd', join(usb.path, 'e5', 'link'));
    await thrownBy(() => models.import(join(usb.path, 'e5')));
    expect(readFileSync(tokenizer, 'utf8')).toBe(old);
  });

  it('cleans what a killed import left: a dead process’s copy is removed, a model moved aside is put back', () => {
    const pid = deadPid();
    writeFileSync(join(modelsDir, `tiny.gguf.${pid}.importing`), Buffer.alloc(1 << 20));
    mkdirSync(join(modelsDir, `gone-e5.${pid}.replaced`));
    writeFileSync(join(modelsDir, `gone-e5.${pid}.replaced`, 'tokenizer.json'), '{}');
    // A copy of a process still running (this one) is left alone.
    writeFileSync(join(modelsDir, `x.gguf.${process.pid}.importing`), 'running');
    expect(cleanImportLeftovers(modelsDir).sort()).toEqual([`gone-e5.${pid}.replaced`, `tiny.gguf.${pid}.importing`]);
    expect(existsSync(join(modelsDir, 'gone-e5', 'tokenizer.json'))).toBe(true);
    expect(existsSync(join(modelsDir, `tiny.gguf.${pid}.importing`))).toBe(false);
    expect(existsSync(join(modelsDir, `x.gguf.${process.pid}.importing`))).toBe(true);
  });

  it('cleans a killed import’s leftover at the next import (built CLI)', () => {
    const pid = deadPid();
    writeFileSync(join(modelsDir, `big.gguf.${pid}.importing`), Buffer.alloc(1 << 20));
    expect(runGenba(['models', 'import', join(usb.path, 'tiny.gguf'), '--data-dir', data.path]).code).toBe(0);
    expect(existsSync(join(modelsDir, `big.gguf.${pid}.importing`))).toBe(false);
  });
});
