import type Database from 'better-sqlite3';
import type { AppEnv } from '../config/appEnv.js';
import { join } from 'node:path';
import { warningSpan, type NamedLogSources, type WarningSpan } from './warningSpan.js';
import type { EmbeddingService } from '../ai/embeddingService.js';
import type { Lang, LogFilter, LogsRefresh, LogScatterPoint, LogSearchHit, LogTemplateDetail, LogTemplateSummary, LogVolume } from '../api/types.js';
import { TREND_BUCKETS, type LogNarrowing, type LogPeriodHours, type LogsScreen } from '../api/logsScreen.js';
import { changedFirst, familiesOf, filters, lastDayHourly, lineWhere, logRange, matchingLines, narrowAnomalies, type MatchedLines } from './matchingLines.js';
import { periodWords } from './logTexts.js';
import { clusterSummaryInstruction } from './logTexts.js';
import type { VectorIndex } from '../ai/vectorIndex.js';
import type { AppLog } from '../applog/appLog.js';
import { DEFAULT_ANOMALY, detectAnomalies, type AnomalyReport } from './logAnomalies.js';
import { logVolume } from './logVolume.js';
import { parameterName } from './parameterName.js';
import { groupedLogs } from './groupedLogs.js';
import { listClusters, recluster, type ClusterInfo } from './logClusters.js';
import { ingestLogFiles, type IngestReport } from './ingestLogFiles.js';
import { mineUnderSyncLock, unminedLines } from './mineStoredLogs.js';
import { displayTemplate } from './templateText.js';
import type { TextEmbedder } from '../ai/storedVectors.js';
import { templatePoints } from './templatePoints.js';
import { hashedNgramEmbedder, modelEmbedder } from './templateEmbedder.js';
import { syncTemplateVectors } from './templateVectors.js';
import { windowAnomalies } from './windowAnomalies.js';
import type { Localized } from '../api/localized.js';

const HOUR = 3_600_000;

type TemplateSummary = LogTemplateSummary;
type TemplateDetail = LogTemplateDetail;
type SearchHit = LogSearchHit;
type ScatterPoint = LogScatterPoint;

/** A window of time asked about, and how to say it. */
export interface LogWindow {
  from: number;
  to: number;
  label: Localized;
}

/** Templates, vectors, families and anomalies of the stored log lines. */
export interface LogIntelligence {
  /** The embedder in use: the local model when installed, the built-in one otherwise (know-how shares it). */
  embedder(): TextEmbedder;
  /** Brings templates, vectors, the index and clusters up to date with the stored lines. */
  refresh(): Promise<LogsRefresh>;
  /** Adds log files to the store; the next refresh mines them. Says, per file, what was added or why not. */
  ingestFiles(paths: string[]): IngestReport;
  /**
   * The most frequent templates; with a filter, those with at least one matching line, counted
   * by those lines (their sparkline over the filter's range, else the last 24 hours).
   */
  templates(limit?: number, filter?: LogFilter): TemplateSummary[];
  /** A template; with a filter, its counts and recent lines are those that match. */
  template(id: number, filter?: LogFilter): TemplateDetail | null;
  /** Semantic search: the query embedded as a query, templates found in the HNSW index. */
  search(text: string, k: number, filter?: LogFilter): Promise<SearchHit[]>;
  clusters(): ClusterInfo[];
  /**
   * A sentence about a family from the local LLM; without a model (or if it fails) the
   * label stands alone. The templates go into the prompt fenced as data, never as orders.
   */
  describeCluster(id: number, lang: Lang): Promise<{ label: string; summary: string | null }>;
  /** What looks wrong in the last hour, or in `window` (a window the manager asked about: 「昨日」, 「14時ごろから」). */
  anomalies(window?: LogWindow): AnomalyReport;
  /** Lines per time bucket and level (default: the last 24 hours), narrowed like the template list. */
  volume(filter?: LogFilter): LogVolume;
  /** The warning lines kept for the hosts or services named (warningSpan.ts). */
  warnings(named: NamedLogSources, window?: { from: number; to: number }): WarningSpan | null;
  /** Every template as a point: clusters in colour, anomalies marked. */
  scatter(): ScatterPoint[];
  /**
   * The Logs view for the last `hours` narrowed by level, service and host: every panel (volume,
   * families, templates, anomalies, scatter) computed on the same range and the same lines.
   */
  screen(hours: LogPeriodHours, narrowing?: LogNarrowing, limit?: number): LogsScreen;
}

