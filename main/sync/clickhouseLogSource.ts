import { createRequire } from 'node:module';
import type { ClickHouseClient } from '@clickhouse/client';

/** The ClickHouse client, loaded when a source is first made: a command that never reads ClickHouse (genba ask) skips loading it (docs/bench/2026-11-26-start-up-costs.md). */
const clickhouse = (): typeof import('@clickhouse/client') => createRequire(import.meta.url)('@clickhouse/client') as typeof import('@clickhouse/client');
import { DEFAULT_TRACE_COLUMN, type ClickHouseLogsConfig, type LogFilters } from '../config/logsConfig.js';
import { siteHostFilter, type SiteHosts } from '../logs/siteHosts.js';
import { clickhouseError } from './clickhouseError.js';
import { clickhouseSourceId } from './clickhouseSourceId.js';
import { clickhouseTimeColumn, isIntegerTime, type TimeExpressions } from './clickhouseTimeColumn.js';
import type { LogTemplateDrill } from '../api/types.js';
import type { DrillWindow, LogGroup, LogGroupSource, ShapeSamples } from './logGroupSource.js';
import { chString, shapeSql, type DigitShape } from './logShapeSql.js';

const MINUTE = 60_000;

const TSV_ESCAPES: Record<string, string> = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', '0': '\0', "'": "'", '\\': '\\' };
/** A TabSeparated field as ClickHouse escapes it (backslash sequences). */
const unescapeTsv = (field: string): string => (field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => TSV_ESCAPES[c] ?? c) : field);

const chIdentifier = (name: string): string => {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) throw new Error(`invalid identifier: ${name}`);
  return `\`${name}\``;
};

/** What DESCRIBE told: how to read the time column, and the trace id's expression ('' where the table has none). */
interface Described extends TimeExpressions {
  trace: string;
}

