import { randomBytes } from 'node:crypto';
import type { MovedOperator, PlacementChange, PlacementFacts, Proposal, WhatIf } from '../api/assistantTypes.js';
import { businessLabel, type BusinessNames } from '../api/businessLabel.js';
import { speedChangeFigure } from '../api/figures.js';
import type { Lang } from '../api/types.js';
import { formatHm, wallClock } from '../config/zonedTime.js';
import { placementTexts } from './placementTexts.js';
import { fitsDonors, solveMoves, spareOf } from './placementSolver.js';
import { donorEffects } from './donorEffects.js';
import { finishWith } from './finishWith.js';
import { afterApproved } from './afterApproved.js';
import { moveCost } from './moveCost.js';
import { shortfall } from './shortfall.js';
import type { Candidate, PlacementPolicy, PlacementSituation } from './placementSituation.js';

const MINUTE = 60_000;

export interface ProposeOptions {
  policy: PlacementPolicy;
  distancesKm: Record<string, Record<string, number>>;
  timeZone: string;
  lang: Lang;
  now: number;
  /** For the giving sites' projections: the overview's at-risk margin. */
  atRiskSlackMinutes: number;
  /** Business id → name (the overview's `businessNames`): the reason names the business, not its code. */
  businessNames: BusinessNames;
  /** How many people the manager asked to move (「3人回して」): exactly that many, where they can be spared. */
  count?: number | null;
}

