import { describe, expect, it } from 'vitest';
import type { AskQuery } from '../../../main/api/askQuery.js';
import { planConditionsOf } from '../../../main/chat/query/planConditionsOf.js';
import { applyConditions } from '../../../main/plan/planConditions.js';
import { planPolicy, STANDARD_DAY, type PlanOperator, type PlanProblem } from '../../../main/plan/planProblem.js';

const q = (o: Partial<AskQuery> = {}): AskQuery =>
  ({ op: 'value', measure: 'planned_staff', site: [], process: [], business: [], operator: [], time: 'tomorrow', by: null, ...o }) as AskQuery;

describe("a plan's conditions read from the question", () => {
  it('more or less work, as a share, in tenths or as a multiple', () => {
    expect(planConditionsOf('明日、物量が2割増えたら？', q())).toEqual({ volumeFactor: 1.2 });
    expect(planConditionsOf('What if tomorrow’s volume is 30% higher?', q())).toEqual({ volumeFactor: 1.3 });
    expect(planConditionsOf('明日の件数が１０％減ったら', q())).toEqual({ volumeFactor: 0.9 });
    expect(planConditionsOf('物量1.5倍なら明日は？', q())).toEqual({ volumeFactor: 1.5 });
  });

  it('more people off, at the one site named or anywhere', () => {
    expect(planConditionsOf('明日あと3人休んだら札幌は回る？', q({ site: ['札幌'] }))).toEqual({ moreOff: { count: 3, site: '札幌' } });
    expect(planConditionsOf('what if 5 more people are off tomorrow', q())).toEqual({ moreOff: { count: 5, site: null } });
  });

  it('no cross-site help, only the sites named, a person kept on a process; nothing for a plain question', () => {
    expect(planConditionsOf('明日の計画、拠点間の移動なしで', q())).toEqual({ noCrossSite: true });
    expect(planConditionsOf('plan tomorrow with no cross-site moves', q())).toEqual({ noCrossSite: true });
    expect(planConditionsOf('明日は札幌だけで計画して', q({ site: ['札幌'] }))).toEqual({ sites: ['札幌'] });
    expect(planConditionsOf('田中 一郎は補正固定で', q({ operator: ['田中 一郎'], process: ['補正'] }))).toEqual({
      keep: [{ name: '田中 一郎', process: '補正' }],
    });
    expect(planConditionsOf('明日の配置計画は？', q())).toBeNull();
    expect(planConditionsOf('明日の札幌の残件は？', q({ site: ['札幌'] }))).toBeNull();
  });
});

describe('a planning problem under the conditions', () => {
  const op = (id: number, site: string, perHour: number): PlanOperator => ({
    id,
    name: `op${id}`,
    site,
    skills: [
      { process: 'エントリ1', skill: 4, perHour, experienceMonths: 24, usual: true },
      { process: '補正', skill: 4, perHour: perHour / 2, experienceMonths: 24 },
    ],
    blocks: { am: true, pm: true },
    maxWorkMinutes: 600,
  });
  const problem: PlanProblem = {
    day: STANDARD_DAY,
    operators: [op(1, '札幌', 60), op(2, '札幌', 90), op(3, '札幌', 75), op(4, '盛岡', 120)],
    demands: [
      { site: '札幌', businessId: 'b', process: 'エントリ1', p50: 1000, p80: 1100, p10: 900, p90: 1200, deadlineMinute: 960 },
      { site: '盛岡', businessId: 'b', process: 'エントリ1', p50: 500, p80: 550, deadlineMinute: 960 },
    ],
    policy: planPolicy({ minSkill: 3, preferredExperience: [], finalCheck: [], newcomerMonths: 0, distancesKm: {} }),
  };

  it('takes off the most productive at the site named first, and names them', () => {
    const r = applyConditions(problem, { moreOff: { count: 2, site: '札幌' } });
    expect(r.off).toEqual([
      { name: 'op2', site: '札幌' },
      { name: 'op3', site: '札幌' },
    ]);
    expect(r.problem.operators.filter((o) => !o.blocks.am && !o.blocks.pm).map((o) => o.id)).toEqual([2, 3]);
  });

  it('scales every forecast, keeps only the sites asked, turns off cross-site help, and keeps a person on a process', () => {
    const r = applyConditions(problem, { volumeFactor: 1.2, sites: ['札幌'], noCrossSite: true, keep: [{ name: 'op1', process: '補正' }] });
    expect(r.problem.demands).toEqual([{ ...problem.demands[0], p50: 1200, p80: 1320, p10: 1080, p90: 1440 }]);
    expect(r.problem.operators.map((o) => o.site)).toEqual(['札幌', '札幌', '札幌']);
    expect(r.problem.policy.crossSiteNearest).toBe(0);
    expect(r.problem.operators[0]!.skills.map((s) => s.process)).toEqual(['補正']);
  });
});
