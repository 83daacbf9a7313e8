import { truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeModel } from '../../fixtures/models/ggufModels.js';
import { writeBertModel } from '../../fixtures/models/onnxBert.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

describe('genba models (built CLI)', () => {
  const usb = tempDir();
  const data = tempDir();
  const genba = (...args: string[]) => runGenba([...args, '--data-dir', data.path]);

  beforeAll(() => {
    // Shipped to the air-gapped machine under the manifest's file name.
    writeModel(join(usb.path, 'qwen2-0_5b-instruct-q4_k_m.gguf'), 'qwen2-tiny');
    writeModel(join(usb.path, 'other.gguf'), 'gemma3-tiny');
    writeBertModel(join(usb.path, 'multilingual-e5-small'), 'tiny');
  });
  afterAll(() => {
    usb.remove();
    data.remove();
  });

  it('imports models from a USB stick, after which the roles use them', () => {
    const r = genba('models', 'import', join(usb.path, 'qwen2-0_5b-instruct-q4_k_m.gguf'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'qwen2-0.5b-instruct', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(genba('models', 'import', join(usb.path, 'multilingual-e5-small')).code).toBe(0);
    const list = JSON.parse(genba('models', 'list', '--json').stdout);
    expect(list.roles[0]).toMatchObject({ role: 'intent', state: 'on_disk', path: expect.stringContaining('qwen2-0_5b-instruct-q4_k_m.gguf') });
    expect(list.embedding).toMatchObject({ state: 'on_disk', modelDir: expect.stringContaining('multilingual-e5-small') });
    expect(list.catalog.filter((c: { present: boolean }) => c.present).map((c: { name: string }) => c.name)).toEqual([
      'qwen2-0.5b-instruct',
      'multilingual-e5-small',
    ]);
  });

  it('takes a model for one run from --answer-model', () => {
    const list = JSON.parse(genba('models', 'list', '--json', '--answer-model', join(usb.path, 'other.gguf')).stdout);
    expect(list.roles[1]).toMatchObject({ role: 'answer', state: 'on_disk', path: join(usb.path, 'other.gguf') });
  });

  it('verifies, and exits 1 naming a damaged model', () => {
    expect(genba('models', 'verify').code).toBe(0);
    truncateSync(join(data.path, 'models', 'qwen2-0_5b-instruct-q4_k_m.gguf'), 10_000);
    const r = genba('models', 'verify');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NG +qwen2-0.5b-instruct/);
  });

  it('refuses a damaged file on import and an unknown subcommand', () => {
    const cut = join(usb.path, 'cut.gguf');
    writeModel(cut, 'qwen2-tiny');
    truncateSync(cut, 20_000);
    const r = genba('models', 'import', cut);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('壊れているか');
    expect(genba('models', 'fly').code).toBe(2);
  });
});
