import { defaultConfig } from '../../../../main/config/config.js';
import { describe, expect, it } from 'vitest';
import { askQuerySchema } from '../../../../main/api/askQuery.js';
import { engineFor } from '../../../../main/chat/engineFor.js';
import { aheadDay, askedDay } from '../../../../main/chat/query/aheadDay.js';
import { parseQuery } from '../../../../main/chat/query/parseQuery.js';
import { createNameFinder } from '../../../../main/chat/query/queryNames.js';
import { queryWindow } from '../../../../main/chat/query/queryWindow.js';
import { monthDayOf, timeSpan } from '../../../../main/chat/query/timeSpan.js';
import { weekdayMismatch } from '../../../../main/chat/query/weekdayMismatch.js';

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
  { Shinagawa: '品川', Osaka: '大阪' },
);
const read = (q: string) => parseQuery(q, find(q)).query;

// Thursday 2025-10-23, the demo's afternoon: the 27th is a Monday, the 28th a Tuesday.
const TODAY = '2025-10-23';
const NOW = Date.parse('2025-10-23T15:40+09:00');
const DAY_START = Date.parse('2025-10-23T08:00+09:00');
const TZ = 'Asia/Tokyo';

/** A day named by its day of month, with or without its weekday, as managers ask it (the blind tester's "Tuesday the 28th"). */
describe('timeOf: a day of month', () => {
  const cases: [string, string][] = [
    ['品川で28日（火）に出勤予定なのは誰？', 'dom_28_tue'],
    ['28日(火)の品川の配置計画は？', 'dom_28_tue'],
    ['28日の火曜の物量予測は？', 'dom_28_tue'],
    ['28日火曜日の出勤予定', 'dom_28_tue'],
    ['火曜の28日の品川の配置は？', 'dom_28_tue'],
    ['火曜日、28日の物量は？', 'dom_28_tue'],
    ['28日の品川の配置計画は？', 'dom_28'],
    ['21日の品川の出勤状況', 'dom_21'],
    ['13日って何があった？', 'dom_13_past'],
    ['１５日の横浜の障害、どれくらい続いた？', 'dom_15'],
    ['Who is scheduled at Shinagawa on Tuesday the 28th?', 'dom_28_tue'],
    ['Who is scheduled at Shinagawa on the 28th?', 'dom_28'],
    ['What is the forecast for the 28th?', 'dom_28'],
    ['Staffing plan for Tue 28 at Shinagawa', 'dom_28_tue'],
    ['Tuesday 28th forecast for Osaka', 'dom_28_tue'],
    ['Plan for the 28th (Tue)?', 'dom_28_tue'],
    ['How did we do on the 21st? Any deadlines missed?', 'dom_21_past'],
    // The first of the month is its day 1; in a question about what was, the last one.
    ['How did the first of the month go?', 'dom_01_past'],
    ['How did the 14th go?', 'dom_14_past'],
    ['What is the forecast for the 1st of the month?', 'dom_01'],
    ['Friday the 17th — what was the Morioka OCR thing?', 'dom_17_fri'],
    ['what happened on the 6th? lots of misses?', 'dom_06_past'],
  ];
  for (const [q, time] of cases)
    it(`${q} → ${time}`, () => {
      const query = read(q);
      expect(query.time).toBe(time);
      expect(askQuerySchema.shape.time.safeParse(query.time).success).toBe(true);
    });

  it('a date with its month stays a date, the weekday beside it included', () => {
    expect(read('10月28日の品川の配置は？').time).toBe('date_10-28');
    expect(read('１０月２８日（火）の品川の配置は？').time).toBe('date_10-28');
    expect(read('10/28の物量予測は？').time).toBe('date_10-28');
    expect(read('What is the forecast for Oct 28?').time).toBe('date_10-28');
    expect(read('Who is scheduled on Tuesday, October 28?').time).toBe('date_10-28');
    expect(read('Forecast for the 28th of October').time).toBe('date_10-28');
    expect(read('How did October 1st go?').time).toBe('date_10-01');
  });

  it('a number that counts is no day: items, people, days, ranks, a month’s second Monday, a clock time', () => {
    expect(read('品川の残件は28件？').time).toBeNull();
    expect(read('28 people in Shinagawa?').time).toBeNull();
    expect(read('28人以上出勤してる？').time).toBeNull();
    expect(read('3日間の推移').time).toBeNull();
    // Days back are that one day, not the 2nd of a month.
    expect(read('2日前の欠勤').time).toBe('ago_2d');
    expect(read('一昨日の欠勤').time).toBe('ago_2d');
    expect(read('absences 3 days ago').time).toBe('ago_3d');
    expect(read('1日あたりの処理件数は？').time).toBeNull();
    expect(read('あと3日で終わる？').time).toBeNull();
    expect(read('有給3日の人は？').time).toBeNull();
    expect(read('who is the 3rd fastest operator?').time).toBeNull();
    expect(read('Friday 5 errors?').time).toBe('on_fri');
    expect(read('the 2nd Monday of the month').time).toBe('on_mon');
    expect(read('on Monday 10:00').time).toBe('on_mon');
    expect(read('過去28日の欠勤').time).toBe('last_28d');
  });
});

