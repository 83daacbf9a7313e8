import { PLANNING_TEXTS } from './planningTexts.js';
import type { AskOp, AskQuery, MeasureId } from '../../api/askQuery.js';
import { rankedWithTies } from './rankedWithTies.js';
import { localize, type Localized } from '../../api/localized.js';
import { addZonedDays, formatHm, localDate, startOfZonedDay } from '../../config/zonedTime.js';
import { withUnit } from '../../api/englishCount.js';
import { CHANGE_TEXTS } from './changeTexts.js';
import { workingDaysIn } from './timeSpan.js';
import { declineOf, groupOf, NAMED_DIMS, runMeasure, stepsOf, type Cell, type Span } from './measureQuery.js';
import { MEASURE_QUERY_TEXTS as MT } from './measureQueryTexts.js';
import { MEASURES } from './measures.js';
import { personAttendance } from './personAttendance.js';
import { PLANNING_MEASURES, unavailable } from './planningAnswer.js';
import { storeMeasureOf, type EntityDim, type StoreMeasure } from './measureSql.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import { QUERY_TEXTS as T } from './queryTexts.js';
import { queryWindow, type QueryWindow } from './queryWindow.js';
import { faultVerdict } from './faultVerdict.js';
import { personsSkills } from './measureInContext.js';
import { recordsStartNote } from './recordsStart.js';
import { TREND_TEXTS as TT } from './trendTexts.js';
import { reachesFoldedHours } from '../../logs/foldedHours.js';

/** The operations the builder answers for a store measure. */
export const STORE_OPS: ReadonlySet<AskOp> = new Set(['value', 'list', 'compare', 'rank', 'trend', 'change']);
/** Weeks the usual is the median of; days back 「昨日」 looks for the last day with data. */
const USUAL_WEEKS = 4;
const YESTERDAY_BACK = 7;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/**
 * Questions the planning answer still words (planningAnswer.ts): a site's or the company's attendance or overtime as a
 * value or a list, where it says the register around the figure (rostered, absent, on leave, late, the usual rate;
 * minutes and people). Until attendance is split into presence and absence measures, those stay there; everything
 * else of attendance and overtime (by person, compared, ranked, over time, against before) is the builder's.
 */
export function keptByPlanning(q: AskQuery): boolean {
  // Absence over several days or by weekday is a rate against the usual (the register's), not a count of people; a
  // day's absence at a site is the register's line: in, off (absent, on leave), the rate against the usual, and who.
  // Absence asked per person («which operators have the most absences in the last 30 days») is counted per person.
  const perPerson = q.by === 'operator' || q.operator.length > 0;
  if (
    q.measure === 'absence' &&
    !perPerson &&
    (q.by === 'day' || /^(?:last_\d+[dm]|this_week|last_week|this_month|last_month|month_\d{2}|dates_[\d_-]+)$/.test(q.time ?? ''))
  )
    return true;
  if (q.measure === 'absence' && q.site.length > 0) return (q.op === 'value' || q.op === 'list') && q.operator.length === 0;
  return (q.measure === 'attendance' || q.measure === 'overtime') && (q.op === 'value' || q.op === 'list') && q.by !== 'operator' && q.operator.length === 0;
}

/**
 * A question on a store-backed measure (measureSql.ts), answered by its one SQL: value, list, compare, rank, trend or
 * change for any dimension it declares, a decline in words for one it does not; a check of one is its value, except
 * 「終わった？」 of items left, which the progress answer says yes or no to. Null when the builder does not answer it
 * (no declaration, another operation, a state filter of the progress series, a day ahead, a span of months kept by the
 * monthly planning answer, or what keptByPlanning keeps unless `every`).
 */
