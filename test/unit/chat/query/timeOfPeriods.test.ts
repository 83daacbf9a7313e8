import { defaultConfig } from '../../../../main/config/config.js';
import { describe, expect, it } from 'vitest';
import { askQuerySchema } from '../../../../main/api/askQuery.js';
import { parseQuery } from '../../../../main/chat/query/parseQuery.js';
import { createNameFinder } from '../../../../main/chat/query/queryNames.js';
import { queryWindow } from '../../../../main/chat/query/queryWindow.js';
import { timeSpan, workingDaysIn } from '../../../../main/chat/query/timeSpan.js';

/** The working day's hours as a default config has them. */
const WORKDAY = defaultConfig().planning.workday;

const find = createNameFinder(
  {
    sites: ['札幌', '盛岡', '品川', '横浜', '大阪', '佐世保'],
    processes: ['エントリ1', 'エントリ2', '検証', '補正'],
    businessIds: [],
    operators: [],
    services: [],
    hosts: [],
  },
  {},
);
const read = (q: string) => parseQuery(q, find(q)).query;

/** Days, weekdays, dates, weeks and months ahead and behind, as managers of the claims-entry floor ask them. */
describe('timeOf: days and periods beyond today and this week', () => {
  const cases: [string, string | null][] = [
    ['明後日の札幌の物量は？', 'day_after_tomorrow'],
    ['あさっての出勤予定は？', 'day_after_tomorrow'],
    ['What is the forecast for the day after tomorrow?', 'day_after_tomorrow'],
    ['来週月曜の医療レセプトの物量は？', 'next_mon'],
    ['来週の月曜日の配置計画は？', 'next_mon'],
    ['今週金曜の出勤予定は？', 'this_fri'],
    ['先週金曜の欠勤者は？', 'last_fri'],
    ['月曜日の欠勤者は？', 'on_mon'],
    ['きんようびの物量は？', 'on_fri'],
    ['What is the forecast volume for next Monday?', 'next_mon'],
    // Asked in the past tense: the last Friday before today.
    ['Who was absent on Friday?', 'past_fri'],
    // Since a weekday: from the last one up to now, not that day alone.
    ['Since Monday, 札幌で休んだ人何人？', 'from_mon'],
    ['月曜から札幌で休んだ人は何人？', 'from_mon'],
    ['How many errors since Tuesday?', 'from_tue'],
    ['10/27の物量予測は？', 'date_10-27'],
    // The day before its month, with no ordinal; "may" after a number stays a verb.
    ['what happened on 17 Oct?', 'date_10-17'],
    ['3 may be late, which lines?', null],
    // "on the 16th" whatever word follows it.
    ['Did the DB outage on the 16th make Sasebo miss anything?', 'dom_16_past'],
    ['１０月２７日の札幌の物量は？', 'date_10-27'],
    ['What is the forecast for Oct 28?', 'date_10-28'],
    ['来週の物量は？', 'next_week'],
    ['Forecast for next week per site', 'next_week'],
    ['今月の残業は？', 'this_month'],
    ['先月の残業時間は？', 'last_month'],
    ['Overtime last month by site', 'last_month'],
    ['来月の出勤予定は？', 'next_month'],
    ['過去3ヶ月の欠勤率は？', 'last_3m'],
    ['直近３カ月の欠勤率', 'last_3m'],
    ['ここ半年の欠勤率の推移', 'last_6m'],
    ['Absence rate over the last 3 months', 'last_3m'],
    ['過去1か月の残業は？', 'last_30d'],
    ['月別の欠勤率の推移', 'last_6m'],
    ['absence trend by month', 'last_6m'],
    ['過去3ヶ月の月別の残業', 'last_3m'],
    ['今月の残業、先月と比べてどう？', 'last_2m'],
    ['Overtime this month vs last month', 'last_2m'],
    ['今月と先月の欠勤率', 'last_2m'],
    ['今後5営業日の物量予測は？', 'next_5wd'],
    ['Forecast for the next 5 working days', 'next_5wd'],
    ['月初3営業日の医療レセプトの物量は？', 'month_start_3'],
    ['月初の物量は？', 'month_start_5'],
    ['first 3 working days of the month forecast', 'month_start_3'],
    // A span of dates, both ends included; its end's month is the start's when it names none.
    ['Sapporo arrivals from 10/1 to 10/10', 'dates_10-01_10-10'],
    ['10/1〜10/10の札幌の入荷', 'dates_10-01_10-10'],
    ['10月1日から10日までの札幌の処理件数', 'dates_10-01_10-10'],
    ['9月29日〜10月3日のエラー', 'dates_09-29_10-03'],
    ['What were arrivals between Oct 1 and Oct 10 for Sapporo?', 'dates_10-01_10-10'],
    ['Sapporo overtime Oct 6-10', 'dates_10-06_10-10'],
    // A calendar month named alone; a date in it, a count of months and «may» the verb are not one.
    ['9月の欠勤率は？', 'month_09'],
    ['absence rate by site in September', 'month_09'],
    ["Show me September's absence rate by site", 'month_09'],
    ['overtime for sept?', 'month_09'],
    ['errors in May', 'month_05'],
    ['3ヶ月の欠勤率', null],
    ['Sapporo may be late', null],
    // A moment of today; a deadline named by its clock time is the line's.
    ['正午時点の札幌の残件は？', 'at_12'],
    ['札幌の残件、12:30時点', 'at_12m30'],
    ['Osaka remaining as of 11:00', 'at_11'],
    ['how far along was sapporo at noon?', 'at_12'],
    ['will sapporo make the 4pm deadline?', null],
    // Whether something happened before: the days kept, not today's alone; «before» a time or a deadline is no such question.
    ['has this OCR thing happened before?', 'last_30d'],
    ['このOCRの障害、前にもあった？', 'last_30d'],
    ['札幌の遅れ、過去にもあった？', 'last_30d'],
    ['can we finish before 16:00?', null],
    ['has sapporo ever finished before the deadline?', null],
    // Hours of the working day said without am or pm are the afternoon's; with am, the night's. A weekday beside tomorrow names it.
    ['between 2 and 3 today how fast was sapporo E1', 'hours_14-15'],
    ['from 2am to 3am errors?', 'hours_2-3'],
    ['errors between 9 and 12', 'hours_9-12'],
    ['明日 Friday、何人出勤予定？', 'tomorrow'],
    ['has sapporo missed SS entry1 before', 'last_30d'],
  ];
  for (const [q, time] of cases)
    it(`${q} → ${time}`, () => {
      const query = read(q);
      expect(query.time).toBe(time);
      expect(askQuerySchema.shape.time.safeParse(query.time).success).toBe(true);
    });

  it('keeps the times it read before', () => {
    expect(read('明日の札幌の物量は？').time).toBe('tomorrow');
    expect(read('先週の残業は？').time).toBe('last_week');
    expect(read('今週のエラー件数の推移').time).toBe('this_week');
    expect(read('過去3時間のエラー').time).toBe('last_3h');
    expect(read('曜日別の欠勤率を教えて').time).toBeNull();
    expect(read('曜日別の欠勤率を教えて').by).toBe('day');
    expect(read('今の札幌の残件は？').time).toBe('now');
  });

  it('a headcount of a day ahead is its roster', () => {
    expect(read('来週月曜は何人出勤する？').measure).toBe('attendance');
  });

  it('the schema refuses a token outside the declared patterns', () => {
    for (const bad of ['next_funday', 'date_13-01', 'last_99m', 'month_start_0', '2025-10-27'])
      expect(askQuerySchema.shape.time.safeParse(bad).success).toBe(false);
  });
});

