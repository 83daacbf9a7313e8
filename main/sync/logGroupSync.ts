import type Database from 'better-sqlite3';
import { maskWithValues } from '../logs/maskTokens.js';
import { applyRefinement } from '../logs/applyRefinement.js';
import { loadMiner } from '../logs/mineStoredLogs.js';
import { templateWriter } from '../logs/templateWriter.js';
import type { MinedTemplate } from '../logs/minedTemplate.js';
import { CompanyRepository } from '../store/companyRepository.js';
import { findLateLines, type LateLines } from './lateLogLines.js';
import type { LogGroup, LogGroupSource, ShapeSamples } from './logGroupSource.js';
import { logSyncFault } from './logSyncFault.js';
import type { SyncProgress, SyncReport } from './syncEngine.js';
import { SyncError } from './syncError.js';
import { pullFailed, tablePull, throwIfCancelled } from './tablePull.js';
import { writeTransaction } from '../store/writeTransaction.js';
import { retentionCuts } from '../store/compactStore.js';
import { foldedUntil, foldLogRows } from '../store/foldLogRows.js';

const MINUTE = 60_000;
/**
 * How far before its look-back each run looks for late lines. Counting lines per minute
 * reads only the time column, a small part of what pulling the look-back's groups again
 * costs, so a run can look six hours back (a log shipper's usual outage) on every sync.
 */
const LATE_CHECK_MS = 6 * 60 * MINUTE;

export interface LogGroupSyncOptions {
  db: Database.Database;
  source: LogGroupSource;
  now: () => number;
  /** Each run replaces this much of what it pulled last time: lines that reached the log store late are counted, once. */
  lookbackMs: number;
  /** Groups newer than this many days are kept as rows (search, samples, per-host counts); older ones only as per-minute counts. */
  keepRawDays: number;
  /** How far back a first sync reaches. */
  keepAggregateDays: number;
  /** The company's zone: the kept days are local days, cut where compaction cuts them (store/compactStore.ts). */
  timeZone: string;
  /**
   * Groups older than this many days (and newer than keepRawDays) are inserted folded, one row per hour
   * (store/foldLogRows.ts), as compaction would leave them: a first sync never writes a week of minute rows first.
   * Unset, or without `foldShape`: every kept group is a row of its minute.
   */
  keepMinuteDays?: number;
  /** The source's shape computed here (sync/groupShape.ts): what a folded row is one of. */
  foldShape?: ((message: string) => string) | null;
  /** One request and one transaction per span of this length. */
  chunkMs?: number;
  onProgress?: (p: SyncProgress) => void;
  signal?: AbortSignal;
}

/** What a group sync did, beyond the rows every sync reports. */
export interface LogGroupReport extends SyncReport {
  /** Source lines the pulled groups stand for. */
  lines: number;
  groups: number;
  /** Distinct message shapes mined (the laptop's work grows with these, not with `lines`). */
  shapes: number;
  /** Shapes (per span) whose two sampled messages mined differently: the server's shape was too coarse for them. */
  mixedShapes: number;
  bytes: number;
  /**
   * Lines that reached the store after an earlier run had pulled their minute and its
   * look-back had moved on: this run found them and counted them, in their own minutes, by
   * pulling again from the first of them.
   */
  late: LateLines;
}

const floorMinute = (t: number): number => Math.floor(t / MINUTE) * MINUTE;

/**
 * Takes back what rows from `from` on contributed to the templates and their per-minute
 * counts, and deletes those rows: the span is pulled again and counted once.
 */
