import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type mysql from 'mysql2/promise';
import type { CompanyTable } from '../store/companyRows.js';
import { COLUMN_TYPES } from '../store/columnTypes.js';
import { localValue } from './mysqlValue.js';
import { epochToSqlDatetime, sqlDatetimeToEpoch } from '../config/sqlDatetime.js';
import { boundedPool } from './boundedPool.js';
import { deliverToMysql } from './deliverToMysql.js';
import { missingColumn, SyncError, toSyncError } from './syncError.js';
import type { DecisionRecord } from '../store/decisionRecord.js';
import type { Batch, LocalRow, SyncSource, Watermark } from './syncSource.js';
import { isAbsentOptional, primaryKey, requiredColumns, type TableSpec } from './tableSpecs.js';

export interface MySqlSourceOptions {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  tls: { enabled: boolean; rejectUnauthorized: boolean; caFile?: string | undefined };
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  /** Zone of the company's DATETIME values. */
  timeZone: string;
  /** Which tables to pull from MySQL (logs may come from files instead). */
  tables: readonly CompanyTable[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const quote = (name: string): string => {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid column name: ${name}`);
  return `\`${name}\``;
};

/** `mysql://user@host:port/db`: the source's identity, never with a password. */
export function mysqlSourceId(o: Pick<MySqlSourceOptions, 'user' | 'host' | 'port' | 'database'>): string {
  return `mysql://${encodeURIComponent(o.user)}@${o.host}:${o.port}/${o.database}`;
}

/** `a > ? OR (a = ? AND b > ?)`: keyset condition that MariaDB turns into an index range. */
function keyset(columns: readonly string[], after: unknown[]): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < columns.length; i++) {
    const eq = columns.slice(0, i).map((c, j) => {
      params.push(after[j]);
      return `${quote(c)} = ?`;
    });
    params.push(after[i]);
    parts.push(`(${[...eq, `${quote(columns[i]!)} > ?`].join(' AND ')})`);
  }
  return { sql: parts.join(' OR '), params };
}

/**
 * The WHERE of a pull after `after`. On a change time, rows whose time is NULL are left to
 * fetchUndated: `time > ?` never matches them, and a first pull that read them (NULL sorts
 * first) would end a batch on a NULL watermark that matches nothing after it.
 */
function afterWatermark(spec: TableSpec, after: Watermark | null): { sql: string; params: unknown[] } {
  const first = spec.watermark[0]!;
  const parts: string[] = [];
  const params: unknown[] = [];
  if (spec.times.includes(first)) parts.push(`${quote(first)} IS NOT NULL`);
  if (after !== null) {
    const cond = keyset(spec.watermark, after as unknown[]);
    parts.push(`(${cond.sql})`);
    params.push(...cond.params);
  }
  return { sql: parts.length === 0 ? '' : ` WHERE ${parts.join(' AND ')}`, params };
}

/** The table's configured SELECT, refused unless it is one read-only statement (it is the administrator's SQL). */
export function checkedSelect(spec: TableSpec): string {
  const sql = spec.select.trim();
  if (!/^select\s/i.test(sql) || sql.includes(';')) {
    throw new SyncError('SOURCE_BAD_QUERY', {
      ja: `テーブル ${spec.table} の同期設定は SELECT 文 1 つにしてください。`,
      en: `The sync setting for ${spec.table} must be a single SELECT statement.`,
    });
  }
  return sql;
}

/** Errors a SELECT itself causes (not the server, the login or the network). */
const QUERY_FAULTS: ReadonlySet<string> = new Set(['SOURCE_MISSING_TABLE', 'SOURCE_MISSING_COLUMN', 'SOURCE_BAD_QUERY', 'SYNC_FAILED']);

/**
 * A failure of the company's own SELECT for `table` (config.json's source.tables), with the
 * query named: the connection test runs the SELECTs the sync runs, and says which one failed.
 */
function configuredQueryFailed(table: string, error: SyncError): SyncError {
  return new SyncError(
    error.code,
    {
      ja: `${table} の SELECT（config.json の source.tables.${table}）が失敗しました: ${error.text.ja}`,
      en: `The SELECT configured for ${table} (source.tables.${table} in config.json) failed: ${error.text.en}`,
    },
    { cause: error, ...(error.detail === undefined ? {} : { detail: error.detail }) },
  );
}

