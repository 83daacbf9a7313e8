import { createHash } from 'node:crypto';
import { chmodSync, createReadStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AppLog } from '../applog/appLog.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../config/privateFile.js';
import { cleanImportLeftovers } from './modelImportPaths.js';
import { importModel, type ImportOptions, type ImportResult } from './importModel.js';
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
  /** Removes what a killed or failed import left in the models folder (at start); the names it removed. */
  cleanLeftovers(): string[];
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
    import: (source: string, o: ImportOptions = {}): Promise<ImportResult> =>
      importModel(source, { ...deps, verifyOnnx: async (e) => (await verifyOne(e)).ok }, o),

    cleanLeftovers: () => cleanImportLeftovers(deps.modelsDir),

    async verify(): Promise<VerifyResult[]> {
      return Promise.all(deps.manifest.models.filter((m) => existsSync(pathOf(m))).map(verifyOne));
    },
  } satisfies ModelManager;
}
