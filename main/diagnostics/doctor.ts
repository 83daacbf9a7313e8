import { accessSync, constants, existsSync, readFileSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../api/types.js';
import { checkSupported, readGgufInfo } from '../ai/ggufInfo.js';
import { VectorIndex } from '../ai/vectorIndex.js';
import { describeError, GenbaError } from '../errors.js';
import { listBackups } from '../store/storeBackup.js';
import type { CheckStatus, DoctorCheck, DoctorReport } from '../api/doctorTypes.js';
import { checkMaker } from './checkMaker.js';
import { localize, type Localized } from '../api/localized.js';
import { checkDatabase } from './databaseCheck.js';
import { durationDays } from '../api/durations.js';

export type { CheckId, CheckStatus, DoctorCheck, DoctorReport } from '../api/doctorTypes.js';

export const INDEX_FILES = ['log-templates.hnsw', 'knowledge.hnsw'];

export interface DoctorDeps {
  dataDir: string;
  dbPath: string;
  lang: Lang;
  now: number;
  nativeBinding?: string;
  /** The configured model files per LLM role (null: none). */
  llmModels: { intent: string | null; answer: string | null };
  embeddingModelDir: string | null;
  /** llama.cpp's backend, started only for this check. */
  gpu: () => Promise<{ backend: string; threads: number }>;
  /** The company source: null for the demo company; throws a GenbaError when it cannot be reached. */
  testSource: (() => Promise<string>) | null;
}

/**
 * Checks everything Genba stands on and says, for each problem, what to do. Runs without
 * opening the store for writing, so it also works on a damaged data folder.
 */
export async function runDoctor(d: DoctorDeps): Promise<DoctorReport> {
  const check = checkMaker(d.lang);
  const l = (t: Localized): string => localize(d.lang, t);
  const backups = listBackups(d.dataDir);
  const checks: DoctorCheck[] = [];

  // Data folder: present, writable, private, with room to grow.
  if (!existsSync(d.dataDir)) {
    checks.push(
      check(
        'data_dir',
        'error',
        { ja: `データフォルダ ${d.dataDir} がありません。`, en: `The data folder ${d.dataDir} does not exist.` },
        { ja: 'genba status を実行すると作成されます。', en: 'Run genba status to create it.' },
      ),
    );
  } else {
    const problems: Localized[] = [];
    try {
      accessSync(d.dataDir, constants.W_OK);
    } catch {
      problems.push({ ja: '書き込みできません', en: 'not writable' });
    }
    const mode = statSync(d.dataDir).mode & 0o777;
    const open = process.platform !== 'win32' && (mode & 0o077) !== 0;
    const free = statfsSync(d.dataDir);
    const freeBytes = free.bavail * free.bsize;
    const status: CheckStatus = problems.length > 0 ? 'error' : open || freeBytes < 1024 ** 3 ? 'warning' : 'ok';
    checks.push(
      check(
        'data_dir',
        status,
        {
          ja: `${d.dataDir}（権限 ${mode.toString(8)}、空き ${(freeBytes / 1024 ** 3).toFixed(1)} GB）${problems.map((p) => `: ${p.ja}`).join('')}${open ? '：他のユーザーが読めます' : ''}`,
          en: `${d.dataDir} (mode ${mode.toString(8)}, ${(freeBytes / 1024 ** 3).toFixed(1)} GB free)${problems.map((p) => `: ${p.en}`).join('')}${open ? ': readable by other users' : ''}`,
        },
        status === 'ok'
          ? null
          : open
            ? { ja: `chmod 700 "${d.dataDir}" を実行するか、genba doctor --fix を使ってください。`, en: `Run chmod 700 "${d.dataDir}", or genba doctor --fix.` }
            : { ja: 'フォルダの権限を確認し、1 GB 以上の空きを作ってください。', en: 'Check the folder permissions and free at least 1 GB.' },
      ),
    );
  }

  checks.push(checkDatabase({ dataDir: d.dataDir, dbPath: d.dbPath, nativeBinding: d.nativeBinding, backups }, check));

  const latest = backups[0];
  // A backup's age is elapsed time (a file's, not the company's calendar): older than a week of it is a warning.
  const stale = latest !== undefined && latest.at < d.now - durationDays(7);
  checks.push(
    latest
      ? check(
          'backups',
          stale ? 'warning' : 'ok',
          {
            ja: `バックアップ ${backups.length} 件、最新 ${new Date(latest.at).toISOString()}`,
            en: `${backups.length} backups, latest ${new Date(latest.at).toISOString()}`,
          },
          stale ? { ja: 'genba backup <ファイル> で今すぐバックアップしてください。', en: 'Back up now with genba backup <file>.' } : null,
        )
      : check(
          'backups',
          'warning',
          { ja: 'バックアップはまだありません。', en: 'There are no backups yet.' },
          {
            ja: 'アプリは1日1回自動でバックアップします。genba backup <ファイル> でも作れます。',
            en: 'The app backs up once a day by itself; genba backup <file> makes one now.',
          },
        ),
  );

  // Vector indexes: rebuilt from SQLite when damaged, so a problem here is a warning.
  const bad: string[] = [];
  for (const name of INDEX_FILES) {
    const path = join(d.dataDir, 'index', name);
    if (!existsSync(`${path}.meta.json`) && !existsSync(path)) continue;
    try {
      const meta = JSON.parse(readFileSync(`${path}.meta.json`, 'utf8')) as { model: string; dim: number };
      if (VectorIndex.open(path, { model: meta.model, dim: meta.dim }).rebuild !== null) bad.push(name);
    } catch {
      bad.push(name);
    }
  }
  checks.push(
    bad.length > 0
      ? check(
          'index',
          'warning',
          { ja: `検索インデックスが壊れています: ${bad.join(', ')}`, en: `Search index damaged: ${bad.join(', ')}` },
          {
            ja: 'SQLite から再構築されます（次の起動時、または genba doctor --fix で今すぐ）。データは失われません。',
            en: 'It is rebuilt from SQLite (at the next start, or now with genba doctor --fix). No data is lost.',
          },
        )
      : check('index', 'ok', { ja: '検索インデックスに問題なし', en: 'Search indexes ok' }, null),
  );

  // Models: each configured file readable and of a supported architecture.
  const modelNotes: string[] = [];
  let modelStatus: CheckStatus = 'ok';
  for (const [role, path] of Object.entries(d.llmModels)) {
    if (!path) {
      modelNotes.push(`${role}: —`);
      continue;
    }
    try {
      const info = await readGgufInfo(path);
      checkSupported(info);
      modelNotes.push(`${role}: ${info.architecture}`);
    } catch (error) {
      modelStatus = 'error';
      modelNotes.push(`${role}: ${error instanceof GenbaError ? error.messageIn(d.lang) : String(error)}`);
    }
  }
  if (d.embeddingModelDir) {
    const ok = existsSync(join(d.embeddingModelDir, 'onnx'));
    if (!ok) modelStatus = 'error';
    modelNotes.push(`embedding: ${ok ? 'onnx' : l({ ja: 'ONNX ファイルがありません', en: 'no ONNX file' })}`);
  }
  const none = !d.llmModels.intent && !d.llmModels.answer && !d.embeddingModelDir;
  checks.push(
    check(
      'models',
      none ? 'skipped' : modelStatus,
      { ja: none ? 'モデルなし（規則と定型文で動作）' : modelNotes.join(' / '), en: none ? 'No models (rules and templates)' : modelNotes.join(' / ') },
      modelStatus === 'error'
        ? {
            ja: 'genba models verify で確認し、genba models import で入れ直してください。',
            en: 'Check with genba models verify and re-import with genba models import.',
          }
        : null,
    ),
  );

  try {
    const g = await d.gpu();
    checks.push(
      check(
        'gpu',
        'ok',
        { ja: `llama.cpp のバックエンド: ${g.backend}（${g.threads} スレッド）`, en: `llama.cpp backend: ${g.backend} (${g.threads} threads)` },
        g.backend === 'cpu'
          ? {
              ja: 'GPU は使われていません。CUDA / Metal / Vulkan のドライバがあれば自動で使います。',
              en: 'No GPU in use. CUDA, Metal or Vulkan drivers are used automatically when present.',
            }
          : null,
      ),
    );
  } catch (error) {
    checks.push(
      check(
        'gpu',
        'error',
        { ja: 'llama.cpp を起動できません。', en: 'llama.cpp cannot start.' },
        { ja: 'アプリを入れ直してください。', en: 'Reinstall the app.' },
        describeError(error),
      ),
    );
  }

  if (!d.testSource) {
    checks.push(check('source', 'ok', { ja: 'デモ会社のデータを使用中', en: 'using the demo company' }, null));
  } else {
    try {
      const found = await d.testSource();
      checks.push(check('source', 'ok', { ja: `会社の MySQL に接続できます（${found}）`, en: `The company MySQL answers (${found})` }, null));
    } catch (error) {
      const message = error instanceof GenbaError ? error.messageIn(d.lang) : String(error);
      checks.push(
        check(
          'source',
          'error',
          { ja: message, en: message },
          { ja: '設定 → データソースで接続を確認してください。', en: 'Check the connection in Settings → Data source.' },
        ),
      );
    }
  }
  return { at: d.now, ok: checks.every((c) => c.status !== 'error'), checks };
}
