import { SITE_HOSTS_TEXT, siteLogHosts } from './siteLogHosts.js';
import type { AskQuery, MeasureId } from '../../api/askQuery.js';
import { rankedWithTies } from './rankedWithTies.js';
import type { QueryTable } from '../../api/assistantTypes.js';
import { localize, type Localized } from '../../api/localized.js';
import { withUnit } from '../../api/englishCount.js';
import type { ProcessProgress } from '../../api/types.js';
import { formatHm, localDate, startOfZonedDay } from '../../config/zonedTime.js';
import { firstSnapshotAt } from '../../store/progressSnapshots.js';
import { dayTimeFigure, monthDayFigure } from '../../api/figures.js';
import { correctionWaiting, decisionsSince } from '../storeFacts.js';
import { changeAnswer } from './changeAnswer.js';
import { dayRecord } from './dayRecord.js';
import { MEASURES } from './measures.js';
import { namedIncidents } from './namedIncidents.js';
import { namedSeries } from './namedSeries.js';
import { planningAnswer } from './planningAnswer.js';
import { faultVerdict } from './faultVerdict.js';
import { finishedLeftOut, progressShown } from './progressShown.js';
import { QUERY_TEXTS as T } from './queryTexts.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { doneOverDays } from './doneOverDays.js';
import { queryWindow } from './queryWindow.js';
import { personWhereabouts } from './personWhereabouts.js';
import { storeMeasureAnswer } from './storeMeasureAnswer.js';
import { trendAnswer } from './trendAnswer.js';
import { undeclaredSplit } from './undeclaredSplit.js';
import { noErrorsWithWarnings, warningsSaid } from './warningsSaid.js';

export type { QueryAnswer, QueryContext } from './queryContext.js';

