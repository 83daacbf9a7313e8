import { epochToSqlDatetime, sqlDatetimeToEpoch } from '../config/sqlDatetime.js';
import type { LogGroup, LogGroupSource, ShapeSamples } from './logGroupSource.js';
import { mysqlShapeSql } from './logShapeSql.js';
import { boundedPool } from './boundedPool.js';
import { checkedSelect, mysqlPool, mysqlSourceId, type MySqlSourceOptions } from './mysqlSource.js';
import { toSyncError } from './syncError.js';
import type { TableSpec } from './tableSpecs.js';

const MINUTE = 60_000;

/**
 * The company MySQL's app_logs, grouped by MySQL itself (GROUP BY minute, service, host,
 * level and message shape with REGEXP_REPLACE): the same bounded laptop as ClickHouse, for
 * a company that keeps its logs in MySQL. The configured SELECT of app_logs is the input;
 * every value is a parameter. An index on the time column keeps each span's scan short.
 */
export function createMySqlLogGroupSource(o: MySqlSourceOptions, spec: TableSpec): LogGroupSource {
  const where = `${o.host}:${o.port}/${o.database}`;
  const pool = boundedPool(mysqlPool(o), o);
  const shape = mysqlShapeSql('message');
  let bytes = 0;
  const run = async <T>(sql: string, params: unknown[]): Promise<T[]> => {
    try {
      const [rows] = await pool.query<T[]>(sql, params);
      // What crossed the network, near enough: the text of the rows.
      bytes += JSON.stringify(rows).length;
      return rows as T[];
    } catch (error) {
      throw toSyncError(error, where, 'app_logs');
    }
  };
  const range = (from: number, to: number): unknown[] => [epochToSqlDatetime(from, o.timeZone), epochToSqlDatetime(to, o.timeZone)];
  const epoch = (v: string): number => sqlDatetimeToEpoch(v, o.timeZone);

  return {
    id: `${mysqlSourceId(o)}#log-groups`,

    async span() {
      const [r] = await run<{ first_ts: string | null; last_ts: string | null; n: number }>(
        `SELECT MIN(ts) AS first_ts, MAX(ts) AS last_ts, COUNT(*) AS n FROM (${checkedSelect(spec)}) AS src`,
        [],
      );
      return !r || r.first_ts === null ? { first: null, last: null, lines: 0 } : { first: epoch(r.first_ts), last: epoch(r.last_ts!), lines: Number(r.n) };
    },

    async shapes(from: number, to: number): Promise<ShapeSamples> {
      const rows = await run<{ shape: string; sample: string; other: string }>(
        `SELECT ${shape.sql} AS shape, MIN(message) AS sample, MAX(message) AS other
         FROM (${checkedSelect(spec)}) AS src WHERE ts >= ? AND ts < ? GROUP BY shape`,
        [...shape.params, ...range(from, to)],
      );
      return new Map(rows.map((r) => [r.shape, { sample: r.sample, other: r.other }]));
    },

    async groups(from: number, to: number, detailed: boolean): Promise<LogGroup[]> {
      if (from % MINUTE !== 0 || to % MINUTE !== 0) throw new Error('log groups are pulled by whole minutes');
      // BINARY: a case-insensitive collation must not merge 'ERROR' and 'error', as row-level sync would not.
      const rows = await run<Record<string, string | number | null>>(
        `SELECT DATE_FORMAT(ts, '%Y-%m-%d %H:%i:00') AS at_minute, MIN(service) AS service, ${detailed ? 'MIN(host)' : "''"} AS host, MIN(level) AS level, ${shape.sql} AS shape,
           COUNT(*) AS n_lines, MIN(ts) AS first_ts, MAX(ts) AS last_ts${detailed ? ', MIN(message) AS sample, MIN(trace_id) AS trace_id' : ''}
         FROM (${checkedSelect(spec)}) AS src WHERE ts >= ? AND ts < ?
         GROUP BY at_minute, BINARY service, ${detailed ? 'BINARY host, ' : ''}BINARY level, shape ORDER BY at_minute, first_ts`,
        [...shape.params, ...range(from, to)],
      );
      return rows.map((r) => ({
        minute: epoch(String(r.at_minute)),
        service: String(r.service),
        host: String(r.host),
        level: String(r.level),
        shape: String(r.shape),
        lines: Number(r.n_lines),
        first: epoch(String(r.first_ts)),
        last: epoch(String(r.last_ts)),
        sample: detailed ? String(r.sample) : null,
        traceId: detailed && r.trace_id ? String(r.trace_id) : null,
      }));
    },

    async lineCounts(from: number, to: number): Promise<Map<number, number>> {
      if (from % MINUTE !== 0 || to % MINUTE !== 0) throw new Error('line counts are per whole minute');
      const rows = await run<{ at_minute: string; n: number | string }>(
        `SELECT DATE_FORMAT(ts, '%Y-%m-%d %H:%i:00') AS at_minute, COUNT(*) AS n FROM (${checkedSelect(spec)}) AS src WHERE ts >= ? AND ts < ? GROUP BY at_minute`,
        range(from, to),
      );
      return new Map(rows.map((r) => [epoch(String(r.at_minute)), Number(r.n)]));
    },

    bytesReceived: () => bytes,

    async close() {
      await pool.end();
    },
  };
}
