import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type mysql from 'mysql2/promise';
import { TABLE_COLUMNS, type CompanyTable } from '../../main/store/companyRows.js';
import { generateDemoCompany } from '../../main/sync/demo/generateDemoCompany.js';
import { epochToSqlDatetime, sqlDatetimeToEpoch } from '../../main/config/sqlDatetime.js';
import { DEFAULT_TABLE_SPECS } from '../../main/sync/tableSpecs.js';

const TZ = 'Asia/Tokyo';
const timesOf = (table: CompanyTable): readonly string[] => DEFAULT_TABLE_SPECS.find((s) => s.table === table)!.times;

async function insertRows(conn: mysql.Connection, table: CompanyTable, rows: Record<string, unknown>[]): Promise<void> {
  const columns = TABLE_COLUMNS[table].columns;
  const times = timesOf(table);
  for (let i = 0; i < rows.length; i += 5000) {
    const values = rows.slice(i, i + 5000).map((r) => columns.map((c) => (times.includes(c) && r[c] !== null ? epochToSqlDatetime(r[c] as number, TZ) : r[c])));
    await conn.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [values]);
  }
}

/**
 * Fills the company database with the demo company (all of it, or `logs` log lines: the first ones, or with `spread`
 * every few lines from every day of the month). The planning tables (attendance, assignments, arrivals: 100k rows)
 * only with `planning`, so the tests that do not read them stay quick.
 */
export async function seedCompany(conn: mysql.Connection, options: { logs?: number; spread?: boolean; planning?: boolean } = {}): Promise<{ logs: number }> {
  const c = generateDemoCompany(20251023);
  await insertRows(conn, 'locations', c.locations as never[]);
  await insertRows(conn, 'operators', c.operators as never[]);
  await insertRows(conn, 'operator_process_capabilities', c.capabilities as never[]);
  await insertRows(conn, 'progress_snapshots', c.snapshots as never[]);
  if (options.planning) {
    await insertRows(conn, 'attendance_records', c.attendance as never[]);
    await insertRows(conn, 'daily_assignments', c.dailyAssignments as never[]);
    await insertRows(conn, 'arrivals', c.arrivals as never[]);
  }
  const limit = options.logs ?? Infinity;
  const logs: Record<string, unknown>[] = [];
  if (options.spread && Number.isFinite(limit)) {
    const all = [...c.logDays()].flat();
    const step = Math.max(1, Math.ceil(all.length / limit));
    for (let i = 0; i < all.length; i += step) logs.push({ ...all[i]!, log_id: logs.length + 1 });
  } else {
    // Only the days that hold the lines asked for are generated (all 241k lines take about a second to make).
    for (const day of c.logDays()) {
      for (const l of day) {
        if (logs.length >= limit) break;
        logs.push({ ...l, log_id: logs.length + 1 });
      }
      if (logs.length >= limit) break;
    }
  }
  await insertRows(conn, 'app_logs', logs);
  return { logs: logs.length };
}

/** Hash of a table's rows in key order, times as epoch ms: equal on both sides iff the copy is exact. */
function digest(rows: Record<string, unknown>[], table: CompanyTable, fromMySql: boolean): { rows: number; sha: string } {
  const h = createHash('sha256');
  const columns = TABLE_COLUMNS[table].columns;
  const times = timesOf(table);
  for (const r of rows) {
    h.update(
      JSON.stringify(
        columns.map((c) => {
          const v = r[c];
          if (v === null || v === undefined) return null;
          if (fromMySql && times.includes(c)) return sqlDatetimeToEpoch(String(v), TZ);
          return typeof v === 'string' && !Number.isNaN(Number(v)) && c !== 'business_id' && c !== 'trace_id' ? Number(v) : v;
        }),
      ),
    );
  }
  return { rows: rows.length, sha: h.digest('hex') };
}

export async function mysqlChecksum(conn: mysql.Connection, table: CompanyTable) {
  const { key, columns } = TABLE_COLUMNS[table];
  const [rows] = await conn.query(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${key}`);
  return digest(rows as Record<string, unknown>[], table, true);
}

export function sqliteChecksum(db: Database.Database, table: CompanyTable) {
  const { key, columns } = TABLE_COLUMNS[table];
  return digest(db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${key}`).all() as Record<string, unknown>[], table, false);
}
