import type { MeasureId } from '../../api/askQuery.js';
import type { Localized } from '../../api/localized.js';
import { ALERTS_MEASURE_SQL } from '../../store/alertRows.js';
import { ATTENDANCE_OF_DAY, notOffOn } from '../../store/attendanceOfDay.js';
import { MISSED_DEADLINES_SQL, PROGRESS_MEASURE_SQL } from '../../store/progressSnapshots.js';

/** The dimensions a store measure can be split or filtered by: the query's, plus the week as a step. */
export type StoreDim = 'site' | 'business' | 'process' | 'operator' | 'service' | 'host' | 'level' | 'hour' | 'day' | 'week';
export type EntityDim = Exclude<StoreDim, 'hour' | 'day' | 'week'>;
export type TimeGrain = Extract<StoreDim, 'hour' | 'day' | 'week'>;

/** How rows become one figure; a percentile is a parameter of the aggregation (as in MetricFlow or Cube), not code. */
export type Aggregation = { fn: 'sum' | 'count' | 'count_distinct' | 'avg' | 'min' | 'max' } | { fn: 'percentile'; p: number };

/**
 * Where a figure sits in time. `event`: each row happened at one time (epoch ms, or the company's local date as
 * 'YYYY-MM-DD' text: a daily count), and a window counts the rows inside it. `snapshot`: each row is the state of a
 * series at a time; the figure at t is the newest row of each series at or before t on t's own day (the state starts
 * afresh each working day), summed. `registered`: the masters as they stand, with no history.
 */
export type TimeSemantics =
  { kind: 'event'; column: string; unit: 'epoch_ms' | 'local_date' } | { kind: 'snapshot'; column: string; series: readonly string[] } | { kind: 'registered' };

/**
 * A measure the store computes, declared once: the builder (measureQuery.ts) writes every operation's SQL from it,
 * and the semantic-model test checks every operation × dimension against the raw rows. Expressions are SQL over
 * `from` (a table, or a table expression with its joins); they are constants, never text from a question.
 */
export interface StoreMeasure {
  from: string;
  /** What one row contributes. */
  value: string;
  agg: Aggregation;
  time: TimeSemantics;
  /** The expression of each dimension it can be split or filtered by; a dimension missing here is declined in words. */
  dims: Partial<Record<EntityDim, string>>;
  /** The column of a person's months of experience on the process, where the measure is of people with skills: a query's
   * `experience` keeps those with at least that many (「経験2年以上」); a measure without it declines the filter in words. */
  experience?: string;
  /** Conditions every row meets (a level, a status). */
  where?: readonly string[];
  /** The time a question that names none is about (default: today, or now for a snapshot): a month of overtime, a week of missed deadlines. */
  defaultTime?: 'this_month' | 'last_7d';
  /** Decimals the figure is shown with. */
  decimals?: number;
  /** Why a dimension it lacks cannot be had: said after 「Genba cannot split X by Y」. */
  recordedPer: Localized;
  /**
   * What it counts per person, where its own count is of people (each person is one of them): the days each was off.
   * Used when the figure is split by person or names people.
   */
  perPerson?: { value: string; agg: Aggregation; unit: Localized };
  /** The unit of its figures where it is not the measure's own (a count per person of days). */
  unit?: Localized;
  /**
   * Where it counts people at fault (off, late): a yes or no of it asks whether anyone is («was anyone late?»: yes when
   * the count is above 0), or of everyone whether nobody is («did everybody make it in on time?»: yes when it is 0). The
   * sentence said after the yes or no when nobody is.
   */
  fault?: Localized;
  /**
   * Its rows may stand for an hour on older days (app_logs of a grouped source: logs/foldedHours.ts): a trend that reaches
   * them steps by the hour at least, and says so, instead of putting an hour's lines into one 10-minute step. A total
   * counts each row where its first line falls, exact over whole hours.
   */
  hourlyWhenFolded?: true;
}

const OPERATOR_SITE = 'o.location_name';

