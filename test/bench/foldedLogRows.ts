import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { startOfZonedDay } from '../../main/config/zonedTime.js';
import { compactStore, type Retention } from '../../main/store/compactStore.js';
import { openStore } from '../../main/store/openStore.js';
import type { ClickHouseLogsConfig } from '../../main/config/logsConfig.js';
import { createClickHouseLogSource } from '../../main/sync/clickhouseLogSource.js';
import { shapeText } from '../../main/sync/logShapeSql.js';
import { drillTemplate } from '../../main/sync/templateDrill.js';
import { runLogGroupSync } from '../../main/sync/logGroupSync.js';
import { CLICKHOUSE_PASSWORD, type ClickHouse } from '../helpers/clickhouse.js';
import { fileSize, mb, minutesAgainstServer } from './clickhouseScale.js';

const ZONE = 'Asia/Tokyo';
const MINUTE = 60_000;

/** Retention as the app's defaults have it for ClickHouse logs: 7 days of rows, the last two local days per minute. */
const RETENTION: Retention = {
  keepRawDays: 7,
  keepAggregateDays: 90,
  keepSnapshotDays: 90,
  timeZone: ZONE,
  keepMinuteDays: 1,
  foldShape: (message) => shapeText(message),
};

const count = (db: Database.Database, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

/** Lines per hour, host and level as ClickHouse counts them, against the laptop's rows (hours of Tokyo are whole epoch hours). */
async function sameHours(ch: ClickHouse, db: Database.Database): Promise<{ equal: boolean; text: string }> {
  const server = await ch.query<{ k: string; n: string }>(
    `SELECT concat(toString(intDiv(toUInt64(toUnixTimestamp(ts)), 3600) * 3600000), ' ', host, ' ', level) AS k, toString(count()) AS n
     FROM logs.app_logs GROUP BY k`,
  );
  const local = new Map(
    (
      db.prepare(`SELECT ((ts / 3600000) * 3600000) || ' ' || host || ' ' || level AS k, SUM(lines) AS n FROM app_logs GROUP BY k`).all() as {
        k: string;
        n: number;
      }[]
    ).map((r) => [r.k, r.n]),
  );
  const differ = server.filter((s) => local.get(s.k) !== Number(s.n)).length;
  const extra = [...local.keys()].filter((k) => !server.some((s) => s.k === k)).length;
  const equal = differ === 0 && extra === 0;
  return { equal, text: equal ? `all ${server.length} (hour, host, level) equal` : `${differ} of ${server.length} DIFFER, ${extra} only on the laptop` };
}

/** Per template and minute as ClickHouse's own minutes sum them, and the laptop's rows per template against its minutes. */
async function sameMinutes(ch: ClickHouse, db: Database.Database, before: string): Promise<{ equal: boolean; text: string }> {
  const m = await minutesAgainstServer(ch, db);
  const unchanged = templateMinutes(db) === before;
  const rowsDiffer = count(
    db,
    `SELECT COUNT(*) AS n FROM (SELECT template_id, SUM(lines) AS n FROM app_logs GROUP BY 1) r
     FULL JOIN (SELECT template_id, SUM(count) AS n FROM log_template_minutes GROUP BY 1) m USING (template_id) WHERE r.n IS NOT m.n`,
  );
  const equal = m.differ === 0 && unchanged && rowsDiffer === 0 && m.local === m.minutes;
  return {
    equal,
    text: `${m.differ === 0 && m.local === m.minutes ? `all ${m.minutes} minutes equal ClickHouse's (lines and errors)` : `${m.differ} of ${m.minutes} minutes DIFFER`}; every (template, minute) count ${unchanged ? 'as before folding' : 'CHANGED'}; ${rowsDiffer === 0 ? "each template's rows sum to its minutes" : `${rowsDiffer} templates' rows DIFFER from their minutes`}`,
  };
}

/** The per-template minutes as one text: what folding must leave as it was. */
const templateMinutes = (db: Database.Database): string =>
  (db.prepare('SELECT template_id, minute, count, errors FROM log_template_minutes ORDER BY 1, 2').raw().all() as number[][]).join(';');

/** The largest template opened over `window`: ClickHouse's count of its lines by the shapes the laptop sends, against the laptop's minutes. */
async function drillExact(
  db: Database.Database,
  config: ClickHouseLogsConfig,
  window: { from: number; to: number },
): Promise<{ equal: boolean; text: string }> {
  const source = createClickHouseLogSource(config, CLICKHOUSE_PASSWORD, { sites: [], mapping: {} });
  try {
    const top = db.prepare('SELECT template_id AS id FROM log_templates ORDER BY count DESC LIMIT 1').get() as { id: number };
    const drill = await drillTemplate(db, source as Parameters<typeof drillTemplate>[1], top.id, window);
    const local = (
      db
        .prepare('SELECT SUM(count) AS n FROM log_template_minutes WHERE template_id = ? AND minute >= ? AND minute < ?')
        .get(top.id, drill?.shapesFrom ?? window.from, window.to) as { n: number }
    ).n;
    const equal = drill !== null && drill.total === local;
    return {
      equal,
      text:
        drill === null
          ? 'NOTHING FOUND'
          : `ClickHouse ${drill.total.toLocaleString()}, the laptop ${local.toLocaleString()}${equal ? ' (equal)' : ' (DIFFER)'}`,
    };
  } finally {
    await source.close();
  }
}

/**
 * Issue 63, "a busy week < 300 MB": the 12 hours just synced at minute resolution (`db`, `size` bytes), folded to one
 * row per hour, host, service, level and shape by the compaction that runs after every sync, with the clock moved two
 * days on (the 12 hours are then older than the minute window); then the same 12 hours synced afresh with that clock,
 * inserted folded by the first sync. Counts are checked against ClickHouse's own SQL; a busy week is composed from the
 * measured parts.
 */
export async function foldedLogRowsBench(
  ch: ClickHouse,
  db: Database.Database,
  dbPath: string,
  size: number,
  o: { end: number; hours: number; dir: string; config: ClickHouseLogsConfig },
  record: (name: string, value: string) => void,
): Promise<void> {
  const end = o.end * 1000;
  const later = end + 2 * 24 * 3_600_000;
  if (startOfZonedDay(later, ZONE, -1) < end) throw new Error('the 12 hours must lie before yesterday of the later clock');
  const rows = count(db, 'SELECT COUNT(*) AS n FROM app_logs');
  const minutesBefore = templateMinutes(db);
  const t = performance.now();
  const report = await compactStore(db, later, RETENTION);
  const folded = fileSize(db, dbPath);
  const foldedRows = count(db, 'SELECT COUNT(*) AS n FROM app_logs');
  record(
    '  folded by compaction (clock 2 days on)',
    `${((performance.now() - t) / 1000).toFixed(1)} s: ${report.foldedLogs.toLocaleString()} minute rows into ${foldedRows.toLocaleString()} hour rows (${count(db, 'SELECT COUNT(*) AS n FROM app_logs WHERE folded = 1').toLocaleString()} marked folded), ${mb(size)} → ${mb(folded)}`,
  );
  const hours = await sameHours(ch, db);
  const minutes = await sameMinutes(ch, db, minutesBefore);
  record('  lines per hour, host and level against ClickHouse', hours.text);
  record('  per-template minutes', minutes.text);
  // Half an hour that starts inside a folded hour too: its rows begin before the window and hold lines in it.
  const half = await drillExact(db, o.config, { from: end - 1_800_000, to: end });
  const lastHour = await drillExact(db, o.config, { from: end - 3_600_000, to: end });
  const all = await drillExact(db, o.config, { from: end - o.hours * 3_600_000, to: end });
  record('  drill-down into the largest template on the folded rows', `last 30 min: ${half.text}; last hour: ${lastHour.text}; ${o.hours} h: ${all.text}`);

  // The first sync of a laptop whose clock is already two days on: the 12 hours go in folded, never as minute rows.
  const freshPath = join(o.dir, 'dense-folded-first.sqlite');
  const fresh = openStore(freshPath);
  const source = createClickHouseLogSource(o.config, CLICKHOUSE_PASSWORD, { sites: [], mapping: {} });
  try {
    const r = await runLogGroupSync({
      db: fresh,
      source,
      now: () => later,
      lookbackMs: 15 * MINUTE,
      keepRawDays: RETENTION.keepRawDays,
      keepAggregateDays: RETENTION.keepAggregateDays,
      keepMinuteDays: RETENTION.keepMinuteDays!,
      foldShape: RETENTION.foldShape!,
      timeZone: ZONE,
    });
    const freshRows = count(fresh, 'SELECT COUNT(*) AS n FROM app_logs');
    const same = await sameHours(ch, fresh);
    record(
      '  first sync with the clock 2 days on (inserted folded)',
      `${(r.ms / 1000).toFixed(1)} s, ${freshRows.toLocaleString()} rows (compaction left ${foldedRows.toLocaleString()}), ${mb(fileSize(fresh, freshPath))}; ${same.text}`,
    );
  } finally {
    await source.close();
    fresh.close();
  }

  const day = (bytes: number): number => (bytes * 24) / o.hours;
  record(
    '  a busy week, composed from the measured parts',
    `1 day per minute (${mb(day(size))}) + 6 days folded (${mb(day(folded))} each) = ${mb(day(size) + 6 * day(folded))}; at the most the defaults hold (today and yesterday per minute, 6 days folded) ${mb(2 * day(size) + 6 * day(folded))}; ${rows.toLocaleString()} rows per 12 h per minute, ${foldedRows.toLocaleString()} folded`,
  );
  record('  counts equal after folding', hours.equal && minutes.equal ? 'yes' : 'NO');
  record('  drill-down exact after folding', half.equal && lastHour.equal && all.equal ? 'yes' : 'NO');
}
