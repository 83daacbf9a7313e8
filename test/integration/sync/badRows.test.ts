import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusInfo } from '../../../main/api/types.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

const PASSWORD = 'genba-pw';
const OLD = '2025-10-20 12:00:00.000';

/**
 * Rows a real company database holds that the local copy cannot: its schema is looser than the canonical one (a status as free
 * text, a count as VARCHAR, a nullable column, a binary site name, zero dates under a relaxed sql_mode). Each such row is skipped
 * and named (table, key, column, why); every other row, and every table after it, still syncs.
 */
const HOSTILE: { table: string; key: number; column: string; sql: string }[] = [
  // arrivals (arrival_id, arrival_date, location_name, business_id, process_name, items, updated_at)
  { table: 'arrivals', key: 9_000_001, column: 'items', sql: `INSERT INTO arrivals VALUES (9000001, '2030-01-01', '札幌', 'B01', 'x1', NULL, NOW(3))` },
  { table: 'arrivals', key: 9_000_002, column: 'items', sql: `INSERT INTO arrivals VALUES (9000002, '2030-01-02', '札幌', 'B01', 'x2', 'many', '${OLD}')` },
  { table: 'arrivals', key: 9_000_003, column: 'items', sql: `INSERT INTO arrivals VALUES (9000003, '2030-01-03', '札幌', 'B01', 'x3', '-5', '${OLD}')` },
  {
    table: 'arrivals',
    key: 9_000_004,
    column: 'items',
    sql: `INSERT INTO arrivals VALUES (9000004, '2030-01-04', '札幌', 'B01', 'x4', '99999999999999999999', '${OLD}')`,
  },
  { table: 'arrivals', key: 9_000_005, column: 'arrival_date', sql: `INSERT INTO arrivals VALUES (9000005, '0000-00-00', '札幌', 'B01', 'x5', '1', '${OLD}')` },
  {
    table: 'arrivals',
    key: 9_000_006,
    column: 'location_name',
    sql: `INSERT INTO arrivals VALUES (9000006, '2030-01-06', X'FFFE8081', 'B01', 'x6', '1', '${OLD}')`,
  },
  {
    table: 'arrivals',
    key: 9_000_007,
    column: 'location_name',
    sql: `INSERT INTO arrivals VALUES (9000007, '2030-01-07', REPEAT('長', 120), 'B01', 'x7', '1', '${OLD}')`,
  },
  { table: 'arrivals', key: 9_000_008, column: 'business_id', sql: `INSERT INTO arrivals VALUES (9000008, '2030-01-08', '札幌', NULL, 'x8', '1', '${OLD}')` },
  // attendance_records (attendance_id, operator_id, attendance_date, attendance_status, planned_start, planned_end, actual_start, actual_end, updated_at)
  {
    table: 'attendance_records',
    key: 9_000_011,
    column: 'attendance_status',
    sql: `INSERT INTO attendance_records VALUES (9000011, 1, '2030-01-01', 'holiday', NULL, NULL, NULL, NULL, '${OLD}')`,
  },
  {
    table: 'attendance_records',
    key: 9_000_012,
    column: 'operator_id',
    sql: `INSERT INTO attendance_records VALUES (9000012, NULL, '2030-01-02', 'present', NULL, NULL, NULL, NULL, '${OLD}')`,
  },
  {
    table: 'attendance_records',
    key: 9_000_013,
    column: 'planned_start',
    sql: `INSERT INTO attendance_records VALUES (9000013, 2, '2030-01-03', 'scheduled', '0000-00-00 00:00:00', NULL, NULL, NULL, '${OLD}')`,
  },
  {
    table: 'attendance_records',
    key: 9_000_014,
    column: 'operator_id',
    sql: `INSERT INTO attendance_records VALUES (9000014, 4611686018427387904, '2030-01-04', 'present', NULL, NULL, NULL, NULL, '${OLD}')`,
  },
  // daily_assignments (assignment_id, assignment_date, operator_id, location_name, process_name, business_id, start_time, end_time, assigned_by, plan_id, updated_at)
  {
    table: 'daily_assignments',
    key: 9_000_021,
    column: 'assigned_by',
    sql: `INSERT INTO daily_assignments VALUES (9000021, '2030-01-01', 1, '札幌', 'x', NULL, '2030-01-01 09:00:00', '2030-01-01 12:00:00', 'robot', NULL, '${OLD}')`,
  },
  {
    table: 'daily_assignments',
    key: 9_000_022,
    column: 'start_time',
    sql: `INSERT INTO daily_assignments VALUES (9000022, '2030-01-01', 2, '札幌', 'x', NULL, '0000-00-00 00:00:00', '2030-01-01 12:00:00', 'manual', NULL, '${OLD}')`,
  },
  // workload_forecasts (forecast_id, forecast_date, location_name, business_id, process_name, forecast_items, updated_at)
  {
    table: 'workload_forecasts',
    key: 9_000_031,
    column: 'forecast_items',
    sql: `INSERT INTO workload_forecasts VALUES (9000031, '2030-01-01', '札幌', 'B01', 'x', -3.5, '${OLD}')`,
  },
  {
    table: 'workload_forecasts',
    key: 9_000_032,
    column: 'forecast_items',
    sql: `INSERT INTO workload_forecasts VALUES (9000032, '2030-01-02', '札幌', 'B01', 'x', NULL, '${OLD}')`,
  },
  {
    table: 'workload_forecasts',
    key: 9_000_033,
    column: 'forecast_items',
    sql: `INSERT INTO workload_forecasts VALUES (9000033, '2030-01-03', '札幌', 'B01', 'x', 1e300, '${OLD}')`,
  },
  // a master: operator_process_capabilities (capability_id, operator_id, process_name, skill_level, experience_months, average_speed, updated_at)
  {
    table: 'operator_process_capabilities',
    key: 9_000_041,
    column: 'skill_level',
    sql: `INSERT INTO operator_process_capabilities VALUES (9000041, 1, 'x', 9, 12, 10.5, '${OLD}')`,
  },
];

