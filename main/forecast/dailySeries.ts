/**
 * One series of daily work: the items that arrived on each day for one site × business ×
 * process. Only days with a known value are listed: a working day that is absent is
 * unknown (the feed missed it), never zero. Ascending by date, dates `YYYY-MM-DD`.
 */
export interface DailyValue {
  date: string;
  value: number;
}

export interface DailySeries {
  /** What the series is, e.g. `札幌/医療レセプト/エントリ1`. */
  key: string;
  values: DailyValue[];
}
