import Database from 'better-sqlite3';
import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import { expect } from 'vitest';
import { COMPANY_TABLES } from '../../main/store/companyRows.js';
import { mysqlChecksum, sqliteChecksum } from './companyDb.js';
import { derivedCounts } from './logCounts.js';

/** Every company table of the data folder equal to the company database: same rows, same content, hence no duplicates. */
export async function expectSameAsSource(admin: () => Promise<mysql.Connection>, dir: string): Promise<void> {
  const conn = await admin();
  const db = new Database(join(dir, 'genba.sqlite'), { readonly: true });
  try {
    for (const table of COMPANY_TABLES) expect(sqliteChecksum(db, table), table).toEqual(await mysqlChecksum(conn, table));
  } finally {
    db.close();
    await conn.end();
  }
}

/** Each stored line is mined, and counted once in the templates and once in the per-minute counts. */
export function expectCountedOnce(dir: string): void {
  const c = derivedCounts(dir);
  expect(c.unmined).toBe(0);
  expect(c.templateSum).toBe(c.lines);
  expect(c.minuteSum).toBe(c.lines);
}