describe('a day of month resolved against the moment asked', () => {
  it('the nearest month that has the day: ahead for a forecast or a plan, back for records', () => {
    expect(monthDayOf('dom_28', TODAY, 'ahead')?.date).toBe('2025-10-28');
    expect(monthDayOf('dom_28', TODAY, 'past')?.date).toBe('2025-09-28');
    expect(monthDayOf('dom_06', TODAY, 'past')?.date).toBe('2025-10-06');
    expect(monthDayOf('dom_06', TODAY, 'ahead')?.date).toBe('2025-11-06');
    expect(monthDayOf('dom_23', TODAY, 'ahead')?.date).toBe(TODAY);
    expect(monthDayOf('dom_23', TODAY, 'past')?.date).toBe(TODAY);
    // The 31st skips the months without one; the 30th skips February.
    expect(monthDayOf('dom_31', '2025-11-05', 'ahead')?.date).toBe('2025-12-31');
    expect(monthDayOf('dom_31', '2025-10-30', 'past')?.date).toBe('2025-08-31');
    expect(monthDayOf('dom_30', '2026-02-01', 'ahead')?.date).toBe('2026-03-30');
    expect(monthDayOf('dom_05', '2025-12-28', 'ahead')?.date).toBe('2026-01-05');
    expect(monthDayOf('date_10-28', TODAY, 'ahead')).toBeNull();
    // Named in a question about what was: back, whichever way the caller leans.
    expect(monthDayOf('dom_28_past', TODAY, 'ahead')?.date).toBe('2025-09-28');
    expect(monthDayOf('dom_01_past', TODAY, 'nearest')?.date).toBe('2025-10-01');
  });

  it('a weekday named with it picks the month where the day is that weekday, within a month either way', () => {
    // 9/28 is a Sunday: records of "Tuesday the 28th" are the Tuesday, 10/28.
    expect(monthDayOf('dom_28_tue', TODAY, 'past')).toEqual({ date: '2025-10-28', weekday: 2, fits: true });
    expect(monthDayOf('dom_28_tue', TODAY, 'ahead')).toEqual({ date: '2025-10-28', weekday: 2, fits: true });
    // 10/25 is a Saturday, 9/25 a Thursday.
    expect(monthDayOf('dom_25_thu', TODAY, 'ahead')).toEqual({ date: '2025-09-25', weekday: 4, fits: true });
    // 9/27 Saturday, 10/27 Monday, 11/27 Thursday: no Tuesday the 27th near.
    expect(monthDayOf('dom_27_tue', TODAY, 'ahead')).toEqual({ date: '2025-10-27', weekday: 2, fits: false });
  });

  it('a day of month is a day span with its words; a month-day keeps its year rule', () => {
    expect(timeSpan('dom_28_tue', TODAY, 'ahead')).toEqual({
      from: '2025-10-28',
      to: '2025-10-28',
      label: { ja: '火曜28日（10/28）', en: 'Tuesday the 28th (10/28)' },
      months: false,
    });
    expect(timeSpan('dom_21', TODAY, 'past')?.label).toEqual({ ja: '火曜21日（10/21）', en: 'Tuesday the 21st (10/21)' });
    expect(timeSpan('date_01-05', '2025-12-28', 'past')?.from).toBe('2026-01-05');
    expect(timeSpan('date_10-28', TODAY, 'past')?.from).toBe('2025-10-28');
    expect(timeSpan('date_02-29', '2025-06-01', 'ahead')?.from).toBe('2024-02-29');
    expect(timeSpan('date_02-29', '2027-12-01', 'ahead')?.from).toBe('2028-02-29');
    // Since a weekday: from its last one up to today (the day itself on that weekday).
    expect(timeSpan('from_mon', TODAY, 'past')).toMatchObject({ from: '2025-10-20', to: '2025-10-23' });
    expect(timeSpan('from_thu', TODAY, 'past')).toMatchObject({ from: '2025-10-23', to: '2025-10-23' });
    expect(timeSpan('from_fri', TODAY, 'past')).toMatchObject({ from: '2025-10-17', to: '2025-10-23' });
  });
});

