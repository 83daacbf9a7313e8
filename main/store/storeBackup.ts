import Database from 'better-sqlite3';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tryExclusiveLock } from './folderLock.js';
import type { Localized } from '../api/localized.js';
import { copyToPrivateFile, createPrivateFile } from '../config/privateFile.js';
import { whyNotGenba } from './genbaDatabase.js';
import { schemaDifferences } from './schemaDifferences.js';
import { StoreError } from './storeError.js';
import { schemaDifferencesText } from './storeTexts.js';
import type { DecisionSealer } from './decisionSeal.js';
import { migrate } from './migration.js';
import type { NamedDecision } from './decisionRecord.js';
import { holdForeignDecisions, salvageDecisions } from './salvageDecisions.js';

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
  /** Decisions made after the backup, copied over whole from the replaced file (and read back there). */
  salvaged: NamedDecision[];
  /** Why later decisions could not be read from the replaced file (it is damaged); null when they were, or there were none. */
  salvageError: string | null;
  /** Undelivered decisions not sent until the manager confirms each by name: the restored file's own that this folder did not seal. */
  held: NamedDecision[];
}

/**
 * Replaces the store with a checked backup. Refused while any process has the folder's
 * store open (the app, another command). The backup is made ready beside the store first:
 * brought to this version's schema, its undelivered decisions that this data folder did not
 * seal held for the manager (holdForeignDecisions), and every decision the current file made
 * after it copied in whole (salvageDecisions). A decision that cannot be carried whole refuses
 * the restore, naming it, with nothing changed. Only then is the current file kept beside it
 * (a link: the store's name never points at nothing, even if the process is killed) and the
 * new one renamed over it in one step. Its write-ahead log is first checkpointed into it, and
 * whatever is left of the log moves with the kept file. The vector indexes are dropped so that
 * they are rebuilt from the restored data.
 */
export function restoreStore(dbPath: string, from: string, indexDir: string, now: number, sealer: DecisionSealer, nativeBinding?: string): RestoreResult {
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
  const incoming = `${dbPath}.restoring`;
  try {
    copyToPrivateFile(from, incoming); // the store is private whatever the backup's own mode
    const current = existsSync(dbPath);
    if (current) checkpoint(dbPath, nativeBinding);
    const ready = prepareIncoming(incoming, current ? dbPath : null, sealer, nativeBinding);
    if (ready.missing.length > 0) {
      const names = ready.missing.map((d) => `${d.suggestionId} (${d.actionType}, ${d.actionUser})`).join(', ');
      throw new StoreError('STORE_CORRUPT', {
        ja: `現在のファイルにある未送信の判断を、復元するバックアップにそのまま移せません: ${names}。復元をやめました。データは変更していません。`,
        en: `Decisions of the current file could not be carried whole into the backup: ${names}. The restore was stopped; nothing was changed.`,
      });
    }
    let keptAs: string | null = null;
    if (current) {
      keptAs = `${dbPath}.before-restore-${stamp(now)}`;
      // Two restores within one second: the second's kept file gets its own name, never the first's.
      for (let n = 2; existsSync(keptAs); n++) keptAs = `${dbPath}.before-restore-${stamp(now)}-${n}`;
      linkSync(dbPath, keptAs);
      // The log goes with the kept file: a log must never be left beside a database it does not belong to.
      if (existsSync(`${dbPath}-wal`)) renameSync(`${dbPath}-wal`, `${keptAs}-wal`);
      rmSync(`${dbPath}-shm`, { force: true });
    }
    renameSync(incoming, dbPath);
    if (existsSync(indexDir)) for (const f of readdirSync(indexDir)) if (/\.hnsw(\.meta\.json)?$/.test(f)) rmSync(join(indexDir, f), { force: true });
    return { keptAs, salvaged: ready.salvaged, salvageError: ready.error, held: ready.held };
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${incoming}${suffix}`, { force: true });
    lock.release();
  }
}

/** The backup made ready to be the store: migrated, foreign decisions held, the current file's later decisions copied in. */
function prepareIncoming(
  incoming: string,
  currentPath: string | null,
  sealer: DecisionSealer,
  nativeBinding?: string,
): { salvaged: NamedDecision[]; missing: NamedDecision[]; held: NamedDecision[]; error: string | null } {
  const db = new Database(incoming, nativeBinding ? { nativeBinding } : {});
  try {
    migrate(db);
    const held = holdForeignDecisions(db, sealer);
    if (currentPath === null) return { salvaged: [], missing: [], held, error: null };
    let later: ReturnType<typeof salvageDecisions>;
    try {
      later = salvageDecisions(db, currentPath, sealer);
    } catch (error) {
      // A damaged current file: what it still holds stays in the kept file; the restore goes on (it is how a damaged store is repaired).
      return { salvaged: [], missing: [], held, error: String((error as Error).message ?? error) };
    }
    return { salvaged: later.salvaged, missing: later.missing, held: [...held, ...later.held], error: null };
  } finally {
    db.pragma('journal_mode = DELETE');
    db.close();
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