/**
 * Log intelligence on the local store: mining (also done by the sync worker), template
 * vectors and their HNSW index, clusters, anomalies, semantic search and the scatter.
 * Uses the local embedding model when one is installed, the built-in embedder otherwise.
 */
export function createLogIntelligence(deps: {
  db: () => Database.Database;
  dataDir: string;
  env: Pick<AppEnv, 'now' | 'timeZone'>;
  log: AppLog;
  embeddings: EmbeddingService;
  embeddingModelDir: () => string | null;
  /** The answer model, when one is installed: describes a family in a sentence. */
  describe?: (prompt: string) => Promise<string>;
}): LogIntelligence {
  let index: VectorIndex | null = null;
  let indexModel: string | null = null;
  /** A refresh in progress: callers share it (a sync and the Logs view may ask at once). */
  let refreshing: Promise<LogsRefresh> | null = null;
  const embedder = (): TextEmbedder => {
    const dir = deps.embeddingModelDir();
    return dir ? modelEmbedder(deps.embeddings, dir) : hashedNgramEmbedder();
  };
  /** One prepared statement per store connection: the template list asks once per template. */
  const sparkQueries = new WeakMap<Database.Database, Database.Statement>();
  const spark = (db: Database.Database, id: number): number[] => {
    const from = Math.floor(deps.env.now() / HOUR) * HOUR - 23 * HOUR;
    const out = new Array<number>(24).fill(0);
    let query = sparkQueries.get(db);
    if (!query) {
      query = db.prepare(
        `SELECT (minute - ?) / ${HOUR} AS h, SUM(count) AS n FROM log_template_minutes WHERE template_id = ? AND minute >= ? AND minute < ? GROUP BY h`,
      );
      sparkQueries.set(db, query);
    }
    for (const r of query.all(from, id, from, from + 24 * HOUR) as { h: number; n: number }[]) out[r.h] = r.n;
    return out;
  };
  const summary = (
    db: Database.Database,
    r: {
      template_id: number;
      tokens: string;
      template: string | null;
      count: number;
      errors: number;
      first_seen: number | null;
      last_seen: number | null;
      cluster_id: number | null;
    },
    /** Its lines that match a filter, where one narrows the counts. */
    matched?: MatchedLines,
  ): TemplateSummary => ({
    id: r.template_id,
    template: displayTemplate(r.template, r.tokens),
    count: matched?.lines ?? r.count,
    errors: matched?.errors ?? r.errors,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    clusterId: r.cluster_id,
    sparkline: matched?.trend ?? spark(db, r.template_id),
  });
  /** The templates of `counts` with a line, most lines first (ties by id), as summaries of those lines. */
  const summariesOf = (db: Database.Database, counts: Map<number, MatchedLines>, limit: number): TemplateSummary[] => {
    const row = db.prepare(`${SELECT} WHERE t.template_id = ?`);
    return [...counts]
      .filter(([, m]) => m.lines > 0)
      .sort((a, b) => b[1].lines - a[1].lines || a[0] - b[0])
      .slice(0, limit)
      .flatMap(([id, m]) => {
        const r = row.get(id) as Parameters<typeof summary>[1] | undefined;
        return r ? [summary(db, r, m)] : [];
      });
  };
  /** Where a filtered list draws its trend: the filter's range, else the last 24 hours. */
  const trendOf = (f: LogFilter) =>
    f.from !== undefined && f.to !== undefined && f.to > f.from ? { from: f.from, to: f.to, buckets: TREND_BUCKETS } : lastDayHourly(deps.env.now());
  const refreshNow = async (): Promise<LogsRefresh> => {
    const db = deps.db();
    // Loading the miner costs a pass over every template: not worth it when no line waits for one.
    const report = unminedLines(db) > 0 ? mineUnderSyncLock(db, deps.dataDir) : null;
    const mined = report?.lines ?? 0;
    const e = embedder();
    const sync = await syncTemplateVectors(db, e, join(deps.dataDir, 'index'));
    if (sync.rebuilt && sync.rebuilt !== 'missing') deps.log.warn('log index rebuilt', sync.rebuilt);
    index = sync.index;
    indexModel = e.model;
    const clusters = recluster(db, deps.env.now(), e.clusterEps).length;
    return { mined, newTemplates: report?.created ?? 0, embedded: sync.embedded, rebuilt: sync.rebuilt, clusters, model: e.model };
  };

  const SELECT = `SELECT t.template_id, t.tokens, t.template, t.count, t.errors, t.first_seen, t.last_seen, m.cluster_id
    FROM log_templates t LEFT JOIN log_cluster_members m USING (template_id)`;

  return {
    embedder,
    refresh(): Promise<LogsRefresh> {
      refreshing ??= refreshNow().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    ingestFiles: (paths: string[]): IngestReport => ingestLogFiles(deps.db(), paths, { timeZone: deps.env.timeZone(), now: deps.env.now() }),

    templates(limit = 500, filter: LogFilter = {}): TemplateSummary[] {
      const db = deps.db();
      if (filters(filter)) return summariesOf(db, matchingLines(db, filter, trendOf(filter)), limit);
      return (db.prepare(`${SELECT} ORDER BY t.count DESC LIMIT ?`).all(limit) as Parameters<typeof summary>[1][]).map((r) => summary(db, r));
    },

    template(id: number, filter: LogFilter = {}): TemplateDetail | null {
      const db = deps.db();
      const r = db.prepare(`${SELECT} WHERE t.template_id = ?`).get(id) as Parameters<typeof summary>[1] | undefined;
      if (!r) return null;
      const narrowed = filters(filter);
      const matched = narrowed
        ? (matchingLines(db, filter, trendOf(filter), id).get(id) ?? { lines: 0, errors: 0, trend: new Array<number>(trendOf(filter).buckets).fill(0) })
        : undefined;
      const w = lineWhere(filter);
      const values = JSON.parse(
        (db.prepare('SELECT param_values FROM log_templates WHERE template_id = ?').get(id) as { param_values: string }).param_values,
      ) as Record<string, Record<string, number> | null>;
      return {
        ...summary(db, r, matched),
        samples: db
          .prepare(`SELECT ts, service, host, level, message FROM app_logs WHERE template_id = ? AND ${w.sql} ORDER BY ts DESC LIMIT 10`)
          .all(id, ...w.params) as TemplateDetail['samples'],
        valuesCount: groupedLogs(db) ? 'samples' : 'lines',
        parameters: Object.entries(values).map(([pos, v]) => ({
          position: Number(pos),
          name: parameterName(JSON.parse(r.tokens) as string[], Number(pos)),
          values: v
            ? Object.entries(v)
                .map(([value, count]) => ({ value, count }))
                .sort((a, b) => b.count - a.count)
                .slice(0, 10)
            : null,
        })),
      };
    },
    async search(text: string, k: number, filter: LogFilter = {}): Promise<SearchHit[]> {
      const e = embedder();
      if (!index || indexModel !== e.model) await this.refresh();
      if (!index) return [];
      const [q] = await e.embed([text], 'query');
      const db = deps.db();
      const narrowed = filters(filter);
      const counts = narrowed ? matchingLines(db, filter, trendOf(filter)) : null;
      const w = lineWhere(filter);
      const sample = db.prepare(`SELECT message FROM app_logs WHERE template_id = ? AND ${w.sql} ORDER BY ts DESC LIMIT 1`);
      const row = db.prepare(`${SELECT} WHERE t.template_id = ?`);
      // With a filter, nearest neighbours are taken wider and kept where they have a matching line; the index knows no lines.
      const wanted = narrowed ? Math.max(1, Math.min(index.size, k * 20)) : k;
      return index
        .search(q!, wanted)
        .flatMap((hit) => {
          const matched = counts?.get(hit.id);
          if (counts && !matched?.lines) return [];
          const r = row.get(hit.id) as Parameters<typeof summary>[1] | undefined;
          return r
            ? [
                {
                  ...summary(db, r, matched),
                  score: Math.round(hit.score * 1000) / 1000,
                  sample: (sample.get(hit.id, ...w.params) as { message: string } | undefined)?.message ?? null,
                },
              ]
            : [];
        })
        .slice(0, k);
    },

    clusters: (): ClusterInfo[] => listClusters(deps.db(), deps.env.now()),
    async describeCluster(id: number, lang: Lang): Promise<{ label: string; summary: string | null }> {
      const cluster = listClusters(deps.db(), deps.env.now()).find((c) => c.id === id);
      if (!cluster) return { label: '', summary: null };
      if (!deps.describe) return { label: cluster.label, summary: null };
      const rows = deps
        .db()
        .prepare(
          `SELECT tokens, template, count FROM log_templates WHERE template_id IN (${cluster.templates.map(() => '?').join(',')}) ORDER BY count DESC LIMIT 8`,
        )
        .all(...cluster.templates) as { tokens: string; template: string | null; count: number }[];
      const data = rows.map((r) => `${r.count}\t${displayTemplate(r.template, r.tokens).replace(/```/g, "'''")}`).join('\n');
      const ask = clusterSummaryInstruction[lang];
      try {
        const summary = (await deps.describe(`${ask}\n\n\`\`\`data\n${data}\n\`\`\``)).trim();
        return { label: cluster.label, summary: summary || null };
      } catch (error) {
        deps.log.warn('cluster summary failed', String(error));
        return { label: cluster.label, summary: null };
      }
    },
    anomalies: (window?: LogWindow): AnomalyReport => windowAnomalies(deps.db(), deps.env.now(), deps.env.timeZone(), window),
    volume: (filter: LogFilter = {}): LogVolume => logVolume(deps.db(), filter, deps.env.now()),
    warnings: (named, window) => warningSpan(deps.db(), named, window),
    scatter(): ScatterPoint[] {
      const db = deps.db();
      const anomalous = new Set(detectAnomalies(db, deps.env.now(), deps.env.timeZone()).anomalies.map((a) => a.templateId));
      return templatePoints(db).map((p) => ({ ...p, anomalous: anomalous.has(p.id) }));
    },
    screen(hours: LogPeriodHours, narrowing: LogNarrowing = {}, limit = 300): LogsScreen {
      const db = deps.db();
      const range = logRange(hours, deps.env.now());
      const filter: LogFilter = { ...narrowing, from: range.from, to: range.to };
      const counts = matchingLines(db, filter, { from: range.from, to: range.to, buckets: TREND_BUCKETS });
      const matched = new Set([...counts].filter(([, m]) => m.lines > 0).map(([id]) => id));
      const report = narrowAnomalies(
        db,
        detectAnomalies(db, range.to, deps.env.timeZone(), { ...DEFAULT_ANOMALY, windowMinutes: hours * 60, windowLabel: periodWords(hours) }),
        narrowing,
        range,
        matched,
      );
      const ordered = changedFirst(summariesOf(db, counts, Number.MAX_SAFE_INTEGER), report);
      const flagged = new Set(report.anomalies.map((a) => a.templateId));
      const { families, outside } = familiesOf(db, counts, TREND_BUCKETS);
      return {
        range,
        narrowing,
        volume: logVolume(db, filter, range.to),
        families,
        outsideFamilies: outside,
        templates: ordered.rows.slice(0, limit),
        matched: matched.size,
        changed: ordered.changed,
        anomalies: report,
        scatter: templatePoints(db)
          .filter((p) => matched.has(p.id))
          .map((p) => ({ ...p, count: counts.get(p.id)!.lines, anomalous: flagged.has(p.id) })),
      };
    },
  } satisfies LogIntelligence;
}