describe('a bad row is skipped and named, the rest syncs (built CLI, real MariaDB)', () => {
  let maria: MariaDb;
  const dir = tempDir();
  const genba = (...args: string[]) => runGenba([...args, '--data-dir', dir.path], { GENBA_MYSQL_PASSWORD: PASSWORD });
  const company = async (sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> => {
    const conn = await maria.admin();
    try {
      const [rows] = await conn.query(sql, params);
      return rows as Record<string, unknown>[];
    } finally {
      await conn.end();
    }
  };
  const local = <T>(sql: string, ...params: unknown[]): T => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).get(...params) as T;
    } finally {
      db.close();
    }
  };
  const count = async (table: string): Promise<{ company: number; local: number }> => ({
    company: Number((await company(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n),
    local: local<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).n,
  });
  const status = (): StatusInfo => JSON.parse(genba('status', '--json').stdout) as StatusInfo;

  beforeAll(async () => {
    if (!existsSync(resolve('out/cli/cli.mjs'))) throw new Error('out/cli is missing: run npm run build first');
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 2000, planning: true });
    // A company whose schema is looser than the canonical one, and whose server takes zero dates.
    await conn.query(`SET SESSION sql_mode = '';
      ALTER TABLE arrivals MODIFY items VARCHAR(40) NULL, MODIFY location_name VARBINARY(400) NOT NULL, MODIFY business_id VARCHAR(10) NULL;
      ALTER TABLE attendance_records MODIFY attendance_status VARCHAR(20) NOT NULL, MODIFY operator_id BIGINT NULL;
      ALTER TABLE daily_assignments MODIFY assigned_by VARCHAR(20) NOT NULL DEFAULT 'manual';
      ALTER TABLE workload_forecasts MODIFY forecast_items DOUBLE NULL;
      ALTER TABLE operator_process_capabilities MODIFY skill_level INT NOT NULL;`);
    for (const h of HOSTILE) await conn.query(h.sql);
    await conn.query(`INSERT INTO workload_forecasts VALUES (9000039, '2030-01-09', '札幌', 'B01', 'x', 120, '${OLD}')`);
    await conn.end();
  }, 300_000);
  afterAll(async () => {
    dir.remove();
    await maria?.destroy();
  });

  it('genba sync --once succeeds, copies every other row, and genba status names each skipped row (table, key, column, why)', async () => {
    const url = `mysql://genba@127.0.0.1:${maria.port}/${maria.database}`;
    const first = genba('sync', '--source', url, '--once', '--json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);

    for (const table of new Set(HOSTILE.map((h) => h.table))) {
      const bad = HOSTILE.filter((h) => h.table === table).length;
      const n = await count(table);
      expect(n.local, table).toBe(n.company - bad);
    }
    // The good forecast after the bad ones, and the tables after the planning ones, are there.
    expect(local<{ n: number }>('SELECT COUNT(*) AS n FROM workload_forecasts WHERE forecast_id = 9000039').n).toBe(1);
    expect(local<{ n: number }>('SELECT COUNT(*) AS n FROM progress_snapshots').n).toBeGreaterThan(1000);

    const s = status();
    expect(s.sync.tables.every((t) => t.lastError === null && t.lastSuccessAt !== null)).toBe(true);
    const refused = s.sync.refusedRows;
    for (const table of new Set(HOSTILE.map((h) => h.table))) {
      const expected = HOSTILE.filter((h) => h.table === table);
      const entry = refused.find((r) => r.table === table)!;
      expect(entry.rows, table).toBe(expected.length);
      for (const row of entry.first) {
        const h = expected.find((x) => String(x.key) === row.key);
        expect(h, `${table} ${row.key}`).toBeDefined();
        expect(row.column).toBe(h!.column);
        expect(row.why.ja.length).toBeGreaterThan(0);
        expect(row.why.en.length).toBeGreaterThan(0);
      }
    }
    // The text status names them too, in the manager's language.
    const text = genba('status', '--lang', 'en').stdout;
    expect(text).toContain('arrivals: 8 rows');
    expect(text).toMatch(/arrival_id 9000001.*items/);
    const ja = genba('status').stdout;
    expect(ja).toMatch(/arrivals: 8行/);

    // The watermark went past the newest row though it was refused: it is not the row every run stops before.
    const newest = (await company('SELECT updated_at FROM arrivals WHERE arrival_id = 9000001'))[0]!.updated_at as string;
    const mark = JSON.parse(local<{ watermark: string }>("SELECT watermark FROM sync_state WHERE table_name = 'arrivals'").watermark) as unknown[];
    expect(mark).toEqual([newest, 9000001]);
  }, 240_000);

  it('a second sync refuses them again without counting them twice, and a row fixed at the company is taken', async () => {
    const again = genba('sync', '--once');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(status().sync.refusedRows.find((r) => r.table === 'arrivals')?.rows).toBe(8);

    await company(`UPDATE arrivals SET items = '7', updated_at = NOW(3) WHERE arrival_id IN (9000001, 9000002)`);
    await company(`UPDATE operator_process_capabilities SET skill_level = 3, updated_at = NOW(3) WHERE capability_id = 9000041`);
    const fixed = genba('sync', '--once');
    expect(fixed.code).toBe(0);
    expect(local<{ items: number }>('SELECT items FROM arrivals WHERE arrival_id = 9000002').items).toBe(7);
    expect(local<{ skill_level: number }>('SELECT skill_level FROM operator_process_capabilities WHERE capability_id = 9000041').skill_level).toBe(3);
    const s = status();
    expect(s.sync.refusedRows.find((r) => r.table === 'arrivals')?.rows).toBe(6);
    expect(s.sync.refusedRows.find((r) => r.table === 'operator_process_capabilities')).toBeUndefined();
  }, 240_000);
});