function forgetFrom(db: Database.Database, from: number): void {
  const minuteSums = `SELECT template_id, (ts / 60000) * 60000 AS minute, SUM(lines) AS n, SUM((level = 'ERROR') * lines) AS e
    FROM app_logs WHERE ts >= ? AND template_id IS NOT NULL GROUP BY 1, 2`;
  db.prepare(
    `UPDATE log_template_minutes SET count = count - s.n, errors = errors - s.e FROM (${minuteSums}) AS s
     WHERE log_template_minutes.template_id = s.template_id AND log_template_minutes.minute = s.minute`,
  ).run(from);
  db.prepare('DELETE FROM log_template_minutes WHERE minute >= ? AND count <= 0').run(floorMinute(from));
  db.prepare(
    `UPDATE log_templates SET count = count - s.n, errors = errors - s.e
     FROM (SELECT template_id, SUM(lines) AS n, SUM((level = 'ERROR') * lines) AS e FROM app_logs WHERE ts >= ? AND template_id IS NOT NULL GROUP BY 1) AS s
     WHERE log_templates.template_id = s.template_id`,
  ).run(from);
  db.prepare('DELETE FROM app_logs WHERE ts >= ?').run(from);
}

/**
 * The samples of every shape the groups count. The shapes are asked for after the groups:
 * lines are only ever added, so the later query sees every shape the earlier one counted (a
 * shape that arrives in between is merely unused, and its lines are late lines for the next
 * run). A shape still missing (its lines deleted in between, or a replica behind the one
 * that answered the groups) takes its group's own message when it has one; else the shapes
 * are asked for once more, and failing that the span is refused whole, before anything of it
 * is written, and the next run pulls it again: a counted line is never left unmined.
 */
async function samplesFor(source: LogGroupSource, groups: LogGroup[], from: number, to: number): Promise<ShapeSamples> {
  const samples = await source.shapes(from, to);
  const missing = (): LogGroup[] => groups.filter((g) => !samples.has(g.shape));
  for (const g of missing()) if (g.sample !== null) samples.set(g.shape, { sample: g.sample, other: g.sample });
  if (missing().length > 0) for (const [key, s] of await source.shapes(from, to)) if (!samples.has(key)) samples.set(key, s);
  const still = missing();
  if (still.length === 0) return samples;
  throw new SyncError(
    'SYNC_FAILED',
    {
      ja: `ログストアが ${new Date(from).toISOString()} からの集計と一致しない答えを返しました（集計した行の文例がありません）。この区間は保存していません。次の同期でもう一度取り込みます。`,
      en: `The log store answered inconsistently for the span from ${new Date(from).toISOString()} (no message for lines it had counted). Nothing of this span was saved; the next sync pulls it again.`,
    },
    { detail: `shapes without a sample in [${from}, ${to}): ${[...new Set(still.map((g) => g.shape))].join(' ')}` },
  );
}

/**
 * Pulls a log store's groups span by span and mines them as they arrive: each distinct
 * message shape once per span, weighted by its lines. A span's groups, templates,
 * per-minute counts and watermark commit in one transaction, so a crash at any instant
 * loses and duplicates nothing. Only complete minutes are pulled; each run first takes
 * back and pulls again the last `lookbackMs` it held as rows, for lines that reached the
 * store late. Groups older than `keepRawDays` never become rows: their counts go straight
 * into the per-minute table, which is what keeps the laptop's copy bounded.
 */
export async function runLogGroupSync(o: LogGroupSyncOptions): Promise<LogGroupReport> {
  try {
    return await pullLogGroups(o);
  } catch (error) {
    // An error nobody foresaw reaches the manager as a sentence; its stack goes to the app log.
    const fault = logSyncFault(error);
    // The status shows why app_logs did not sync, as it does for the tables.
    pullFailed(new CompanyRepository(o.db), 'app_logs', o.source.id, fault, o.now());
    throw fault;
  }
}