/** The attendance records of each person and day (valid operators), counted per person: attendance, absence and overtime share them. */
const PEOPLE_BY_DAY = {
  from: `${ATTENDANCE_OF_DAY} a JOIN operators o ON o.operator_id = a.operator_id`,
  value: 'a.operator_id',
  agg: { fn: 'count_distinct' },
  time: { kind: 'event', column: 'a.attendance_date', unit: 'local_date' },
  dims: { site: OPERATOR_SITE, operator: 'o.operator_name' },
  recordedPer: { ja: '勤怠は人ごと・日ごとに記録されています', en: 'attendance is recorded per person and day' },
} satisfies Omit<StoreMeasure, 'where'>;

/**
 * A progress measure: the column `value` of the newest snapshot of each series, summed. The table, its series and its
 * columns are the store's (store/progressSnapshots.ts PROGRESS_MEASURE_SQL), written there once.
 */
const progressMeasure = (value: string) =>
  ({
    from: PROGRESS_MEASURE_SQL.from,
    value,
    agg: { fn: 'sum' },
    time: PROGRESS_MEASURE_SQL.time,
    dims: PROGRESS_MEASURE_SQL.dims,
    recordedPer: { ja: '進捗は拠点・工程・業務ごとに記録されています', en: 'progress is recorded per site, process and business' },
  }) satisfies StoreMeasure;

/**
 * The store-backed measures. speed, needed_speed, finish, slack, progress and deadline are functions of progress
 * (the progress read module), not declared here; forecast_volume and planned_staff come from the planner's models.
 */
