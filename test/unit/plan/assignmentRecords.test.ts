import { describe, expect, it } from 'vitest';
import { GenbaError } from '../../../main/errors.js';
import { assignmentRecords } from '../../../main/plan/decidePlan.js';
import { STANDARD_DAY } from '../../../main/plan/planProblem.js';
import type { PlanLine, StoredPlan } from '../../../main/plan/planStore.js';
import { thrownBy } from '../../helpers/thrownBy.js';

const plan = { date: '2025-10-24', day: STANDARD_DAY } as StoredPlan;
const line = (over: Partial<PlanLine> = {}): PlanLine => ({
  operatorId: 7,
  name: '佐藤',
  homeSite: '札幌',
  block: 'am',
  site: '札幌',
  businessId: 'B01',
  process: 'エントリ1',
  crossSite: false,
  overtimeMinutes: 0,
  able: ['エントリ1'],
  ...over,
});

/** What an approval writes to the company's daily_assignments is only ever a value its columns take. */
describe('assignmentRecords', () => {
  it("writes a line's site, process and half day as the company's columns take them", () => {
    expect(assignmentRecords(plan, [line()], 'Asia/Tokyo')).toEqual([
      {
        assignment_date: '2025-10-24',
        operator_id: 7,
        location_name: '札幌',
        process_name: 'エントリ1',
        business_id: 'B01',
        start_time: Date.parse('2025-10-24T09:00+09:00'),
        end_time: Date.parse('2025-10-24T12:00+09:00'),
      },
    ]);
  });

  it("refuses a site or process that is not text (bytes as a binary column gives them) instead of writing '[object Object]'", () => {
    const bad = [
      line({ site: Buffer.from('札幌') as unknown as string }),
      line({ process: { type: 'Buffer', data: [1] } as unknown as string }),
      line({ site: 'x'.repeat(51) }),
    ];
    for (const b of bad) {
      const error = thrownBy(GenbaError, () => assignmentRecords(plan, [line(), b], 'Asia/Tokyo'));
      expect(error.code).toBe('PLAN_BAD_VALUE');
      expect(error.text.en).toMatch(/operator 7.*(location_name|process_name)/);
      expect(error.text.ja).toMatch(/location_name|process_name/);
    }
  });
});
