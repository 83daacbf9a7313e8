import { z } from 'zod';

/**
 * What a question asks, as one typed query: an operation on a measure, with filters, a
 * grouping and a time (docs/ask-query.md). The rules parser and the intent model both
 * produce it; the planner answers it; `genba ask --json` and the Chat view's details show
 * it, so a manager can see what was understood.
 */
export const ASK_OPS = [
  'value',
  'list',
  'compare',
  'rank',
  'trend',
  'change',
  'whatif',
  'why',
  'advise',
  'propose',
  'history',
  'status',
  'check',
  'knowhow',
  'outside',
] as const;
export type AskOp = (typeof ASK_OPS)[number];

/** The measures of the floor's model (main/chat/query/measures.ts declares each one's unit, dimensions and engine). */
export const MEASURE_IDS = [
  'remaining',
  'done',
  'arrivals',
  'progress',
  'speed',
  'needed_speed',
  'finish',
  'slack',
  'deadline',
  'missed_deadlines',
  'correction_waiting',
  'headcount',
  'operator_speed',
  'skill',
  'error_lines',
  'incidents',
  'alerts',
  'decisions',
  'attendance',
  'absence',
  'late_arrivals',
  'overtime',
  'forecast_volume',
  'planned_staff',
  'unknown',
] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

