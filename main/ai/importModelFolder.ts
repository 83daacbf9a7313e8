import { readdirSync, readFileSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import type { ModelImportReport } from '../api/types.js';
import { GenbaError } from '../errors.js';
import { aiError } from './aiError.js';
import { readGgufInfo } from './ggufInfo.js';
import { estimateModelMemory } from './memoryEstimate.js';
import { dirSize, type ModelManager } from './modelManager.js';

type Imported = ModelImportReport['files'][number];

const GB = 1024 ** 3;
const gb = (n: number): string => (n / GB).toFixed(1);

/**
 * Imports every model in a folder (the manager's USB stick or share, picked in Settings): each
 * GGUF file and each ONNX model folder (tokenizer.json and onnx/) directly in it. A GGUF file is
 * read first (a damaged or non-GGUF file is refused before gigabytes are copied), its memory need
 * with the configured context is set against this machine's memory (its total, not what is free
 * now: the same folder gets the same answer on a busy machine), then it is copied and hashed in
 * one pass, and the copy's sha256 is checked against the folder's SHA256SUMS and the
 * catalogue's (a copy whose checksum differs from either is refused and removed). ONNX folders
 * are copied file by file, regular files only. One refused file does not stop the others.
 * `onProgress`: bytes copied so far of all the folder's GGUF files.
 */
export async function importModelFolder(
  folder: string,
  deps: { models: ModelManager; contextSize: number; machineBytes?: number; onProgress?: (done: number, total: number, file: string) => void },
): Promise<ModelImportReport> {
  let entries: string[];
  try {
    entries = readdirSync(folder).sort();
  } catch {
    throw aiError('AI_MODEL_MISSING', { ja: `フォルダ ${folder} を読めません。`, en: `Cannot read the folder ${folder}.` });
  }
  const found = entries.flatMap((file): { file: string; kind: 'gguf' | 'onnx'; sizeBytes: number }[] => {
    const path = join(folder, file);
    const s = statSync(path, { throwIfNoEntry: false });
    if (s?.isFile() && file.toLowerCase().endsWith('.gguf')) return [{ file, kind: 'gguf', sizeBytes: s.size }];
    if (s?.isDirectory() && statSync(join(path, 'tokenizer.json'), { throwIfNoEntry: false }) && statSync(join(path, 'onnx'), { throwIfNoEntry: false }))
      return [{ file, kind: 'onnx', sizeBytes: dirSize(path) }];
    return [];
  });
  if (found.length === 0) {
    throw aiError('AI_MODEL_MISSING', {
      ja: `フォルダ ${folder} には GGUF ファイルも ONNX モデルのフォルダ（tokenizer.json と onnx/）もありません。`,
      en: `The folder ${folder} holds no GGUF file and no ONNX model folder (tokenizer.json and onnx/).`,
    });
  }
  const listed = listedSums(folder);
  const machineBytes = deps.machineBytes ?? totalmem();
  // The bytes the progress counts: a GGUF file's copy (hashed as it is copied); a folder is copied at once.
  const weight = (f: (typeof found)[number]): number => (f.kind === 'gguf' ? f.sizeBytes : 0);
  const total = found.reduce((n, f) => n + weight(f), 0);
  let before = 0;
  const files: Imported[] = [];
  for (const f of found) {
    const path = join(folder, f.file);
    const sum = listed.get(f.file);
    const base = { file: f.file, kind: f.kind, name: null, sha256: null, verified: false, listed: sum !== undefined, sizeBytes: f.sizeBytes };
    let memory: Imported['memory'] = null;
    try {
      if (f.kind === 'gguf') {
        const needBytes = await estimateModelMemory(await readGgufInfo(path), deps.contextSize);
        memory = { needBytes, machineBytes };
        if (needBytes > machineBytes) {
          throw aiError('AI_OUT_OF_MEMORY', {
            ja: `このモデルには約 ${gb(needBytes)} GB のメモリが要りますが、このパソコンには ${gb(machineBytes)} GB しかありません。小さいモデル（量子化の強いもの）を選んでください。`,
            en: `This model needs about ${gb(needBytes)} GB of memory; this computer has ${gb(machineBytes)} GB. Choose a smaller (more quantized) model.`,
          });
        }
      }
      const r = await deps.models.import(path, {
        onProgress: (done) => deps.onProgress?.(before + done, total, f.file),
        ...(sum === undefined ? {} : { listedSha256: sum }),
      });
      files.push({ ...base, memory, outcome: 'imported', name: r.name, sha256: r.sha256, verified: r.verified, reason: null });
    } catch (error) {
      const reason = error instanceof GenbaError ? error.text : { ja: String(error), en: String(error) };
      files.push({ ...base, memory, outcome: 'refused', reason });
    }
    before += weight(f);
    deps.onProgress?.(before, total, f.file);
  }
  return { folder, files };
}

/**
 * The checksums a folder lists for its files: a SHA256SUMS file as `sha256sum` writes it (`<hex>  <name>`, or
 * `<hex> *<name>` in binary mode), the usual way to carry checksums beside files on a stick. Lines that are not
 * that are skipped; none when there is no such file.
 */
function listedSums(folder: string): Map<string, string> {
  const sums = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(join(folder, 'SHA256SUMS'), 'utf8');
  } catch {
    return sums;
  }
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trim());
    if (m) sums.set(m[2]!.replace(/^\.\//, ''), m[1]!.toLowerCase());
  }
  return sums;
}
