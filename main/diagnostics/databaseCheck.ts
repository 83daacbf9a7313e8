import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DoctorCheck } from '../api/doctorTypes.js';
import { describeError } from '../errors.js';
import { whyNotGenbaStore } from '../store/genbaDatabase.js';
import { hasSqliteHeader } from '../store/openStore.js';
import { schemaDifferences } from '../store/schemaDifferences.js';
import { schemaDifferencesText } from '../store/storeTexts.js';
import type { BackupInfo } from '../store/storeBackup.js';
import type { MakeCheck } from './checkMaker.js';
import type { Localized } from '../api/localized.js';

/** The doctor's database check: a full integrity check, read-only, so it works on a damaged folder too. */
export function checkDatabase(
  d: { dataDir: string; dbPath: string; nativeBinding?: string | undefined; backups: BackupInfo[] },
  check: MakeCheck,
): DoctorCheck {
  if (!existsSync(d.dbPath)) {
    return check(
      'database',
      'warning',
      { ja: 'データベースはまだありません。', en: 'There is no database yet.' },
      { ja: '初回起動時に作成されます。', en: 'It is created on first start.' },
    );
  }
  let db: Database.Database | null = null;
  try {
    if (!hasSqliteHeader(d.dbPath)) throw new Error('bad SQLite header');
    db = new Database(d.dbPath, { readonly: true, fileMustExist: true, ...(d.nativeBinding ? { nativeBinding: d.nativeBinding } : {}) });
    const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new Error(problems.join('; '));
    const foreign = whyNotGenbaStore(db);
    if (foreign !== null) throw Object.assign(new Error(foreign), { code: 'GENBA_NOT_OURS' });
    // An object Genba never creates (a trigger, a view, a table) acts on the data as the app writes it.
    const differences = schemaDifferences(db);
    if (differences.length > 0) return schemaProblem(d, check, schemaDifferencesText(differences));
    const version = db.pragma('user_version', { simple: true }) as number;
    const size = statSync(d.dbPath).size;
    return check(
      'database',
      'ok',
      {
        ja: `整合性に問題なし（形式 ${version}、${(size / 1048576).toFixed(1)} MB）`,
        en: `Integrity ok (format ${version}, ${(size / 1048576).toFixed(1)} MB)`,
      },
      null,
    );
  } catch (error) {
    return databaseProblem(d, check, error);
  } finally {
    db?.close();
  }
}

/**
 * A schema that is not exactly Genba's, named object by object. A backup made before the
 * change is the way back (restore refuses one that has it too); the changed file is kept.
 */
function schemaProblem(d: { dbPath: string; backups: BackupInfo[] }, check: MakeCheck, text: Localized): DoctorCheck {
  return {
    ...check(
      'database',
      'error',
      {
        ja: `データベースのスキーマが Genba の作るものと違います（Genba 以外が変更しています）: ${text.ja}`,
        en: `The database's schema is not the one Genba creates (something other than Genba changed it): ${text.en}`,
      },
      restoreHint(d),
      text.en,
    ),
    repair: 'restore',
  };
}

/**
 * Only real damage leads to a restore: a folder or file that cannot be written, or
 * another program's file, is not damaged, and restoring would set aside decisions not yet
 * delivered.
 */
function databaseProblem(d: { dataDir: string; dbPath: string; backups: BackupInfo[] }, check: MakeCheck, error: unknown): DoctorCheck {
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
  const permission = code.startsWith('SQLITE_READONLY') || ['SQLITE_CANTOPEN', 'SQLITE_PERM', 'EACCES', 'EPERM'].includes(code);
  if (permission || !writable(d.dbPath)) {
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
      restoreHint(d),
      describeError(error),
    ),
    repair: 'restore',
  };
}

function restoreHint(d: { dbPath: string; backups: BackupInfo[] }): Localized {
  const latest = d.backups[0];
  if (latest) {
    const at = new Date(latest.at).toISOString();
    return {
      ja: `genba restore "${latest.path}" で最新のバックアップ（${at}）から復元できます（genba doctor --fix でも可）。`,
      en: `Restore the latest backup (${at}) with genba restore "${latest.path}" (or genba doctor --fix).`,
    };
  }
  return {
    ja: `バックアップがありません。壊れたファイルを別の場所へ移し（mv "${d.dbPath}" "${d.dbPath}.damaged"）、genba sync で会社のデータを取り直してください。未送信の承認は失われます。`,
    en: `There is no backup. Move the damaged file aside (mv "${d.dbPath}" "${d.dbPath}.damaged") and run genba sync to fetch the company data again. Decisions not yet delivered are lost.`,
  };
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