/** mysql2, loaded when a pool is first made: a command that never talks to MySQL (genba ask) does not pay for loading it (docs/bench/2026-11-26-start-up-costs.md). */
const loadMysql = (): typeof mysql => createRequire(import.meta.url)('mysql2/promise') as typeof mysql;

/** The connection pool for a source's options: the one place they become mysql2 settings. */
export function mysqlPool(o: MySqlSourceOptions): mysql.Pool {
  return loadMysql().createPool({
    host: o.host,
    port: o.port,
    user: o.user,
    password: o.password,
    database: o.database,
    connectionLimit: 3,
    connectTimeout: o.connectTimeoutMs,
    dateStrings: true,
    decimalNumbers: true,
    supportBigNumbers: true,
    charset: 'utf8mb4',
    timezone: 'Z',
    ...(o.tls.enabled ? { ssl: { rejectUnauthorized: o.tls.rejectUnauthorized, ...(o.tls.caFile ? { ca: readFileSync(o.tls.caFile, 'utf8') } : {}) } } : {}),
  });
}

export function createMySqlSource(o: MySqlSourceOptions): SyncSource & { testConnection(specs: readonly TableSpec[]): Promise<TableCheck[]> } {
  const where = `${o.host}:${o.port}/${o.database}`;
  const pool = boundedPool(mysqlPool(o), o);
  const run = async <T>(table: string | undefined, sql: string, params: unknown[] = []): Promise<T> => {
    try {
      const [rows] = await pool.query<T>(sql, params);
      return rows as T;
    } catch (error) {
      throw toSyncError(error, where, table);
    }
  };
  // Values in the local columns' terms where they can be; the engine refuses a row whose value cannot (checkRows.ts).
  const convert = (spec: TableSpec, raw: Record<string, unknown>): LocalRow => {
    const row: LocalRow = {};
    const types = COLUMN_TYPES[spec.table];
    for (const c of requiredColumns(spec.table)) row[c] = localValue(types[c]!, raw[c], o.timeZone);
    return row;
  };

  const source = {
    id: mysqlSourceId(o),
    tables: o.tables,

    async checkColumns(spec: TableSpec) {
      let fields: { name: string }[];
      try {
        [, fields] = await pool.query(`SELECT * FROM (${checkedSelect(spec)}) AS src LIMIT 0`);
      } catch (error) {
        throw toSyncError(error, where, spec.table);
      }
      const names = new Set(fields.map((f) => f.name));
      for (const c of [...requiredColumns(spec.table), ...spec.watermark]) if (!names.has(c)) throw missingColumn(spec.table, c);
    },

    async estimate(spec: TableSpec, after: Watermark | null) {
      const cond = afterWatermark(spec, after);
      const rows = await run<{ n: number }[]>(spec.table, `SELECT COUNT(*) AS n FROM (${checkedSelect(spec)}) AS src${cond.sql}`, cond.params);
      return Number(rows[0]?.n ?? 0);
    },

    async fetch(spec: TableSpec, after: Watermark | null, limit: number): Promise<Batch> {
      const cond = afterWatermark(spec, after);
      const raw = await run<Record<string, unknown>[]>(
        spec.table,
        `SELECT * FROM (${checkedSelect(spec)}) AS src${cond.sql} ORDER BY ${spec.watermark.map(quote).join(', ')} LIMIT ?`,
        [...cond.params, limit],
      );
      const last = raw[raw.length - 1];
      return { rows: raw.map((r) => convert(spec, r)), next: last ? spec.watermark.map((c) => last[c]) : after };
    },

    /**
     * A change time is set when the row is written but seen when the transaction commits,
     * so a change-time watermark is only safe up to the look-back window (which also
     * covers second-precision DATETIMEs and clock skew between writers).
     */
    rewind(spec: TableSpec, watermark: Watermark, lookbackMs: number): Watermark {
      const values = watermark as unknown[];
      const first = spec.watermark[0]!;
      if (!spec.times.includes(first) || typeof values[0] !== 'string') return watermark;
      const back = sqlDatetimeToEpoch(values[0], o.timeZone) - lookbackMs;
      return [epochToSqlDatetime(back, o.timeZone), ...values.slice(1)];
    },

    afterKey: (_spec: TableSpec, key: number): Watermark => [key],

    /** The rows whose change time is NULL, by primary key: the keyset on the change time never reaches them. */
    async fetchUndated(spec: TableSpec, afterKey: number | null, limit: number): Promise<LocalRow[]> {
      const key = quote(primaryKey(spec.table));
      const raw = await run<Record<string, unknown>[]>(
        spec.table,
        `SELECT * FROM (${checkedSelect(spec)}) AS src WHERE ${quote(spec.watermark[0]!)} IS NULL${afterKey === null ? '' : ` AND ${key} > ?`} ORDER BY ${key} LIMIT ?`,
        afterKey === null ? [limit] : [afterKey, limit],
      );
      return raw.map((r) => convert(spec, r));
    },

    /** One range condition per run on the key, which MariaDB reads through the primary key (the SELECT is merged or the condition pushed into it). */
    async fetchIdRuns(spec: TableSpec, runs: readonly (readonly [number, number])[], limit: number): Promise<LocalRow[]> {
      if (runs.length === 0) return [];
      const key = quote(primaryKey(spec.table));
      const raw = await run<Record<string, unknown>[]>(
        spec.table,
        `SELECT * FROM (${checkedSelect(spec)}) AS src WHERE ${runs.map(() => `${key} BETWEEN ? AND ?`).join(' OR ')} ORDER BY ${key} LIMIT ?`,
        [...runs.flat(), limit],
      );
      return raw.map((r) => convert(spec, r));
    },

    async keys(spec: TableSpec) {
      const key = primaryKey(spec.table);
      const first = spec.watermark[0]!;
      const version = spec.times.includes(first) ? `, ${quote(first)} AS v` : '';
      const rows = await run<{ k: number; v?: string | null }[]>(spec.table, `SELECT ${quote(key)} AS k${version} FROM (${checkedSelect(spec)}) AS src`);
      return rows.map((r) => {
        // A change time that names no instant (a zero date) is no version, which staleVersions leaves out.
        const v = localValue({ kind: 'time', nullable: true }, r.v, o.timeZone);
        return { key: Number(r.k), version: typeof v === 'number' ? v : null };
      });
    },

    deliver: (d: DecisionRecord) => deliverToMysql(pool, run, d, { timeZone: o.timeZone, where }),

    /**
     * "Test connection": login, every table's columns through the SELECT the sync runs (the
     * company's own where it has one: `specs`, as tableSpecs gives them), and the right to
     * write decisions (rolled back). A failing own SELECT is named in the error.
     */
    async testConnection(specs: readonly TableSpec[]): Promise<TableCheck[]> {
      const checks: TableCheck[] = [];
      for (const spec of specs.filter((s) => o.tables.includes(s.table))) {
        try {
          await source.checkColumns(spec);
          checks.push({ table: spec.table, rows: await source.estimate(spec, null) });
        } catch (error) {
          const e = toSyncError(error, where, spec.table);
          if (isAbsentOptional(spec, e)) {
            checks.push({ table: spec.table, rows: null, absent: true });
            continue;
          }
          throw spec.configured && QUERY_FAULTS.has(e.code) ? configuredQueryFailed(spec.table, e) : e;
        }
      }
      try {
        await pool.transact(
          (statement) =>
            statement(`INSERT INTO approval_history (suggestion_id, changes, impact, action_type, action_user, execution_status, created_at)
              VALUES ('genba-connection-test', '{}', '{}', 'approved', 'genba', 'pending', NOW(3))
              ON DUPLICATE KEY UPDATE suggestion_id = suggestion_id`),
          'ROLLBACK',
        );
      } catch (error) {
        throw toSyncError(error, where, 'approval_history');
      }
      return checks;
    },

    async close() {
      await pool.end();
    },
  };
  return source;
}

export interface TableCheck {
  table: CompanyTable;
  rows: number | null;
  /** An optional planning table the company database does not have. */
  absent?: true;
}