export const DIMENSIONS = ['site', 'process', 'business', 'operator', 'service', 'host', 'level', 'hour', 'day'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const STATUS_FILTERS = ['late', 'at_risk', 'on_track', 'done'] as const;
export const AGAINST = ['usual', 'yesterday', 'last_week'] as const;

/**
 * Named times. Every time stays relative to the moment asked, so a query means the same whenever it is replayed against
 * its `--now`: day_after_tomorrow, next_week (its working days), this/last/next_month (calendar months).
 */
export const TIME_PRESETS = [
  'now',
  'today',
  'yesterday',
  'last_night',
  'this_morning',
  'this_afternoon',
  'since_lunch',
  'last_hour',
  'this_week',
  'last_week',
  'tomorrow',
  'day_after_tomorrow',
  'next_week',
  'this_month',
  'last_month',
  'next_month',
] as const;
export const WEEKDAY_TOKENS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/**
 * Patterns, declared once: ago_2d (the one day 2 days before today: 一昨日, "the day before yesterday"), last_3h, last_7d, since_14 (since 14:00 today; since_13m50 since 13:50), by_17 (by 17:00 today), at_12 (the moment 12:00 today, at_12m30 12:30: 「12時時点」「正午」 "at noon"), hours_9-12 (9:00 to 12:00
 * today); last_3m (this month
 * and the 2 calendar months before it), next_5wd (the next 5 working days), month_start_3 (a month's first 3 working
 * days: the 医療レセプト peak); a weekday: this_fri (this week's), next_mon (next week's), last_fri (last week's), from_mon (since the last Monday,
 * up to today: «since Monday», 「月曜から」), on_mon
 * (the nearest: ahead for a forecast or a plan, back for records); date_10-27 (month-day, in the year nearest the moment asked);
 * dates_10-01_10-10 (10/1 to 10/10, both included: its end in the year nearest the moment asked, its start the last such day
 * before it); month_09 (a calendar month named: 「9月」 "September", the last one begun for records, the next for a forecast);
 * dom_28 (a day named by its day of month alone: the 28th of the nearest month that has one, ahead for a forecast or a plan,
 * back for records), dom_28_tue (with the weekday named beside it: 「28日（火）」 "Tuesday the 28th", checked against the day),
 * dom_01_past (named in a question about what was, «how did the first of the month go?»: the last such day up to today).
 * 「月別」 is a span of months answered month by month (the last 6 when none is named), and 「今月と先月」「先月と比べて」
 * is last_2m: the two months side by side, so neither needs a dimension or a comparison of its own.
 */
export const TIME_PATTERN =
  /^(?:ago_\d{1,2}d|last_\d{1,3}h|last_\d{1,2}d|since_\d{1,2}(?:m[0-5]\d)?|by_\d{1,2}|at_\d{1,2}(?:m[0-5]\d)?|hours_\d{1,2}-\d{1,2}|last_(?:[1-9]|1\d|2[0-4])m|next_(?:[1-9]|1\d|20)wd|month_start_(?:[1-9]|1\d)|(?:this|next|last|on|past|from)_(?:sun|mon|tue|wed|thu|fri|sat)|date_(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|dates_(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])_(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|month_(?:0[1-9]|1[0-2])|dom_(?:0[1-9]|[12]\d|3[01])(?:_(?:sun|mon|tue|wed|thu|fri|sat|past))?)$/;
const timeSchema = z.union([z.enum(TIME_PRESETS), z.string().regex(TIME_PATTERN)]);
export type AskTime = z.infer<typeof timeSchema>;

const names = z.array(z.string().min(1).max(80)).max(8);

export const moveSchema = z.union([
  z.object({
    count: z.number().int().min(1).max(200),
    from: z.string().min(1).max(80).nullable().optional(),
    to: z.string().min(1).max(80).nullable().optional(),
    process: z.string().min(1).max(80).nullable().optional(),
    /** The business people leave, when they move between two businesses (「医療のエントリ1からSSのエントリ1に」); `business` holds both. */
    fromBusiness: z.string().min(1).max(80).nullable().optional(),
    /** The process people leave, named with the site they leave (「盛岡の検証から」, "from Osaka's Verification"). */
    fromProcess: z.string().min(1).max(80).nullable().optional(),
    /** The local time today they go back («until 16:00», 「16時まで」): the move lasts until then, not for the rest of the day. */
    until: z
      .string()
      .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/)
      .nullable()
      .optional(),
  }),
  z.object({ speed: z.number().positive().max(10_000) }),
  /** Items added to a line's work now (「あと500件来たら」, "if another 500 land"). */
  z.object({ items: z.number().int().min(1).max(1_000_000) }),
  /** The work stops for this many minutes from now (「1時間止まったら」, "stops for 30 min"); null: for the rest of the day (「この後止まったら」). */
  z.object({ stopMinutes: z.number().int().min(1).max(1_440).nullable() }),
]);
export type AskMove = z.infer<typeof moveSchema>;

/**
 * What a question about a day's plan asks it to assume or respect: more or less work, more people off, no cross-site
 * help, only some sites, a person kept on a process. Read from the words once (planConditionsOf), carried by the query.
 */
export const planConditionsSchema = z.strictObject({
  /** Every forecast multiplied by this (1.2: a fifth more work). */
  volumeFactor: z.number().min(0).max(5).optional(),
  /** This many more people off, at one site or anywhere. */
  moreOff: z.strictObject({ count: z.number().int().min(1).max(999), site: z.string().min(1).max(80).nullable() }).optional(),
  /** Each site staffs its own work. */
  noCrossSite: z.boolean().optional(),
  /** Only these sites: their people and their work. */
  sites: z.array(z.string().min(1).max(80)).max(8).optional(),
  /** People kept on one process all day. */
  keep: z
    .array(z.strictObject({ name: z.string().min(1).max(80), process: z.string().min(1).max(80) }))
    .max(8)
    .optional(),
});

type PlanConditionsInput = z.infer<typeof planConditionsSchema>;

/** The most members a ranking names («rank the sites» with no number ranks this many: every one there is). */
export const RANK_MOST = 50;

/**
 * What about the measure a question asks, beyond its value: how many (「何人」), who (「誰」), how good a forecast has been
 * (「予測の精度」), whether something may be done (「任せてもいい？」), whether it holds of
 * everyone (「全員遅れずに来た？」: none of them late), how long people have done the work rather than their level
 * (「一番経験長いのは？」). Engines answer these from the query, never from the text.
 */
export const ASKS = ['count', 'names', 'accuracy', 'permission', 'settled', 'everyone', 'experience', 'average'] as const;
export type AskAspect = (typeof ASKS)[number];

/**
 * A query with every default filled in: what the planner reads and `--json` prints (`fullQuery`
 * makes one). The one declaration of the query's shape: its type, the input schema below and the
 * scored fields are derived from it.
 */
export const fullQuerySchema = z.object({
  op: z.enum(ASK_OPS),
  measure: z.enum(MEASURE_IDS).nullable(),
  site: names,
  process: names,
  business: names,
  operator: names,
  service: names,
  /** Hosts of the logs named (ocr-sapporo-01): a filter of the log measures, like a service. */
  host: names,
  level: z.number().int().min(1).max(5).nullable(),
  /** At least this many months of experience on the process (「経験2年以上」 is 24). */
  experience: z.number().int().min(1).max(600).nullable(),
  /** Under this many months of experience (「経験6ヶ月未満」「新人」 under 6, "under 2 years" 24): on the process named, else on every one. */
  experienceUnder: z.number().int().min(1).max(600).nullable(),
  status: z.enum(STATUS_FILTERS).nullable(),
  by: z.enum(DIMENSIONS).nullable(),
  time: timeSchema.nullable(),
  rank: z.object({ order: z.enum(['top', 'bottom']), n: z.number().int().min(1).max(RANK_MOST) }).nullable(),
  against: z.enum(AGAINST).nullable(),
  move: moveSchema.nullable(),
  /** Sites people must not be taken from (「盛岡からは出さないで」, "don't take anyone from Morioka"): a proposal leaves their people out. */
  notFrom: names,
  /**
   * Sites people are to come from (「佐世保から札幌に応援出すなら誰？」 "who can Sasebo send to Sapporo?"): a proposal takes only
   * their people, and the site it helps is the other one named.
   */
  from: names,
  /** People the manager asked to leave out of a move (「坂本さんは外して」, "but not Ueno"): never proposed; not in `operator`. */
  notWho: names,
  asks: z.array(z.enum(ASKS)).max(ASKS.length),
  /** The day's plan conditions the question sets (「拠点間の移動なしで」「物量が2割増えたら」), or null. */
  conditions: planConditionsSchema.nullable(),
});
export type AskQuery = z.infer<typeof fullQuerySchema>;

/** The query as written in a request set or produced by a parser: every field but the operation may be left out. */
export const askQuerySchema = fullQuerySchema.partial().required({ op: true });
export type AskQueryInput = z.infer<typeof askQuerySchema>;

/** The fields a query is scored on, field by field (`genba eval ask`). */
export const QUERY_FIELDS = fullQuerySchema.keyof().options;
export type QueryField = (typeof QUERY_FIELDS)[number];
/** Fields added after the labelled sets were written: scored only on the lines that state them. */
export const LATER_FIELDS: ReadonlySet<QueryField> = new Set<QueryField>(['asks', 'conditions', 'from', 'notWho', 'experienceUnder']);

/** Every default filled in; lists sorted so that two queries compare by value. */
export function fullQuery(q: AskQueryInput): AskQuery {
  const list = (x: string[] | undefined): string[] => [...new Set(x ?? [])].sort();
  return {
    op: q.op,
    measure: q.measure ?? null,
    site: list(q.site),
    process: list(q.process),
    business: list(q.business),
    operator: list(q.operator),
    service: list(q.service),
    host: list(q.host),
    level: q.level ?? null,
    experience: q.experience ?? null,
    experienceUnder: q.experienceUnder ?? null,
    status: q.status ?? null,
    by: q.by ?? null,
    time: q.time ?? null,
    rank: q.rank ?? null,
    against: q.against ?? null,
    move: q.move
      ? !('count' in q.move)
        ? { ...q.move }
        : {
            count: q.move.count,
            from: q.move.from ?? null,
            to: q.move.to ?? null,
            process: q.move.process ?? null,
            ...(q.move.fromBusiness ? { fromBusiness: q.move.fromBusiness } : {}),
            ...(q.move.fromProcess ? { fromProcess: q.move.fromProcess } : {}),
            ...(q.move.until ? { until: q.move.until } : {}),
          }
      : null,
    notFrom: list(q.notFrom),
    from: list(q.from),
    notWho: list(q.notWho),
    asks: ASKS.filter((a) => q.asks?.includes(a)),
    conditions: inSchemaOrder(q.conditions),
  };
}

/** Conditions with their keys in the schema's order (so that two compare by value), or null when they set nothing. */
function inSchemaOrder(c: PlanConditionsInput | null | undefined): PlanConditionsInput | null {
  if (!c) return null;
  const out = Object.fromEntries(planConditionsSchema.keyof().options.flatMap((k) => (c[k] === undefined ? [] : [[k, c[k]]])));
  return Object.keys(out).length > 0 ? (out as PlanConditionsInput) : null;
}
