import { rankAlerts } from './rankAlerts.js';
import { inLatin, type LatinNames } from '../api/latinNames.js';
import type Database from 'better-sqlite3';
import type { FloorDecision } from '../api/floorDecision.js';
import type { Alert } from '../api/types.js';
import { localize, type Lang, type Localized } from '../errors.js';
import type { AlertCandidate } from './alertCandidate.js';
import { alertRows, alertWrites, openAlertRows, type AlertFilter, type AlertRow, type AlertText } from '../store/alertRows.js';
import { writeTransaction } from '../store/writeTransaction.js';

export interface ApplyResult {
  opened: number;
  updated: number;
  resolved: number;
  notify: number[];
}

/** `latin`: the company's names in Latin letters, used by an English title (api/latinNames.ts). */
export function toAlert(r: AlertRow, lang: Lang, latin: LatinNames = {}): Alert {
  type Stored = AlertCandidate['request'] | Localized | null;
  const detail = JSON.parse(r.detail) as Record<string, unknown> & { dataAsOf?: number | null; request?: Stored };
  const { dataAsOf = null, request = null, decision = null, ...rest } = detail as typeof detail & { decision?: FloorDecision | null };
  // Alerts stored before requests carried a reading kept the words alone: their chat reads the words.
  const asked = request === null ? null : 'text' in request ? request : { text: request, reading: null };
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
    request: asked && { text: localize(lang, { ja: asked.text.ja, en: inLatin(asked.text.en, latin) }), reading: asked.reading },
    // An incident began at its first line, not when the check first saw it.
    startedAt: typeof rest.start === 'number' ? rest.start : r.first_seen,
    startKnown: typeof rest.start === 'number',
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
  const openByKey = new Map(openAlertRows(db).map((r) => [r.dedupe_key, r]));
  const write = alertWrites(db);
  const textOf = (c: AlertCandidate): AlertText => ({
    severity: c.severity,
    titleJa: c.title.ja,
    titleEn: c.title.en,
    detail: JSON.stringify({ ...c.detail, dataAsOf: c.dataAsOf, request: c.request }),
  });
  writeTransaction(db, () => {
    for (const c of candidates) {
      const open = openByKey.get(c.key);
      openByKey.delete(c.key);
      if (open) {
        const escalated = open.severity === 'warning' && c.severity === 'critical';
        write.refresh(open.alert_id, textOf(c), now);
        result.updated++;
        if (escalated && !o.paused && !(open.snoozed_until && open.snoozed_until > now)) result.notify.push(open.alert_id);
        continue;
      }
      const back = write.resolvedSince(c.key, now - o.cooldownMinutes * 60_000);
      if (back) {
        write.reopen(back.alert_id, textOf(c), now);
        result.updated++;
        continue;
      }
      const id = write.open({ key: c.key, kind: c.kind, site: c.site, process: c.process, ...textOf(c) }, now, o.paused ? null : now);
      result.opened++;
      if (!o.paused) result.notify.push(id);
    }
    for (const gone of openByKey.values()) {
      write.resolve(gone.alert_id, now);
      result.resolved++;
    }
  });
  return result;
}

export function listAlerts(db: Database.Database, f: AlertFilter, lang: Lang, latin: LatinNames = {}): Alert[] {
  return rankAlerts(alertRows(db, f).map((r) => toAlert(r, lang, latin)));
}
