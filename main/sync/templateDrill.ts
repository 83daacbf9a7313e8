import type Database from 'better-sqlite3';
import type { LogFilter, LogTemplateDrill, LogTemplateDrillView } from '../api/types.js';
import type { CompanyRepository } from '../store/companyRepository.js';
import { createLogGroupSource } from './createSources.js';
import type { DrillWindow, LogGroupSource } from './logGroupSource.js';
import { chString, shapeText } from './logShapeSql.js';
import { SyncError } from './syncError.js';
import type { SyncJob } from './syncJob.js';
import { HOURS_24_MS } from '../api/durations.js';

/** Most messages sent to find a template's shapes: the server reads them as literals in one query. */
const MAX_MESSAGES = 200;
/** Bytes of those literals (UTF-8, escaped): ClickHouse's default limit on a query is 256 KiB. */
const MAX_MESSAGE_BYTES = 200_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * Most of a template's lines whose shapes one drill-down reads: ClickHouse computes the shape of
 * each, so a week of a busy template would take minutes (bench `clickhouse-dense`:
 * docs/bench/2026-11-26-clickhouse-digit-runs.md); beyond this the shapes are those of the newest
 * lines, and the view says from when.
 */
const SHAPE_LINES = 300_000;
/** The range when the Logs view gives none: the last day. */
/**
 * How long a drill-down waits for ClickHouse, all its queries together. A manager waits on the
 * screen for it, so a server that stopped answering is told in seconds, not after the sync's
 * request timeout (logs.requestTimeoutMs, 2 minutes, sized for a pull of days in the background).
 * A drill-down reads at most SHAPE_LINES lines, a few seconds of this on the bench's 2 cores
 * (docs/bench/2026-11-26-clickhouse-digit-runs.md).
 */
export const DRILL_TIMEOUT_MS = 15_000;

/**
 * A template's finer shapes and newest lines in a window, fetched from the log store that
 * aggregates (the laptop keeps one row per minute, host, level and shape, with one message
 * each). The store finds the template's lines by the shapes of the messages the laptop kept for
 * it, newest first; null where the template has no kept message (its lines are older than the
 * raw window, or it has none): nothing to find them by.
 */
export async function drillTemplate(
  db: Database.Database,
  source: Required<Pick<LogGroupSource, 'drill'>>,
  templateId: number,
  window: Omit<DrillWindow, 'newestFrom' | 'shapesFrom'>,
  limits = { shapes: 20, lines: 20, shapeLines: SHAPE_LINES },
): Promise<LogTemplateDrill | null> {
  // One message per shape the template has in the window, newest first; if the window has none
  // of its rows, its newest messages of any time. A row is in the window when any of its lines may
  // be (its first line before the end, its last at or after the start): a row folded to an hour
  // (store/foldLogRows.ts) whose first line is before the window still holds the shape of lines
  // inside it. A row spans an hour at most, which bounds the index range read.
  const newestFirst = 'SELECT message FROM app_logs WHERE template_id = ? AND message IS NOT NULL';
  const inWindow = oneMessagePerShape(
    db
      .prepare(`${newestFirst} AND ts >= ? AND ts < ? AND COALESCE(last_ts, ts) >= ? ORDER BY ts DESC`)
      .iterate(templateId, window.from - HOUR, window.to, window.from) as Iterable<{ message: string }>,
  );
  const anyTime =
    inWindow.messages.length > 0
      ? null
      : oneMessagePerShape(db.prepare(`${newestFirst} ORDER BY ts DESC`).iterate(templateId) as Iterable<{ message: string }>);
  const messages = anyTime?.messages ?? inWindow.messages;
  const partial = inWindow.partial || (anyTime?.partial ?? false);
  if (messages.length === 0) return null;
  // The newest lines are in the last minutes that, by the laptop's own counts, hold enough of
  // them; the shapes are read over at most `shapeLines` of them, newest first.
  const minutes = db
    .prepare('SELECT minute, count FROM log_template_minutes WHERE template_id = ? AND minute >= ? AND minute < ? ORDER BY minute DESC')
    .iterate(templateId, window.from, window.to) as IterableIterator<{ minute: number; count: number }>;
  let newestFrom: number | null = null;
  let shapesFrom = window.from;
  let seen = 0;
  let last: number | null = null;
  for (const m of minutes) {
    if (seen + m.count > limits.shapeLines && last !== null) {
      shapesFrom = last;
      break;
    }
    seen += m.count;
    last = m.minute;
    if (newestFrom === null && seen >= limits.lines) newestFrom = m.minute;
  }
  const drill = await source.drill(messages, { ...window, shapesFrom, newestFrom: newestFrom ?? window.from }, limits);
  return { ...drill, partial };
}

