import type { AskQuery, MeasureId } from '../../api/askQuery.js';
import { localize } from '../../api/localized.js';
import { addZonedDays, formatHm, startOfZonedDay } from '../../config/zonedTime.js';
import { latestSnapshots } from '../../store/progressSnapshots.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { CHANGE_TEXTS as T } from './changeTexts.js';
import { MEASURES } from './measures.js';
import { PROGRESS_TEXTS } from './progressTexts.js';
import { QUERY_TEXTS } from './queryTexts.js';
import { speedChange, type SpeedChange } from './speedChange.js';

/**
 * The measures a change answers here: progress and speed; items left, done and waiting for correction only under a state
 * filter of the series. The other store measures (arrivals, error lines, alerts …) compute themselves (storeMeasureAnswer.ts).
 */
export const CHANGE_MEASURES: ReadonlySet<MeasureId> = new Set(['remaining', 'done', 'progress', 'speed', 'correction_waiting']);
/** Weeks the usual is the median of. */
const USUAL_WEEKS = 4;

/** One row of a change: its name and the series it sums. */
type Group = { key: string; filter: { site: string[]; process: string[]; business: string[] } };

/**
 * One figure of a group at time `t`, from the store: the newest snapshot of each series on
 * t's day at or before t (items left, done, arrivals since the day's first snapshot), the
 * the items waiting for correction.
 * Null when the day holds no data for the group by then (a day off).
 */
function figureAt(m: MeasureId, filter: Group['filter'], t: number, c: QueryContext): number | null {
  const day = startOfZonedDay(t, c.timeZone);
  // Per series: the newest snapshot at or before t on the day, and what it started the day with.
  const rows = latestSnapshots(c.db, day, t, filter).map((r) => ({
    left: r.remaining,
    done: r.done,
    corr: r.correction,
    first: r.startTotal,
  }));
  if (rows.length === 0) return null;
  const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((s, r) => s + f(r), 0);
  switch (m) {
    case 'remaining':
      return sum((r) => r.left);
    case 'done':
      return sum((r) => r.done);
    case 'correction_waiting':
      return sum((r) => r.corr);
    case 'progress': {
      const all = sum((r) => r.left + r.done);
      return all === 0 ? null : Math.round((sum((r) => r.done) / all) * 1000) / 10;
    }
    default:
      return null;
  }
}

const SHOWN_FINISHED = 3;

/** What a speed comparison left out: the finished series with their times, and those with nothing to compare with. */
/** A line this much slower than its own speed then or more is named beside a sum: 90 %. */
const SLOWER = 0.9;