export function storeMeasureAnswer(q0: AskQuery, c: QueryContext, o: { every?: boolean } = {}): QueryAnswer | null {
  const def = storeMeasureOf(q0.measure);
  const checked: AskQuery = q0.op === 'check' && q0.measure !== 'remaining' ? { ...q0, op: 'value' } : q0;
  // Who can do a process is who placement may put on it: valid, at the skill it asks for, unless the question names a level.
  const q: AskQuery =
    checked.measure === 'headcount' && checked.process.length > 0 && checked.level === null && checked.experienceUnder === null && c.minSkill !== undefined
      ? { ...checked, level: c.minSkill }
      : checked.measure === 'skill' && checked.operator.length > 0
        ? personsSkills(checked, { siteOnly: true })
        : checked;
  if (!def || q.measure === null || !STORE_OPS.has(q.op) || (!o.every && keptByPlanning(q))) return null;
  // 「終わった業務」: a state of the progress series, which the progress answer filters on.
  if (q.status !== null && def.time.kind === 'snapshot') return null;
  const m = q.measure;
  // A planning table the company lacks, or no sync has filled: the planning answer names it.
  const table = PLANNING_MEASURES.get(m);
  if (table && unavailable(c, table)) return null;
  const S = (t: Localized): string => localize(c.lang, t);
  const label = MEASURES[m].label;
  const empty = { columns: [], rows: [] };
  const declined = declineOf(q, def, label);
  if (declined) return { text: S(declined.decline), table: empty };
  const w = queryWindow(q.time ?? def.defaultTime ?? null, c, 'today');
  // A person named on one day, gone or ahead («is 鈴木 彩 in tomorrow?»): their own record (a day ahead holds leave asked
  // for and the roster), not every site's.
  if ((m === 'attendance' || m === 'absence') && (q.op === 'value' || q.op === 'list') && q.by === null) {
    // Asked as a check («is she in?»), the person's record says yes or no itself.
    const person = personAttendance({ ...q, op: q0.op }, c, w);
    if (person) return person;
  }
  if (def.time.kind !== 'registered' && (w.ahead || (MEASURES[m].source.kind === 'planning' && /^last_\d+m$/.test(q.time ?? '')))) return null;
  // Today's overtime is recorded once people clock out: a ranking or a yes/no of it now would read «none» off a day not over.
  if (m === 'overtime' && w.from >= c.dayStart) return { text: S(PLANNING_TEXTS.overtimeToday), table: empty };
  // A count of people over several days, split by person or of people named, is what it counts of each (their days
  // off): each person is 1 of the people.
  const perPerson =
    def.perPerson && (q.by === 'operator' || q.operator.length > 0) && localDate(w.from, c.timeZone) !== localDate(w.to - 1, c.timeZone) ? def.perPerson : null;
  // Experience asked rather than the level («一番経験長いのは？»): each person's months on the work, the longest of their processes.
  const experience =
    q.asks.includes('experience') && def.experience ? { value: def.experience, agg: { fn: 'max' as const }, unit: MT.months, decimals: 0 } : null;
  // The average asked of people's speeds: the mean of their registered speeds (on the process named), not the fastest's.
  const average = q.asks.includes('average') && m === 'operator_speed' ? { agg: { fn: 'avg' as const } } : null;
  const shape = perPerson
    ? { ...def, value: perPerson.value, agg: perPerson.agg, unit: perPerson.unit }
    : experience
      ? { ...def, ...experience }
      : average
        ? { ...def, ...average }
        : def;
  const writer = new Writer(q, c, shape, m);
  const out = q.op === 'trend' || q.by === 'hour' || q.by === 'day' ? writer.trend(w) : q.op === 'change' ? writer.change(w) : writer.figures(w);
  // A period that starts before the records says where they start: the figure is of fewer days than asked. The register
  // has no day: asked of another one («who can do it tomorrow?»), it says so rather than seem to be that day's.
  const note =
    def.time.kind === 'registered' && q.time !== null && !/^(?:now|today)$/.test(q.time)
      ? localize(c.lang, MT.registerHasNoDay)(S(w.label))
      : q.op === 'change'
        ? ''
        : recordsStartNote(def, w, c);
  const answer = note ? { ...out, text: `${note}\n${out.text}` } : out;
  return faultVerdict(answer, q0, c);
}

