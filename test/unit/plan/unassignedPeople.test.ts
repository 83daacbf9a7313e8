import { describe, expect, it } from 'vitest';
import { solvePlan } from '../../../main/plan/solvePlan.js';
import { unassignedPeople } from '../../../main/plan/unassignedPeople.js';
import { demand, op, problem } from './planFixtures.js';

describe('unassignedPeople', () => {
  it("says why a person at work has no work in a block: their day's hours, or no work of theirs at their site", async () => {
    const p = problem(
      [
        // A part-timer of 300 minutes: the 180-minute morning and the 300-minute afternoon do not both fit.
        op(1, 'A', { maxWorkMinutes: 300 }),
        // Only エントリ3, which A has none of that day.
        op(2, 'A', { process: 'エントリ3' }),
        // On paid leave: off, not unassigned.
        op(3, 'A', { blocks: { am: false, pm: false } }),
        op(4, 'A'),
      ],
      [demand('A', 2000), demand('A', 150, { process: 'エントリ2', deadlineMinute: 720 })],
    );
    const s = await solvePlan(p);
    const u = unassignedPeople(p, s);
    const one = s.assignments.filter((a) => a.operatorId === 1);
    expect(one).toHaveLength(1);
    expect(u).toEqual([
      { operatorId: 1, name: 'op1', site: 'A', block: one[0]!.block === 'am' ? 'pm' : 'am', why: 'hours' },
      { operatorId: 2, name: 'op2', site: 'A', block: 'am', why: 'noWork' },
      { operatorId: 2, name: 'op2', site: 'A', block: 'pm', why: 'noWork' },
    ]);
  });

  it('calls a free block with work of theirs at the site not needed: a choice of the plan, not a rule', () => {
    const p = problem([op(1, 'A'), op(2, 'A')], [demand('A', 100)]);
    // A plan that gives op2 nothing (as a work-limited solve could).
    const u = unassignedPeople(p, { assignments: [{ operatorId: 1, block: 'am', site: 'A', businessId: 'b1', process: 'エントリ1', crossSite: false }] });
    expect(u.map((x) => `${x.name} ${x.block} ${x.why}`)).toEqual(['op1 pm notNeeded', 'op2 am notNeeded', 'op2 pm notNeeded']);
  });
});