function speedNotes(s: SpeedChange, c: QueryContext): string[] {
  const names = c.overview().businessNames;
  const finished = [...s.finished]
    .sort((a, b) => b.at - a.at)
    .map(({ key, at }) => {
      const [site, process, business] = key.split('|') as [string, string, string];
      return localize(c.lang, PROGRESS_TEXTS.finishedItem)(`${site} ${process} ${names[business] ?? business}`, formatHm(at, c.timeZone));
    });
  // Where the sum hides it: the lines furthest below their own speed then (a tenth or more), slowest share first.
  const below = s.lines
    .filter((l) => l.then > 0 && l.now < l.then * SLOWER)
    .sort((a, b) => a.now / a.then - b.now / b.then || a.key.localeCompare(b.key))
    .slice(0, SHOWN_FINISHED)
    .map((l) => {
      const [site, process, business] = l.key.split('|') as [string, string, string];
      return localize(c.lang, PROGRESS_TEXTS.belowThen)(`${site} ${process} ${names[business] ?? business}`, l.now, l.then, Math.round((l.now / l.then) * 100));
    });
  return [
    ...(s.lines.length > 1 && below.length > 0 ? [localize(c.lang, PROGRESS_TEXTS.furthestBelow)(below.join(localize(c.lang, { ja: '、', en: '; ' })))] : []),
    // The latest few by name, the rest counted: a company-wide answer at 15:40 may leave out most of its 52 series.
    ...(finished.length
      ? [
          localize(
            c.lang,
            PROGRESS_TEXTS.finishedNotCompared,
          )(
            finished.slice(0, SHOWN_FINISHED).join(localize(c.lang, { ja: '、', en: ', ' })) +
              (finished.length > SHOWN_FINISHED ? localize(c.lang, PROGRESS_TEXTS.andMore)(finished.length - SHOWN_FINISHED) : ''),
          ),
        ]
      : []),
    ...(s.unmatched > 0 ? [localize(c.lang, PROGRESS_TEXTS.noComparable)(s.unmatched)] : []),
  ];
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
  if (m === null || !CHANGE_MEASURES.has(m)) return { text: localize(c.lang, T.measures)(m ? localize(c.lang, MEASURES[m].label) : '—'), table: empty };
  const against = q.against ?? 'usual';
  const now = c.now;
  const date = (t: number): string => new Intl.DateTimeFormat('en-US', { timeZone: c.timeZone, month: 'numeric', day: 'numeric' }).format(t);
  const unit = localize(c.lang, MEASURES[m].unit);
  const label = `${m === 'speed' ? localize(c.lang, T.speedWindow) : ''}${localize(c.lang, MEASURES[m].label)}`;
  const shown = (v: number): string => (m === 'progress' ? `${v}%` : `${v} ${unit}`);
  const groups = changeGroups(q, c);
  // The same wall time k local days back (a week ago at 15:40 is 15:40, across a DST change too).
  const daysBack = (k: number): number => addZonedDays(now, -k, c.timeZone);
  const lines: string[] = [];
  const rows: (string | number | null)[][] = [];
  for (const g of groups) {
    // Speed is compared series by series over the work still there; a finished series says when it finished.
    const speed = m === 'speed' ? speedChange(c.db, now, c.dayStart, g.filter, against, c.timeZone) : null;
    const current = speed ? speed.current : figureAt(m, g.filter, now, c);
    let then: number | null = null;
    let words: string;
    if (speed) {
      then = speed.then;
      words = localize(c.lang, T.against)(against, date(speed.day), speed.weeks || USUAL_WEEKS);
    } else if (against === 'usual') {
      const past = Array.from({ length: USUAL_WEEKS }, (_, i) => i + 1)
        .map((w) => figureAt(m, g.filter, daysBack(w * 7), c))
        .filter((v): v is number => v !== null);
      then = past.length ? median(past) : null;
      words = localize(c.lang, T.against)('usual', '', past.length || USUAL_WEEKS);
    } else {
      // 「昨日」 on a Monday is the last working day: the nearest earlier day with data, at most a week back.
      const steps = against === 'last_week' ? [7] : [1, 2, 3, 4, 5, 6, 7];
      let day = daysBack(steps[0]!);
      for (const k of steps) {
        day = daysBack(k);
        then = figureAt(m, g.filter, day, c);
        if (then !== null) break;
      }
      // Nothing in the week before: said of the day asked about.
      if (then === null) day = daysBack(steps[0]!);
      words = localize(c.lang, T.against)(against, date(day), 0);
    }
    if (current === null || then === null) {
      lines.push(localize(c.lang, T.noPast)(g.key, words));
      if (speed) lines.push(...speedNotes(speed, c));
      continue;
    }
    const d = Math.round((current - then) * 10) / 10;
    const pct = m !== 'progress' && then !== 0 ? Math.round((d / then) * 100) : null;
    const diff = d === 0 ? localize(c.lang, T.same) : localize(c.lang, T.diff)(d, m === 'progress' ? localize(c.lang, T.points) : unit, pct);
    lines.push(localize(c.lang, T.line)(g.key, label, shown(current), formatHm(now, c.timeZone), words, shown(then), diff));
    rows.push([g.key, then, current]);
    if (speed) lines.push(...speedNotes(speed, c));
  }
  return { text: lines.join('\n'), table: { columns: ['name', 'then', 'now'], rows } };
}

/**
 * The rows of a change: one per site when split by site (every site when none is named), one per process or business
 * when several are named or it is split by them, else one row of everything named.
 */
function changeGroups(q: AskQuery, c: QueryContext): Group[] {
  const all = { site: q.site, process: q.process, business: q.business };
  const dim = q.by === 'site' || q.site.length > 1 ? 'site' : (['process', 'business'] as const).find((d) => q.by === d || q[d].length > 1);
  if (dim === undefined)
    return [
      {
        key: [...q.site, ...q.process, ...q.business.map((b) => c.overview().businessNames[b] ?? b)].join(' ') || localize(c.lang, QUERY_TEXTS.everything),
        filter: all,
      },
    ];
  const members =
    q[dim].length > 0
      ? q[dim]
      : dim === 'site'
        ? (c.db.prepare('SELECT location_name AS s FROM locations ORDER BY location_id').all() as { s: string }[]).map((r) => r.s)
        : [...new Set(latestSnapshots(c.db, c.dayStart, c.now, all).map((r) => (dim === 'process' ? r.process : r.businessId)))];
  return members.map((k) => ({ key: dim === 'business' ? (c.overview().businessNames[k] ?? k) : k, filter: { ...all, [dim]: [k] } }));
}