export const STORE_MEASURES = {
  remaining: progressMeasure(PROGRESS_MEASURE_SQL.values.remaining),
  done: progressMeasure(PROGRESS_MEASURE_SQL.values.done),
  correction_waiting: progressMeasure(PROGRESS_MEASURE_SQL.values.correction_waiting),
  arrivals: {
    from: 'arrivals',
    value: 'items',
    agg: { fn: 'sum' },
    time: { kind: 'event', column: 'arrival_date', unit: 'local_date' },
    dims: { site: 'location_name', process: 'process_name', business: 'business_id' },
    recordedPer: { ja: '到着は拠点・工程・業務ごとに1日単位で記録されています', en: 'arrivals are recorded per site, process and business, by the day' },
  },
  error_lines: {
    from: 'app_logs',
    // A row may stand for several lines of an aggregating log source (migration 009): every count is SUM(lines).
    value: 'lines',
    agg: { fn: 'sum' },
    time: { kind: 'event', column: 'ts', unit: 'epoch_ms' },
    dims: { service: 'service', host: 'host' },
    // An error is a line at ERROR or above: a manager asking for errors does not count warnings (a WARN is routine noise
    // on a busy OCR host: 12,256 WARN against 2,589 ERROR lines in the demo's week).
    where: ["level IN ('ERROR', 'FATAL', 'CRITICAL')"],
    recordedPer: { ja: 'ログはサービスとホストごとに記録されています', en: 'logs are recorded per service and host' },
    hourlyWhenFolded: true,
  },
  missed_deadlines: {
    // Each line's deadline on a day with work still left at it, counted at the snapshot that shows it (the store's SQL:
    // store/progressSnapshots.ts MISSED_DEADLINES_SQL says which).
    ...MISSED_DEADLINES_SQL,
    agg: { fn: 'count' },
    // Today's deadlines are mostly still ahead: the week up to now is what a manager looks back on.
    defaultTime: 'last_7d',
    recordedPer: { ja: '納期は拠点・工程・業務ごとに決まっています', en: 'deadlines are set per site, process and business' },
  },
  alerts: {
    ...ALERTS_MEASURE_SQL,
    agg: { fn: 'count' },
    recordedPer: { ja: 'アラートは拠点と工程ごとに記録されています', en: 'alerts are recorded per site and process' },
  },
  attendance: {
    // People who came in (present or late).
    ...PEOPLE_BY_DAY,
    where: ['o.is_valid = 1', "a.attendance_status IN ('present', 'late')"],
  },
  absence: {
    // People off (absent, or on paid leave).
    ...PEOPLE_BY_DAY,
    where: ['o.is_valid = 1', "a.attendance_status IN ('absent', 'paid_leave')"],
    fault: { ja: '休んだ人はいません。', en: 'Nobody is off.' },
    // Counted per person, one person is 1 whatever the period: their days off are the figure.
    perPerson: { value: 'a.attendance_date', agg: { fn: 'count_distinct' }, unit: { ja: '日', en: 'days' } },
  },
  late_arrivals: {
    // People who came in after their planned start (the records' own status «late»).
    ...PEOPLE_BY_DAY,
    where: ['o.is_valid = 1', "a.attendance_status = 'late'"],
    fault: { ja: '遅刻した人はいません。', en: 'Nobody came in late.' },
    perPerson: { value: 'a.attendance_date', agg: { fn: 'count_distinct' }, unit: { ja: '日', en: 'days' } },
  },
  overtime: {
    ...PEOPLE_BY_DAY,
    value: '(a.actual_end - a.planned_end) / 60000.0',
    agg: { fn: 'sum' },
    where: ['o.is_valid = 1', 'a.actual_end IS NOT NULL', 'a.planned_end IS NOT NULL', 'a.actual_end > a.planned_end'],
    // A day's overtime is often none: a month of it is what a manager weighs against the limit.
    defaultTime: 'this_month',
  },
  headcount: {
    from: 'operators o LEFT JOIN operator_process_capabilities c ON c.operator_id = o.operator_id',
    value: 'o.operator_id',
    agg: { fn: 'count_distinct' },
    time: { kind: 'registered' },
    dims: { site: OPERATOR_SITE, process: 'c.process_name', level: 'c.skill_level' },
    experience: 'c.experience_months',
    where: ['o.is_valid = 1'],
    recordedPer: { ja: 'マスタには人ごとの拠点・工程・スキルが登録されています', en: 'the masters hold each person’s site, processes and skills' },
  },
  operator_speed: {
    from: 'operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id',
    value: 'c.average_speed',
    // A person's speed is that of their fastest process, or of the process named: speeds of different processes do not average.
    agg: { fn: 'max' },
    time: { kind: 'registered' },
    // The operator first: a ranking or list of registered speeds is of people.
    dims: { operator: 'o.operator_name', site: OPERATOR_SITE, process: 'c.process_name', level: 'c.skill_level' },
    experience: 'c.experience_months',
    // Not the people off that day (@offDay, the window's last day): a person on leave today is not among today's slowest.
    where: ['o.is_valid = 1', notOffOn('o.operator_id')],
    decimals: 1,
    recordedPer: { ja: 'マスタには人ごと・工程ごとの速度が登録されています', en: 'the masters hold a speed per person and process' },
  },
  skill: {
    from: 'operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id',
    value: 'c.skill_level',
    agg: { fn: 'avg' },
    time: { kind: 'registered' },
    // The level filters people by their skill (「スキル3以上の人」): the level is the figure's own column.
    dims: { operator: 'o.operator_name', site: OPERATOR_SITE, process: 'c.process_name', level: 'c.skill_level' },
    experience: 'c.experience_months',
    where: ['o.is_valid = 1'],
    decimals: 1,
    recordedPer: { ja: 'マスタには人ごと・工程ごとのスキルが登録されています', en: 'the masters hold a skill per person and process' },
  },
} as const satisfies Partial<Record<MeasureId, StoreMeasure>>;

export type StoreMeasureId = keyof typeof STORE_MEASURES;

export function storeMeasureOf(m: MeasureId | null): StoreMeasure | null {
  return m !== null && m in STORE_MEASURES ? (STORE_MEASURES as Partial<Record<MeasureId, StoreMeasure>>)[m]! : null;
}
