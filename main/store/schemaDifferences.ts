import type Database from 'better-sqlite3';
import { fromMigrations } from './fromMigrations.js';
import { SCHEMA_VERSION, schemaVersion } from './migration.js';

/** One schema object (table, index, trigger, view) that is not as Genba's migrations create it. */
export interface SchemaDifference {
  change: 'extra' | 'missing' | 'changed';
  type: string;
  name: string;
  /** The table an index or trigger belongs to (for a table or view, its own name). */
  table: string;
}

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/**
 * The text of a CREATE statement with each run of white space outside quotes made one space:
 * the layout is not the definition, a quoted default or name is.
 */
function normalizedSql(sql: string | null): string | null {
  if (sql === null) return null;
  let out = '';
  let quote: string | null = null;
  let space = false;
  for (const ch of sql.trim()) {
    if (quote !== null) {
      out += ch;
      if (ch === quote) quote = null;
      continue;
    }
    if (/\s/.test(ch)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '[') quote = ']';
  }
  return out;
}

/** Every entry of sqlite_master (SQLite's own included: the migrations create sqlite_autoindex_* and the like). */
function objectsOf(db: Database.Database): Map<string, SchemaObject> {
  const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all() as SchemaObject[];
  return new Map(rows.map((r) => [`${r.type}\u0000${r.name}`, { ...r, sql: normalizedSql(r.sql) }]));
}

const expected = new Map<number, Map<string, SchemaObject>>();

/**
 * How `db`'s schema differs from the one Genba's migrations create at its user_version:
 * every table, index, trigger and view compared by type, name, table and definition. An
 * object Genba never creates (a trigger that rewrites decisions, a view, a table) or a table
 * defined otherwise is listed; empty when the schema is exactly Genba's. A version this app
 * does not know (0, or newer) has nothing to compare with: whyNotGenba says so.
 */
export function schemaDifferences(db: Database.Database): SchemaDifference[] {
  const version = schemaVersion(db);
  if (version < 1 || version > SCHEMA_VERSION) return [];
  const want = fromMigrations(expected, version, objectsOf);
  const have = objectsOf(db);
  const differences: SchemaDifference[] = [];
  for (const [key, o] of have) {
    const w = want.get(key);
    if (!w) differences.push({ change: 'extra', type: o.type, name: o.name, table: o.tbl_name });
    else if (w.tbl_name !== o.tbl_name || w.sql !== o.sql) differences.push({ change: 'changed', type: o.type, name: o.name, table: o.tbl_name });
  }
  for (const [key, w] of want) if (!have.has(key)) differences.push({ change: 'missing', type: w.type, name: w.name, table: w.tbl_name });
  const order = { extra: 0, changed: 1, missing: 2 } as const;
  return differences.sort((a, b) => order[a.change] - order[b.change] || a.name.localeCompare(b.name));
}
