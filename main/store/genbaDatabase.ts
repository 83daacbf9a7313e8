import type Database from 'better-sqlite3';
import { SCHEMA_VERSION, schemaVersion } from './migration.js';
import { fromMigrations } from './fromMigrations.js';
import { GENBA_APPLICATION_ID } from './migrations/007_data_safety.js';

/** The version from which every Genba database carries its application id. */
const MARKED_FROM = 7;

type Shape = Map<string, string>;

/** Each table and index with its columns: what a file must hold to be a Genba database of that version. */
function shapeOf(db: Database.Database): Shape {
  const shape: Shape = new Map();
  const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { type: string; name: string }[];
  for (const o of objects) {
    const columns =
      o.type === 'table'
        ? (db.pragma(`table_info("${o.name.replace(/"/g, '""')}")`) as { name: string; type: string }[]).map((c) => `${c.name}:${c.type}`).join(',')
        : '';
    shape.set(o.name, `${o.type}(${columns})`);
  }
  return shape;
}

const expected = new Map<number, Shape>();

/**
 * null when `db` is a Genba database of a version this app knows; otherwise why not, in a
 * few words ("another application id", "proposals: missing"; "written by a newer Genba").
 * Recognition is positive: the application id (from format 7 on) and the full schema of
 * its version. Another program's SQLite file, even one with a table of the same name,
 * is not taken for ours.
 */
export function whyNotGenba(db: Database.Database): string | null {
  const version = schemaVersion(db);
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (version > SCHEMA_VERSION) return `written by a newer Genba (format ${version})`;
  if (version < 1) return 'no Genba schema';
  if (version >= MARKED_FROM ? appId !== GENBA_APPLICATION_ID : appId !== 0) return 'another application id';
  const have = shapeOf(db);
  for (const [name, kind] of fromMigrations(expected, version, shapeOf)) {
    if (have.get(name) !== kind) return `${name}: ${have.has(name) ? 'different columns' : 'missing'}`;
  }
  return null;
}

/**
 * For a store about to be used: null when it is Genba's, or a new, empty database;
 * otherwise why not. A newer format is left to the caller, which says to update Genba.
 */
export function whyNotGenbaStore(db: Database.Database): string | null {
  const version = schemaVersion(db);
  if (version > SCHEMA_VERSION) return null;
  if (version > 0) return whyNotGenba(db);
  const tables = (db.prepare('SELECT COUNT(*) AS n FROM sqlite_master').get() as { n: number }).n;
  return tables > 0 ? 'no Genba schema' : null;
}
