import type Database from 'better-sqlite3';
import { GenbaError } from '../errors.js';
import { CompanyRepository } from './companyRepository.js';
import { openStoreForUse } from './openStoreForUse.js';

/**
 * The app's one open store: opened by start(), closed by stop(). Services reach the database
 * through it, so a call before start() or after stop() gets one clear error instead of a
 * null handle.
 */
export interface StoreHandle {
  /** Opens the store; false when it was already open. */
  open(): boolean;
  isOpen(): boolean;
  db(): Database.Database;
  repo(): CompanyRepository;
  close(): void;
}

export function createStoreHandle(dataDir: string, nativeBinding?: string): StoreHandle {
  let opened: { db: Database.Database; repo: CompanyRepository; close: () => void } | null = null;
  const current = () => {
    if (!opened) throw new GenbaError('APP_NOT_STARTED', { ja: 'アプリの起動処理が完了していません。', en: 'The app has not finished starting.' });
    return opened;
  };
  return {
    open() {
      if (opened) return false;
      const { db, close } = openStoreForUse(dataDir, nativeBinding);
      opened = { db, repo: new CompanyRepository(db), close };
      return true;
    },
    isOpen: () => opened !== null,
    db: () => current().db,
    repo: () => current().repo,
    close() {
      opened?.close();
      opened = null;
    },
  };
}
