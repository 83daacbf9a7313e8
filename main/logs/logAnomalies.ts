import type Database from 'better-sqlite3';
import { firstLogAt } from './firstLogAt.js';
import { median } from '../median.js';
import { displayTemplate } from './templateText.js';
import { fromBlob } from '../ai/storedVectors.js';
import { packVectors, type PackedVectors } from './vectorLinks.js';

export type { LogAnomaly as Anomaly, LogAnomalyKind as AnomalyKind, LogAnomalyReport as AnomalyReport } from '../api/types.js';
import type { LogAnomaly as Anomaly, LogAnomalyReport as AnomalyReport } from '../api/types.js';
import type { Localized } from '../api/localized.js';
import { count, plural } from '../api/englishCount.js';
import { addZonedDays } from '../config/zonedTime.js';
import { sameKindDays } from './sameKindDays.js';
import { HOUR_MS, HOURS_24_MS } from '../api/durations.js';
import { proratedLinesSql, proratedParams } from './foldedHours.js';

export interface AnomalyOptions {
  windowMinutes: number;
  baselineDays: number;
  warmupHours: number;
  zThreshold: number;
  minCount: number;
  /** The window in words, for a window other than "the last N minutes" (「昨日」, 「14:00から」): it ends at `now`. */
  windowLabel?: Localized;
}
export const DEFAULT_ANOMALY: AnomalyOptions = { windowMinutes: 60, baselineDays: 7, warmupHours: 24, zThreshold: 4, minCount: 10 };

const MINUTE = 60_000;

/**
 * (x − median) / (spread + 1), the spread the larger of 1.4826·MAD and √median: a count of lines varies at least as a
 * Poisson count does, so three near-equal earlier weeks (748, 749, 796) do not make 719 a dip; the +1 keeps quiet
 * baselines from turning noise into alarms.
 */
export function robustZ(x: number, baseline: number[]): number {
  if (baseline.length === 0) return 0;
  const med = median(baseline);
  const mad = median(baseline.map((b) => Math.abs(b - med)));
  return (x - med) / (Math.max(1.4826 * mad, Math.sqrt(Math.max(med, 0))) + 1);
}

/**
 * What looks wrong in the last window: templates never seen before, templates far more
 * or less frequent than at the same time on previous days, new messages unlike every
 * known family, and bursts of errors per service. Until a full baseline exists (warm-up),
 * the report says so. Previous days are local days of the company's zone: the same hours
 * are the same wall-clock hours, across a DST change too.
 */
