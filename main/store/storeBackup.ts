import Database from 'better-sqlite3';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tryExclusiveLock } from './folderLock.js';
import type { Localized } from '../api/localized.js';
import { copyToPrivateFile, createPrivateFile } from '../config/privateFile.js';
import { whyNotGenba } from './genbaDatabase.js';
import { schemaDifferences } from './schemaDifferences.js';
import { StoreError } from './storeError.js';
import { schemaDifferencesText } from './storeTexts.js';
import { writeTransaction } from './writeTransaction.js';

export const BACKUP_DIR = 'backups';
/** Automatic backups kept in the data folder; older ones are deleted. */
export const KEEP_BACKUPS = 7;

export interface BackupInfo {
  path: string;
  sizeBytes: number;
  at: number;
}

const stamp = (t: number): string => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\..+/, '').replace('T', '-');

/**
 * Online backup through SQLite's backup API: consistent while the app keeps writing. The
 * copy is written beside the target (mode 600), checked (quick_check, a Genba database),
 * and only then renamed over it; on any failure nothing is left behind. An existing path
 * is only replaced when it is itself a Genba backup: never another file, a folder or a device.
 */
export async function backupStore(db: Database.Database, file: string, nativeBinding?: string): Promise<BackupInfo> {
  const existing = lstatOrNull(file);
  const live = lstatOrNull(db.name);
  if (existing && live && existing.ino === live.ino && existing.dev === live.dev) {
    throw new StoreError('BACKUP_TARGET_EXISTS', {
      ja: `${file} は使用中のデータベースそのものです。別のファイル名を指定してください。`,
      en: `${file} is the database in use itself. Give another file name.`,
    });
  }
  if (existing && !(existing.isFile() && checkBackupFile(file, nativeBinding) === null)) {
    const what = existing.isDirectory()
      ? { ja: 'フォルダ', en: 'a folder' }
      : existing.isFile()
        ? { ja: 'Genba のバックアップではないファイル', en: 'a file that is not a Genba backup' }
        : { ja: '通常のファイルではないもの', en: 'not a regular file' };
    throw new StoreError('BACKUP_TARGET_EXISTS', {
      ja: `${file} は既にあり、${what.ja}です。上書きしません。別のファイル名を指定してください。`,
      en: `${file} already exists and is ${what.en}. It was not overwritten. Give another file name.`,
    });
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  try {
    createPrivateFile(tmp); // created private: the backup API keeps the mode of an existing file
    await db.backup(tmp);
    selfContained(tmp, nativeBinding);
    const check = checkBackupFile(tmp, nativeBinding);
    if (check !== null)
      throw new StoreError('STORE_OPEN_FAILED', { ja: `バックアップの検証に失敗しました: ${check.ja}`, en: `The backup failed its check: ${check.en}` });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
  }
  const st = statSync(file);
  return { path: file, sizeBytes: st.size, at: st.mtimeMs };
}

/** A backup is one file: out of WAL mode, so that reading it never leaves -wal and -shm files beside it. */
function selfContained(file: string, nativeBinding?: string): void {
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * null when `file` is an intact Genba database this version can open, holding exactly the
 * schema Genba's migrations create (an added trigger or view would act on the data once
 * restored); otherwise why not.
 */
export function checkBackupFile(file: string, nativeBinding?: string): Localized | null {
  const st = lstatOrNull(file);
  // The reasons below were English-only before the schema check; kept as they were (the few words name the cause).
  const same = (text: string): Localized => ({ ja: text, en: text });
  if (!st) return same('no such file');
  if (!st.isFile()) return same('not a regular file');
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return same(`quick_check: ${String(check)}`);
    const why = whyNotGenba(db);
    if (why !== null) return same(why.startsWith('written by') ? why : `not a Genba database: ${why}`);
    const differences = schemaDifferences(db);
    if (differences.length === 0) return null;
    const text = schemaDifferencesText(differences);
    return { ja: `Genba が作るスキーマと違います: ${text.ja}`, en: `its schema is not the one Genba creates: ${text.en}` };
  } catch (error) {
    return same(String((error as Error).message ?? error));
  } finally {
    db?.close();
  }
}

/** The automatic backups, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = join(dataDir, BACKUP_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^genba-\d{8}-\d{6}\.sqlite$/.test(f))
    .map((f) => {
      const st = statSync(join(dir, f));
      return { path: join(dir, f), sizeBytes: st.size, at: st.mtimeMs };
    })
    .sort((a, b) => b.at - a.at || b.path.localeCompare(a.path));
}

/** A dated backup in `<dataDir>/backups`, keeping the newest KEEP_BACKUPS. */
export async function rotateBackup(db: Database.Database, dataDir: string, now: number, nativeBinding?: string): Promise<BackupInfo> {
  const info = await backupStore(db, join(dataDir, BACKUP_DIR, `genba-${stamp(now)}.sqlite`), nativeBinding);
  for (const old of listBackups(dataDir).slice(KEEP_BACKUPS)) rmSync(old.path, { force: true });
  return info;
}

export interface RestoreResult {
  keptAs: string | null;
  /** Decisions made after the backup, copied over from the replaced file (and verified there). */
  salvaged: number;
  /** Why later decisions could not be read from the replaced file; null when they were (or there were none). */
  salvageError: string | null;
}

/**
 * Replaces the store with a checked backup. Refused while any process has the folder's
 * store open (the app, another command). The current file is kept beside it, never
 * deleted: its write-ahead log is first checkpointed into it, and whatever is left of the
 * log moves with it, so a decision that existed only in the log (the app crashed) stays in
 * the kept file and is salvaged from there. The vector indexes are dropped so that they
 * are rebuilt from the restored data.
 */