interface Row {
  key: string;
  value: number | null;
  shown: string;
  /** Work all finished: when (a speed or slack of it means nothing; a ranking leaves it out and says so). */
  finishedAt?: number;
  /** Several series in one row: its figure is of the worst of them, and its words say how many (「52本中1本が遅れ」). */
  several?: boolean;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** One figure of a group of progress series: sums for counts, the worst for slack, the latest for the finish. */
function progressFigure(m: MeasureId, rows: readonly ProcessProgress[], correction: (r: ProcessProgress) => number): number | null {
  const sum = (f: (r: ProcessProgress) => number | null): number | null => (rows.some((r) => f(r) !== null) ? rows.reduce((s, r) => s + (f(r) ?? 0), 0) : null);
  switch (m) {
    case 'remaining':
      return sum((r) => r.remaining);
    case 'done':
      return sum((r) => r.completedToday);
    case 'progress': {
      const done = sum((r) => r.completedToday) ?? 0;
      const all = done + (sum((r) => r.remaining) ?? 0);
      return all === 0 ? null : round1((done / all) * 100);
    }
    case 'speed': {
      // Over the work still there only: a finished series is not slow (0 items a minute because nothing is left).
      const s = sum((r) => (r.status === 'done' ? null : r.speedPerMinute));
      return s === null ? null : round1(s);
    }
    case 'needed_speed': {
      const s = sum((r) => (r.status === 'done' ? 0 : r.requiredPerMinute));
      return s === null ? null : round1(s);
    }
    case 'slack': {
      const open = rows.filter((r) => r.minutesLate !== null);
      return open.length === 0 ? null : Math.min(...open.map((r) => -r.minutesLate!));
    }
    case 'finish': {
      const open = rows.filter((r) => r.status !== 'done');
      if (open.length === 0 || open.some((r) => r.projectedFinish === null)) return null;
      return Math.max(...open.map((r) => r.projectedFinish!));
    }
    case 'deadline': {
      const d = rows.map((r) => r.deadline).filter((x): x is number => x !== null);
      return d.length === 0 ? null : Math.min(...d);
    }
    case 'correction_waiting':
      return rows.reduce((s, r) => s + correction(r), 0);
    default:
      return null;
  }
}

/**
 * The dimension progress figures are split by: the one asked, else the one whose several members were named (「エントリ1と
 * 検証を比べて」 compares processes), else for a compare, list or ranking the one named, or sites. Null: one figure.
 */
function progressGroup(q: AskQuery): 'site' | 'process' | 'business' | null {
  if (q.by === 'site' || q.by === 'process' || q.by === 'business') return q.by;
  const named = (['site', 'process', 'business'] as const).filter((d) => q[d].length > 0);
  const several = named.find((d) => q[d].length > 1);
  if (several) return several;
  if (q.op !== 'compare' && q.op !== 'list' && q.op !== 'rank') return null;
  return q.op === 'compare' ? (named[0] ?? 'site') : 'site';
}

/** Figures of the floor whose course over a past part of today its trend shows. */
const TREND_OVER_WINDOW = new Set<MeasureId>(['speed', 'done', 'remaining', 'progress']);
const PROGRESS_MEASURES = new Set<MeasureId>(['remaining', 'done', 'progress', 'speed', 'needed_speed', 'slack', 'finish', 'deadline', 'correction_waiting']);

/**
 * The planner: a query → SQL over the local store and the engines' figures → rows → the
 * answer, written from the rows. Each figure says its unit and its period.
 */
export function answerQuery(q: AskQuery, c: QueryContext): QueryAnswer {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(c.lang, t)(...a);
  const S = (t: Localized): string => localize(c.lang, t);
  const measure = q.measure ? MEASURES[q.measure] : null;
  const hm = (t: number): string => formatHm(t, c.timeZone);
  // A time of an earlier day says its date: 「00:04から」 alone would read as today.
  const at = (t: number): string => (t >= c.dayStart ? hm(t) : dayTimeFigure(localDate(t, c.timeZone), hm(t), c.lang));
  const empty: QueryTable = { columns: [], rows: [] };
  const label = measure ? S(measure.label) : '';
  const unit = measure ? S(measure.unit) : '';

  // A summary, a cause or advice asked of a day gone is not today's: that day's records say what happened.
  if ((q.op === 'status' || q.op === 'why' || q.op === 'advise') && q.time !== null) {
    const w = queryWindow(q.time, c);
    if (!w.ahead && w.to <= c.dayStart) return dayRecord(q, c, S(w.label), answerQuery);
  }
  // A progress figure of a period before the snapshots begin («backlog on sept 1?» when they start on 9/24): there is none,
  // said with where they start (it had shown «—» as of that day).
  if (measure?.source.kind === 'progress' && q.time !== null) {
    const w = queryWindow(q.time, c);
    const first = w.ahead ? null : firstSnapshotAt(c.db);
    if (first !== null && w.to <= startOfZonedDay(first, c.timeZone))
      return { text: L(T.beforeSnapshots, S(w.label), monthDayFigure(localDate(first, c.timeZone))), table: empty };
  }
  if (q.op === 'status') return statusAnswer(q, c);
  if (q.op === 'outside' && measure) return { text: L(T.statistic, S(measure.label)), table: { columns: [], rows: [] } };
  // Where a person named is («上野さんは今どこ？»): their day and the line they are on now, not a split of one person by site.
  if (q.operator.length > 0 && q.by === 'site' && (q.time === null || q.time === 'now' || q.time === 'today')) return personWhereabouts(q, c);
  // Items done over days (「今週の処理件数」 "this week so far"): each working day's count starts afresh, so the period's
  // figure is the sum of its days, never the count of its last day (a snapshot's «as of»).
  const summed = doneOverDays(q, c);
  if (summed) return summed;
  // A store-backed measure computes itself (measureSql.ts): one SQL per operation and dimension, or a decline in words.
  // A site's log lines are those of its own hosts (logs are kept per host), said with the shared hosts left out.
  if (q.measure === 'error_lines' && q.site.length > 0 && q.host.length === 0 && q.by !== 'site' && c.siteOfHost) {
    const hosts = siteLogHosts(c.db, q.site, c.siteOfHost);
    if (hosts.own.length > 0) {
      const a = answerQuery({ ...q, site: [], host: hosts.own }, c);
      return { ...a, text: `${L(SITE_HOSTS_TEXT, q.site.join(S({ ja: '・', en: ', ' })), hosts.own, hosts.shared)}\n${a.text}` };
    }
  }
  const stored = storeMeasureAnswer(q, c);
  if (stored) return q.measure === 'error_lines' ? noErrorsWithWarnings(stored, q, c, at) : stored;
  if (measure && measure.source.kind === 'none') return { text: S(T.unknownMeasure), table: empty };
  // A person's speed is the operator measure: the floor's speed is recorded per series, not per person.
  if (q.measure === 'speed' && (q.by === 'operator' || q.operator.length > 0)) return answerQuery({ ...q, measure: 'operator_speed' }, c);
  const declined = measure ? undeclaredSplit(q, measure) : null;
  if (declined) return { text: S(declined), table: empty };
  if (measure && measure.source.kind === 'planning') return faultVerdict(planningAnswer(q, c), q, c);
  if (q.op === 'change') return changeAnswer(q, c);
  // A figure split by hour or day is its trend at that step.
  if (q.by === 'hour' || q.by === 'day') return trendAnswer({ ...q, op: 'trend' }, c);
  if (q.op === 'trend') return trendAnswer(q, c);
  const window = queryWindow(q.time, c);
  // Items of a day ahead are what the forecast expects; other figures of a day ahead have no actuals yet.
  if (window.ahead && (q.measure === 'arrivals' || q.measure === 'remaining')) return planningAnswer({ ...q, measure: 'forecast_volume' }, c);
  if (window.ahead) return { text: L(T.ahead, label), table: empty };
  // The progress figures below are the floor's now. A period that reaches back before today is not answered with them:
  // lateness then is the record of deadlines missed; a speed, progress or finish of an earlier day is declined in words.
  if (q.time !== null && window.from < c.dayStart && q.measure && PROGRESS_MEASURES.has(q.measure)) {
    // The most late (the bottom of slack) is the most deadlines missed (the top of the record).
    const rank = q.rank && q.measure === 'slack' ? { ...q.rank, order: q.rank.order === 'bottom' ? ('top' as const) : ('bottom' as const) } : q.rank;
    if (q.measure === 'slack' || q.measure === 'finish') return answerQuery({ ...q, measure: 'missed_deadlines', status: null, rank }, c);
    if (q.measure !== 'deadline') return { text: L(T.pastNotKept, label, S(window.label)), table: empty };
  }
  // A part of today already over («sapporo E1 pace this morning?», 「午前中のペース」) is not the figure now: its course over
  // those hours is (the trend of the window), never the speed at 15:40 labelled as the morning's.
  if (q.time !== null && window.from >= c.dayStart && window.to < c.now && q.measure && TREND_OVER_WINDOW.has(q.measure) && q.op === 'value')
    return trendAnswer({ ...q, op: 'trend' }, c);

  let rows: Row[] = [];
  let when = '';
  if (q.measure && PROGRESS_MEASURES.has(q.measure)) {
    const ov = c.overview();
    when = ov.dataAsOf === null ? '' : L(T.asOf, hm(ov.dataAsOf));
    const name = (id: string): string => ov.businessNames[id] ?? id;
    // A yes/no about a state (「遅れそうな工程ある？」) asks whether any series is in it: every series is checked, not only those.
    const inState = (p: ProcessProgress): boolean =>
      q.status === null || q.op === 'check' || p.status === q.status || (q.status === 'at_risk' && p.status === 'late');
    const series = namedSeries(q, ov).filter(inState);
    const corr = new Map(
      q.measure === 'correction_waiting'
        ? correctionWaiting(c.db, c.now, { site: null, process: null, businessId: null }).map((r) => [`${r.site}|${r.process}|${r.businessId}`, r.waiting])
        : [],
    );
    const correction = (r: ProcessProgress): number => corr.get(`${r.site}|${r.process}|${r.businessId}`) ?? 0;
    const dim = progressGroup(q);
    // Finished processes, no one site named («which processes are finished?»): the lines, each site's process. A process is
    // finished company-wide only when every site's line is, which no answer of "none" should hide.
    const lines = q.status === 'done' && dim === 'process' && q.site.length !== 1;
    const keyOf = (p: ProcessProgress): string =>
      lines ? `${p.site} · ${p.process}` : dim === 'site' ? p.site : dim === 'process' ? p.process : name(p.businessId);
    const groups = new Map<string, ProcessProgress[]>();
    // Without a split, what the request named is one figure: every business of 札幌 together.
    for (const p of series) {
      const k =
        dim === null ? [q.site.join('・'), q.process.join('・'), q.business.map(name).join('・')].filter(Boolean).join(' · ') || S(T.everything) : keyOf(p);
      groups.set(k, [...(groups.get(k) ?? []), p]);
    }
    // A place is finished when all its lines are: «which site finished SS?» leaves out a site with one line still open,
    // whose finished lines alone would read 0 items left (locked-1129i).
    if (q.status === 'done' && q.op !== 'check' && dim !== null) for (const p of namedSeries(q, ov)) if (p.status !== 'done') groups.delete(keyOf(p));
    rows = [...groups].map(([key, g]) => {
      const v = progressFigure(q.measure!, g, correction);
      const special = progressShown(q.measure!, g, { lang: c.lang, timeZone: c.timeZone, name });
      if (special) return { key, value: special.finishedAt === undefined ? v : null, ...special, several: g.length > 1 };
      return {
        key,
        value: v,
        shown:
          v === null
            ? '—'
            : q.measure === 'finish' || q.measure === 'deadline'
              ? hm(v)
              : q.measure === 'slack'
                ? L(T.slackShown, v)
                : `${withUnit(v, unit)}${
                    // The speed needed is read against the speed now: how far short the line is.
                    q.measure === 'needed_speed' ? L(T.speedNow, progressFigure('speed', g, correction)) : ''
                  }`,
      };
    });
  } else if (q.measure === 'incidents') {
    const list = namedIncidents(c.incidents(q.site[0], q.time === null ? undefined : window), q).incidents;
    when = S(window.label);
    // The all-clear names everything it was searched by: 「横浜のocr-worker」, not ocr-worker alone (whose incident is 札幌's).
    const thing = q.host.join('・') || q.service.join('・');
    const what = (q.site.length > 0 && thing ? L(T.siteThing, q.site.join('・'), thing) : thing || q.site.join('・')) || S(T.allServices);
    // No yes/no word: 「落ちてない？」 and "is it up?" ask opposite ways; the sentence says what holds.
    // Its warnings are said where they are the thing's own: a site named narrows the incidents by site, not the lines.
    const warned = q.site.length === 0 ? warningsSaid(q, window, c, at) : '';
    if (list.length === 0) {
      // Hosts that serve every site (no site in their names) do not say which sites an incident hit: one there in the window
      // is said, never an all-clear for the site over it.
      const shared =
        q.site.length > 0 ? namedIncidents(c.incidents(undefined, q.time === null ? undefined : window), q).incidents.filter((i) => i.sites.length === 0) : [];
      if (shared.length > 0)
        return {
          text: [L(T.noIncidentOwn, what, when), ...shared.map((i) => L(T.incident, i.services.join('・'), at(i.start), i.lines, i.hosts.join(', ')))].join(
            '\n',
          ),
          table: { columns: ['service', 'lines'], rows: shared.map((i) => [i.services[0]!, i.lines]) },
        };
      return { text: [L(T.noIncident, what, when), warned].filter(Boolean).join(''), table: empty };
    }
    rows = list.map((i) => ({ key: i.services[0]!, value: i.lines, shown: L(T.incident, i.services.join('・'), at(i.start), i.lines, i.hosts.join(', ')) }));
    return {
      text: rows.map((r) => r.shown).join('\n'),
      table: { columns: ['service', 'lines'], rows: rows.map((r) => [r.key, r.value]) },
    };
  } else if (q.measure === 'decisions') {
    const d = decisionsSince(c.db, window.from).filter((x) => x.decidedAt <= window.to && (q.site.length === 0 || q.site.includes(x.site)));
    const by = (s: string): number => d.filter((x) => x.status === s).length;
    return {
      text: L(T.decisionsIn, S(window.label), by('approved'), by('rejected'), by('modified')),
      table: {
        columns: ['status', 'n'],
        rows: [
          ['approved', by('approved')],
          ['rejected', by('rejected')],
          ['modified', by('modified')],
        ],
      },
    };
  }

  const table: QueryTable = { columns: ['name', q.measure ?? ''], rows: rows.map((r) => [r.key, r.value]) };
  if (rows.length === 0) return { text: S(T.noRows), table };
  const head = L(T.valueHeader, label, when || S(window.label));

  // A yes or no says when it holds, like every figure.
  if (q.op === 'check') return { text: checkText(q, rows, c, when || S(window.label)), table };
  if (q.op === 'rank') {
    const order = q.rank?.order ?? 'top';
    const sorted = rows.filter((r) => r.value !== null).sort((a, b) => (order === 'top' ? b.value! - a.value! : a.value! - b.value!));
    const n = q.rank?.n ?? 1;
    return {
      text: [
        L(T.rankLead, order, Math.min(n, sorted.length), label, when || S(window.label)) + finishedLeftOut(rows, c.lang),
        ...rankedWithTies(sorted, n).map(({ place, row: r }) => `${place}. ${r.key}: ${r.shown}`),
      ].join('\n'),
      table,
    };
  }
  if (q.op === 'compare' && rows.length >= 2) {
    const [a, b] = [...rows].filter((r) => r.value !== null).sort((x, y) => y.value! - x.value!);
    const lines = rows.map((r) => `- ${r.key}: ${r.shown}`);
    // Two things compared are the two named; a compare of more (every site) leads with the highest and the lowest.
    const low = rows.length > 2 ? [...rows].filter((r) => r.value !== null).sort((x, y) => x.value! - y.value!)[0] : b;
    if (a && low && a !== low) {
      const diff = round1(a.value! - low.value!);
      const clock = q.measure === 'finish' || q.measure === 'deadline';
      lines.unshift(
        diff === 0
          ? L(T.compareEven, label)
          : clock
            ? L(T.compareLater, a.key, low.key, label, Math.round(diff / 60_000))
            : L(T.compareLead, a.key, low.key, label, `${diff}${unit === '%' ? 'pt' : ` ${unit}`}`),
      );
    }
    return { text: [head, ...lines].join('\n'), table };
  }
  // A list, or a figure asked per something, leads with the largest.
  const sorted = q.op === 'list' || q.by !== null ? [...rows].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity)) : rows;
  return { text: [head, ...sorted.map((r) => `- ${r.key}: ${r.shown}`)].join('\n'), table };
}

