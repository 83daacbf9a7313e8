import type Database from 'better-sqlite3';
import { count, plural } from '../../main/api/englishCount.js';
import type { LogAnomaly as Anomaly, LogAnomalyReport as AnomalyReport } from '../../main/api/types.js';
import { fromBlob } from '../../main/ai/storedVectors.js';
import { robustZ, type AnomalyOptions } from '../../main/logs/logAnomalies.js';
import { sameKindDays } from '../../main/logs/sameKindDays.js';
import { displayTemplate } from '../../main/logs/templateText.js';
import { median } from '../../main/median.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The anomaly detection as it was before it scaled with the templates that changed (one
 * query per template and window, every family vector against every new template): the
 * reference the fast one must agree with, and the "before" of `npm run bench` (section scale).
 *
 * What looks wrong in the last window: templates never seen before, templates far more
 * or less frequent than at the same time on previous days, new messages unlike every
 * known family, and bursts of errors per service. Until a full baseline exists (warm-up),
 * the report says so.
 */
export function naiveAnomalies(db: Database.Database, now: number, o: AnomalyOptions): AnomalyReport {
  const from = now - o.windowMinutes * MINUTE;
  const earliest = (db.prepare('SELECT MIN(ts) AS t FROM app_logs').get() as { t: number | null }).t ?? now;
  const warmup = now - earliest < o.warmupHours * 3_600_000;
  const samples = db.prepare('SELECT message FROM app_logs WHERE template_id = ? AND ts >= ? AND ts < ? ORDER BY ts DESC LIMIT 3');
  const windowCount = db.prepare(
    'SELECT SUM(count) AS n, MIN(minute) AS f, MAX(minute) AS l FROM log_template_minutes WHERE template_id = ? AND minute >= ? AND minute < ?',
  );
  const anomalies: Anomaly[] = [];
  // Windows of up to a day compare with the same hours on previous days; a longer one with
  // as many earlier windows of its own length (whole days), at least 3.
  const periodDays = Math.max(1, Math.ceil((o.windowMinutes * MINUTE) / DAY));
  const periods = periodDays === 1 ? o.baselineDays : Math.max(3, Math.floor(o.baselineDays / periodDays));
  // A day or less: the nearest earlier days of the same kind (working days for a working day), as the product picks them.
  const days =
    periodDays === 1
      ? sameKindDays((from + now) / 2, 'Asia/Tokyo', o.baselineDays, earliest)
      : Array.from({ length: periods }, (_, i) => (i + 1) * periodDays).filter((d) => now - d * DAY >= earliest);
  const said = o.windowLabel ?? { ja: `直近${o.windowMinutes}分`, en: `in the last ${o.windowMinutes} min` };

  // (a) and (c): templates first seen inside the window.
  const fresh = db
    .prepare('SELECT template_id, tokens, template, first_seen, last_seen, errors FROM log_templates WHERE first_seen >= ? AND first_seen < ?')
    .all(from, now) as { template_id: number; tokens: string; template: string | null; first_seen: number; last_seen: number; errors: number }[];
  const clusterVectors = (
    db.prepare(`SELECT v.vector FROM log_template_vectors v JOIN log_cluster_members USING (template_id)`).all() as { vector: Buffer }[]
  ).map((r) => fromBlob(r.vector));
  for (const t of fresh) {
    const n = (windowCount.get(t.template_id, from, now) as { n: number | null }).n ?? 0;
    if (n === 0) continue;
    const text = displayTemplate(t.template, t.tokens);
    const v = db.prepare('SELECT vector FROM log_template_vectors WHERE template_id = ?').get(t.template_id) as { vector: Buffer } | undefined;
    let nearest = -1;
    if (v && clusterVectors.length > 0) {
      const a = fromBlob(v.vector);
      for (const b of clusterVectors)
        nearest = Math.max(
          nearest,
          a.reduce((s, x, i) => s + x * b[i]!, 0),
        );
    }
    const outlier = nearest >= 0 && nearest < 0.5;
    anomalies.push({
      kind: outlier ? 'outlier' : 'new_template',
      severity: t.errors > 0 ? 'critical' : 'warning',
      templateId: t.template_id,
      service: null,
      template: text,
      firstSeen: t.first_seen,
      lastSeen: Math.min(t.last_seen, now),
      count: n,
      score: null,
      samples: (samples.all(t.template_id, from, now) as { message: string }[]).map((r) => r.message),
      explanation: outlier
        ? {
            ja: `初めて現れたメッセージで、既知のどのグループにも似ていません（最も近い類似度 ${nearest.toFixed(2)}）。`,
            en: `A new message unlike any known family (closest similarity ${nearest.toFixed(2)}).`,
          }
        : { ja: `これまでに一度も出ていないメッセージの型です（${n}件）。`, en: `A message template never seen before (${count(n, 'line')}).` },
    });
  }

  // (b): spikes and dips of known templates against the same window on previous days.
  if (days.length >= 3) {
    const active = db
      .prepare(`SELECT template_id, SUM(count) AS n FROM log_template_minutes WHERE minute >= ? AND minute < ? GROUP BY template_id`)
      .all(from, now) as { template_id: number; n: number }[];
    const current = new Map(active.map((r) => [r.template_id, r.n]));
    const candidates = db
      .prepare(`SELECT DISTINCT template_id FROM log_template_minutes WHERE minute >= ? AND minute < ?`)
      .all(now - (days.at(-1) ?? o.baselineDays) * DAY, from) as { template_id: number }[];
    for (const { template_id: id } of candidates) {
      const x = current.get(id) ?? 0;
      const base = days.map((d) => (windowCount.get(id, from - d * DAY, now - d * DAY) as { n: number | null }).n ?? 0);
      const z = robustZ(x, base);
      const med = median(base);
      const spike = z >= o.zThreshold && x >= o.minCount;
      const dip = z <= -o.zThreshold && med >= o.minCount;
      if (!spike && !dip) continue;
      const t = db.prepare('SELECT tokens, template FROM log_templates WHERE template_id = ?').get(id) as { tokens: string; template: string | null };
      const w = windowCount.get(id, from, now) as { f: number | null; l: number | null };
      anomalies.push({
        kind: spike ? 'spike' : 'dip',
        severity: Math.abs(z) >= 2 * o.zThreshold ? 'critical' : 'warning',
        templateId: id,
        service: null,
        template: displayTemplate(t.template, t.tokens),
        firstSeen: w.f ?? from,
        lastSeen: w.l ?? now,
        count: x,
        score: Math.round(z * 10) / 10,
        samples: (samples.all(id, from, now) as { message: string }[]).map((r) => r.message),
        explanation: spike
          ? {
              ja: `${said.ja}で${x}件。過去${days.length}${periodDays === 1 ? '日' : '回'}の同じ時間帯は中央値${med}件でした。`,
              en: `${count(x, 'line')} ${said.en}; the same hours of the previous ${days.length} ${plural(days.length, periodDays === 1 ? 'day' : 'period')} had a median of ${med}.`,
            }
          : {
              ja: `${said.ja}で${x}件に減りました。過去${days.length}${periodDays === 1 ? '日' : '回'}の同じ時間帯は中央値${med}件です。`,
              en: `Down to ${count(x, 'line')} ${said.en}; the same hours before had a median of ${med}.`,
            },
      });
    }
  }

  // (d): error bursts per service.
  const errors = db.prepare(
    `SELECT service, SUM(lines) AS n, MIN(ts) AS f, MAX(COALESCE(last_ts, ts)) AS l FROM app_logs WHERE level = 'ERROR' AND ts >= ? AND ts < ? GROUP BY service`,
  );
  const baseErrors = days.map((d) => new Map((errors.all(from - d * DAY, now - d * DAY) as { service: string; n: number }[]).map((r) => [r.service, r.n])));
  for (const r of errors.all(from, now) as { service: string; n: number; f: number; l: number }[]) {
    const base = baseErrors.map((m) => m.get(r.service) ?? 0);
    const z = days.length >= 3 ? robustZ(r.n, base) : r.n >= o.minCount * 3 ? o.zThreshold : 0;
    if (z < o.zThreshold || r.n < o.minCount) continue;
    const lines = db
      .prepare(`SELECT message FROM app_logs WHERE service = ? AND level = 'ERROR' AND ts >= ? AND ts < ? ORDER BY ts DESC LIMIT 3`)
      .all(r.service, from, now) as { message: string }[];
    anomalies.push({
      kind: 'error_burst',
      severity: z >= 2 * o.zThreshold ? 'critical' : 'warning',
      templateId: null,
      service: r.service,
      template: null,
      firstSeen: r.f,
      lastSeen: r.l,
      count: r.n,
      score: Math.round(z * 10) / 10,
      samples: lines.map((l) => l.message),
      // During the warm-up there is no earlier day to compare with: say so rather than print a median of nothing.
      explanation:
        base.length === 0
          ? {
              ja: `${r.service} のエラーが${said.ja}で${r.n}件。比べられる過去の同じ時間帯はまだありません。`,
              en: `${count(r.n, 'error')} from ${r.service} ${said.en}; no earlier day to compare with yet.`,
            }
          : {
              ja: `${r.service} のエラーが${said.ja}で${r.n}件。通常（同じ時間帯の中央値）は${round1(median(base))}件です。`,
              en: `${count(r.n, 'error')} from ${r.service} ${said.en}; usually ${round1(median(base))} at this time.`,
            },
    });
  }
  const rank = { critical: 0, warning: 1 };
  anomalies.sort((a, b) => rank[a.severity] - rank[b.severity] || b.count - a.count);
  return { now, windowMinutes: o.windowMinutes, warmup, anomalies };
}

/** A count's median for people: at most one decimal. */
const round1 = (x: number): number => Math.round(x * 10) / 10;
