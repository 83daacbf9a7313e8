import { createHash } from 'node:crypto';
import { chmodSync, cpSync, createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AppLog } from '../applog/appLog.js';
import { copyToPrivateFileAsync, makeTreePrivate, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../config/privateFile.js';
import { aiError } from './aiError.js';
import { readGgufInfo } from './ggufInfo.js';
import type { GgufEntry, Manifest, ManifestEntry, OnnxEntry } from './modelManifest.js';
import type { Localized } from '../api/localized.js';

export interface CatalogItem {
  name: string;
  role: ManifestEntry['role'];
  kind: 'gguf' | 'onnx';
  path: string;
  present: boolean;
  sizeBytes: number | null;
  sizeLabel: string;
  checksumKnown: boolean;
  license: string;
  description: Localized;
}
export interface VerifyResult {
  name: string;
  path: string;
  ok: boolean;
  how: 'sha256' | 'structure';
  problem: string | null;
}

export async function sha256File(path: string, onBytes?: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return hash.digest('hex');
}

export function dirSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
}

export interface ImportResult {
  name: string | null;
  path: string;
  sha256: string | null;
  verified: boolean;
}

export interface ImportOptions {
  /** A GGUF file's bytes read so far of `total`: it is read twice (its checksum, then the copy). A folder is copied at once. */
  onProgress?: (done: number, total: number) => void;
  /** The GGUF file's sha256 as its folder lists it (SHA256SUMS): a file that differs is refused before it is copied. */
  listedSha256?: string;
}

/** The models folder against the manifest: what is there, pulls, imports and checksums. */
export interface ModelManager {
  catalog(): CatalogItem[];
  /** The manifest's file for a role, if it is on disk. */
  defaultPath(role: ManifestEntry['role']): string | null;
  pull(name: string, o?: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal }): Promise<VerifyResult>;
  /**
   * Copies a model from elsewhere (USB stick, share) into the models folder. A GGUF file
   * is matched to the manifest by checksum, then by file name; an ONNX model is a folder.
   */
  import(source: string, o?: ImportOptions): Promise<ImportResult>;
  verify(): Promise<VerifyResult[]>;
}

/**
 * The models folder: what the manifest lists, what is on disk, and getting models there:
 * `pull` (download, resumable) where there is internet, `import` (copy from a USB stick
 * or share) where there is not, and `verify` either way.
 */