export function restoreStore(dbPath: string, from: string, indexDir: string, now: number, nativeBinding?: string): RestoreResult {
  const problem = checkBackupFile(from, nativeBinding);
  if (problem !== null) {
    throw new StoreError('STORE_CORRUPT', {
      ja: `${basename(from)} は復元に使えません（${problem.ja}）。別のバックアップを指定してください。`,
      en: `${basename(from)} cannot be restored (${problem.en}). Pick another backup.`,
    });
  }
  const lock = tryExclusiveLock(dirname(dbPath), 'use', nativeBinding);
  if (lock === null) {
    throw new StoreError('STORE_IN_USE', {
      ja: 'Genba（アプリか別の genba コマンド）がこのデータフォルダを使用中です。終了してからもう一度復元してください。データは変更していません。',
      en: 'Genba (the app or another genba command) is using this data folder. Close it, then restore again. Nothing was changed.',
    });
  }
  try {
    const incoming = `${dbPath}.restoring`;
    copyToPrivateFile(from, incoming); // the store is private whatever the backup's own mode
    let keptAs: string | null = null;
    if (existsSync(dbPath)) {
      checkpoint(dbPath, nativeBinding);
      keptAs = `${dbPath}.before-restore-${stamp(now)}`;
      // The log first: a log must never be left beside a database it does not belong to.
      if (existsSync(`${dbPath}-wal`)) renameSync(`${dbPath}-wal`, `${keptAs}-wal`);
      rmSync(`${dbPath}-shm`, { force: true });
      renameSync(dbPath, keptAs);
    }
    renameSync(incoming, dbPath);
    const salvage = keptAs ? salvageDecisions(keptAs, dbPath, nativeBinding) : { salvaged: 0, error: null };
    if (existsSync(indexDir)) for (const f of readdirSync(indexDir)) if (/\.hnsw(\.meta\.json)?$/.test(f)) rmSync(join(indexDir, f), { force: true });
    return { keptAs, salvaged: salvage.salvaged, salvageError: salvage.error };
  } finally {
    lock.release();
  }
}

/** Folds the write-ahead log into the database file, where the file can still be read. */
function checkpoint(dbPath: string, nativeBinding?: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(dbPath, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A damaged file: its log moves with it unchanged.
  } finally {
    db?.close();
  }
}

const PROPOSAL_COLUMNS = 'suggestion_id, created_at, data_as_of, question, proposal, status, decided_at';
const OUTBOX_COLUMNS =
  'suggestion_id, changes, impact, action_type, action_user, feedback_reason, decided_at, attempts, next_attempt_at, delivered_at, delivered_to, last_error';

/**
 * Decisions are the one thing the company database cannot give back: those made after the
 * backup are copied from the replaced file when its damage leaves them readable. The count
 * is of decisions found in the restored file afterwards, never of rows merely attempted.
 */
function salvageDecisions(fromPath: string, toPath: string, nativeBinding?: string): { salvaged: number; error: string | null } {
  let db: Database.Database | null = null;
  try {
    db = new Database(toPath, nativeBinding ? { nativeBinding } : {});
    db.prepare('ATTACH DATABASE ? AS old').run(fromPath);
    const has = (table: string): boolean => db!.prepare("SELECT 1 FROM old.sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    if (!has('approval_outbox') || !has('proposals')) return { salvaged: 0, error: null };
    const missing = `SELECT suggestion_id FROM old.approval_outbox WHERE suggestion_id NOT IN (SELECT suggestion_id FROM main.approval_outbox)`;
    const wanted = (db.prepare(missing).all() as { suggestion_id: string }[]).map((r) => r.suggestion_id);
    writeTransaction(db, () => {
      // A proposal still open in the backup takes the decision the later file recorded.
      db!
        .prepare(
          `INSERT INTO main.proposals (${PROPOSAL_COLUMNS}) SELECT ${PROPOSAL_COLUMNS} FROM old.proposals WHERE status != 'open'
        ON CONFLICT(suggestion_id) DO UPDATE SET status = excluded.status, decided_at = excluded.decided_at, proposal = excluded.proposal
        WHERE main.proposals.status = 'open'`,
        )
        .run();
      db!.prepare(`INSERT OR IGNORE INTO main.approval_outbox (${OUTBOX_COLUMNS}) SELECT ${OUTBOX_COLUMNS} FROM old.approval_outbox`).run();
      // Delivered after the backup: keep it delivered, so it is not sent twice.
      db!
        .prepare(
          `UPDATE main.approval_outbox SET delivered_at = o.delivered_at, delivered_to = o.delivered_to, last_error = NULL
        FROM old.approval_outbox o WHERE o.suggestion_id = main.approval_outbox.suggestion_id AND main.approval_outbox.delivered_at IS NULL AND o.delivered_at IS NOT NULL`,
        )
        .run();
    });
    const check = db.prepare(
      "SELECT COUNT(*) AS n FROM main.approval_outbox o JOIN main.proposals p USING (suggestion_id) WHERE o.suggestion_id = ? AND p.status != 'open'",
    );
    const salvaged = wanted.filter((id) => (check.get(id) as { n: number }).n === 1).length;
    return { salvaged, error: salvaged === wanted.length ? null : `${wanted.length - salvaged} of ${wanted.length} later decisions could not be copied` };
  } catch (error) {
    return { salvaged: 0, error: String((error as Error).message ?? error) };
  } finally {
    db?.close();
  }
}