/** The filters as a WHERE clause of the source query: what a manager does not need never leaves the server. */
function filterSql(filters: LogFilters, c: { service: string; host: string; level: string }, sites: SiteHosts): string {
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
export function createClickHouseLogSource(
  c: ClickHouseLogsConfig,
  password: string,
  sites: SiteHosts,
  /** `each`: group by the finer shapes (the bench's comparison of before and after). */
  o: { digits?: DigitShape } = {},
): LogGroupSource {
  const digits = o.digits ?? 'runs';
  const where = `${new URL(c.url).host}/${c.database}.${c.table}`;
  const { createClient, ClickHouseLogLevel } = clickhouse();
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

  const tsv = async (query: string): Promise<string[][]> => {
    try {
      const result = await client.query({ query, format: 'TabSeparated' });
      const text = await result.text();
      bytes += Buffer.byteLength(text);
      return text
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => l.split('\t').map(unescapeTsv));
    } catch (error) {
      throw clickhouseError(error, where);
    }
  };

  let described: Promise<Described> | null = null;
  const describe = (): Promise<Described> =>
    (described ??= (async () => {
      const columns = await rows<{ name: string; type: string }>(`DESCRIBE TABLE ${table}`);
      const names = new Map(columns.map((d) => [d.name, d.type]));
      const { trace_id: traceId, ...read } = c.columns;
      const required = traceId !== null && traceId !== DEFAULT_TRACE_COLUMN ? [...Object.values(read), traceId] : Object.values(read);
      for (const name of required) {
        if (!names.has(name)) throw clickhouseError(new Error(`Code: 47, Missing columns: '${name}'`), where);
      }
      // Trace ids are optional: a table without the default column simply has none.
      const trace = traceId !== null && names.has(traceId) ? `toString(any(${chIdentifier(traceId)}))` : "''";
      const type = names.get(c.columns.ts)!;
      // An integer column's unit is in its values: seconds and milliseconds of log times never overlap.
      const [values] = isIntegerTime(type)
        ? await rows<{ max: string; n: string }>(`SELECT toString(max(${col.ts})) AS max, toString(count()) AS n FROM ${table}`)
        : [];
      return { ...clickhouseTimeColumn(col.ts, c.columns.ts, type, values ? { max: Number(values.max), count: Number(values.n) } : null, where), trace };
    })().catch((error: unknown) => {
      described = null;
      throw error;
    }));

  return {
    id: clickhouseSourceId(c),

    async span() {
      const t = await describe();
      const [r] = await rows<{ first: string | null; last: string | null; n: string }>(
        `SELECT toString(min(${t.ms})) AS first, toString(max(${t.ms})) AS last, toString(count()) AS n FROM ${table} WHERE ${filtered}`,
      );
      const n = Number(r?.n ?? 0);
      return n === 0 ? { first: null, last: null, lines: 0 } : { first: Number(r!.first), last: Number(r!.last), lines: n };
    },

    async shapes(from: number, to: number): Promise<ShapeSamples> {
      const t = await describe();
      const raw = await rows<{ shape: string; sample: string; other: string }>(
        `SELECT toString(cityHash64(${shapeSql(col.message, digits)})) AS shape, any(${col.message}) AS sample, max(${col.message}) AS other
         FROM ${table} WHERE ${col.ts} >= ${t.at(from)} AND ${col.ts} < ${t.at(to)} AND ${filtered} GROUP BY shape`,
      );
      return new Map(raw.map((r) => [r.shape, { sample: r.sample, other: r.other }]));
    },

    async groups(from: number, to: number, detailed: boolean): Promise<LogGroup[]> {
      if (from % MINUTE !== 0 || to % MINUTE !== 0) throw new Error('log groups are pulled by whole minutes');
      const t = await describe();
      // Tab-separated: a group is a few numbers and names, and JSON would double what crosses the network.
      const text = await tsv(
        `SELECT intDiv(${t.ms}, 60000) * 60000 AS minute, ${col.service} AS service, ${detailed ? col.host : "''"} AS host, ${col.level} AS level,
           cityHash64(${shapeSql(col.message, digits)}) AS shape, count() AS lines, min(${t.ms}) AS first, max(${t.ms}) AS last
           ${detailed ? `, any(${col.message}) AS sample, ${t.trace} AS trace_id` : ''}
         FROM ${table}
         WHERE ${col.ts} >= ${t.at(from)} AND ${col.ts} < ${t.at(to)} AND ${filtered}
         GROUP BY minute, service, host, level, shape
         ORDER BY minute, first`,
      );
      return text.map((f) => ({
        minute: Number(f[0]),
        service: f[1]!,
        host: f[2]!,
        level: f[3]!,
        shape: f[4]!,
        lines: Number(f[5]),
        first: Number(f[6]),
        last: Number(f[7]),
        sample: detailed ? f[8]! : null,
        traceId: detailed && f[9] ? f[9] : null,
      }));
    },

    async lineCounts(from: number, to: number): Promise<Map<number, number>> {
      if (from % MINUTE !== 0 || to % MINUTE !== 0) throw new Error('line counts are per whole minute');
      const t = await describe();
      const text = await tsv(
        `SELECT intDiv(${t.ms}, 60000) * 60000 AS minute, count() FROM ${table}
         WHERE ${col.ts} >= ${t.at(from)} AND ${col.ts} < ${t.at(to)} AND ${filtered} GROUP BY minute`,
      );
      return new Map(text.map((f) => [Number(f[0]), Number(f[1])]));
    },

    async drill(messages: string[], window: DrillWindow, limits: { shapes: number; lines: number }): Promise<Omit<LogTemplateDrill, 'partial'>> {
      const t = await describe();
      if (messages.length === 0) return { shapes: [], moreShapes: 0, lines: [], total: 0, shapesFrom: window.from };
      // The template's shapes, computed by the server from the laptop's messages: one definition of a shape, the server's.
      const keys = await tsv(
        `SELECT DISTINCT toString(cityHash64(${shapeSql('m', digits)})) FROM (SELECT arrayJoin([${messages.map(chString).join(', ')}]) AS m)`,
      );
      // The Logs view's narrowing, as literals (ClickHouse 18 has no query parameters: chString escapes them).
      const narrowed = (['service', 'host', 'level'] as const).map((k) => (window[k] === undefined ? '' : ` AND ${col[k]} = ${chString(window[k])}`)).join('');
      // Hashes as the server wrote them: numbers, checked before they go into the query.
      if (!keys.every((k) => /^\d+$/.test(k[0] ?? ''))) throw clickhouseError(new Error('a shape hash that is not a number'), where);
      const mine = (from: number): string =>
        `${col.ts} >= ${t.at(from)} AND ${col.ts} < ${t.at(window.to)} AND ${filtered}${narrowed} AND cityHash64(${shapeSql(col.message, digits)}) IN (${keys.map((k) => k[0]).join(', ')})`;
      // One pass over the window: the finer shapes, their total (WITH TOTALS) and how many there are (rows before the limit).
      let shaped: { data: { lines: string; sample: string; first: string; last: string }[]; totals?: { lines: string }; rows_before_limit_at_least?: number };
      try {
        const result = await client.query({
          query: `SELECT toString(count()) AS lines, any(${col.message}) AS sample, toString(min(${t.ms})) AS first, toString(max(${t.ms})) AS last
            FROM ${table} WHERE ${mine(window.shapesFrom)} GROUP BY cityHash64(${shapeSql(col.message, 'each')}) WITH TOTALS ORDER BY count() DESC, min(${t.ms}) LIMIT ${Math.trunc(limits.shapes)}`,
          format: 'JSON',
        });
        const text = await result.text();
        bytes += Buffer.byteLength(text);
        shaped = JSON.parse(text) as typeof shaped;
      } catch (error) {
        throw clickhouseError(error, where);
      }
      const newest = (from: number): Promise<string[][]> =>
        tsv(
          `SELECT ${t.ms} AS ms, ${col.service}, ${col.host}, ${col.level}, ${col.message} FROM ${table} WHERE ${mine(from)} ORDER BY ${col.ts} DESC LIMIT ${Math.trunc(limits.lines)}`,
        );
      let lines = await newest(Math.max(window.from, window.newestFrom));
      // The laptop's counts are of every host and level: narrowed, the last minutes may hold fewer; then the whole window is read.
      if (lines.length < limits.lines && window.newestFrom > window.from) lines = await newest(window.from);
      return {
        shapes: shaped.data.map((r) => ({ lines: Number(r.lines), sample: r.sample, first: Number(r.first), last: Number(r.last) })),
        moreShapes: Math.max(0, (shaped.rows_before_limit_at_least ?? shaped.data.length) - shaped.data.length),
        lines: lines.map((f) => ({ ts: Number(f[0]), service: f[1]!, host: f[2]!, level: f[3]!, message: f[4]! })),
        total: Number(shaped.totals?.lines ?? 0),
        shapesFrom: window.shapesFrom,
      };
    },

    bytesReceived: () => bytes,

    async close() {
      await client.close().catch(() => {});
    },
  };
}
