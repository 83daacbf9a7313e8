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
    expect(urgentLine(o, 'ja')).toBe('  1. 札幌 エントリ1（SS 523201）: 残り120件、毎分—件（必要—件）');
    expect(urgentLine(o, 'en')).toBe('  1. 札幌 エントリ1 (SS 523201): 120 items left, —/min (needs —)');
  });

  it('keeps every part when the process has them all, and one item in the singular', () => {
    const o = overview({ deadline: NOW + 20 * 60_000, minutesLate: 4, speedPerMinute: 5, requiredPerMinute: 6, status: 'late' });
    expect(urgentLine(o, 'ja')).toBe('  1. 札幌 エントリ1（SS 523201）: 残り120件、4分遅れ、納期12:20まで20分、毎分5.0件（必要6.0件）');
    expect(urgentLine(o, 'en')).toBe('  1. 札幌 エントリ1 (SS 523201): 120 items left, 4 min late, 20 min to the 12:20 deadline, 5.0/min (needs 6.0)');
    expect(urgentLine(overview({ remaining: 1 }), 'en')).toBe('  1. 札幌 エントリ1 (SS 523201): 1 item left, —/min (needs —)');
  });
});
