import { describe, expect, it } from 'vitest';
import { count, fillCountWords, plural } from '../../../main/api/englishCount.js';
import type { Alert, ProcessProgress } from '../../../main/api/types.js';
import { alertAnswer, riskAnswer, riskByAnswer } from '../../../main/chat/answerTexts.js';
import { placementTexts } from '../../../main/placement/placementTexts.js';

const en = { lang: 'en' as const, timeZone: 'Asia/Tokyo', businessNames: {} };
const ja = { lang: 'ja' as const, timeZone: 'Asia/Tokyo', businessNames: {} };
const T0 = Date.UTC(2026, 10, 20, 3, 0);

const late = (id: number): ProcessProgress =>
  ({
    site: '札幌',
    process: '入力',
    businessId: `52320${id}`,
    remaining: 120,
    speedPerMinute: 2,
    deadline: T0,
    projectedFinish: T0 + 30 * 60_000,
    minutesLate: 30,
    status: 'late',
  }) as ProcessProgress;
const alert = (id: string): Alert => ({ id, kind: 'delay_risk', severity: 'warning', title: `alert ${id}` }) as unknown as Alert;

describe('English counts agree with their noun (Japanese unchanged)', () => {
  it('the helper: one for exactly 1, the plural for 0 and more', () => {
    expect([0, 1, 2].map((n) => count(n, 'process', 'processes'))).toEqual(['0 processes', '1 process', '2 processes']);
    expect(count(1234, 'row', undefined, '1,234')).toBe('1,234 rows');
    expect(plural(1, 'is', 'are')).toBe('is');
  });

  it("the renderer's message templates: {n|one|other} agrees with n, a formatted count too", () => {
    expect(fillCountWords('{n} {n|line|lines}', { n: 1 })).toBe('{n} line');
    expect(fillCountWords('{n} {n|person|people}', { n: 2 })).toBe('{n} people');
    expect(fillCountWords('{n} {n|line|lines} ({errors} {errors|error|errors})', { n: '1,234', errors: '1' })).toBe('{n} lines ({errors} error)');
    expect(fillCountWords('{n}件', { n: 1 })).toBe('{n}件');
  });

  it('chat answers: the processes that may be late or miss a time, and the open alerts', () => {
    expect(riskAnswer([late(1)], en).split('\n')[0]).toBe('1 process may be late.');
    expect(riskAnswer([late(1), late(2)], en).split('\n')[0]).toBe('2 processes may be late.');
    expect(riskByAnswer([late(1)], T0, en).split('\n')[0]).toBe('1 process is expected to miss 12:00.');
    expect(riskByAnswer([late(1), late(2)], T0, en).split('\n')[0]).toBe('2 processes are expected to miss 12:00.');
    // A line due later than the time asked is not done by then, but it misses nothing: never counted among the misses.
    const dueAt17 = { ...late(3), deadline: T0 + 60 * 60_000, minutesLate: -30, status: 'on_track' } as ProcessProgress;
    expect(riskByAnswer([late(1), dueAt17], T0, en).split('\n')[0]).toBe(
      '2 processes are not expected to be done by 12:00; 1 of them is due after 12:00, so 1 process is expected to miss 12:00.',
    );
    expect(riskByAnswer([late(1), dueAt17], T0, ja).split('\n')).toEqual([
      '12:00までに終わらない見込みの工程は2件です。うち1件は納期が12:00より後で、12:00に間に合わない見込みは1件です。',
      expect.stringContaining('納期12:00'),
      '納期が12:00より後（12:00には終わらない見込み）:',
      expect.stringContaining('納期13:00'),
    ]);
    // Done by the time asked but after its own earlier deadline: never an all-clear, and named first.
    const oneHourLater = T0 + 60 * 60_000;
    expect(
      riskByAnswer([late(1)], oneHourLater, en)
        .split('\n')
        .slice(0, 2),
    ).toEqual([
      'Every process is expected to be done by 13:00 (1 in progress, 0 done). But 1 process is expected to miss its own deadline before 13:00.',
      'Late for their own deadline before 13:00:',
    ]);
    expect(riskByAnswer([late(1)], oneHourLater, ja).split('\n')[0]).toBe(
      '13:00までに終わらない見込みの工程はありません（作業中1件、完了0件）。ただし1件は13:00より前の自分の納期に間に合わない見込みです。',
    );
    expect(alertAnswer([alert('a1')], en).split('\n')[0]).toBe('1 open alert (deadline risk 1).');
    expect(alertAnswer([alert('a1'), alert('a2')], en).split('\n')[0]).toBe('2 open alerts (deadline risk 2).');
    expect(riskAnswer([late(1)], ja).split('\n')[0]).toBe('遅延の見込みがある工程は1件です。');
    expect(alertAnswer([alert('a1')], ja).split('\n')[0]).toBe('未対応のアラートは1件です（納期遅延リスク 1）。');
  });

  it('placement reasons: operators', () => {
    expect(placementTexts.en.shortOfPolicy({ minMoves: 2, moves: 1 })).toBe('The policy asks for 2, but only 1 qualified operator can be spared.');
    expect(placementTexts.ja.shortOfPolicy({ minMoves: 2, moves: 1 })).toBe('方針では2名以上ですが、移動できる有資格者は1名だけです。');
  });
});