describe('"Who is scheduled at Shinagawa on Tuesday the 28th?" asked on Thursday 2025-10-23', () => {
  it('is the plan of Tuesday 2025-10-28, not of Tuesday the 21st', () => {
    for (const q of ['Who is scheduled at Shinagawa on Tuesday the 28th?', '品川で28日（火）に出勤予定なのは誰？']) {
      const query = read(q);
      expect(query.site).toEqual(['品川']);
      expect(query.time).toBe('dom_28_tue');
      expect(askedDay(query.time, TODAY)).toBe('2025-10-28');
      expect(aheadDay(query.time, TODAY)).toBe('2025-10-28');
      const w = queryWindow(query.time, { now: NOW, dayStart: DAY_START, timeZone: TZ, workday: WORKDAY });
      expect([w.from, w.to, w.ahead]).toEqual([Date.parse('2025-10-28T00:00+09:00'), Date.parse('2025-10-29T00:00+09:00'), true]);
      expect(weekdayMismatch(query.time, TODAY, 'en')).toBeNull();
    }
    // Who is scheduled is the staffing plan of that day.
    const en = read('Who is scheduled at Shinagawa on Tuesday the 28th?');
    expect(en.measure).toBe('planned_staff');
    expect(engineFor(en, TODAY)).toBe('plan');
  });

  it('a weekday the day does not fall on is said in the manager’s language, not resolved to either', () => {
    const en = read('Who is scheduled at Shinagawa on Tuesday the 27th?');
    expect(en.time).toBe('dom_27_tue');
    expect(weekdayMismatch(en.time, TODAY, 'en')).toBe(
      'October 27 is a Monday, not a Tuesday (nor is that day a Tuesday in the month before or after). Please check the date or the weekday and ask again.',
    );
    const ja = read('品川で27日（火）に出勤予定なのは誰？');
    expect(ja.time).toBe('dom_27_tue');
    expect(weekdayMismatch(ja.time, TODAY, 'ja')).toBe(
      '10月27日は月曜日で、火曜日ではありません（前後の月の27日も火曜日ではありません）。日付か曜日を確かめて、もう一度お尋ねください。',
    );
    // A day without a weekday, or another time, has nothing to say.
    expect(weekdayMismatch('dom_27', TODAY, 'en')).toBeNull();
    expect(weekdayMismatch('on_tue', TODAY, 'en')).toBeNull();
    expect(weekdayMismatch(null, TODAY, 'ja')).toBeNull();
  });
});
