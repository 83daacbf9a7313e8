import { describe, expect, it } from 'vitest';
import { businessLabel } from '../../../main/api/businessLabel.js';
import type { IncidentReport, ProcessProgress } from '../../../main/api/types.js';
import { impactAnswer, incidentsAnswer, productivityAnswer } from '../../../main/chat/analysisTexts.js';
import { progressLine, riskAnswer } from '../../../main/chat/answerTexts.js';
import type { MoveImpactRow } from '../../../main/placement/moveImpact.js';

/** 12:00 in Tokyo. */
const T0 = Date.UTC(2026, 10, 20, 3, 0);
const MINUTE = 60_000;
/** 523201 has a name (the demo's SS); 704518 has none. */
const names = { '523201': 'SS' };
const ja = { lang: 'ja' as const, timeZone: 'Asia/Tokyo', businessNames: names };
const en = { lang: 'en' as const, timeZone: 'Asia/Tokyo', businessNames: names };

const progress = (businessId: string): ProcessProgress =>
  ({
    site: '札幌',
    process: 'エントリ1',
    businessId,
    remaining: 120,
    speedPerMinute: 5,
    requiredPerMinute: 6,
    deadline: T0 + 60 * MINUTE,
    projectedFinish: T0 + 64 * MINUTE,
    minutesLate: 4,
    status: 'late',
  }) as ProcessProgress;

const incident = (businessId: string): IncidentReport => ({
  now: T0,
  warmup: false,
  incidents: [
    {
      id: 'ocr-worker@1',
      start: T0 - 30 * MINUTE,
      end: T0,
      services: ['ocr-worker'],
      hosts: ['ocr-sapporo-01'],
      sites: ['札幌'],
      lines: 90,
      errorLines: 90,
      usualLines: 6,
      severity: 'critical',
      anomalies: [],
      samples: [],
      affects: [{ incidentId: 'ocr-worker@1', site: '札幌', process: 'エントリ1', businessId, speedBefore: 8, speedAfter: 4, dropAt: T0 - 20 * MINUTE }],
    },
  ],
});

describe("the chat's lines name a business as the overview does (businessLabel)", () => {
  it('the label: the name where there is one, else the id said to be one, in each language', () => {
    expect(businessLabel(names, '523201')).toEqual({ ja: 'SS', en: 'SS' });
    expect(businessLabel(names, '704518')).toEqual({ ja: '業務704518', en: 'business 704518' });
  });

  it('a process line (risk, status, an ask-back option): SS, and 業務704518 for a business with no name', () => {
    expect(progressLine(progress('523201'), ja)).toBe('札幌 エントリ1（SS）: 残り120件、毎分5.0件、納期13:00、完了見込み13:04、4分遅れの見込み');
    expect(progressLine(progress('523201'), en)).toBe('札幌 エントリ1 (SS): 120 left, 5.0/min, deadline 13:00, finish 13:04, 4 min late');
    expect(progressLine(progress('704518'), ja)).toMatch(/^札幌 エントリ1（業務704518）: 残り120件/);
    expect(progressLine(progress('704518'), en)).toMatch(/^札幌 エントリ1 \(business 704518\): 120 left/);
    expect(
      riskAnswer([progress('523201'), progress('704518')], ja)
        .split('\n')
        .slice(1),
    ).toEqual([expect.stringMatching(/^札幌 エントリ1（SS）: /), expect.stringMatching(/^札幌 エントリ1（業務704518）: /)]);
  });

  it('the speed an incident lowered, in the log and the productivity answers', () => {
    expect(incidentsAnswer(incident('523201'), ja, null)).toContain('  → 札幌 エントリ1（SS）の速度 毎分8.0 → 4.0件（11:40から）');
    expect(incidentsAnswer(incident('523201'), en, null)).toContain('  → 札幌 エントリ1 (SS) speed 8.0 → 4.0/min (from 11:40)');
    expect(incidentsAnswer(incident('704518'), ja, null)).toContain('  → 札幌 エントリ1（業務704518）の速度');
    const none = { window: null, usual: null, weekAgo: null, spread: null };
    const speed = productivityAnswer([progress('523201'), progress('704518')], incident('523201'), ja, '札幌', null, () => none);
    expect(speed).toContain('- 札幌 エントリ1（SS）: 毎分5.0件（必要 毎分6.0件）');
    expect(speed).toContain('- 札幌 エントリ1（業務704518）: 毎分5.0件（必要 毎分6.0件）');
    expect(productivityAnswer([progress('523201')], incident('523201'), en, '札幌', null, () => none)).toContain(
      '- 札幌 エントリ1 (SS): 5.0/min now (needs 6.0/min)',
    );
  });

  it("a move's impact on each business of the two sides", () => {
    const row = (side: MoveImpactRow['side'], site: string, businessId: string): MoveImpactRow => ({
      side,
      site,
      process: 'エントリ1',
      businessId,
      deadline: T0 + 60 * MINUTE,
      remaining: 120,
      before: { perMinute: 5, finish: T0 + 64 * MINUTE, minutesLate: 4 },
      after: { perMinute: 6, finish: T0 + 54 * MINUTE, minutesLate: -6 },
    });
    const move = { count: 1, from: { site: '大阪', process: 'エントリ1' }, to: { site: '札幌', process: 'エントリ1' } };
    const rows = [row('receiving', '札幌', '523201'), row('giving', '大阪', '704518')];
    expect(impactAnswer(move, rows, ja).split('\n').slice(1)).toEqual([
      expect.stringMatching(/^- 札幌 エントリ1（SS、受け入れ）: 完了見込み 13:04 → 12:54/),
      expect.stringMatching(/^- 大阪 エントリ1（業務704518、送り出し）: /),
    ]);
    expect(impactAnswer(move, rows, en).split('\n').slice(1)).toEqual([
      expect.stringMatching(/^- 札幌 エントリ1 \(SS, receiving\): finish 13:04 → 12:54/),
      expect.stringMatching(/^- 大阪 エントリ1 \(business 704518, giving\): /),
    ]);
  });
});
