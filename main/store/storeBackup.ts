import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SCHEMA_VERSION } from './migration.js';
import { StoreError } from './storeError.js';

export const BACKUP_DIR = 'backups';
/** Automatic backups kept in the data folder; older ones are deleted. */
export const KEEP_BACKUPS = 7;

export interface BackupInfo { path: string; sizeBytes: number; at: number }

const stamp = (t: number): string => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\..+/, '').replace('T', '-');

/**
 * Online backup through SQLite's backup API: consistent while the app keeps writing. The
 * copy is checked (quick_check) before it counts as a backup.
 */
export async function backupStore(db: Database.Database, file: string, nativeBinding?: string): Promise<BackupInfo> {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.partial`;
  rmSync(tmp, { force: true });
  await db.backup(tmp);
  const check = checkBackupFile(tmp, nativeBinding);
  if (check !== null) {
    rmSync(tmp, { force: true });
    throw new StoreError('STORE_OPEN_FAILED', { ja: `バックアップの検証に失敗しました: ${check}`, en: `The backup failed its check: ${check}` });
  }
  renameSync(tmp, file);
  const st = statSync(file);
  return { path: file, sizeBytes: st.size, at: st.mtimeMs };
}

/** null when `file` is an intact Genba database this version can open; otherwise why not. */
export function checkBackupFile(file: string, nativeBinding?: string): string | null {
  if (!existsSync(file)) return 'no such file';
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return `quick_check: ${String(check)}`;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1) return 'not a Genba database';
    if (version > SCHEMA_VERSION) return `written by a newer Genba (format ${version})`;
    db.prepare('SELECT COUNT(*) FROM locations').get();
    return null;
  } catch (error) {
    return String((error as Error).message ?? error);
  } finally {
    db?.close();
  }
}

/** The automatic backups, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = join(dataDir, BACKUP_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /^genba-\d{8}-\d{6}\.sqlite$/.test(f)).map((f) => {
    const st = statSync(join(dir, f));
    return { path: join(dir, f), sizeBytes: st.size, at: st.mtimeMs };
  }).sort((a, b) => b.at - a.at || b.path.localeCompare(a.path));
}

/** A dated backup in `<dataDir>/backups`, keeping the newest KEEP_BACKUPS. */
export async function rotateBackup(db: Database.Database, dataDir: string, now: number, nativeBinding?: string): Promise<BackupInfo> {
  const info = await backupStore(db, join(dataDir, BACKUP_DIR, `genba-${stamp(now)}.sqlite`), nativeBinding);
  for (const old of listBackups(dataDir).slice(KEEP_BACKUPS)) rmSync(old.path, { force: true });
  return info;
}

/**
 * Replaces the store with a checked backup. The current file is kept beside it (never
 * deleted), stale WAL files are removed, and the vector indexes are dropped so that they
 * are rebuilt from the restored data. The app must not be running on this folder.
 */
export function restoreStore(dbPath: string, from: string, indexDir: string, now: number, nativeBinding?: string): { keptAs: string | null; salvaged: number } {
  const problem = checkBackupFile(from, nativeBinding);
  if (problem !== null) {
    throw new StoreError('STORE_CORRUPT', {
      ja: `${basename(from)} は復元に使えません（${problem}）。別のバックアップを指定してください。`,
      en: `${basename(from)} cannot be restored (${problem}). Pick another backup.`,
    });
  }
  const incoming = `${dbPath}.restoring`;
  copyFileSync(from, incoming);
  let keptAs: string | null = null;
  if (existsSync(dbPath)) {
    keptAs = `${dbPath}.before-restore-${stamp(now)}`;
    renameSync(dbPath, keptAs);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  renameSync(incoming, dbPath);
  const salvaged = keptAs ? salvageDecisions(keptAs, dbPath, nativeBinding) : 0;
  if (existsSync(indexDir)) for (const f of readdirSync(indexDir)) if (/\.hnsw(\.meta\.json)?$/.test(f)) rmSync(join(indexDir, f), { force: true });
  return { keptAs, salvaged };
}

/**
 * Decisions are the one thing the company database cannot give back: those made after the
 * backup are copied from the replaced file when its damage leaves them readable.
 */
function salvageDecisions(fromPath: string, toPath: string, nativeBinding?: string): number {
  let n = 0;
  let db: Database.Database | null = null;
  try {
    db = new Database(toPath, nativeBinding ? { nativeBinding } : {});
    db.prepare('ATTACH DATABASE ? AS old').run(fromPath);
    db.transaction(() => {
      for (const table of ['proposals', 'approval_outbox']) {
        const exists = db!.prepare("SELECT 1 FROM old.sqlite_master WHERE type = 'table' AND name = ?").get(table);
        if (exists) n += db!.prepare(`INSERT OR IGNORE INTO main.${table} SELECT * FROM old.${table}`).run().changes;
      }
    })();
  } catch {
    // Unreadable where the decisions are: the restored backup stands as it is.
  } finally {
    db?.close();
  }
  return n;
}
