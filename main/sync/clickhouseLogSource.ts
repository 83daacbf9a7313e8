import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseLogsConfig, LogFilters } from '../config/config.js';
import { clickhouseError } from './clickhouseError.js';
import { clickhouseSourceId } from './clickhouseSourceId.js';
import type { LogGroup, LogGroupSource } from './logGroupSource.js';
import { shapeSql } from './logShapeSql.js';
import { siteHostFilter, type SiteHosts } from './siteHostFilter.js';

const MINUTE = 60_000;

/**
 * A ClickHouse string literal. ClickHouse 18 has no server-side query parameters, so every
 * value is written as a literal through this one escaper (backslash and quote escaped);
 * identifiers come from the validated config only.
 */
export function chString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const chIdentifier = (name: string): string => {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) throw new Error(`invalid identifier: ${name}`);
  return `\`${name}\``;
};

/** How the time column reads as epoch ms and compares with one, by its ClickHouse type. */
function timeExpressions(column: string, type: string): { ms: string; at: (ms: number) => string } {
  const bare = type.replace(/^Nullable\((.*)\)$/, '$1');
  if (/^DateTime64/.test(bare)) {
    return { ms: `toUnixTimestamp64Milli(${column})`, at: (ms) => `toDateTime64(${(ms / 1000).toFixed(3)}, 3)` };
  }
  if (/^DateTime/.test(bare)) return { ms: `(toUInt64(toUnixTimestamp(${column})) * 1000)`, at: (ms) => `toDateTime(${Math.floor(ms / 1000)})` };
  if (/^U?Int(32|64)$/.test(bare)) return { ms: `toUInt64(${column})`, at: (ms) => String(Math.floor(ms)) };
  throw new Error(`time column type ${type} is not DateTime, DateTime64 or epoch milliseconds`);
}

/** The filters as a WHERE clause of the source query: what a manager does not need never leaves the server. */
export function filterSql(filters: LogFilters, c: { service: string; host: string; level: string }, sites: SiteHosts): string {
  const parts: string[] = [];
  if (filters.services.length > 0) parts.push(`${c.service} IN (${filters.services.map(chString).join(', ')})`);
  if (filters.levels.length > 0) parts.push(`${c.level} IN (${filters.levels.map(chString).join(', ')})`);
  if (filters.hosts.length > 0) {
    const like = (glob: string): string => chString(glob.replace(/[%_\\]/g, (x) => `\\${x}`).replace(/\*/g, '%'));
    parts.push(`(${filters.hosts.map((g) => `${c.host} LIKE ${like(g)}`).join(' OR ')})`);
  }
  if (filters.sites.length > 0) {
    const f = siteHostFilter(filters.sites, sites);
    // The sites' own hosts, and the shared ones that are no site's (a shared service's errors concern every site).
    const mine = f.wanted ? `match(lower(${c.host}), ${chString(f.wanted)})` : '0';
    parts.push(f.any ? `(${mine} OR NOT match(lower(${c.host}), ${chString(f.any)}))` : mine);
  }
  return parts.length === 0 ? '1' : parts.join(' AND ');
}

/**
 * The company's ClickHouse as a log source: ClickHouse groups the lines per minute,
 * service, host, level and message shape and sends the groups, so what crosses the network
 * and what the laptop mines grows with the variety of the logs, not their volume. Uses the
 * maintained @clickhouse/client over HTTP (works with ClickHouse 18.16 through current).
 */
export function createClickHouseLogSource(c: ClickHouseLogsConfig, password: string, sites: SiteHosts): LogGroupSource {
  const where = `${new URL(c.url).host}/${c.database}.${c.table}`;
  const client: ClickHouseClient = createClient({
    url: c.url,
    username: c.user,
    password,
    database: c.database,
    request_timeout: c.requestTimeoutMs,
    application: 'genba',
    log: { level: ClickHouseLogLevel.OFF },
  });
  let bytes = 0;
  const table = `${chIdentifier(c.database)}.${chIdentifier(c.table)}`;
  const col = {
    ts: chIdentifier(c.columns.ts),
    service: `toString(${chIdentifier(c.columns.service)})`,
    host: `toString(${chIdentifier(c.columns.host)})`,
    level: `toString(${chIdentifier(c.columns.level)})`,
    message: `toString(${chIdentifier(c.columns.message)})`,
    trace: c.columns.trace_id ? `toString(any(${chIdentifier(c.columns.trace_id)}))` : "''",
  };
  const filtered = filterSql(c.filters, col, sites);

  const rows = async <T>(query: string): Promise<T[]> => {
    try {
      const result = await client.query({ query, format: 'JSONEachRow' });
      const text = await result.text();
      bytes += Buffer.byteLength(text);
      return text.length === 0
        ? []
        : text
            .split('\n')
            .filter((l) => l.length > 0)
            .map((l) => JSON.parse(l) as T);
    } catch (error) {
      throw clickhouseError(error, where);
    }
  };

  let time: Promise<{ ms: string; at: (ms: number) => string }> | null = null;
  const times = (): Promise<{ ms: string; at: (ms: number) => string }> =>
    (time ??= (async () => {
      const described = await rows<{ name: string; type: string }>(`DESCRIBE TABLE ${table}`);
      const names = new Map(described.map((d) => [d.name, d.type]));
      for (const name of Object.values(c.columns)) {
        if (name !== null && !names.has(name)) throw clickhouseError(new Error(`Code: 47, Missing columns: '${name}'`), where);
      }
      try {
        return timeExpressions(col.ts, names.get(c.columns.ts)!);
      } catch (error) {
        throw clickhouseError(error, where);
      }
    })().catch((error: unknown) => {
      time = null;
      throw error;
    }));

  return {
    id: clickhouseSourceId(c),

    async span() {
      const t = await times();
      const [r] = await rows<{ first: string | null; last: string | null; n: string }>(
        `SELECT toString(min(${t.ms})) AS first, toString(max(${t.ms})) AS last, toString(count()) AS n FROM ${table} WHERE ${filtered}`,
      );
      const n = Number(r?.n ?? 0);
      return n === 0 ? { first: null, last: null, lines: 0 } : { first: Number(r!.first), last: Number(r!.last), lines: n };
    },

    async groups(from: number, to: number): Promise<LogGroup[]> {
      if (from % MINUTE !== 0 || to % MINUTE !== 0) throw new Error('log groups are pulled by whole minutes');
      const t = await times();
      const raw = await rows<Record<string, string>>(
        `SELECT toString(intDiv(${t.ms}, 60000) * 60000) AS minute, ${col.service} AS service, ${col.host} AS host, ${col.level} AS level,
           toString(cityHash64(${shapeSql(col.message)})) AS shape, toString(count()) AS lines,
           toString(min(${t.ms})) AS first, toString(max(${t.ms})) AS last,
           any(${col.message}) AS sample, max(${col.message}) AS other, ${col.trace} AS trace_id
         FROM ${table}
         WHERE ${col.ts} >= ${t.at(from)} AND ${col.ts} < ${t.at(to)} AND ${filtered}
         GROUP BY minute, service, host, level, shape
         ORDER BY minute, first`,
      );
      return raw.map((r) => ({
        minute: Number(r.minute),
        service: r.service!,
        host: r.host!,
        level: r.level!,
        shape: r.shape!,
        lines: Number(r.lines),
        first: Number(r.first),
        last: Number(r.last),
        sample: r.sample!,
        other: r.other!,
        traceId: r.trace_id ? r.trace_id : null,
      }));
    },

    bytesReceived: () => bytes,

    async close() {
      await client.close().catch(() => {});
    },
  };
}
