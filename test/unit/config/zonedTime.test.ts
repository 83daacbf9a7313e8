import { afterEach, describe, expect, it } from 'vitest';
import { HOURS_24_MS } from '../../../main/api/durations.js';
import { addZonedDays, localDate, startOfZonedDay, wallClock, zonedDaysBetween, zonedEpoch, zoneOffsetMs } from '../../../main/config/zonedTime.js';

const HOUR = 3_600_000;
/** An instant written with its offset, so each expectation says which side of the change it is on. */
const t = (iso: string): number => Date.parse(iso);

const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';
const LORD_HOWE = 'Australia/Lord_Howe';
const TOKYO = 'Asia/Tokyo';

describe('calendar days in the company zone', () => {
  describe('America/New_York: the clocks go forward on 2026-03-08 (a 23-hour day) and back on 2026-11-01 (25 hours)', () => {
    it('starts a day at its local midnight, on the short and the long day', () => {
      expect(startOfZonedDay(t('2026-03-08T15:00-04:00'), NEW_YORK)).toBe(t('2026-03-08T00:00-05:00'));
      expect(startOfZonedDay(t('2026-11-01T15:00-05:00'), NEW_YORK)).toBe(t('2026-11-01T00:00-04:00'));
      // The days are 23 and 25 hours long.
      expect(startOfZonedDay(t('2026-03-08T12:00-04:00'), NEW_YORK, 1) - startOfZonedDay(t('2026-03-08T12:00-04:00'), NEW_YORK)).toBe(23 * HOUR);
      expect(startOfZonedDay(t('2026-11-01T12:00-05:00'), NEW_YORK, 1) - startOfZonedDay(t('2026-11-01T12:00-05:00'), NEW_YORK)).toBe(25 * HOUR);
    });

    it('keeps the wall time N days back across the change: 23 h or 25 h of elapsed time for a day', () => {
      const sunday = t('2026-03-08T15:00-04:00');
      expect(addZonedDays(sunday, -1, NEW_YORK)).toBe(t('2026-03-07T15:00-05:00'));
      expect(sunday - addZonedDays(sunday, -1, NEW_YORK)).toBe(23 * HOUR);
      // 86,400,000 ms back would say 14:00 on Saturday.
      expect(wallClock(sunday - HOURS_24_MS, NEW_YORK).hour).toBe(14);
      const autumn = t('2026-11-01T15:00-05:00');
      expect(addZonedDays(autumn, -1, NEW_YORK)).toBe(t('2026-10-31T15:00-04:00'));
      expect(autumn - addZonedDays(autumn, -1, NEW_YORK)).toBe(25 * HOUR);
      // The same time a week ago, and a week ahead.
      expect(addZonedDays(t('2026-03-10T09:00-04:00'), -7, NEW_YORK)).toBe(t('2026-03-03T09:00-05:00'));
      expect(addZonedDays(t('2026-10-28T09:00-04:00'), 7, NEW_YORK)).toBe(t('2026-11-04T09:00-05:00'));
    });

    it('gives the start of the day N days before, and counts the days between two instants', () => {
      expect(startOfZonedDay(t('2026-03-09T10:00-04:00'), NEW_YORK, -1)).toBe(t('2026-03-08T00:00-05:00'));
      expect(startOfZonedDay(t('2026-03-10T10:00-04:00'), NEW_YORK, -7)).toBe(t('2026-03-03T00:00-05:00'));
      expect(startOfZonedDay(t('2026-11-02T10:00-05:00'), NEW_YORK, -2)).toBe(t('2026-10-31T00:00-04:00'));
      expect(zonedDaysBetween(t('2026-03-07T23:30-05:00'), t('2026-03-08T00:30-05:00'), NEW_YORK)).toBe(1);
      expect(zonedDaysBetween(t('2026-03-08T00:00-05:00'), t('2026-03-08T23:59-04:00'), NEW_YORK)).toBe(0);
      expect(zonedDaysBetween(t('2026-10-31T12:00-04:00'), t('2026-11-01T12:00-05:00'), NEW_YORK)).toBe(1);
      expect(zonedDaysBetween(t('2026-11-01T23:30-05:00'), t('2026-10-25T00:00-04:00'), NEW_YORK)).toBe(-7);
      // 25 hours apart across the change, and still one day: elapsed time divided by 24 h would say 1.04.
      expect(zonedDaysBetween(t('2026-10-31T23:00-04:00'), t('2026-11-01T23:00-05:00'), NEW_YORK)).toBe(1);
    });

    it('places a skipped wall time after the gap, and a repeated one at its first instance', () => {
      expect(zonedEpoch(NEW_YORK, 2026, 3, 8, 2, 30)).toBe(t('2026-03-08T03:30-04:00'));
      expect(addZonedDays(t('2026-03-07T02:30-05:00'), 1, NEW_YORK)).toBe(t('2026-03-08T03:30-04:00'));
      expect(zonedEpoch(NEW_YORK, 2026, 11, 1, 1, 30)).toBe(t('2026-11-01T01:30-04:00'));
    });

    it('reads the local date and the offset on either side of the change', () => {
      expect(localDate(t('2026-03-08T23:30-04:00'), NEW_YORK)).toBe('2026-03-08');
      expect(localDate(t('2026-11-01T23:30-05:00'), NEW_YORK)).toBe('2026-11-01');
      expect(zoneOffsetMs(t('2026-03-08T01:00-05:00'), NEW_YORK)).toBe(-5 * HOUR);
      expect(zoneOffsetMs(t('2026-03-08T03:00-04:00'), NEW_YORK)).toBe(-4 * HOUR);
    });
  });

  it('Europe/London: a 23-hour day on 2026-03-29 and a 25-hour one on 2026-10-25', () => {
    expect(startOfZonedDay(t('2026-03-29T12:00+01:00'), LONDON)).toBe(t('2026-03-29T00:00Z'));
    expect(startOfZonedDay(t('2026-03-29T12:00+01:00'), LONDON, 1) - startOfZonedDay(t('2026-03-29T12:00+01:00'), LONDON)).toBe(23 * HOUR);
    expect(addZonedDays(t('2026-03-30T08:00+01:00'), -7, LONDON)).toBe(t('2026-03-23T08:00Z'));
    expect(t('2026-03-30T08:00+01:00') - addZonedDays(t('2026-03-30T08:00+01:00'), -7, LONDON)).toBe(7 * HOURS_24_MS - HOUR);
    expect(addZonedDays(t('2026-10-25T12:00Z'), -1, LONDON)).toBe(t('2026-10-24T12:00+01:00'));
    expect(t('2026-10-25T12:00Z') - addZonedDays(t('2026-10-25T12:00Z'), -1, LONDON)).toBe(25 * HOUR);
    expect(zonedDaysBetween(t('2026-10-24T23:59+01:00'), t('2026-10-25T00:00+01:00'), LONDON)).toBe(1);
  });

  it('Australia/Lord_Howe: the clocks move by half an hour (2026-04-05 back to +10:30, 2026-10-04 on to +11)', () => {
    expect(zoneOffsetMs(t('2026-04-05T12:00+10:30'), LORD_HOWE)).toBe(10.5 * HOUR);
    expect(zoneOffsetMs(t('2026-10-04T12:00+11:00'), LORD_HOWE)).toBe(11 * HOUR);
    expect(startOfZonedDay(t('2026-04-05T12:00+10:30'), LORD_HOWE)).toBe(t('2026-04-05T00:00+11:00'));
    expect(startOfZonedDay(t('2026-04-05T12:00+10:30'), LORD_HOWE, 1) - startOfZonedDay(t('2026-04-05T12:00+10:30'), LORD_HOWE)).toBe(24.5 * HOUR);
    expect(startOfZonedDay(t('2026-10-04T12:00+11:00'), LORD_HOWE, 1) - startOfZonedDay(t('2026-10-04T12:00+11:00'), LORD_HOWE)).toBe(23.5 * HOUR);
    expect(addZonedDays(t('2026-04-05T12:30+10:30'), -1, LORD_HOWE)).toBe(t('2026-04-04T12:30+11:00'));
    expect(addZonedDays(t('2026-10-04T13:00+11:00'), -1, LORD_HOWE)).toBe(t('2026-10-03T13:00+10:30'));
    expect(zonedDaysBetween(t('2026-10-03T00:00+10:30'), t('2026-10-04T23:59+11:00'), LORD_HOWE)).toBe(1);
  });

  it('Asia/Tokyo has no change: a day is 24 hours, a week 7 × 24', () => {
    const now = t('2026-03-08T15:40+09:00');
    expect(startOfZonedDay(now, TOKYO)).toBe(t('2026-03-08T00:00+09:00'));
    expect(addZonedDays(now, -7, TOKYO)).toBe(now - 7 * HOURS_24_MS);
    expect(startOfZonedDay(now, TOKYO, -6)).toBe(t('2026-03-02T00:00+09:00'));
    expect(zonedDaysBetween(t('2026-03-01T23:59+09:00'), now, TOKYO)).toBe(7);
    expect(localDate(t('2026-03-08T23:59+09:00'), TOKYO)).toBe('2026-03-08');
  });

  it('starts a day where the zone skips midnight at the first instant it has (America/Santiago, 2026-09-06)', () => {
    expect(startOfZonedDay(t('2026-09-06T12:00-03:00'), 'America/Santiago')).toBe(t('2026-09-06T01:00-03:00'));
    expect(startOfZonedDay(t('2026-09-07T12:00-03:00'), 'America/Santiago', -2)).toBe(t('2026-09-05T00:00-04:00'));
  });

  describe('whatever the machine’s own time zone', () => {
    const before = process.env.TZ;
    afterEach(() => {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    });

    it.each(['UTC', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Tokyo'])('gives the same answers with TZ=%s', (machine) => {
      process.env.TZ = machine;
      expect(startOfZonedDay(t('2026-03-08T15:00-04:00'), NEW_YORK)).toBe(t('2026-03-08T00:00-05:00'));
      expect(addZonedDays(t('2026-11-01T15:00-05:00'), -1, NEW_YORK)).toBe(t('2026-10-31T15:00-04:00'));
      expect(addZonedDays(t('2026-04-05T12:30+10:30'), -1, LORD_HOWE)).toBe(t('2026-04-04T12:30+11:00'));
      expect(startOfZonedDay(t('2026-03-29T12:00+01:00'), LONDON, -1)).toBe(t('2026-03-28T00:00Z'));
      expect(zonedEpoch(TOKYO, 2026, 3, 8, 9, 0)).toBe(t('2026-03-08T09:00+09:00'));
      expect(zonedDaysBetween(t('2026-03-07T23:30-05:00'), t('2026-03-08T00:30-05:00'), NEW_YORK)).toBe(1);
    });
  });
});
