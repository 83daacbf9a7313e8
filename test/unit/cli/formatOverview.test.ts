import { describe, expect, it } from 'vitest';
import type { Overview, ProcessProgress } from '../../../main/api/types.js';
import { formatOverview } from '../../../main/cli/formatOverview.js';

const NOW = Date.UTC(2026, 10, 20, 3, 0);

/** One at-risk process; `partial` overrides its figures. */
function overview(partial: Partial<ProcessProgress>): Overview {
  const p: ProcessProgress = {
    site: '札幌',
    process: 'エントリ1',
    businessId: '523201',
    snapshotTime: NOW,
    deadline: null,
    remaining: 120,
    completedToday: 0,
    speedPerMinute: null,
    requiredPerMinute: null,
    projectedFinish: null,
    minutesLate: null,
    status: 'at_risk',
    ...partial,
  };
  return {
    now: NOW,
    timeZone: 'Asia/Tokyo',
    dataAsOf: NOW,
    sites: [{ site: p.site, status: p.status, processes: [p] }] as Overview['sites'],
    urgent: [p],
    summary: { itemsLeft: p.remaining, atRisk: 1, open: 1, nextDeadline: null },
    businessNames: { '523201': 'SS' },
  };
}

const urgentLine = (o: Overview, lang: 'ja' | 'en'): string => formatOverview(o, lang).split('\n')[1]!;

describe('genba overview', () => {
  it('joins only the parts a process has: no estimate and no deadline leave no empty commas', () => {
    const o = overview({});
    expect(urgentLine(o, 'ja')).toBe('  1. 札幌 エントリ1（SS）: 残り120件、毎分—件（必要—件）');
    expect(urgentLine(o, 'en')).toBe('  1. 札幌 エントリ1 (SS): 120 items left, —/min (needs —)');
  });

  it('keeps every part when the process has them all, and one item in the singular', () => {
    const o = overview({ deadline: NOW + 20 * 60_000, minutesLate: 4, speedPerMinute: 5, requiredPerMinute: 6, status: 'late' });
    expect(urgentLine(o, 'ja')).toBe('  1. 札幌 エントリ1（SS）: 残り120件、4分遅れ、納期12:20まで20分、毎分5.0件（必要6.0件）');
    expect(urgentLine(o, 'en')).toBe('  1. 札幌 エントリ1 (SS): 120 items left, 4 min late, 20 min to the 12:20 deadline, 5.0/min (needs 6.0)');
    expect(urgentLine(overview({ remaining: 1 }), 'en')).toBe('  1. 札幌 エントリ1 (SS): 1 item left, —/min (needs —)');
  });

  it('puts a decided move under its process, the promise beside what happened, and ends with the company row', () => {
    const decision = {
      suggestionId: 'SGT20251023-00000000',
      action: 'approved' as const,
      user: '山田',
      decidedAt: NOW,
      site: '札幌',
      process: 'エントリ1',
      businessId: '523201',
      deadline: NOW + 20 * 60_000,
      moved: 3,
      startsAt: NOW + 2 * 60_000,
      promised: { perMinute: 7, finish: NOW + 18 * 60_000 },
      actual: { perMinute: 6.9, finish: NOW + 18 * 60_000, finished: false, from: NOW + 5 * 60_000, to: NOW + 15 * 60_000 },
      verdict: 'working' as const,
    };
    const o = {
      ...overview({ decision }),
      summary: {
        itemsLeft: 1200,
        atRisk: 1,
        open: 8,
        nextDeadline: { at: NOW + 20 * 60_000, site: '札幌', process: 'エントリ1', businessId: '523201', remaining: 120 },
      },
    };
    const ja = formatOverview(o, 'ja').split('\n');
    expect(ja[2]).toBe('     承認済み 12:00（3名移動）: 約束 毎分7.0件・完了見込み 12:18 → 実績 毎分6.9件・完了見込み 12:18（効果あり）');
    expect(ja.at(-2)).toBe('全社: 残り1,200件、要対応 1 / 残りのある8工程、次の納期 12:20（札幌 エントリ1 SS、残り120件）');
    const en = formatOverview({ ...o, urgent: [{ ...o.urgent[0]!, decision: { ...decision, actual: null, verdict: 'measuring' as const } }] }, 'en').split(
      '\n',
    );
    expect(en[2]).toBe('     Approved 12:00 (3 people moved): promised 7.0/min, finish 12:18 (measuring the effect)');
  });
});
