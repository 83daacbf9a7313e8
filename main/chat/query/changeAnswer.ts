import type { AskQuery, MeasureId } from '../../api/askQuery.js';
import { localize } from '../../api/localized.js';
import { formatHm, startOfZonedDay } from '../../config/zonedTime.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { CHANGE_TEXTS as T } from './changeTexts.js';
import { MEASURES } from './measures.js';
import { QUERY_TEXTS } from './queryTexts.js';

const DAY = 86_400_000;
const SPEED_WINDOW = 30 * 60_000;
/** The measures a change answers: counts and speeds of the floor from the snapshots, error lines from the logs. */
export const CHANGE_MEASURES: ReadonlySet<MeasureId> = new Set([
  'remaining',
  'done',
  'progress',
  'speed',
  'arrivals',
  'correction_waiting',
  'error_lines',
  'alerts',
]);
/** Weeks the usual is the median of. */
const USUAL_WEEKS = 4;

type Group = { key: string; site: string[] };

/**
 * One figure of a group at time `t`, from the store: the newest snapshot of each series on
 * t's day at or before t (items left, done, arrivals since the day's first snapshot), the
 * items done over the 30 minutes before t (speed), the items waiting for correction, or the
 * error lines and alerts of t's day up to t.
 * Null when the day holds no data for the group by then (a day off).
 */
