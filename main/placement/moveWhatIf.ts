import type { DonorEffect } from '../api/assistantTypes.js';
import type { ProcessProgress } from '../api/types.js';
import { donorEffects } from './donorEffects.js';
import { finishWith } from './finishWith.js';
import { afterApproved } from './afterApproved.js';
import { moveCost } from './moveCost.js';
import type { Candidate, PlacementPolicy, PlacementSituation } from './placementSituation.js';
import { solveMoves } from './placementSolver.js';
import { shortfall } from './shortfall.js';

const MINUTE = 60_000;

/**
 * A manager's what-if on one late business: people join it (from one site, or wherever the optimizer finds them; only those
 * `named`, when the manager named them), or its speed becomes a figure.
 */
export type WhatIfChange =
  | {
      people: number;
      from: string | null;
      fromProcess?: string | null;
      named?: readonly string[];
      notFrom?: readonly string[];
      /** People left out by name, or by a family name said alone (「高山さんを外したら」). */
      notNamed?: readonly string[];
    }
  | { speedPerMinute: number };

export interface WhatIfOutcome {
  target: ProcessProgress;
  change: WhatIfChange;
  /** Who would move, chosen as a proposal chooses (same cost, same solver); empty for a speed what-if. */
  movers: Candidate[];
  /** People asked for that no qualified operator could be found for (at the source site, or anywhere). */
  short: number;
  /** The movers take more than their sites can spare: their own work falls behind (shown in `donors`). */
  beyondSpare: boolean;
  /** The optimizer stopped at its node limit: the movers are the best it found, not proven the best. */
  notProvenBest: boolean;
  switchMinutes: number;
  before: { perMinute: number; finish: number | null; minutesLate: number | null };
  after: { perMinute: number; finish: number | null; minutesLate: number | null };
  donors: DonorEffect[];
}

/**
 * The impact of a manager's what-if, on the model the proposal uses: the target business
 * the proposal engine would pick for the site and process, its finish projected by
 * `finishWith` (the switch-over, then each mover's registered speed on the target process),
 * the movers chosen by the proposal's cost with the solver, and what their sites lose by
 * `donorEffects`. "3 people from 大阪 to 札幌 エントリ1" is the proposal's arithmetic on
 * those three, not an average split over every business.
 */
export async function moveWhatIf(
  s: PlacementSituation,
  change: WhatIfChange,
  o: { policy: PlacementPolicy; distancesKm: Record<string, Record<string, number>>; atRiskSlackMinutes: number },
): Promise<WhatIfOutcome> {
  const t = s.target;
  const { speed, switchMinutes: sw } = shortfall(t, o.policy.switchMinutes);
  // People approved today and not yet measured are on the line in "before" too: the what-if adds to them, as a proposal does.
  const approved = afterApproved(t, s.approved, o.policy.switchMinutes);
  const deficitPerMinute = shortfall(approved.target, o.policy.switchMinutes).deficitPerMinute;
  const project = (added: number): number | null =>
    finishWith(approved.target.remaining, Math.max(0, approved.target.speedPerMinute ?? 0), added, sw, t.snapshotTime);
  const lateOf = (finish: number | null): number | null => (t.deadline === null || finish === null ? null : Math.round((finish - t.deadline) / MINUTE));
  const before =
    approved.joiningPerMinute > 0
      ? { perMinute: speed + approved.joiningPerMinute, finish: project(0), minutesLate: lateOf(project(0)) }
      : { perMinute: speed, finish: t.projectedFinish, minutesLate: t.minutesLate };
  if ('speedPerMinute' in change) {
    const finish = finishWith(t.remaining, change.speedPerMinute, 0, 0, t.snapshotTime);
    return {
      target: t,
      change,
      movers: [],
      short: 0,
      beyondSpare: false,
      notProvenBest: false,
      switchMinutes: 0,
      before,
      after: { perMinute: change.speedPerMinute, finish, minutesLate: lateOf(finish) },
      donors: [],
    };
  }
  // The people the manager named («品川の上野さんを») are the ones weighed, not others the solver would rather choose.
  const named = change.named ?? [];
  // …and never from a site the manager said to leave alone («盛岡と品川からは出さずに»); from the work named («盛岡の検証から»):
  // the people on it today.
  const pool = s.candidates.filter(
    (c) =>
      (change.from === null || c.site === change.from) &&
      (!change.fromProcess || (c.todayProcess ?? c.mainProcess) === change.fromProcess) &&
      (named.length === 0 || named.includes(c.name)) &&
      !(change.notFrom ?? []).includes(c.site) &&
      !(change.notNamed ?? []).some((n) => c.name === n || c.name.startsWith(`${n} `)),
  );
  const n = Math.min(change.people, pool.length);
  const { cost } = moveCost(t, o.policy, o.distancesKm);
  const problem = { candidates: pool, deficitPerMinute, minMoves: 0, maxMoves: n, exactMoves: n, cost };
  // The sites' own deadlines first, as a proposal keeps them; a move the manager names that takes more is still projected, and said.
  let best = n > 0 ? await solveMoves({ ...problem, donors: s.donors }) : null;
  // Exactly n people that the donors cannot spare is infeasible: the same n, then, beyond what they can spare.
  const beyondSpare = best?.status === 'infeasible';
  if (beyondSpare) best = await solveMoves({ ...problem, donors: [] });
  const movers = best?.chosen ?? [];
  const added = movers.reduce((a, c) => a + c.perHour / 60, 0);
  const finish = project(added);
  return {
    target: t,
    change,
    movers,
    short: change.people - movers.length,
    beyondSpare,
    notProvenBest: best?.status === 'limited',
    switchMinutes: sw,
    before,
    after: { perMinute: speed + approved.joiningPerMinute + added, finish, minutesLate: lateOf(finish) },
    donors: donorEffects(s.series, movers, o.atRiskSlackMinutes),
  };
}