describe('timeSpan: the dates a token means on Thu 2025-10-23', () => {
  const today = '2025-10-23';
  const span = (t: string, lean: 'ahead' | 'past' = 'ahead') => {
    const s = timeSpan(t, today, lean)!;
    return [s.from, s.to];
  };
  it('days and weekdays', () => {
    expect(span('day_after_tomorrow')).toEqual(['2025-10-25', '2025-10-25']);
    expect(span('next_mon')).toEqual(['2025-10-27', '2025-10-27']);
    expect(span('this_fri')).toEqual(['2025-10-24', '2025-10-24']);
    expect(span('last_fri')).toEqual(['2025-10-17', '2025-10-17']);
    expect(span('on_mon', 'ahead')).toEqual(['2025-10-27', '2025-10-27']);
    expect(span('on_mon', 'past')).toEqual(['2025-10-20', '2025-10-20']);
    expect(span('on_thu', 'ahead')).toEqual(['2025-10-23', '2025-10-23']);
    expect(span('date_10-27')).toEqual(['2025-10-27', '2025-10-27']);
    expect(timeSpan('date_01-05', '2025-12-20', 'ahead')!.from).toBe('2026-01-05');
  });
  it('weeks, months and working days (11/3 文化の日 is a holiday)', () => {
    expect(workingDaysIn(timeSpan('next_week', today, 'ahead')!)).toEqual(['2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31']);
    expect(span('this_month')).toEqual(['2025-10-01', '2025-10-31']);
    expect(span('last_month')).toEqual(['2025-09-01', '2025-09-30']);
    expect(span('last_3m')).toEqual(['2025-08-01', '2025-10-31']);
    expect(span('next_5wd')).toEqual(['2025-10-24', '2025-10-30']);
    expect(workingDaysIn(timeSpan('month_start_3', today, 'ahead')!)).toEqual(['2025-11-04', '2025-11-05', '2025-11-06']);
    expect(workingDaysIn(timeSpan('month_start_3', today, 'past')!)).toEqual(['2025-10-01', '2025-10-02', '2025-10-03']);
    expect(timeSpan('last_12m', '2026-01-15', 'past')!.from).toBe('2025-02-01');
  });
  it('spans of dates and months named: records look back, forecasts ahead', () => {
    expect(span('dates_10-01_10-10')).toEqual(['2025-10-01', '2025-10-10']);
    // Across a new year: the end nearest the moment asked, the start before it.
    expect(timeSpan('dates_12-29_01-05', '2026-01-10', 'past')!.from).toBe('2025-12-29');
    expect(timeSpan('dates_02-30_03-02', today, 'past')).toBeNull();
    expect(span('month_09', 'past')).toEqual(['2025-09-01', '2025-09-30']);
    expect(span('month_10', 'past')).toEqual(['2025-10-01', '2025-10-31']);
    expect(span('month_11', 'past')).toEqual(['2024-11-01', '2024-11-30']);
    expect(span('month_11', 'ahead')).toEqual(['2025-11-01', '2025-11-30']);
    // Further ahead than next month no forecast reaches: the month just gone.
    expect(span('month_09', 'ahead')).toEqual(['2025-09-01', '2025-09-30']);
    expect(timeSpan('month_01', '2025-12-10', 'ahead')!.from).toBe('2026-01-01');
  });
});

