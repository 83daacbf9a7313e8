import type Database from 'better-sqlite3';
import type { Alert } from '../api/types.js';

/*
 * The one home of the alerts table's SQL (test/unit/architecture/tableHomes.test.ts): the engine's history of conditions
 * (alerts/alertEngine.ts), the list and the tray's count (alerts/alertService.ts), the threshold review
 * (alerts/alertHistory.ts), and the open alerts whose days compaction keeps (store/compactStore.ts, which cannot import
 * alerts/: it sits below).
 */

/**
 * The alerts table as the chat's measures read it (chat/query/measureSql.ts builds the query): one row an alert, counted
 * by when it was first seen, split by its site and process.
 */
export const ALERTS_MEASURE_SQL = {
  from: 'alerts',
  value: 'alert_id',
  time: { kind: 'event', column: 'first_seen', unit: 'epoch_ms' },
  dims: { site: 'site', process: 'process' },
} as const;

/** One row of alerts. */
export interface AlertRow {
  alert_id: number;
  dedupe_key: string;
  kind: Alert['kind'];
  severity: Alert['severity'];
  site: string | null;
  process: string | null;
  title_ja: string;
  title_en: string;
  detail: string;
  first_seen: number;
  last_seen: number;
  status: Alert['status'];
  resolved_at: number | null;
  acknowledged_at: number | null;
  snoozed_until: number | null;
  notified_at: number | null;
}

export interface AlertFilter {
  status?: 'open' | 'resolved';
  kind?: Alert['kind'];
  site?: string;
  severity?: Alert['severity'];
}

/** What an alert says now: its severity, titles and detail (JSON). */
export interface AlertText {
  severity: Alert['severity'];
  titleJa: string;
  titleEn: string;
  detail: string;
}

export const openAlertRows = (db: Database.Database): AlertRow[] => db.prepare("SELECT * FROM alerts WHERE status = 'open'").all() as AlertRow[];

/** When each open alert was first seen (epoch ms). */
export const openAlertsFirstSeen = (db: Database.Database): number[] =>
  (db.prepare("SELECT first_seen AS t FROM alerts WHERE status = 'open'").all() as { t: number }[]).map((r) => r.t);

/**
 * The writes of one pass of the rules (alerts/alertEngine.ts applyCandidates), inside the caller's transaction: the
 * latest alert of a condition resolved since a time, a refresh of an open alert, a reopening, a new alert (its id) and
 * a resolution.
 */
export function alertWrites(db: Database.Database): {
  resolvedSince(key: string, since: number): AlertRow | undefined;
  refresh(id: number, t: AlertText, now: number): void;
  reopen(id: number, t: AlertText, now: number): void;
  open(a: { key: string; kind: string; site: string | null; process: string | null } & AlertText, now: number, notifiedAt: number | null): number;
  resolve(id: number, now: number): void;
} {
  const recent = db.prepare("SELECT * FROM alerts WHERE dedupe_key = ? AND status = 'resolved' AND resolved_at >= ? ORDER BY resolved_at DESC LIMIT 1");
  return {
    resolvedSince: (key, since) => recent.get(key, since) as AlertRow | undefined,
    refresh(id, t, now) {
      db.prepare('UPDATE alerts SET severity = ?, title_ja = ?, title_en = ?, detail = ?, last_seen = ? WHERE alert_id = ?').run(
        t.severity,
        t.titleJa,
        t.titleEn,
        t.detail,
        now,
        id,
      );
    },
    reopen(id, t, now) {
      db.prepare(
        "UPDATE alerts SET status = 'open', resolved_at = NULL, severity = ?, title_ja = ?, title_en = ?, detail = ?, last_seen = ? WHERE alert_id = ?",
      ).run(t.severity, t.titleJa, t.titleEn, t.detail, now, id);
    },
    open: (a, now, notifiedAt) =>
      Number(
        db
          .prepare(
            `INSERT INTO alerts (dedupe_key, kind, severity, site, process, title_ja, title_en, detail, first_seen, last_seen, status, notified_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
          )
          .run(a.key, a.kind, a.severity, a.site, a.process, a.titleJa, a.titleEn, a.detail, now, now, notifiedAt).lastInsertRowid,
      ),
    resolve(id, now) {
      db.prepare("UPDATE alerts SET status = 'resolved', resolved_at = ? WHERE alert_id = ?").run(now, id);
    },
  };
}

/** The alerts the filter keeps: open first, then critical, then the latest seen; 500 at most. */
export function alertRows(db: Database.Database, f: AlertFilter): AlertRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [col, v] of [
    ['status', f.status],
    ['kind', f.kind],
    ['site', f.site],
    ['severity', f.severity],
  ] as const) {
    if (v !== undefined) {
      where.push(`${col} = ?`);
      params.push(v);
    }
  }
  return db
    .prepare(
      `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY status = 'open' DESC, severity = 'critical' DESC, last_seen DESC LIMIT 500`,
    )
    .all(...params) as AlertRow[];
}

export function acknowledgeAlert(db: Database.Database, id: number, now: number): boolean {
  return db.prepare('UPDATE alerts SET acknowledged_at = ? WHERE alert_id = ?').run(now, id).changes === 1;
}

export function snoozeAlert(db: Database.Database, id: number, until: number): boolean {
  return db.prepare('UPDATE alerts SET snoozed_until = ? WHERE alert_id = ?').run(until, id).changes === 1;
}

/** An alert of the history, and whether a decision on its site followed it within the minutes given (1) or not (0). */
export interface AlertHistoryRow {
  kind: string;
  first_seen: number;
  resolved_at: number | null;
  acknowledged_at: number | null;
  detail: string;
  decided: number;
}

/** The alerts of a site (or all, `site` null) first seen since `from`, oldest first, each with whether a decision followed it. */
export function alertHistoryRows(db: Database.Database, o: { site: string | null; from: number }, decisionWithinMinutes: number): AlertHistoryRow[] {
  return db
    .prepare(
      `SELECT a.kind, a.first_seen, a.resolved_at, a.acknowledged_at, a.detail,
         EXISTS (SELECT 1 FROM proposals p WHERE p.status IN ('approved', 'modified')
                   AND json_extract(p.proposal, '$.site') = a.site
                   AND p.decided_at BETWEEN a.first_seen AND a.first_seen + ? * 60000) AS decided
       FROM alerts a WHERE a.first_seen >= ? AND (? IS NULL OR a.site = ?) ORDER BY a.first_seen`,
    )
    .all(decisionWithinMinutes, o.from, o.site, o.site) as AlertHistoryRow[];
}
