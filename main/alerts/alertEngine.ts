import { rankAlerts } from './rankAlerts.js';
import { inLatin, type LatinNames } from '../api/latinNames.js';
import type Database from 'better-sqlite3';
import type { FloorDecision } from '../api/floorDecision.js';
import type { Alert } from '../api/types.js';
import { localize, type Lang, type Localized } from '../errors.js';
import type { AlertCandidate } from './alertCandidate.js';
import { writeTransaction } from '../store/writeTransaction.js';

interface Row {
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
export interface ApplyResult {
  opened: number;
  updated: number;
  resolved: number;
  notify: number[];
}

/** `latin`: the company's names in Latin letters, used by an English title (api/latinNames.ts). */
export function toAlert(r: Row, lang: Lang, latin: LatinNames = {}): Alert {
  const detail = JSON.parse(r.detail) as Record<string, unknown> & { dataAsOf?: number | null; request?: Localized | null };
  const { dataAsOf = null, request = null, decision = null, ...rest } = detail as typeof detail & { decision?: FloorDecision | null };
  return {
    id: r.alert_id,
    kind: r.kind,
    severity: r.severity,
    site: r.site,
    process: r.process,
    title: localize(lang, { ja: r.title_ja, en: inLatin(r.title_en, latin) }),
    titles: { ja: r.title_ja, en: inLatin(r.title_en, latin) },
    detail: rest,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    status: r.status,
    resolvedAt: r.resolved_at,
    acknowledgedAt: r.acknowledged_at,
    snoozedUntil: r.snoozed_until,
    dataAsOf,
    request: request ? localize(lang, request) : null,
    // An incident began at its first line, not when the check first saw it.
    startedAt: typeof rest.start === 'number' ? rest.start : r.first_seen,
    decision,
  };
}

/**
 * Turns the conditions that hold now into alert history. A condition already open is
 * updated (a repeat, never a new notification, unless it turned critical); one that
 * cleared and returns within the cooldown reopens quietly; conditions that no longer
 * hold resolve themselves. Returns which alerts deserve a notification: new ones, not
 * snoozed, and only while alerts are not paused.
 */
export function applyCandidates(
  db: Database.Database,
  candidates: AlertCandidate[],
  now: number,
  o: { cooldownMinutes: number; paused: boolean },
): ApplyResult {
  const result: ApplyResult = { opened: 0, updated: 0, resolved: 0, notify: [] };
  const openByKey = new Map((db.prepare("SELECT * FROM alerts WHERE status = 'open'").all() as Row[]).map((r) => [r.dedupe_key, r]));
  const recent = db.prepare("SELECT * FROM alerts WHERE dedupe_key = ? AND status = 'resolved' AND resolved_at >= ? ORDER BY resolved_at DESC LIMIT 1");
  const detailOf = (c: AlertCandidate) => JSON.stringify({ ...c.detail, dataAsOf: c.dataAsOf, request: c.request });
  writeTransaction(db, () => {
    for (const c of candidates) {
      const open = openByKey.get(c.key);
      openByKey.delete(c.key);
      if (open) {
        const escalated = open.severity === 'warning' && c.severity === 'critical';
        db.prepare('UPDATE alerts SET severity = ?, title_ja = ?, title_en = ?, detail = ?, last_seen = ? WHERE alert_id = ?').run(
          c.severity,
          c.title.ja,
          c.title.en,
          detailOf(c),
          now,
          open.alert_id,
        );
        result.updated++;
        if (escalated && !o.paused && !(open.snoozed_until && open.snoozed_until > now)) result.notify.push(open.alert_id);
        continue;
      }
      const back = recent.get(c.key, now - o.cooldownMinutes * 60_000) as Row | undefined;
      if (back) {
        db.prepare(
          "UPDATE alerts SET status = 'open', resolved_at = NULL, severity = ?, title_ja = ?, title_en = ?, detail = ?, last_seen = ? WHERE alert_id = ?",
        ).run(c.severity, c.title.ja, c.title.en, detailOf(c), now, back.alert_id);
        result.updated++;
        continue;
      }
      const id = Number(
        db
          .prepare(
            `INSERT INTO alerts (dedupe_key, kind, severity, site, process, title_ja, title_en, detail, first_seen, last_seen, status, notified_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
          )
          .run(c.key, c.kind, c.severity, c.site, c.process, c.title.ja, c.title.en, detailOf(c), now, now, o.paused ? null : now).lastInsertRowid,
      );
      result.opened++;
      if (!o.paused) result.notify.push(id);
    }
    for (const gone of openByKey.values()) {
      db.prepare("UPDATE alerts SET status = 'resolved', resolved_at = ? WHERE alert_id = ?").run(now, gone.alert_id);
      result.resolved++;
    }
  });
  return result;
}

export function listAlerts(db: Database.Database, f: AlertFilter, lang: Lang, latin: LatinNames = {}): Alert[] {
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
  const rows = db
    .prepare(
      `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY status = 'open' DESC, severity = 'critical' DESC, last_seen DESC LIMIT 500`,
    )
    .all(...params) as Row[];
  return rankAlerts(rows.map((r) => toAlert(r, lang, latin)));
}

export function acknowledgeAlert(db: Database.Database, id: number, now: number): boolean {
  return db.prepare('UPDATE alerts SET acknowledged_at = ? WHERE alert_id = ?').run(now, id).changes === 1;
}

export function snoozeAlert(db: Database.Database, id: number, until: number): boolean {
  return db.prepare('UPDATE alerts SET snoozed_until = ? WHERE alert_id = ?').run(until, id).changes === 1;
}