/** SGT{YYYYMMDD}-{8 hex}, the date in the company's zone. */
export function proposalId(now: number, timeZone: string): string {
  const w = wallClock(now, timeZone);
  return `SGT${w.year}${String(w.month).padStart(2, '0')}${String(w.day).padStart(2, '0')}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

/**
 * The engine's decision for one late process: how much speed is missing, how many people
 * the policy asks for, and which qualified operators to move (HiGHS), with a reason for
 * each, the impact, a what-if for one person fewer and one more, and an honest shortfall. When nobody can be spared:
 * no proposal, and `nobodyToMove` says why.
 * Returns the optimizer time separately for the pipeline's timings.
 */
export async function proposePlacement(
  s: PlacementSituation,
  o: ProposeOptions,
): Promise<{ proposal: Proposal | null; facts: PlacementFacts; optimizeMs: number; nobodyToMove: string | null }> {
  const t = s.target;
  const texts = placementTexts[o.lang];
  const { speed, deadline, minutesLeft, switchMinutes: sw, requiredPerMinute } = shortfall(t, o.policy.switchMinutes);
  // What is still short once the people approved today are on the line: a second ask for the same work proposes only that.
  const after = afterApproved(t, s.approved, o.policy.switchMinutes);
  const deficit = shortfall(after.target, o.policy.switchMinutes).deficitPerMinute;
  /** The finish with `added` more items a minute from the switch-over on, the approved movers counted from their own start. */
  const project = (added: number): number | null =>
    finishWith(after.target.remaining, Math.max(0, after.target.speedPerMinute ?? 0), added, sw, t.snapshotTime);
  const { cost, preferredMonths: preferred, distance: dist } = moveCost(t, o.policy, o.distancesKm);
  // The policy's minimum counts the people already sent today.
  const policyMinMoves = deficit > 0 && minutesLeft <= o.policy.urgentWithinMinutes ? Math.max(0, o.policy.urgentMinMoves - after.movers) : 0;
  const base = { candidates: s.candidates, donors: s.donors, deficitPerMinute: deficit, maxMoves: o.policy.maxMoves, cost };

  const lateOf = (finish: number | null): number | null => (finish === null ? null : Math.round((finish - deadline) / MINUTE));
  const finishNow = after.joiningPerMinute > 0 ? project(0) : t.projectedFinish;
  const lateNow = after.joiningPerMinute > 0 ? lateOf(finishNow) : t.minutesLate;
  const facts: PlacementFacts = {
    remaining: t.remaining,
    minutesLeft: Math.round(minutesLeft),
    currentPerMinute: speed,
    requiredPerMinute,
    deficitPerMinute: deficit,
    minutesLateNow: lateNow,
    projectedFinishNow: finishNow,
    neededByRate: 0,
    policyMinMoves,
    moves: 0,
    addedPerMinute: 0,
    projectedFinish: finishNow,
    minutesLateAfter: lateNow,
    switchMinutes: sw,
    snapshotTime: t.snapshotTime,
  };
  // Without a deadline there is nothing to be late for: no move is proposed.
  if (deficit <= 0 || t.remaining <= 0 || t.deadline === null) return { proposal: null, facts, optimizeMs: 0, nobodyToMove: null };

  // The fewest people that cover the shortage by speed alone, before any preference.
  const byRate = await solveMoves({ ...base, minMoves: 0, cost: (c) => 1 - c.perHour / 1e4 });
  const asked = o.count ?? null;
  // A count the manager gave is the proposal's size: exactly that many, else as many of them as can be spared.
  const exact = asked === null ? null : await solveMoves({ ...base, minMoves: 0, maxMoves: asked, exactMoves: asked });
  const best =
    asked === null
      ? await solveMoves({ ...base, minMoves: Math.min(policyMinMoves, o.policy.maxMoves) })
      : exact!.status !== 'infeasible'
        ? exact!
        : await solveMoves({ ...base, minMoves: asked, maxMoves: asked });
  const n = best.chosen.length;
  // The what-ifs change the proposal itself by one person, as a manager would: without its
  // least preferred operator, or with the best one left who can still be spared.
  const byPreference = (a: Candidate, b: Candidate): number => cost(a) - cost(b) || b.perHour - a.perHour;
  const fewer = n > 0 ? [...best.chosen].sort(byPreference).slice(0, n - 1) : null;
  const extra = s.candidates.filter((c) => !best.chosen.includes(c) && fitsDonors(s.donors, [...best.chosen, c])).sort(byPreference)[0];
  const more = extra ? [...best.chosen, extra] : ('none' as const);
  const optimizeMs = byRate.ms + best.ms;

  const added = (cs: Candidate[]): number => cs.reduce((a, c) => a + c.perHour / 60, 0);
  const projectedFinish = project(added(best.chosen));
  Object.assign(facts, {
    neededByRate: byRate.chosen.length,
    moves: n,
    addedPerMinute: added(best.chosen),
    projectedFinish,
    minutesLateAfter: lateOf(projectedFinish),
  });
  const whatIf: WhatIf[] = [fewer, more].flatMap((set, i) => {
    if (set === null) return [];
    const moves = i === 0 ? n - 1 : n + 1;
    const finish = set === 'none' ? null : project(added(set));
    return [{ moves, projectedFinish: finish, minutesLate: lateOf(finish), feasible: set !== 'none' }];
  });

  const hm = (ms: number): string => formatHm(ms, o.timeZone);
  const operators: MovedOperator[] = best.chosen.map((c) => {
    const km = dist(c);
    const spare = spareOf(s.donors, c);
    const spareLeft = Number.isFinite(spare)
      ? spare - best.chosen.filter((x) => x.site === c.site && x.mainProcess === c.mainProcess).reduce((a, x) => a + x.mainPerHour / 60, 0)
      : null;
    const reason = texts.operatorReason({
      process: t.process,
      skill: c.skill,
      experienceMonths: c.experienceMonths,
      perHour: c.perHour,
      from: c.site,
      to: t.site,
      km,
      mainProcess: c.mainProcess,
      spareLeft,
      preferredMonths: preferred,
    });
    return { id: c.id, name: c.name, from: c.site, skill: c.skill, experienceMonths: c.experienceMonths, perHour: c.perHour, distanceKm: km, reason };
  });
  const changes: PlacementChange[] = [];
  for (const op of operators) {
    const ch = changes.find((c) => c.from === op.from);
    if (ch) {
      ch.count++;
      ch.operators.push(op.name);
    } else changes.push({ from: op.from, to: t.site, process: t.process, count: 1, operators: [op.name] });
  }

  const late = facts.minutesLateAfter;
  const reasonFacts = {
    site: t.site,
    process: t.process,
    business: businessLabel(o.businessNames, t.businessId),
    remaining: t.remaining,
    minutesLeft: facts.minutesLeft,
    deadline: hm(deadline),
    speed,
    // The overview's figure for the same work (assessProgress), so the two read the same.
    requiredNowPerMinute: t.requiredPerMinute,
    requiredPerMinute,
    switchMinutes: sw,
    deficit,
    neededByRate: facts.neededByRate,
    policy: asked === null && policyMinMoves > facts.neededByRate ? { withinMinutes: o.policy.urgentWithinMinutes, minMoves: policyMinMoves } : null,
    outcome: projectedFinish === null ? null : { moves: n, finish: hm(projectedFinish), minutesLate: late },
  };
  // A search stopped at its node limit gives the best moves found, and the reason says they are not proven the best.
  const reason =
    (asked === null ? '' : texts.asked({ count: asked, minMoves: policyMinMoves, withinMinutes: o.policy.urgentWithinMinutes })) +
    texts.proposalReason(reasonFacts) +
    (byRate.status === 'limited' || best.status === 'limited' ? texts.notProvenBest : '');

  const usable = s.candidates.filter((c) => spareOf(s.donors, c) > 0).length;
  const parts: string[] = [];
  if (best.uncoveredPerMinute > 1e-6) {
    const covered = added(best.chosen);
    parts.push(texts.shortOfSpareOperators({ process: t.process, minSkill: o.policy.minSkill, candidates: s.candidates.length, usable, covered, deficit }));
  }
  if (asked !== null && n < asked) parts.push(texts.shortOfAsked({ count: asked, moves: n }));
  else if (asked === null && best.missingMoves > 0 && n < policyMinMoves) parts.push(texts.shortOfPolicy({ minMoves: policyMinMoves, moves: n }));
  const quality = operators.every((op) => op.skill >= 4 || op.experienceMonths >= preferred) ? 'maintained' : 'watch';
  const donors = donorEffects(s.series, best.chosen, o.atRiskSlackMinutes);
  const proposal: Proposal = {
    id: proposalId(o.now, o.timeZone),
    createdAt: o.now,
    site: t.site,
    process: t.process,
    businessId: t.businessId,
    deadline,
    changes,
    operators,
    impact: {
      productivity: speedChangeFigure(speed, speed + facts.addedPerMinute),
      delay_minutes: (late ?? 0) - (lateNow ?? 0),
      quality,
    },
    facts,
    reason,
    shortfall: parts.length > 0 ? parts.join(' ') : null,
    whatIf,
    donors,
    citations: [],
    data_as_of: s.dataAsOf,
  };
  // Nobody can be spared: no card (a card of no people would be approved as a decision to do nothing), and the answer says
  // why the work stays short instead of that it is on track.
  if (n === 0) return { proposal: null, facts, optimizeMs, nobodyToMove: parts.length > 0 ? [reason, parts.join(' '), texts.nobodyToMove].join(' ') : null };
  return { proposal, facts, optimizeMs, nobodyToMove: null };
}
