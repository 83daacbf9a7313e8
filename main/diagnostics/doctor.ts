import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, readFileSync, statSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Lang } from '../api/types.js';
import { checkSupported, readGgufInfo } from '../ai/ggufInfo.js';
import { VectorIndex } from '../ai/vectorIndex.js';
import { describeError, GenbaError } from '../errors.js';
import { whyNotGenba } from '../store/genbaDatabase.js';
import { SCHEMA_VERSION } from '../store/migration.js';
import { hasSqliteHeader } from '../store/openStore.js';
import { listBackups } from '../store/storeBackup.js';
import type { CheckId, CheckStatus, DoctorCheck, DoctorReport } from '../api/doctorTypes.js';

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

type Text = { ja: string; en: string };
const pick = (lang: Lang, t: Text): string => t[lang];

/**
 * Checks everything Genba stands on and says, for each problem, what to do. Runs without
 * opening the store for writing, so it also works on a damaged data folder.
 */
export async function runDoctor(d: DoctorDeps): Promise<DoctorReport> {
  const l = (t: Text): string => pick(d.lang, t);
  const check = (id: CheckId, status: CheckStatus, summary: Text, fix: Text | null, detail?: string): DoctorCheck => ({
    id,
    status,
    summary: l(summary),
    fix: fix ? l(fix) : null,
    ...(detail ? { detail } : {}),
  });
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
    const problems: Text[] = [];
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

  // Database: a full integrity check, read-only.
  const restoreHint = (): Text =>
    backups.length > 0
      ? {
          ja: `genba restore "${backups[0]!.path}" で最新のバックアップ（${new Date(backups[0]!.at).toISOString()}）から復元できます（genba doctor --fix でも可）。`,
          en: `Restore the latest backup (${new Date(backups[0]!.at).toISOString()}) with genba restore "${backups[0]!.path}" (or genba doctor --fix).`,
        }
      : {
          ja: `バックアップがありません。壊れたファイルを別の場所へ移し（mv "${d.dbPath}" "${d.dbPath}.damaged"）、genba sync で会社のデータを取り直してください。未送信の承認は失われます。`,
          en: `There is no backup. Move the damaged file aside (mv "${d.dbPath}" "${d.dbPath}.damaged") and run genba sync to fetch the company data again. Decisions not yet delivered are lost.`,
        };
  /**
   * Only real damage leads to a restore: a folder or file that cannot be written, or
   * another program's file, is not damaged, and restoring would set aside decisions not yet
   * delivered.
   */
  const databaseProblem = (error: unknown): DoctorCheck => {
    const code = (error as { code?: string }).code ?? '';
    const message = (error as Error).message ?? String(error);
    if (code === 'GENBA_NOT_OURS') {
      return check(
        'database',
        'error',
        { ja: `${d.dbPath} は Genba のデータベースではありません（${message}）`, en: `${d.dbPath} is not a Genba database (${message})` },
        {
          ja: `このファイルを別の場所へ移してから（mv "${d.dbPath}" "${d.dbPath}.other"）genba sync を実行してください。`,
          en: `Move the file aside (mv "${d.dbPath}" "${d.dbPath}.other"), then run genba sync.`,
        },
        message,
      );
    }
    if (
      code.startsWith('SQLITE_READONLY') ||
      code === 'SQLITE_CANTOPEN' ||
      code === 'SQLITE_PERM' ||
      code === 'EACCES' ||
      code === 'EPERM' ||
      !writable(d.dbPath)
    ) {
      return check(
        'database',
        'error',
        {
          ja: `データベースを読み書きできません（権限）。データは壊れていません: ${message}`,
          en: `The database cannot be read and written (permissions). The data is not damaged: ${message}`,
        },
        {
          ja: `データフォルダとファイルの権限を戻してください（例: chmod u+rwx "${d.dataDir}"; chmod u+rw "${d.dbPath}"）。復元はしないでください。`,
          en: `Give the data folder and file their permissions back (e.g. chmod u+rwx "${d.dataDir}"; chmod u+rw "${d.dbPath}"). Do not restore.`,
        },
        describeError(error),
      );
    }
    return {
      ...check(
        'database',
        'error',
        { ja: `データベースが壊れています: ${message}`, en: `The database is damaged: ${message}` },
        restoreHint(),
        describeError(error),
      ),
      repair: 'restore',
    };
  };
  if (!existsSync(d.dbPath)) {
    checks.push(
      check(
        'database',
        'warning',
        { ja: 'データベースはまだありません。', en: 'There is no database yet.' },
        { ja: '初回起動時に作成されます。', en: 'It is created on first start.' },
      ),
    );
  } else {
    let db: Database.Database | null = null;
    try {
      if (!hasSqliteHeader(d.dbPath)) throw new Error('bad SQLite header');
      db = new Database(d.dbPath, { readonly: true, fileMustExist: true, ...(d.nativeBinding ? { nativeBinding: d.nativeBinding } : {}) });
      const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
      const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
      if (problems.length > 0) throw new Error(problems.join('; '));
      const version = db.pragma('user_version', { simple: true }) as number;
      const tables = (db.prepare('SELECT COUNT(*) AS n FROM sqlite_master').get() as { n: number }).n;
      const foreign = version > 0 && version <= SCHEMA_VERSION ? whyNotGenba(db) : version === 0 && tables > 0 ? 'no Genba schema' : null;
      if (foreign !== null) throw Object.assign(new Error(foreign), { code: 'GENBA_NOT_OURS' });
      const size = statSync(d.dbPath).size;
      checks.push(
        check(
          'database',
          'ok',
          {
            ja: `整合性に問題なし（形式 ${version}、${(size / 1048576).toFixed(1)} MB）`,
            en: `Integrity ok (format ${version}, ${(size / 1048576).toFixed(1)} MB)`,
          },
          null,
        ),
      );
    } catch (error) {
      checks.push(databaseProblem(error));
    } finally {
      db?.close();
    }
  }

  const latest = backups[0];
  const day = 86_400_000;
  checks.push(
    latest
      ? check(
          'backups',
          latest.at < d.now - 7 * day ? 'warning' : 'ok',
          {
            ja: `バックアップ ${backups.length} 件、最新 ${new Date(latest.at).toISOString()}`,
            en: `${backups.length} backups, latest ${new Date(latest.at).toISOString()}`,
          },
          latest.at < d.now - 7 * day
            ? { ja: 'genba backup <ファイル> で今すぐバックアップしてください。', en: 'Back up now with genba backup <file>.' }
            : null,
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
      const info = readGgufInfo(path);
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
    checks.push(check('source', 'ok', { ja: 'データソース: デモ会社', en: 'Source: the demo company' }, null));
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

/** Whether this process may write `path` and the folder it is in. */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