function checkText(q: AskQuery, rows: Row[], c: QueryContext, when: string): string {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(c.lang, t)(...a);
  const S = (t: Localized): string => localize(c.lang, t);
  // Without a verdict (a word of the question not read, or a measure no word named), the sentence says what holds and no yes or no.
  const verdict = (yes: boolean): string => (c.verdict === false ? '' : `${S(yes ? T.yes : T.no)} `);
  if (q.measure === 'remaining') {
    const left = rows.reduce((s, r) => s + (r.value ?? 0), 0);
    // Each thing named says its own state: 横浜 finished beside 札幌 not, never 「横浜はまだ終わっていません（残件0件）」.
    const each = rows.map((r) => ((r.value ?? 0) === 0 ? L(T.done, r.key) : L(T.notDone, r.key, r.value ?? 0))).join(' ');
    // 「終わった？」 is yes when nothing is left; 「まだ残ってる？」 "anything left?", when something is.
    return `${verdict(q.status === 'done' ? left === 0 : left > 0)}${each}${L(T.checkWhen, when)}`;
  }
  if (q.measure === 'slack') {
    const late = rows.filter((r) => r.value !== null && r.value < 0);
    // 「遅れそうな工程ある？」 "any lines at risk?" asks whether there is trouble: yes means there is. "Will it make it?" the opposite.
    const trouble = q.status === 'late' || q.status === 'at_risk';
    const yes = late.length === 0 ? !trouble : trouble;
    return `${verdict(yes)}${
      late.length === 0
        ? rows.map((r) => L(T.onTime, r.key, r.value === null ? null : r.shown)).join(' ')
        : late.map((r) => (r.several ? `${r.key}: ${r.shown}` : L(T.late, r.key, -r.value!))).join(' ')
    }${L(T.checkWhen, when)}`;
  }
  return [L(T.valueHeader, q.measure ? S(MEASURES[q.measure].label) : '', when), ...rows.map((r) => `- ${r.key}: ${r.shown}`)].join('\n');
}

