import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One hash over every table of a data folder's store, row by row, plus config.json: equal
 * before and after means nothing was written.
 */
export function storeDigest(dataDir: string): { tables: number; rows: number; sha: string } {
  const db = new Database(join(dataDir, 'genba.sqlite'), { readonly: true });
  const h = createHash('sha256');
  let rows = 0;
  try {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    for (const t of tables) {
      h.update(`\u0001${t}`);
      // As a set of rows: the order two start-up tasks wrote `meta` in (the names' readings, the log families) is not content.
      const all: string[] = [];
      for (const r of db.prepare(`SELECT * FROM "${t}"`).iterate())
        all.push(JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
      for (const r of all.sort()) h.update(r);
      rows += all.length;
    }
    const config = join(dataDir, 'config.json');
    h.update(existsSync(config) ? readFileSync(config) : '');
    h.update(
      readdirSync(dataDir)
        .filter((f) => !f.startsWith('genba.sqlite') && f !== 'logs' && !f.endsWith('.lock'))
        .sort()
        .join('|'),
    );
    return { tables: tables.length, rows, sha: h.digest('hex') };
  } finally {
    db.close();
  }
}

export const fileSize = (path: string): number => statSync(path).size;
