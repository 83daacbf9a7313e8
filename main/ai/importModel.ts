import { lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AppLog } from '../applog/appLog.js';
import { copyToPrivateFileAsync, PRIVATE_DIR_MODE } from '../config/privateFile.js';
import { aiError } from './aiError.js';
import { readGgufInfo } from './ggufInfo.js';
import { cleanImportLeftovers, importSource, modelNameOf, modelTarget, replaceWithStaged, stagingPath } from './modelImportPaths.js';
import type { GgufEntry, Manifest, OnnxEntry } from './modelManifest.js';

export interface ImportResult {
  name: string | null;
  path: string;
  sha256: string | null;
  verified: boolean;
}

export interface ImportOptions {
  /** Bytes copied so far of `total` (a GGUF file is hashed as it is copied, in one pass). A folder is copied at once. */
  onProgress?: (done: number, total: number) => void;
  /** The GGUF file's sha256 as its folder lists it (SHA256SUMS): a copy that differs is refused and removed. */
  listedSha256?: string;
}

/**
 * Copies one model from elsewhere (USB stick, share) into the models folder: a GGUF file,
 * matched to the manifest by checksum, then by file name; or an ONNX model folder
 * (tokenizer.json and onnx/). Nothing is in place until the copy is whole and checked; a
 * refused or failed copy is removed; only the models folder is ever written or removed.
 */
export async function importModel(
  source: string,
  deps: { modelsDir: string; manifest: Manifest; log: AppLog; verifyOnnx: (e: OnnxEntry) => Promise<boolean> },
  o: ImportOptions = {},
): Promise<ImportResult> {
  const real = importSource(source, deps.modelsDir);
  const name = modelNameOf(real);
  mkdirSync(deps.modelsDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const left of cleanImportLeftovers(deps.modelsDir)) deps.log.warn('model import leftover removed', JSON.stringify(left));
  const st = lstatSync(real);
  if (st.isDirectory()) return importFolder(real, name, deps);
  if (!st.isFile()) {
    throw aiError('AI_MODEL_CORRUPT', {
      ja: `${source} は通常のファイルでもフォルダでもありません。取り込めません。`,
      en: `${source} is neither a regular file nor a folder. It cannot be imported.`,
    });
  }

  await readGgufInfo(real); // refuse a damaged or non-GGUF file before copying gigabytes
  const staged = stagingPath(modelTarget(deps.modelsDir, name));
  try {
    const total = st.size;
    let done = 0;
    const sum = await copyToPrivateFileAsync(real, staged, (n) => o.onProgress?.((done += n), total));
    await readGgufInfo(staged); // what is kept is checked, not only what was read before the copy
    const ggufs = deps.manifest.models.filter((m): m is GgufEntry => m.kind === 'gguf');
    const bySum = ggufs.find((m) => m.sha256 === sum);
    const byName = ggufs.find((m) => m.file === name);
    if (!bySum && byName?.sha256) {
      throw aiError('MODEL_CHECKSUM_MISMATCH', {
        ja: `${name} のチェックサムが一覧と一致しません。ファイルが壊れているか、別のファイルです。`,
        en: `The checksum of ${name} does not match the manifest: the file is damaged or a different one.`,
      });
    }
    if (o.listedSha256 !== undefined && o.listedSha256 !== sum) {
      throw aiError('MODEL_CHECKSUM_MISMATCH', {
        ja: `${name} の sha256 がフォルダの SHA256SUMS と一致しません。コピーの途中で壊れたか、別のファイルです。`,
        en: `The sha256 of ${name} does not match the folder's SHA256SUMS: it was damaged in the copy, or it is a different file.`,
      });
    }
    const entry = bySum ?? byName;
    const target = modelTarget(deps.modelsDir, entry?.file ?? name);
    replaceWithStaged(staged, target);
    deps.log.info('model imported', `${JSON.stringify(real)} -> ${JSON.stringify(target)} sha256=${sum}`);
    return { name: entry?.name ?? null, path: target, sha256: sum, verified: entry?.sha256 === sum || o.listedSha256 === sum };
  } finally {
    rmSync(staged, { force: true });
  }
}

async function importFolder(real: string, name: string, deps: Parameters<typeof importModel>[1]): Promise<ImportResult> {
  const has = (p: string): boolean => lstatSync(join(real, p), { throwIfNoEntry: false }) !== undefined;
  if (!has('tokenizer.json') || !has('onnx')) {
    throw aiError('AI_MODEL_CORRUPT', {
      ja: `${real} は ONNX モデルのフォルダではありません（tokenizer.json と onnx/ が必要）。`,
      en: `${real} is not an ONNX model folder (needs tokenizer.json and onnx/).`,
    });
  }
  const files = regularFiles(real);
  const target = modelTarget(deps.modelsDir, name);
  const staged = stagingPath(target);
  try {
    // Staged in a private folder, so that no file is reachable by others before the model is complete.
    mkdirSync(staged, { mode: PRIVATE_DIR_MODE });
    for (const file of files) {
      mkdirSync(join(staged, file, '..'), { recursive: true, mode: PRIVATE_DIR_MODE });
      await copyToPrivateFileAsync(join(real, file), join(staged, file));
    }
    replaceWithStaged(staged, target);
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
  deps.log.info('model imported', `${JSON.stringify(real)} -> ${JSON.stringify(target)}`);
  const entry = deps.manifest.models.find((m): m is OnnxEntry => m.kind === 'onnx' && m.dir === name);
  return { name: entry?.name ?? null, path: target, sha256: null, verified: entry ? await deps.verifyOnnx(entry) : false };
}

/**
 * The folder's files, relative to it. Only regular files and folders are copied: a link could
 * point out of the data folder (and be followed later), a FIFO would block the copy forever.
 * Anything else refuses the whole folder, named, before a byte is copied.
 */
function regularFiles(root: string): string[] {
  const files: string[] = [];
  const others: string[] = [];
  for (const e of readdirSync(root, { withFileTypes: true, recursive: true })) {
    const rel = relative(root, join(e.parentPath, e.name));
    if (e.isFile()) files.push(rel);
    else if (!e.isDirectory()) others.push(rel);
  }
  if (others.length > 0) {
    const names = others
      .sort()
      .slice(0, 5)
      .map((n) => JSON.stringify(n))
      .join(', ');
    throw aiError('AI_MODEL_CORRUPT', {
      ja: `${quoted(root)} には通常のファイルでないもの（リンク、FIFO など）があります: ${names}${others.length > 5 ? ` ほか ${others.length - 5} 件` : ''}。通常のファイルだけのフォルダにしてから取り込んでください。何もコピーしていません。`,
      en: `${quoted(root)} holds things that are not regular files (links, FIFOs, …): ${names}${others.length > 5 ? ` and ${others.length - 5} more` : ''}. Make it a folder of regular files only, then import it. Nothing was copied.`,
    });
  }
  return files.sort();
}

const quoted = (p: string): string => JSON.stringify(p);