function statusAnswer(q: AskQuery, c: QueryContext): QueryAnswer {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(c.lang, t)(...a);
  const S = (t: Localized): string => localize(c.lang, t);
  const ov = c.overview();
  const name = (id: string): string => ov.businessNames[id] ?? id;
  const series = namedSeries(q, ov);
  const n = (s: string): number => series.filter((p) => p.status === s).length;
  const urgent = series
    .filter((p) => p.status === 'late' || p.status === 'at_risk' || p.status === 'stalled')
    .sort((a, b) => (b.minutesLate ?? 0) - (a.minutesLate ?? 0));
  const hm = ov.dataAsOf === null ? '—' : formatHm(ov.dataAsOf, c.timeZone);
  const incidents = c.incidents(q.site[0]).incidents.length;
  const open = c.alerts().filter((a) => a.status === 'open' && (q.site.length === 0 || (a.site !== null && q.site.includes(a.site)))).length;
  // The work of what was named, summed over its series: what a manager reads first about a site.
  const left = series.reduce((x, p) => x + p.remaining, 0);
  const doneToday = series.reduce((x, p) => x + p.completedToday, 0);
  const share = left + doneToday === 0 ? null : Math.round((doneToday / (left + doneToday)) * 1000) / 10;
  const lines = [L(T.statusLead, n('late'), n('at_risk'), n('done'), series.length, hm), L(T.statusWork, left, doneToday, share)];
  if (urgent.length > 0)
    lines.push(
      S(T.statusUrgent),
      ...urgent.slice(0, 5).map((p) => {
        const late = p.minutesLate !== null && p.minutesLate > 0 ? ` — ${L(T.minutesLate, p.minutesLate)}` : '';
        return `- ${p.site} · ${p.process} · ${name(p.businessId)}: ${p.remaining} ${S(MEASURES.remaining.unit)}${late}`;
      }),
    );
  lines.push(L(T.statusIncidents, incidents), L(T.statusAlerts, open));
  return { text: lines.join('\n'), table: { columns: ['status', 'series'], rows: ['late', 'at_risk', 'on_track', 'done', 'stalled'].map((s) => [s, n(s)]) } };
}
