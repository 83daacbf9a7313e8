import type { MovedOperator, PlacementFacts, Proposal } from '../api/assistantTypes.js';
import { speedChangeFigure } from '../api/figures.js';
import { finishWith } from './finishWith.js';

const MINUTE = 60_000;

/**
 * The impact of moving only `kept` of a proposal's operators (a partial approval): the same
 * projection as the proposal's, from the same snapshot, with their speed alone.
 */
export function impactOfKept(p: Proposal, kept: readonly MovedOperator[]): Pick<Proposal, 'impact'> & { facts: PlacementFacts } {
  const f = p.facts;
  const added = kept.reduce((a, op) => a + op.perHour / 60, 0);
  const from = f.snapshotTime ?? p.deadline - f.minutesLeft * MINUTE;
  const finish = finishWith(f.remaining, f.currentPerMinute, added, f.switchMinutes, from);
  const late = finish === null ? null : Math.round((finish - p.deadline) / MINUTE);
  return {
    impact: {
      productivity: speedChangeFigure(f.currentPerMinute, f.currentPerMinute + added),
      delay_minutes: (late ?? 0) - (f.minutesLateNow ?? 0),
      quality: p.impact.quality,
    },
    facts: { ...f, moves: kept.length, addedPerMinute: added, projectedFinish: finish, minutesLateAfter: late },
  };
}