describe('queryWindow: a named day or month as a window in ms, cut at now', () => {
  const now = Date.parse('2025-10-23T15:40:00+09:00');
  const dayStart = Date.parse('2025-10-23T00:00:00+09:00');
  it('last month is September in JST; this month ends now; a day ahead has no data', () => {
    const last = queryWindow('last_month', { now, dayStart, timeZone: 'Asia/Tokyo', workday: WORKDAY });
    expect([last.from, last.to, last.ahead]).toEqual([Date.parse('2025-09-01T00:00:00+09:00'), Date.parse('2025-10-01T00:00:00+09:00'), false]);
    expect(queryWindow('this_month', { now, dayStart, timeZone: 'Asia/Tokyo', workday: WORKDAY }).to).toBe(now);
    expect(queryWindow('date_10-20', { now, dayStart, timeZone: 'Asia/Tokyo', workday: WORKDAY }).from).toBe(Date.parse('2025-10-20T00:00:00+09:00'));
    expect(queryWindow('next_mon', { now, dayStart, timeZone: 'Asia/Tokyo', workday: WORKDAY }).ahead).toBe(true);
    expect(queryWindow('day_after_tomorrow', { now, dayStart, timeZone: 'Asia/Tokyo', workday: WORKDAY }).ahead).toBe(true);
  });

  it('counts days and hours on the calendar of a zone with DST: yesterday in New York the day after the clocks went forward', () => {
    const ny = 'America/New_York';
    const monday = Date.parse('2026-03-09T10:00-04:00');
    const mondayStart = Date.parse('2026-03-09T00:00-04:00');
    // Sunday the 8th had 23 hours: 86,400,000 ms before Monday's midnight is 23:00 on Saturday.
    const yesterday = queryWindow('yesterday', { now: monday, dayStart: mondayStart, timeZone: ny, workday: WORKDAY });
    expect([yesterday.from, yesterday.to]).toEqual([Date.parse('2026-03-08T00:00-05:00'), mondayStart]);
    expect(queryWindow('last_7d', { now: monday, dayStart: mondayStart, timeZone: ny, workday: WORKDAY }).from).toBe(Date.parse('2026-03-03T00:00-05:00'));
    const night = queryWindow('last_night', { now: monday, dayStart: mondayStart, timeZone: ny, workday: WORKDAY });
    expect([night.from, night.to]).toEqual([Date.parse('2026-03-08T18:00-04:00'), Date.parse('2026-03-09T09:00-04:00')]);
    // On the 8th itself, 9:00 is 9:00 (not 10:00, as 9 hours after midnight is).
    const sunday = Date.parse('2026-03-08T15:00-04:00');
    expect(queryWindow('hours_9-12', { now: sunday, dayStart: Date.parse('2026-03-08T00:00-05:00'), timeZone: ny, workday: WORKDAY }).from).toBe(
      Date.parse('2026-03-08T09:00-04:00'),
    );
    expect(queryWindow('tomorrow', { now: sunday, dayStart: Date.parse('2026-03-08T00:00-05:00'), timeZone: ny, workday: WORKDAY }).from).toBe(mondayStart);
  });
});