async function pullLogGroups(o: LogGroupSyncOptions): Promise<LogGroupReport> {
  const started = performance.now();
  const { db, source } = o;
  const repo = new CompanyRepository(db);
  const chunkMs = o.chunkMs ?? 6 * 60 * MINUTE;
  const now = o.now();
  // What compaction keeps as rows: local days back from the start of today (retentionCuts).
  const keptFrom = retentionCuts(now, {
    keepRawDays: o.keepRawDays,
    keepAggregateDays: o.keepAggregateDays,
    keepSnapshotDays: 0,
    timeZone: o.timeZone,
    ...(o.keepMinuteDays !== undefined ? { keepMinuteDays: o.keepMinuteDays } : {}),
  });
  const rawFrom = floorMinute(keptFrom.raw);
  const fold = o.foldShape ? { shape: o.foldShape, timeZone: o.timeZone } : null;
  // Spans before this are inserted folded; at or after it, a row per minute.
  const minuteFrom = fold ? Math.max(rawFrom, floorMinute(keptFrom.minute)) : rawFrom;
  // A folded hour cannot be taken back: neither the look-back nor the search for late lines reaches one.
  const takeBackFrom = Math.max(rawFrom, minuteFrom, foldedUntil(db) ?? -Infinity);
  const pull = tablePull(db, repo, 'app_logs', source.id);
  const held = pull.watermark === null ? null : heldMinute(pull.watermark);

  const span = await source.span();
  // Another store's logs are forgotten only once this one has answered.
  pull.clearIfReset();
  const end = floorMinute(now);
  let from: number;
  let late: LateLines = { lines: 0, from: null };
  if (held === null) {
    from = span.first === null ? end : Math.max(floorMinute(span.first), floorMinute(keptFrom.aggregate));
  } else {
    // Only what is still held as rows of a minute can be taken back (older minutes live on as counts, or as hours).
    from = Math.min(held, Math.max(floorMinute(held - o.lookbackMs), takeBackFrom));
    // Lines that arrived later than the look-back would be lost silently: found, they widen this run's re-read.
    late = await findLateLines(db, source, Math.max(takeBackFrom, from - LATE_CHECK_MS), from);
    if (late.from !== null) from = late.from;
    if (from < held) {
      writeTransaction(db, () => {
        forgetFrom(db, from);
        pull.save({ minute: from }, now);
      });
    }
  }

  const miner = loadMiner(db);
  const { save, addMinute } = templateWriter(db);
  const insert = db.prepare(
    `INSERT INTO app_logs (ts, service, host, level, message, trace_id, template_id, lines, last_ts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const shapes = new Map<string, { tokens: string[]; values: (string | null)[] }>();
  const report = { lines: 0, groups: 0, rows: 0, mixedShapes: 0 };

  for (let at = from; at < end;) {
    // Spans end at the raw window's start too (one side is kept as rows, the other as counts), and at the minute
    // window's (one side is kept per hour, the other per minute).
    const to = Math.min(end, at + chunkMs, at < rawFrom ? rawFrom : Infinity, at < minuteFrom ? minuteFrom : Infinity);
    const detailed = at >= rawFrom;
    const hourly = detailed && at < minuteFrom;
    const groups = await source.groups(at, to, detailed);
    const samples = await samplesFor(source, groups, at, to);
    throwIfCancelled(o.signal);
    const mined = mineGroups(groups, samples, shapes, miner);
    report.mixedShapes += mined.mixed;
    writeTransaction(db, () => {
      if (hourly) {
        const rows = groups.map((g, i) => ({
          ts: g.first,
          last_ts: g.last,
          service: g.service,
          host: g.host,
          level: g.level,
          message: g.sample ?? samples.get(g.shape)!.sample,
          trace_id: g.traceId,
          template_id: mined.template[i]!.id,
          lines: g.lines,
        }));
        report.rows += foldLogRows(db, rows, fold!);
      } else if (detailed) {
        for (const [i, g] of groups.entries()) insert.run(g.first, g.service, g.host, g.level, g.sample, g.traceId, mined.template[i]!.id, g.lines, g.last);
        report.rows += groups.length;
      }
      for (const m of mined.minutes.values()) addMinute.run(...m);
      for (const v of mined.touched.values()) save(v.t, v.first, v.last, v.errors, v.sample);
      pull.save({ minute: to }, now);
    });
    report.groups += groups.length;
    report.lines += groups.reduce((n, g) => n + g.lines, 0);
    o.onProgress?.({ table: 'app_logs', rowsDone: report.lines, rowsEstimated: span.lines });
    at = to;
  }
  if (report.groups > 0) applyRefinement(db, miner);
  pull.succeeded(now);
  const ms = performance.now() - started;
  return {
    sourceId: source.id,
    tables: [{ table: 'app_logs', read: report.groups, rows: report.rows, deleted: 0, reset: pull.reset, ms }],
    rows: report.rows,
    ms,
    lines: report.lines,
    groups: report.groups,
    shapes: shapes.size,
    mixedShapes: report.mixedShapes,
    bytes: source.bytesReceived(),
    late,
  };
}

/** The minute a log-group sync's watermark holds; anything else is no watermark this sync wrote. */
function heldMinute(watermark: unknown): number {
  const minute = (watermark as { minute?: unknown }).minute;
  if (typeof minute !== 'number') throw new Error(`not a log-group watermark: ${JSON.stringify(watermark)}`);
  return minute;
}

interface Touched {
  t: MinedTemplate;
  first: number;
  last: number;
  errors: number;
  sample: string;
}

/**
 * Mines one span's groups: each shape's tokens are computed once per run, and each shape
 * is added to the miner once per span with all its lines as weight (in the order its
 * first line was written, as row-level mining would meet them).
 */
function mineGroups(
  groups: LogGroup[],
  samples: ShapeSamples,
  shapes: Map<string, { tokens: string[]; values: (string | null)[] }>,
  miner: ReturnType<typeof loadMiner>,
): { template: MinedTemplate[]; minutes: Map<string, [number, number, number, number]>; touched: Map<number, Touched>; mixed: number } {
  const tokensOf = (key: string): { tokens: string[]; values: (string | null)[] } => {
    let shape = shapes.get(key);
    if (!shape) {
      shape = maskWithValues(samples.get(key)!.sample);
      shapes.set(key, shape);
    }
    return shape;
  };
  const bySpan = new Map<string, { first: number; lines: number }>();
  for (const g of groups) {
    const s = bySpan.get(g.shape);
    if (s) {
      s.lines += g.lines;
      if (g.first < s.first) s.first = g.first;
    } else bySpan.set(g.shape, { first: g.first, lines: g.lines });
  }
  // Checked on the shapes the groups count only: one that arrived after the groups is not mined in this span.
  let mixed = 0;
  const seconds = new Map<string, { tokens: string[]; values: (string | null)[] }>();
  for (const key of bySpan.keys()) {
    const s = samples.get(key)!;
    if (s.other === s.sample) continue;
    const second = maskWithValues(s.other);
    if (second.tokens.join('\u0000') !== tokensOf(key).tokens.join('\u0000')) mixed++;
    else seconds.set(key, second);
  }
  const added = new Map<string, MinedTemplate>();
  for (const [key, s] of [...bySpan].sort((a, b) => a[1].first - b[1].first)) {
    const shape = tokensOf(key);
    const t = miner.add(shape.tokens, shape.values, samples.get(key)!.sample, s.lines).template;
    added.set(key, t);
    // A shape's lines differ in their digits (a number's length too): its second message's values
    // are noted at the template's variables, so that a variable holding one sampled value is not
    // shown as that constant word (renderTemplate shows a variable that only ever held one word as the word).
    const second = seconds.get(key);
    if (second) miner.observe(t, second.tokens, second.values);
  }
  // Resolved once all are added: a template found for an earlier shape may have widened or been folded since.
  const resolved = new Map([...bySpan.keys()].map((key) => [key, miner.match(tokensOf(key).tokens) ?? added.get(key)!]));
  const template = groups.map((g) => resolved.get(g.shape)!);
  const minutes = new Map<string, [number, number, number, number]>();
  const touched = new Map<number, Touched>();
  for (const [i, g] of groups.entries()) {
    const t = template[i]!;
    const errors = g.level === 'ERROR' ? g.lines : 0;
    const key = `${t.id}:${g.minute}`;
    const m = minutes.get(key) ?? [t.id, g.minute, 0, 0];
    m[2] += g.lines;
    m[3] += errors;
    minutes.set(key, m);
    const seen = touched.get(t.id);
    if (seen) {
      seen.first = Math.min(seen.first, g.first);
      seen.last = Math.max(seen.last, g.last);
      seen.errors += errors;
    } else touched.set(t.id, { t, first: g.first, last: g.last, errors, sample: g.sample ?? samples.get(g.shape)!.sample });
  }
  return { template, minutes, touched, mixed };
}