/**
 * One message per shape, in the rows' order (shapeText: the server's shape, computed here), within
 * MAX_MESSAGES and MAX_MESSAGE_BYTES of escaped literals; partial when a shape was left out.
 */
function oneMessagePerShape(rows: Iterable<{ message: string }>): { messages: string[]; partial: boolean } {
  const messages: string[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  let partial = false;
  for (const { message } of rows) {
    const key = shapeText(message);
    if (seen.has(key)) continue;
    seen.add(key);
    const size = Buffer.byteLength(chString(message)) + 2;
    if (messages.length === MAX_MESSAGES || bytes + size > MAX_MESSAGE_BYTES) {
      partial = true;
      if (messages.length === MAX_MESSAGES) break;
      continue;
    }
    messages.push(message);
    bytes += size;
  }
  return { messages, partial };
}

/**
 * The Logs view's drill-down: a template's detail fetched from the configured ClickHouse over
 * the view's range and narrowing (the last day without a range), one connection per drill-down.
 * Null where the logs do not come from ClickHouse (row-level logs are all on the laptop; logs
 * grouped by MySQL have no drill-down yet).
 */
export function createTemplateDrill(deps: {
  db: () => Database.Database;
  repo: () => CompanyRepository;
  job: () => SyncJob;
  now: () => number;
  /** DRILL_TIMEOUT_MS unless given (a test's shorter bound). */
  timeoutMs?: number;
}): (id: number, filter: LogFilter) => Promise<LogTemplateDrillView | null> {
  const bound = deps.timeoutMs ?? DRILL_TIMEOUT_MS;
  return async (id, filter) => {
    const job = deps.job();
    if (job.logs.kind !== 'clickhouse') return null;
    const { url, database, table } = job.logs;
    const store = `${new URL(url).host}/${database}.${table}`;
    const to = filter.to ?? Math.floor(deps.now() / MINUTE) * MINUTE;
    // Unless asked, the last 24 hours: a bound on what the log store reads (elapsed time, as the contract bounds a drill).
    const from = filter.from ?? to - HOURS_24_MS;
    const source = createLogGroupSource(job, deps.repo());
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!source?.drill) return null;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(drillTimedOut(store, bound)), bound);
      });
      const asked = drillTemplate(deps.db(), { drill: source.drill.bind(source) }, id, {
        from,
        to,
        service: filter.service,
        host: filter.host,
        level: filter.level,
      }).catch((error: unknown) => {
        // The client's own request timeout (logs.requestTimeoutMs, when set below the bound) is told the same way, not in the sync's words.
        throw error instanceof SyncError && error.code === 'SOURCE_TIMEOUT' ? drillTimedOut(store, bound, error) : error;
      });
      const drill = await Promise.race([asked, late]);
      return drill && { ...drill, store, from, to };
    } finally {
      clearTimeout(timer);
      // Destroys the client's sockets, so a query still waiting for its answer is abandoned, not left open.
      await source?.close();
    }
  };
}

/** A drill-down that got no answer in time: nothing was changed, and the manager may simply ask again. */
function drillTimedOut(store: string, ms: number, cause?: unknown): SyncError {
  const s = Math.ceil(ms / 1000);
  return new SyncError(
    'SOURCE_TIMEOUT',
    {
      ja: `ログストア（ClickHouse ${store}）が ${s} 秒以内に応答しませんでした。何も変更していません。しばらくしてからもう一度お試しください。`,
      en: `The log store (ClickHouse ${store}) did not answer within ${s} s. Nothing was changed; try again in a moment.`,
    },
    { cause, detail: `drill-down gave up after ${ms} ms` },
  );
}