export function detectAnomalies(db: Database.Database, now: number, timeZone: string, o: AnomalyOptions = DEFAULT_ANOMALY): AnomalyReport {
  const from = now - o.windowMinutes * MINUTE;
  const earliest = firstLogAt(db) ?? now;
  const warmup = now - earliest < o.warmupHours * 3_600_000;
  const samples = db.prepare('SELECT message FROM app_logs WHERE template_id = ? AND ts >= ? AND ts < ? ORDER BY ts DESC LIMIT 3');
  const anomalies: Anomaly[] = [];
  // Windows of up to a day compare with the same hours on previous days of the same kind (working days for a working
  // day, days off for a day off: sameKindDays.ts); a longer one with
  // as many earlier windows of its own length (whole days), at least 3. The window's length is
  // elapsed time; a local day is up to 25 hours long (「昨日」 on the day clocks go back is one day),
  // so the hour is given. The earlier windows are the same wall-clock hours, local days back.
  const periodDays = Math.max(1, Math.ceil((o.windowMinutes * MINUTE - HOUR_MS) / HOURS_24_MS));
  const back = (t: number, d: number): number => addZonedDays(t, -d, timeZone);
  const periods = Math.max(3, Math.floor(o.baselineDays / periodDays));
  const days =
    periodDays === 1
      ? sameKindDays((from + now) / 2, timeZone, o.baselineDays, earliest)
      : Array.from({ length: periods }, (_, i) => (i + 1) * periodDays).filter((d) => back(now, d) >= earliest);
  const said = o.windowLabel ?? { ja: `直近${o.windowMinutes}分`, en: `in the last ${o.windowMinutes} min` };
  // Every template's lines in the window, in one query: a template without lines there cannot be new in it, nor spike.
  const current = windowCounts(db, from, now);

  // (a) and (c): templates first seen inside the window.
  const fresh = db
    .prepare('SELECT template_id, tokens, template, first_seen, last_seen, errors FROM log_templates WHERE first_seen >= ? AND first_seen < ?')
    .all(from, now) as { template_id: number; tokens: string; template: string | null; first_seen: number; last_seen: number; errors: number }[];
  let families: FamilyVectors | null = null;
  for (const t of fresh) {
    const n = current.get(t.template_id)?.n ?? 0;
    if (n === 0) continue;
    // New against what? In the records' first hours every message is seen for the first time: only one first seen after
    // the warm-up has history to be new against (a month's window that reaches back to the records' start is not 31 incidents).
    if (t.first_seen < earliest + o.warmupHours * 3_600_000) continue;
    const text = displayTemplate(t.template, t.tokens);
    const v = db.prepare('SELECT vector FROM log_template_vectors WHERE template_id = ?').get(t.template_id) as { vector: Buffer } | undefined;
    families ??= familyVectors(db);
    const nearest = v && families.n > 0 ? nearestFamily(fromBlob(v.vector), t.template_id, families, OUTLIER_SIMILARITY) : -1;
    const outlier = nearest >= 0 && nearest < OUTLIER_SIMILARITY;
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
    // Only templates with lines in the window or in one of its baseline windows can score:
    // with none anywhere, the z-score is 0. One grouped query per window instead of one per
    // template and window; the candidates, and the order they were looked at in (which
    // breaks ties of the final sort), are as before: templates with a line in the days before
    // the window, by their first minute there.
    const baselines = days.map((d) => windowCounts(db, back(from, d), back(now, d)));
    const since = back(now, days.at(-1) ?? o.baselineDays);
    const firstMinute = db.prepare('SELECT MIN(minute) AS m FROM log_template_minutes WHERE template_id = ? AND minute >= ? AND minute < ?');
    const scored = new Set([...current.keys(), ...baselines.flatMap((b) => [...b.keys()])]);
    const candidates = [...scored]
      .map((id) => ({ id, first: (firstMinute.get(id, since, from) as { m: number | null }).m }))
      .filter((c): c is { id: number; first: number } => c.first !== null)
      .sort((a, b) => a.first - b.first || a.id - b.id);
    for (const { id } of candidates) {
      const w = current.get(id);
      const x = w?.n ?? 0;
      const base = baselines.map((b) => b.get(id)?.n ?? 0);
      const z = robustZ(x, base);
      const med = median(base);
      const spike = z >= o.zThreshold && x >= o.minCount;
      const dip = z <= -o.zThreshold && med >= o.minCount;
      if (!spike && !dip) continue;
      const t = db.prepare('SELECT tokens, template FROM log_templates WHERE template_id = ?').get(id) as { tokens: string; template: string | null };
      anomalies.push({
        kind: spike ? 'spike' : 'dip',
        severity: Math.abs(z) >= 2 * o.zThreshold ? 'critical' : 'warning',
        templateId: id,
        service: null,
        template: displayTemplate(t.template, t.tokens),
        firstSeen: w?.f ?? from,
        lastSeen: w?.l ?? now,
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

  // (d): error bursts per service. The window's errors are counted where their rows' first lines fall (a manager reads
  // them); the same hours of earlier days are a usual, and on a day folded to hours (foldedHours.ts) each hour counts
  // by its part inside them, not whole or not at all (the per-minute counts, exact per template, know no service).
  const errors = db.prepare(
    `SELECT service, SUM(lines) AS n, MIN(ts) AS f, MAX(COALESCE(last_ts, ts)) AS l FROM app_logs WHERE level = 'ERROR' AND ts >= ? AND ts < ? GROUP BY service`,
  );
  const earlierErrors = db.prepare(proratedLinesSql("level = 'ERROR'", 'service'));
  const baseErrors = days.map(
    (d) =>
      new Map((earlierErrors.all(...proratedParams(back(from, d), back(now, d), timeZone)) as { service: string; n: number }[]).map((r) => [r.service, r.n])),
  );
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

/** Below this cosine similarity to every family's templates, a new template is an outlier. */
const OUTLIER_SIMILARITY = 0.5;

/** Per template, its lines in [from, to) and the first and last minute with any. */
function windowCounts(db: Database.Database, from: number, to: number): Map<number, { n: number; f: number; l: number }> {
  const rows = db
    .prepare(
      'SELECT template_id, SUM(count) AS n, MIN(minute) AS f, MAX(minute) AS l FROM log_template_minutes WHERE minute >= ? AND minute < ? GROUP BY template_id',
    )
    .all(from, to) as { template_id: number; n: number; f: number; l: number }[];
  return new Map(rows.map((r) => [r.template_id, r]));
}

/** The vectors of the templates in a family, side by side, and where each template's own lies. */
interface FamilyVectors extends PackedVectors {
  row: Map<number, number>;
}

function familyVectors(db: Database.Database): FamilyVectors {
  const rows = db.prepare('SELECT v.template_id, v.vector FROM log_template_vectors v JOIN log_cluster_members USING (template_id)').all() as {
    template_id: number;
    vector: Buffer;
  }[];
  return { ...packVectors(rows.map((r) => fromBlob(r.vector))), row: new Map(rows.map((r, i) => [r.template_id, i])) };
}

/**
 * The highest similarity of `v` to a family's template, exact below `enough`; at or above
 * it, the first one found (only whether it is an outlier matters then, and the template's
 * own vector, when it belongs to a family, is looked at first).
 */
function nearestFamily(v: Float32Array, id: number, f: FamilyVectors, enough: number): number {
  let nearest = -1;
  const own = f.row.get(id);
  const order = own === undefined ? [] : [own];
  for (let i = 0; i < f.n; i++) if (i !== own) order.push(i);
  for (const i of order) {
    // The same products summed in the same order as before, so the similarity quoted is the same number.
    let dot = 0;
    for (let k = 0, at = i * f.dim; k < f.dim; k++) dot += v[k]! * f.data[at + k]!;
    nearest = Math.max(nearest, dot);
    if (nearest >= enough) break;
  }
  return nearest;
}

/** A count's median for people: at most one decimal. */
const round1 = (x: number): number => Math.round(x * 10) / 10;