/** Rows a list shows in full; a longer one shows its first SHOWN_OF_LONG and says how many more the table holds. */
const LONGEST_LIST = 15;
const SHOWN_OF_LONG = 10;

class Writer {
  private readonly S: (t: Localized) => string;
  private readonly decimals: number;
  constructor(
    private readonly q: AskQuery,
    private readonly c: QueryContext,
    private readonly def: StoreMeasure,
    private readonly m: MeasureId,
  ) {
    this.S = (t) => localize(c.lang, t);
    this.decimals = def.decimals ?? 0;
  }

  private get label(): string {
    const level = this.q.level !== null && this.def.dims.level !== undefined ? localize(this.c.lang, MT.atLevel)(this.q.level) : '';
    const years =
      (this.q.experience !== null && this.def.experience ? localize(this.c.lang, MT.withExperience)(this.q.experience) : '') +
      (this.q.experienceUnder !== null && this.def.experience ? localize(this.c.lang, MT.withExperienceUnder)(this.q.experienceUnder) : '');
    const average = this.q.asks.includes('average') && this.def.agg.fn === 'avg' && this.m === 'operator_speed' ? this.S(MT.averageOf) : '';
    return `${average}${this.S(MEASURES[this.m].label)}${level}${years}`;
  }
  private get unit(): Localized {
    return this.def.unit ?? MEASURES[this.m].unit;
  }
  private get countLike(): boolean {
    return ['sum', 'count', 'count_distinct'].includes(this.def.agg.fn);
  }
  private round(v: number): number {
    const f = 10 ** this.decimals;
    return Math.round(v * f) / f;
  }
  private shown(v: number | null): string {
    // Thousands grouped (「11,291 件」), as every other figure Genba shows.
    return v === null ? '—' : withUnit(v, this.S(this.unit), this.decimals);
  }
  private date(t: number): string {
    return new Intl.DateTimeFormat('en-US', { timeZone: this.c.timeZone, month: 'numeric', day: 'numeric' }).format(t);
  }
  /** The same wall time `days` local days later (negative: earlier), whatever a DST change did to the hours between. */
  private days(t: number, days: number): number {
    return addZonedDays(t, days, this.c.timeZone);
  }
  private hm(t: number): string {
    return formatHm(t, this.c.timeZone);
  }
  /** A member as a manager reads it: a business by its name, a level as Lv3. */
  private keyName(g: EntityDim | null, k: string | number | null): string {
    if (g === null || k === null) return this.what();
    if (g === 'business') return this.c.overview().businessNames[String(k)] ?? String(k);
    return g === 'level' ? `Lv${k}` : String(k);
  }
  /** What the query named, together: 「札幌 · エントリ1」, or everything. */
  private what(): string {
    const names = this.c.overview().businessNames;
    return NAMED_DIMS.flatMap((d) => (d === 'business' ? this.q.business.map((b) => names[b] ?? b) : this.q[d])).join(' · ') || this.S(T.everything);
  }
  /** The period a figure is stated for. */
  private period(w: QueryWindow): string {
    const t = this.def.time;
    if (t.kind === 'registered') return this.S(T.registered);
    if (t.kind === 'snapshot') return this.asOf(w.to);
    if (t.unit === 'local_date') {
      const a = localDate(w.from, this.c.timeZone);
      const b = localDate(Math.max(w.from, w.to - 1), this.c.timeZone);
      return localize(this.c.lang, MT.days)(this.date(Date.parse(`${a}T12:00Z`)), this.date(Date.parse(`${b}T12:00Z`)));
    }
    return this.S(w.label);
  }
  private asOf(t: number): string {
    const at =
      t >= this.c.now
        ? this.hm(this.c.now)
        : t === startOfZonedDay(t, this.c.timeZone)
          ? `${this.date(t - 1)} 24:00`
          : t >= this.c.dayStart
            ? this.hm(t)
            : `${this.date(t)} ${this.hm(t)}`;
    return localize(this.c.lang, MT.asOf)(at);
  }
  /**
   * Items done is a count of the day so far: over hours of it (「13時から14時」 "since lunch") it is the count at the end
   * less the count at the start, never the day's count at the end.
   */
  private doneWithinDay(w: QueryWindow): boolean {
    return this.m === 'done' && w.from > startOfZonedDay(w.from, this.c.timeZone);
  }
  /** The window's span, and its start as a second span where the figure is the end's less the start's. */
  private spansOf(w: QueryWindow): Span[] {
    return [{ a: w.from, b: w.to, closed: w.to >= this.c.now }, ...(this.doneWithinDay(w) ? [{ a: w.from, b: w.from, closed: true }] : [])];
  }
  private run(group: EntityDim | null, spans: Span[]): { cells: Cell[]; withData: Set<number> } {
    return runMeasure(this.c.db, this.def, this.q, group, spans, this.c.timeZone);
  }
  /** The figure of span i for member k: a count of nothing is 0 on a span with data, other aggregates have none. */
  private figure(r: { cells: Cell[]; withData: Set<number> }, i: number, k: string | number | null): number | null {
    const cell = r.cells.find((x) => x.i === i && (k === null || String(x.k) === String(k)));
    if (cell && cell.v !== null) return this.round(cell.v);
    return this.countLike && r.withData.has(i) ? 0 : null;
  }

