import { SyncError } from './syncError.js';

/** How the time column reads as epoch ms, and how it compares with a time in epoch ms. */
export interface TimeExpressions {
  ms: string;
  at: (ms: number) => string;
}

/** The largest and how many values of an integer time column. */
export interface IntegerTimes {
  max: number;
  count: number;
}

/**
 * Integer epochs: below this they are seconds, from it on milliseconds. 1e11 seconds is the
 * year 5138 and 1e11 milliseconds is March 1973, so no log time is ambiguous.
 */
const MILLIS_FROM = 1e11;
/** Below this an integer is no log time in either unit (1e8 s is March 1973; 1e8 ms is the second day of 1970). */
const PLAUSIBLE_FROM = 1e8;
/** From this on not milliseconds either (the year 5138): microseconds and nanoseconds land here. */
const PLAUSIBLE_TO = 1e14;

const bareType = (type: string): string => type.replace(/^Nullable\((.*)\)$/, '$1');

/** Whether the column's unit has to be read from its values (an integer type). */
export function isIntegerTime(type: string): boolean {
  return /^U?Int(32|64)$/.test(bareType(type));
}

/**
 * The expressions for a time column by its ClickHouse type, and for an integer column by its
 * values: a column of epoch seconds read as milliseconds would match no line, and the
 * watermark would move on over all of them. What cannot be a log time is refused with the
 * column named, before anything is pulled.
 */
export function clickhouseTimeColumn(column: string, name: string, type: string, values: IntegerTimes | null, where: string): TimeExpressions {
  const bare = bareType(type);
  if (/^DateTime64/.test(bare)) {
    return { ms: `toUnixTimestamp64Milli(${column})`, at: (ms) => `toDateTime64(${(ms / 1000).toFixed(3)}, 3)` };
  }
  if (/^DateTime/.test(bare)) return { ms: `(toUInt64(toUnixTimestamp(${column})) * 1000)`, at: (ms) => `toDateTime(${Math.floor(ms / 1000)})` };
  if (!isIntegerTime(type)) {
    throw new SyncError('SOURCE_TIME_COLUMN', {
      ja: `ログストア（ClickHouse ${where}）の時刻の列「${name}」は ${type} 型で、時刻として読めません。DateTime・DateTime64 か、エポック秒またはエポックミリ秒の整数（UInt32・Int64 など）の列を logs.columns.ts に指定してください（文字列の時刻なら、それを DateTime にした列を ClickHouse に足して指定します）。`,
      en: `The time column "${name}" on ClickHouse ${where} is of type ${type}, which Genba cannot read as a time. Set logs.columns.ts to a DateTime, DateTime64 or integer epoch seconds or milliseconds column (UInt32, Int64, …); for times written as text, add a DateTime column computed from them in ClickHouse and name that one.`,
    });
  }
  // An empty table says nothing about the unit, and there is nothing to read yet: the next sync decides.
  if (values === null || values.count === 0 || (values.max >= MILLIS_FROM && values.max < PLAUSIBLE_TO)) {
    return { ms: `toUInt64(${column})`, at: (ms) => String(Math.floor(ms)) };
  }
  if (values.max >= PLAUSIBLE_FROM && values.max < MILLIS_FROM) {
    return { ms: `(toInt64(${column}) * 1000)`, at: (ms) => String(Math.floor(ms / 1000)) };
  }
  throw new SyncError('SOURCE_TIME_COLUMN', {
    ja: `ログストア（ClickHouse ${where}）の時刻の列「${name}」（${type} 型）の値（最大 ${values.max}）は、エポック秒でもエポックミリ秒でもありません。logs.columns.ts に指定した列を確認してください。`,
    en: `The time column "${name}" (${type}) on ClickHouse ${where} holds values (up to ${values.max}) that are neither epoch seconds nor epoch milliseconds. Check the column named in logs.columns.ts.`,
  });
}