function figureAt(m: MeasureId, q: AskQuery, site: string[], t: number, c: QueryContext): number | null {
  const day = startOfZonedDay(t, c.timeZone);
  const json = (xs: string[]): string | null => (xs.length ? JSON.stringify(xs) : null);
  if (m === 'error_lines') {
    const seen = c.db.prepare('SELECT 1 FROM app_logs WHERE ts >= ? AND ts < ? LIMIT 1').get(day, t);
    if (!seen) return null;
    return (
      c.db
        .prepare(
          `SELECT COUNT(*) AS n FROM app_logs WHERE ts >= @from AND ts < @to AND level IN ('ERROR', 'WARN', 'FATAL', 'CRITICAL')
             AND (@service IS NULL OR service IN (SELECT value FROM json_each(@service)))`,
        )
        .get({ from: day, to: t, service: json(q.service) }) as { n: number }
    ).n;
  }
  if (m === 'alerts') {
    // Alerts raised on t's day up to t; a day before the first alert ever raised holds no data.
    const first = (c.db.prepare('SELECT MIN(first_seen) AS t FROM alerts').get() as { t: number | null }).t;
    if (first === null || first >= t) return null;
    return (
      c.db
        .prepare(
          `SELECT COUNT(*) AS n FROM alerts WHERE first_seen >= @from AND first_seen <= @to
             AND (@site IS NULL OR site IN (SELECT value FROM json_each(@site)))`,
        )
        .get({ from: day, to: t, site: json(site) }) as { n: number }
    ).n;
  }
  // Per series: the newest snapshot at or before `at` on the day, and the day's first.
  const at = (when: number): { left: number; done: number; corr: number; first: number }[] =>
    c.db
      .prepare(
        `WITH s AS (SELECT location_name AS site, process_name AS process, business_id AS b, snapshot_time AS t, total_waiting AS left, entry_count AS done, correction_waiting AS corr
                    FROM progress_snapshots WHERE snapshot_time >= @day AND snapshot_time <= @at
                      AND (@site IS NULL OR location_name IN (SELECT value FROM json_each(@site)))
                      AND (@process IS NULL OR process_name IN (SELECT value FROM json_each(@process)))
                      AND (@business IS NULL OR business_id IN (SELECT value FROM json_each(@business))))
         SELECT s.left, s.done, s.corr, (SELECT f.left + f.done FROM s f WHERE f.site = s.site AND f.process = s.process AND f.b = s.b ORDER BY f.t LIMIT 1) AS first
         FROM s JOIN (SELECT site, process, b, MAX(t) AS t FROM s GROUP BY 1, 2, 3) l ON l.site = s.site AND l.process = s.process AND l.b = s.b AND l.t = s.t`,
      )
      .all({ day, at: when, site: json(site), process: json(q.process), business: json(q.business) }) as {
      left: number;
      done: number;
      corr: number;
      first: number;
    }[];
  const rows = at(t);
  if (rows.length === 0) return null;
  const sum = (f: (r: (typeof rows)[number]) => number, rs = rows): number => rs.reduce((s, r) => s + f(r), 0);
  switch (m) {
    case 'remaining':
      return sum((r) => r.left);
    case 'done':
      return sum((r) => r.done);
    case 'correction_waiting':
      return sum((r) => r.corr);
    case 'arrivals':
      return sum((r) => r.left + r.done - r.first);
    case 'progress': {
      const all = sum((r) => r.left + r.done);
      return all === 0 ? null : Math.round((sum((r) => r.done) / all) * 1000) / 10;
    }
    case 'speed': {
      const before = t - SPEED_WINDOW >= day ? sum((r) => r.done, at(t - SPEED_WINDOW)) : 0;
      return Math.round(((sum((r) => r.done) - before) / (SPEED_WINDOW / 60_000)) * 10) / 10;
    }
    default:
      return null;
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : Math.round(((s[h - 1]! + s[h]!) / 2) * 10) / 10;
};

/**
 * A change: the measure now against the same time of an earlier day (the last day with data
 * before today for 「昨日」, the same weekday a week ago, or the median of the same weekday
 * over the last four weeks for 「いつも」), each from the store's own rows, per site when
 * several are named. The difference is taken between the figures as shown.
 */
export function changeAnswer(q: AskQuery, c: QueryContext): QueryAnswer {
  const m = q.measure;
  const empty = { columns: [], rows: [] };
  if (m === null || !CHANGE_MEASURES.has(m)) return { text: localize(c.lang, T.measures), table: empty };
  const against = q.against ?? 'usual';
  const now = c.now;
  const date = (t: number): string => new Intl.DateTimeFormat('en-US', { timeZone: c.timeZone, month: 'numeric', day: 'numeric' }).format(t);
  const unit = localize(c.lang, MEASURES[m].unit);
  const label = `${m === 'speed' ? localize(c.lang, T.speedWindow) : ''}${localize(c.lang, MEASURES[m].label)}`;
  const shown = (v: number): string => (m === 'progress' ? `${v}%` : `${v} ${unit}`);
  const groups: Group[] =
    q.site.length > 1 || q.by === 'site'
      ? (q.site.length ? q.site : (c.db.prepare('SELECT location_name AS s FROM locations ORDER BY location_id').all() as { s: string }[]).map((r) => r.s)).map(
          (s) => ({
            key: s,
            site: [s],
          }),
        )
      : [{ key: [...q.site, ...q.process, ...q.service].join(' ') || localize(c.lang, QUERY_TEXTS.everything), site: q.site }];
  const lines: string[] = [];
  const rows: (string | number | null)[][] = [];
  for (const g of groups) {
    const current = figureAt(m, q, g.site, now, c);
    let then: number | null = null;
    let words: string;
    if (against === 'usual') {
      const past = Array.from({ length: USUAL_WEEKS }, (_, i) => i + 1)
        .map((w) => figureAt(m, q, g.site, now - w * 7 * DAY, c))
        .filter((v): v is number => v !== null);
      then = past.length ? median(past) : null;
      words = localize(c.lang, T.against)('usual', '', past.length || USUAL_WEEKS);
    } else {
      // 「昨日」 on a Monday is the last working day: the nearest earlier day with data, at most a week back.
      const steps = against === 'last_week' ? [7] : [1, 2, 3, 4, 5, 6, 7];
      let day = now - steps[0]! * DAY;
      for (const k of steps) {
        day = now - k * DAY;
        then = figureAt(m, q, g.site, day, c);
        if (then !== null) break;
      }
      // Nothing in the week before: said of the day asked about.
      if (then === null) day = now - steps[0]! * DAY;
      words = localize(c.lang, T.against)(against, date(day), 0);
    }
    if (current === null || then === null) {
      lines.push(localize(c.lang, T.noPast)(g.key, words));
      continue;
    }
    const d = Math.round((current - then) * 10) / 10;
    const pct = m !== 'progress' && then !== 0 ? Math.round((d / then) * 100) : null;
    const diff = d === 0 ? localize(c.lang, T.same) : localize(c.lang, T.diff)(d, m === 'progress' ? localize(c.lang, T.points) : unit, pct);
    lines.push(localize(c.lang, T.line)(g.key, label, shown(current), formatHm(now, c.timeZone), words, shown(then), diff));
    rows.push([g.key, then, current]);
  }
  return { text: lines.join('\n'), table: { columns: ['name', 'then', 'now'], rows } };
}