  figures(w: QueryWindow): QueryAnswer {
    const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(this.c.lang, t)(...a);
    const group = groupOf(this.q, this.def);
    const within = this.doneWithinDay(w);
    const r = this.run(group, this.spansOf(w));
    const named = group !== null && group !== 'level' && group !== 'host' ? this.q[group] : [];
    // Each member the query named is a row, with its 0 (「札幌と大阪のアラート」: 大阪 0 件 is an answer); else each member found.
    const keys: (string | number | null)[] =
      group === null ? [null] : named.length > 0 ? named : [...new Set(r.cells.filter((x) => x.i === 0 && x.k !== null).map((x) => x.k))];
    const between = (k: string | number | null): number | null => {
      const [end, start] = [this.figure(r, 0, k), this.figure(r, 1, k)];
      return end === null ? null : this.round(end - (start ?? 0));
    };
    const rows = keys.map((k) => ({ key: this.keyName(group, k), value: within ? between(k) : this.figure(r, 0, k) }));
    const when = within ? this.S(w.label) : this.period(w);
    const table = { columns: ['name', this.m], rows: rows.map((x) => [x.key, x.value]) };
    if (rows.length === 0) return { text: L(MT.none, this.label, when), table };
    // A person's overtime within one calendar month is read against the monthly limit (the 36協定's 45 hours by default).
    const limit =
      this.m === 'overtime' &&
      group === 'operator' &&
      localDate(w.from, this.c.timeZone).slice(0, 7) === localDate(Math.max(w.from, w.to - 1), this.c.timeZone).slice(0, 7)
        ? (this.c.monthlyOvertimeLimitMinutes ?? null)
        : null;
    const ofLimit = (v: number | null): string => (limit === null || v === null ? '' : L(MT.ofLimit, Math.round((v / limit) * 100), limit / 60));
    const line = (x: { key: string; value: number | null }): string => `- ${x.key}: ${this.shown(x.value)}${ofLimit(x.value)}`;
    if (this.q.op === 'rank') return { text: this.ranked(rows, when, ofLimit), table };
    const head = L(MT.head, this.label, when);
    // People counted by person are a list of names under their total (「12 人」, then who), not a 「1 人」 per name.
    if (group === 'operator' && this.def.agg.fn === 'count_distinct' && this.def.unit === undefined && this.q.op !== 'compare') {
      const names = rows.filter((x) => (x.value ?? 0) > 0).map((x) => x.key);
      return { text: [`${head} ${this.shown(names.length)}`, names.join(localize(this.c.lang, { ja: '、', en: ', ' }))].join('\n'), table };
    }
    if (this.q.op === 'compare' && rows.length >= 2) {
      const [a, b] = rows.filter((x) => x.value !== null).sort((x, y) => y.value! - x.value!);
      const lead =
        a && b
          ? a.value === b.value
            ? [L(T.compareEven, this.label)]
            : [L(MT.compareLead, a.key, b.key, this.label, this.shown(this.round(a.value! - b.value!)))]
          : [];
      return { text: [...lead, head, ...rows.map(line)].join('\n'), table };
    }
    // Largest first; equal figures by name, so the same question lists them in the same order every time.
    const sorted =
      this.q.op === 'list' || this.q.by !== null
        ? [...rows].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.key.localeCompare(b.key, 'ja'))
        : rows;
    // A long list (every person's overtime) is read from its top: the first ones in the text, every row in the table.
    const shown = sorted.length > LONGEST_LIST ? sorted.slice(0, SHOWN_OF_LONG) : sorted;
    const more = sorted.length - shown.length;
    return {
      text: [head, ...shown.map(line), ...(more > 0 ? [L(MT.more, more)] : []), ...this.parts(group, w)].join('\n'),
      table,
    };
  }

  /**
   * A total of everything comes with its parts (「全体: 443 行」 alone does not say where to look): the members of the
   * measure's first dimension that have any, largest first. Only for a sum or a count, whose parts add up to it.
   */
  private parts(group: EntityDim | null, w: QueryWindow): string[] {
    const fn = this.def.agg.fn;
    if (this.q.op !== 'value' || group !== null || (fn !== 'sum' && fn !== 'count') || this.q.level !== null) return [];
    if (NAMED_DIMS.some((d) => this.q[d].length > 0)) return [];
    const dim = Object.keys(this.def.dims)[0] as EntityDim | undefined;
    if (dim === undefined || dim === 'level') return [];
    // Each part within a day (since lunch) is its count at the end less its count at the start, as the total is.
    const r = this.run(dim, this.spansOf(w));
    const start = (k: string | number | null): number => r.cells.find((x) => x.i === 1 && String(x.k) === String(k))?.v ?? 0;
    const members = r.cells
      .filter((x) => x.i === 0 && x.k !== null && x.v !== null)
      .map((x) => ({ ...x, v: x.v! - start(x.k) }))
      .filter((x) => x.v > 0)
      // Largest first, equal ones by name: the same question lists its parts in the same order every time.
      .sort((a, b) => b.v! - a.v! || String(a.k).localeCompare(String(b.k), 'ja'))
      .map((x) => `${this.keyName(dim, x.k)} ${this.round(x.v!).toLocaleString('en-US')}`);
    if (members.length < 2) return [];
    return [localize(this.c.lang, MT.parts)(members.slice(0, 8).join(localize(this.c.lang, { ja: '、', en: ', ' })), members.length > 8)];
  }

  /** Members (or days) ranked as the query asks, ties sharing a place, each with its figure and `after` it. */
  private ranked(rows: { key: string; value: number | null }[], when: string, after: (v: number | null) => string = () => ''): string {
    const order = this.q.rank?.order ?? 'top';
    const n = this.q.rank?.n ?? 1;
    const sorted = rows.filter((x) => x.value !== null).sort((a, b) => (order === 'top' ? b.value! - a.value! : a.value! - b.value!));
    return [
      localize(this.c.lang, T.rankLead)(order, Math.min(n, sorted.length), this.label, when),
      ...rankedWithTies(sorted, n).map(({ place, row: x }) => `${place}. ${x.key}: ${this.shown(x.value)}${after(x.value)}`),
    ].join('\n');
  }

  trend(w0: QueryWindow): QueryAnswer {
    const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(this.c.lang, t)(...a);
    const daily = this.def.time.kind === 'event' && this.def.time.unit === 'local_date';
    // A daily count of one day is one point: its trend is the last 7 days.
    const w = daily && w0.to <= this.days(w0.from, 1) ? queryWindow('last_7d', this.c) : w0;
    // The step follows the window (10 minutes up to 3 h, hourly up to 2 days, daily beyond); `by: hour` is a trend's own
    // reading (over time), so only a daily split asked for changes it.
    const asked = this.q.by === 'day' ? this.q.by : undefined;
    const chosen = stepsOf(w.from, w.to, this.c.timeZone, asked ?? (daily && w.to <= this.days(w.from, 60) ? 'day' : undefined));
    // Log lines of older days kept per hour (logs/foldedHours.ts) are stepped by the hour, which the head says.
    const hourly = chosen.grain === 'minute' && this.def.hourlyWhenFolded === true && reachesFoldedHours(this.c.db, w.from);
    const { grain, steps } = hourly ? stepsOf(w.from, w.to, this.c.timeZone, 'hour') : chosen;
    const r = this.run(
      null,
      steps.map((s) => ({ ...s, closed: s.b >= this.c.now })),
    );
    const snapshot = this.def.time.kind === 'snapshot';
    const points = steps
      .map((s, i) => ({ s, v: r.withData.has(i) ? this.figure(r, i, null) : null }))
      .filter((p): p is { s: Span; v: number } => p.v !== null)
      .map(({ s, v }) => ({
        v,
        time: snapshot ? this.asOf(s.b) : grain === 'day' || grain === 'week' ? this.date(s.a) : L(TT.span, this.hm(s.a), this.hm(s.b)),
        axis: grain === 'day' || grain === 'week' ? this.date(s.a) : this.hm(snapshot ? s.b : s.a),
      }));
    const what = this.what();
    const period = daily ? this.period(w) : this.S(w.label);
    const table = { columns: ['time', this.m], rows: points.map((p) => [p.axis, p.v]) };
    if (points.length === 0) return { text: L(TT.noSteps, what, this.label, period), table };
    // Days ranked («the 3 heaviest days this month»): the day's figures in order, ties sharing a place.
    if (this.q.op === 'rank')
      return {
        text: this.ranked(
          points.map((p) => ({ key: p.time, value: p.v })),
          period,
        ),
        table,
      };
    const g = grain === 'week' ? 'day' : grain;
    const head = L(TT.head, what, this.label, period, L(TT.grain, g, 10));
    const fig = (p: { v: number; time: string }): string => L(TT.at, this.shown(p.v), p.time);
    const first = points[0]!;
    const last = points[points.length - 1]!;
    const high = points.reduce((x, p) => (p.v > x.v ? p : x));
    const low = points.reduce((x, p) => (p.v < x.v ? p : x));
    const up = points.every((p, i) => i === 0 || p.v >= points[i - 1]!.v);
    const down = points.every((p, i) => i === 0 || p.v <= points[i - 1]!.v);
    const summary =
      high.v === low.v
        ? L(TT.flat, fig(first), fig(last))
        : up || down
          ? L(TT.steady, fig(first), fig(last), up)
          : L(TT.summary, fig(first), fig(last), fig(high), fig(low));
    return { text: [head, summary, ...points.map((p) => `- ${p.time}: ${this.shown(p.v)}`)].join('\n'), table };
  }

  change(w: QueryWindow): QueryAnswer {
    const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(this.c.lang, t)(...a);
    const against = this.q.against ?? 'usual';
    const back =
      against === 'usual'
        ? Array.from({ length: USUAL_WEEKS }, (_, i) => 7 * (i + 1))
        : against === 'last_week'
          ? [7]
          : Array.from({ length: YESTERDAY_BACK }, (_, i) => i + 1);
    const closed = w.to >= this.c.now;
    const spans: Span[] = [{ a: w.from, b: w.to, closed }, ...back.map((k) => ({ a: this.days(w.from, -k), b: this.days(w.to, -k), closed }))];
    const group = this.q.by === 'site' || this.q.site.length > 1 ? 'site' : groupOf({ ...this.q, op: 'value' }, this.def);
    const r = this.run(group, spans);
    const keys: (string | number | null)[] =
      group === null ? [null] : this.q[group as 'site'].length ? this.q[group as 'site'] : [...new Set(r.cells.filter((x) => x.k !== null).map((x) => x.k))];
    const lines: string[] = [];
    const rows: (string | number | null)[][] = [];
    // A whole day gone (「10/14の入荷はいつもと比べて」) is that day against its usual: its words are the day's, never 「今」.
    const dayGone = w.to <= this.c.dayStart && w.to <= this.days(w.from, 1);
    const againstWords = dayGone ? CHANGE_TEXTS.againstDay : CHANGE_TEXTS.against;
    const origin = dayGone ? w.from : this.c.now;
    for (const k of keys) {
      const key = this.keyName(group, k);
      const now = this.figure(r, 0, k);
      let then: number | null;
      let words: string;
      if (against === 'usual') {
        const past = back.map((_, j) => this.figure(r, j + 1, k)).filter((v): v is number => v !== null);
        then = past.length ? this.round(median(past)) : null;
        words = L(againstWords, 'usual', '', past.length || USUAL_WEEKS);
      } else {
        // 「昨日」 on a Monday is the last day with data, at most a week back.
        const j = back.findIndex((_, j2) => this.figure(r, j2 + 1, k) !== null);
        then = j < 0 ? null : this.figure(r, j + 1, k);
        words = L(againstWords, against, this.date(this.days(origin, -back[Math.max(j, 0)]!)), 0);
      }
      if (now === null || then === null) {
        lines.push(L(CHANGE_TEXTS.noPast, key, words));
        continue;
      }
      const d = this.round(now - then);
      const pct = then !== 0 ? Math.round((d / then) * 100) : null;
      const diff = d === 0 ? this.S(CHANGE_TEXTS.same) : L(CHANGE_TEXTS.diff, d, this.S(this.unit), pct);
      // A span of days (this week so far) is set against the same span a week or a day back, each said with its dates.
      const back0 =
        against === 'usual'
          ? null
          : back[
              Math.max(
                0,
                back.findIndex((_, j2) => this.figure(r, j2 + 1, k) !== null),
              )
            ]!;
      if (dayGone) lines.push(L(CHANGE_TEXTS.dayLine, key, this.label, this.date(w.from), this.shown(now), words, this.shown(then), diff));
      else if (w.to > this.days(w.from, 1) && back0 !== null) {
        const span = (shift: number): string =>
          `${this.date(this.days(w.from, -shift))}–${this.date(this.days(Math.min(w.to, this.c.now), -shift) - 1)} ${this.hm(Math.min(w.to, this.c.now))}`;
        lines.push(L(CHANGE_TEXTS.spanLine, key, this.label, span(0), this.shown(now), span(back0), this.shown(then), diff));
        // Spans with different working days (a holiday in last week's) are said so, with each one's figure per working day:
        // «+18 %» against a week one day short is not the whole comparison.
        const worked = (shift: number): number =>
          workingDaysIn({
            from: localDate(this.days(w.from, -shift), this.c.timeZone),
            to: localDate(this.days(Math.min(w.to, this.c.now), -shift) - 1, this.c.timeZone),
          }).length;
        const [nowDays, thenDays] = [worked(0), worked(back0)];
        if (nowDays !== thenDays && nowDays > 0 && thenDays > 0)
          lines.push(L(CHANGE_TEXTS.workingDays, nowDays, thenDays, this.shown(this.round(now / nowDays)), this.shown(this.round(then / thenDays))));
      } else lines.push(L(CHANGE_TEXTS.line, key, this.label, this.shown(now), this.hm(Math.min(w.to, this.c.now)), words, this.shown(then), diff));
      rows.push([key, then, now]);
    }
    return { text: lines.join('\n'), table: { columns: ['name', 'then', 'now'], rows } };
  }
}
