import { describe, expect, it } from 'vitest';
import type { ProcessProgress } from '../../../main/api/types.js';
import { staffMoveOf } from '../../../main/chat/moveRequest.js';
import { parseQuery } from '../../../main/chat/query/parseQuery.js';
import { createNameFinder } from '../../../main/chat/query/queryNames.js';
import { moveImpact } from '../../../main/placement/moveImpact.js';

const T = Date.parse('2025-10-23T15:40:00+09:00');
const MIN = 60_000;
const series = (site: string, process: string, businessId: string, remaining: number, speed: number, deadlineIn: number): ProcessProgress => ({
  site,
  process,
  businessId,
  snapshotTime: T,
  deadline: T + deadlineIn * MIN,
  remaining,
  completedToday: 0,
  speedPerMinute: speed,
  requiredPerMinute: remaining / deadlineIn,
  projectedFinish: T + (remaining / speed) * MIN,
  minutesLate: Math.round(remaining / speed - deadlineIn),
  status: remaining / speed > deadlineIn ? 'late' : 'on_track',
});

describe('the impact of a move on every business of both sides', () => {
  const all = [series('札幌', 'エントリ1', 'A', 120, 4, 20), series('札幌', 'エントリ1', 'B', 60, 1, 90), series('大阪', 'エントリ1', 'B', 60, 3, 30)];

  it('adds the people’s speed to the receiving side and takes it from the giving side, shared by current speed', () => {
    const rows = moveImpact(all, { count: 2, to: { site: '札幌', process: 'エントリ1' }, from: { site: '大阪', process: 'エントリ1' } }, () => 0.625, 15);
    // 2 people × 0.625 = 1.25 a minute: 札幌 A gets 4/5 of it (5.0 → finish in 24 min), B 1/5 (1.25 → 48 min).
    expect(rows.map((r) => [r.side, r.site, r.businessId, r.before.minutesLate, r.after.perMinute, r.after.minutesLate])).toEqual([
      ['receiving', '札幌', 'A', 10, 5, 4],
      ['receiving', '札幌', 'B', -30, 1.3, -42],
      ['giving', '大阪', 'B', -10, 1.8, 5],
    ]);
    // 60 / 1.75 = 34.3 minutes: the finish is shown at the next whole minute, and the minutes late from it (35 − 30).
    expect(rows[2]!.after.finish).toBe(T + 35 * MIN);
  });

  it('only takes away, or only adds, when one side is named', () => {
    expect(moveImpact(all, { count: 1, to: null, from: { site: '大阪', process: 'エントリ1' } }, () => 1, 15).map((r) => r.after.perMinute)).toEqual([2]);
    expect(moveImpact(all, { count: 1, to: { site: '大阪', process: 'エントリ1' }, from: null }, () => 1, 15).map((r) => r.after.perMinute)).toEqual([4]);
  });
});

/** The move is read once, into the query (parseQuery), and placed on the open lines from there: no engine reads the text again. */
describe('reading the move a what-if request describes', () => {
  const s = [series('札幌', 'エントリ1', 'A', 120, 4, 20), series('札幌', '検証', 'A', 10, 4, 60)];
  const find = createNameFinder(
    { sites: ['札幌', '盛岡', '佐世保'], processes: ['エントリ1', '検証'], businessIds: [], operators: [], services: [], hosts: [] },
    {},
    { 佐世保: { forms: ['させぼ', 'sasebo'], latin: 'Sasebo' } },
  );
  const moveOf = (q: string) => staffMoveOf(parseQuery(q, find(q)).query, s);
  it.each([
    ['盛岡から札幌に2名移したらどうなる？', { count: 2, to: { site: '札幌', process: 'エントリ1' }, from: { site: '盛岡', process: 'エントリ1' } }],
    ['佐世保のエントリ1から3人抜いたら影響は？', { count: 3, to: null, from: { site: '佐世保', process: 'エントリ1' } }],
    ['札幌のエントリ1を2人減らしたら？', { count: 2, to: null, from: { site: '札幌', process: 'エントリ1' } }],
    ['札幌のエントリ1に２人追加したら', { count: 2, to: { site: '札幌', process: 'エントリ1' }, from: null }],
    ['札幌E1 +2名 完了予測', { count: 2, to: { site: '札幌', process: 'エントリ1' }, from: null }],
    ['If we remove 3 operators from Sasebo entry 1', { count: 3, to: null, from: { site: '佐世保', process: 'エントリ1' } }],
  ])('%s', (q, move) => {
    expect(moveOf(q)).toEqual(move);
  });

  it('needs a site', () => {
    expect(moveOf('2人動かしたら？')).toBeNull();
  });
});