export function createModelManager(deps: { modelsDir: string; manifest: Manifest; log: AppLog }): ModelManager {
  const pathOf = (e: ManifestEntry): string => join(deps.modelsDir, e.kind === 'gguf' ? e.file : e.dir);
  const find = (name: string): ManifestEntry => {
    const e = deps.manifest.models.find((m) => m.name === name);
    if (!e) {
      throw aiError('MODEL_UNKNOWN', {
        ja: `モデル「${name}」は一覧にありません（${deps.manifest.models.map((m) => m.name).join(', ')}）。`,
        en: `Unknown model "${name}" (known: ${deps.manifest.models.map((m) => m.name).join(', ')}).`,
      });
    }
    return e;
  };

  const verifyOne = async (e: ManifestEntry): Promise<VerifyResult> => {
    const path = pathOf(e);
    const result = (ok: boolean, how: VerifyResult['how'], problem: string | null): VerifyResult => ({ name: e.name, path, ok, how, problem });
    if (!existsSync(path)) return result(false, 'structure', 'missing');
    if (e.kind === 'gguf') {
      if (e.sha256) {
        const actual = await sha256File(path);
        return actual === e.sha256 ? result(true, 'sha256', null) : result(false, 'sha256', `sha256 ${actual} ≠ ${e.sha256}`);
      }
      try {
        await readGgufInfo(path);
        return result(true, 'structure', null);
      } catch (error) {
        return result(false, 'structure', (error as Error).message);
      }
    }
    for (const f of e.files) {
      const p = join(path, f.path);
      // The weights may come fp32 (model.onnx) or quantized (model_quantized.onnx): either loads.
      const otherWeights =
        f.path.startsWith('onnx/') && !f.sha256 && existsSync(join(path, 'onnx')) && readdirSync(join(path, 'onnx')).some((n) => /^model.*\.onnx$/.test(n));
      if (!existsSync(p) && otherWeights) continue;
      if (!existsSync(p)) return result(false, 'structure', `missing ${f.path}`);
      if (f.sha256 && (await sha256File(p)) !== f.sha256) return result(false, 'sha256', `sha256 of ${f.path} differs`);
    }
    return result(true, e.files.every((f) => f.sha256) ? 'sha256' : 'structure', null);
  };

  const download = async (
    url: string,
    dir: string,
    fileName: string,
    onProgress?: (done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<string> => {
    const { createModelDownloader } = await import('node-llama-cpp');
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    try {
      const downloader = await createModelDownloader({
        modelUri: url,
        dirPath: dir,
        fileName,
        skipExisting: false,
        deleteTempFileOnCancel: false,
        ...(onProgress
          ? { onProgress: ({ downloadedSize, totalSize }: { downloadedSize: number; totalSize: number }) => onProgress(downloadedSize, totalSize) }
          : {}),
      });
      const path = await downloader.download(signal ? { signal } : {});
      // An aborted download returns quietly, leaving its partial file for the next pull to resume.
      if (signal?.aborted) throw new Error('aborted');
      chmodSync(path, PRIVATE_FILE_MODE); // like every file of the data folder (the downloader uses the umask's mode)
      return path;
    } catch (error) {
      if (signal?.aborted)
        throw aiError('AI_CANCELLED', { ja: 'ダウンロードを中止しました。次回は続きから再開します。', en: 'Download cancelled. The next pull resumes it.' });
      deps.log.error(`download ${url} failed`, String(error));
      throw aiError(
        'MODEL_DOWNLOAD_FAILED',
        {
          ja: `${basename(url)} をダウンロードできませんでした。インターネットのない環境では genba models import を使ってください。`,
          en: `Could not download ${basename(url)}. Without internet, use genba models import.`,
        },
        String(error),
      );
    }
  };

  return {
    catalog(): CatalogItem[] {
      return deps.manifest.models.map((e) => {
        const path = pathOf(e);
        const present = existsSync(path);
        return {
          name: e.name,
          role: e.role,
          kind: e.kind,
          path,
          present,
          sizeLabel: e.sizeLabel,
          license: e.license,
          description: e.description,
          sizeBytes: present ? (e.kind === 'gguf' ? statSync(path).size : dirSize(path)) : null,
          checksumKnown: e.kind === 'gguf' ? e.sha256 !== null : e.files.every((f) => f.sha256 !== null),
        };
      });
    },
    defaultPath(role: ManifestEntry['role']): string | null {
      const e = deps.manifest.models.find((m) => m.role === role && existsSync(pathOf(m)));
      return e ? pathOf(e) : null;
    },

    async pull(name: string, o: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {}): Promise<VerifyResult> {
      const e = find(name);
      if (e.kind === 'gguf') {
        await download((e as GgufEntry).url, deps.modelsDir, e.file, o.onProgress, o.signal);
      } else {
        const onnx = e as OnnxEntry;
        for (const f of onnx.files) await download(onnx.baseUrl + f.path, dirname(join(pathOf(e), f.path)), basename(f.path), o.onProgress, o.signal);
      }
      const v = await verifyOne(e);
      if (!v.ok)
        throw aiError('MODEL_CHECKSUM_MISMATCH', {
          ja: `${e.name} の検証に失敗しました（${v.problem}）。もう一度取得してください。`,
          en: `${e.name} failed verification (${v.problem}). Pull it again.`,
        });
      return v;
    },
    async import(source: string, o: ImportOptions = {}): Promise<ImportResult> {
      if (!existsSync(source)) {
        throw aiError('AI_MODEL_MISSING', { ja: `取り込むファイル ${source} が見つかりません。`, en: `The file to import, ${source}, does not exist.` });
      }
      mkdirSync(deps.modelsDir, { recursive: true, mode: PRIVATE_DIR_MODE });
      if (statSync(source).isDirectory()) {
        if (!existsSync(join(source, 'tokenizer.json')) || !existsSync(join(source, 'onnx'))) {
          throw aiError('AI_MODEL_CORRUPT', {
            ja: `${source} は ONNX モデルのフォルダではありません（tokenizer.json と onnx/ が必要）。`,
            en: `${source} is not an ONNX model folder (needs tokenizer.json and onnx/).`,
          });
        }
        const entry = deps.manifest.models.find((m) => m.kind === 'onnx' && m.dir === basename(source));
        const target = join(deps.modelsDir, basename(source));
        rmSync(`${target}.importing`, { recursive: true, force: true });
        // Copied into a private folder, so that no file is reachable by others before it is made private too.
        mkdirSync(`${target}.importing`, { mode: PRIVATE_DIR_MODE });
        cpSync(source, `${target}.importing`, { recursive: true });
        makeTreePrivate(`${target}.importing`);
        rmSync(target, { recursive: true, force: true });
        renameSync(`${target}.importing`, target);
        return { name: entry?.name ?? null, path: target, sha256: null, verified: entry ? (await verifyOne(entry)).ok : false };
      }
      await readGgufInfo(source); // refuse a damaged or non-GGUF file before copying gigabytes
      const total = 2 * statSync(source).size;
      let done = 0;
      const read = (n: number): void => o.onProgress?.((done += n), total);
      const sum = await sha256File(source, read);
      const ggufs = deps.manifest.models.filter((m): m is GgufEntry => m.kind === 'gguf');
      const bySum = ggufs.find((m) => m.sha256 === sum);
      const byName = ggufs.find((m) => m.file === basename(source));
      if (!bySum && byName?.sha256) {
        throw aiError('MODEL_CHECKSUM_MISMATCH', {
          ja: `${basename(source)} のチェックサムが一覧と一致しません。ファイルが壊れているか、別のファイルです。`,
          en: `The checksum of ${basename(source)} does not match the manifest: the file is damaged or a different one.`,
        });
      }
      if (o.listedSha256 !== undefined && o.listedSha256 !== sum) {
        throw aiError('MODEL_CHECKSUM_MISMATCH', {
          ja: `${basename(source)} の sha256 がフォルダの SHA256SUMS と一致しません。コピーの途中で壊れたか、別のファイルです。`,
          en: `The sha256 of ${basename(source)} does not match the folder's SHA256SUMS: it was damaged in the copy, or it is a different file.`,
        });
      }
      const entry = bySum ?? byName;
      const target = join(deps.modelsDir, entry?.file ?? basename(source));
      await copyToPrivateFileAsync(source, `${target}.importing`, read); // copyFileSync would keep the source's mode
      renameSync(`${target}.importing`, target);
      deps.log.info('model imported', `${source} -> ${target} sha256=${sum}`);
      return { name: entry?.name ?? null, path: target, sha256: sum, verified: entry?.sha256 === sum || o.listedSha256 === sum };
    },

    async verify(): Promise<VerifyResult[]> {
      return Promise.all(deps.manifest.models.filter((m) => existsSync(pathOf(m))).map(verifyOne));
    },
  } satisfies ModelManager;
}
