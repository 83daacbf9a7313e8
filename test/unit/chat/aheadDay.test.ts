import { describe, expect, it } from 'vitest';
import { aheadDay, askedDay } from '../../../main/chat/query/aheadDay.js';

// Thursday 10/23; 11/3 (文化の日) is a holiday.
const TODAY = '2025-10-23';

describe('the day ahead a question asks about', () => {
  it('a day ahead is planned on that day, or on the next working day when it is closed', () => {
    expect(aheadDay('tomorrow', TODAY)).toBe('2025-10-24');
    expect(aheadDay('day_after_tomorrow', TODAY)).toBe('2025-10-27');
    expect(askedDay('day_after_tomorrow', TODAY)).toBe('2025-10-25');
    expect(aheadDay('next_mon', TODAY)).toBe('2025-10-27');
    expect(aheadDay('date_11-03', TODAY)).toBe('2025-11-04');
    expect(askedDay('date_11-03', TODAY)).toBe('2025-11-03');
  });

  it('a span ahead gives its first working day and names no single day; now and the past are no day ahead', () => {
    expect(aheadDay('next_week', TODAY)).toBe('2025-10-27');
    expect(askedDay('next_week', TODAY)).toBeNull();
    for (const t of ['today', 'now', 'yesterday', 'last_month', 'this_week', null] as const) expect(aheadDay(t, TODAY), String(t)).toBeNull();
  });
});
