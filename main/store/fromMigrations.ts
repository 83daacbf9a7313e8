import Database from 'better-sqlite3';
import { migrate } from './migration.js';

/**
 * What `read` finds in a database the migrations build in memory up to `version`: the schema a
 * file of that version must have. Built once per version into `cache` (a few ms each).
 */
export function fromMigrations<T>(cache: Map<number, T>, version: number, read: (db: Database.Database) => T): T {
  const known = cache.get(version);
  if (known !== undefined) return known;
  const mem = new Database(':memory:');
  try {
    migrate(mem, version);
    const found = read(mem);
    cache.set(version, found);
    return found;
  } finally {
    mem.close();
  }
}
