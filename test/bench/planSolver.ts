import { p90Late } from '../../main/api/planTypes.js';
import { explainShortfall } from '../../main/plan/explainShortfall.js';
import type { PlanProblem } from '../../main/plan/planProblem.js';
import type { PlanSolution } from '../../main/plan/planSolution.js';
import { solvePlan } from '../../main/plan/solvePlan.js';
import { PlanSolvePool, planSolvePool } from '../../main/plan/planSolvePool.js';
import { demoPlanCompany, largePlanCompany } from './planCompany.js';

/** Tomorrow's staffing plan: the demo-sized company and a 50-site, 5,000-operator one. */
export async function planSolverBench(record: (name: string, value: string) => void): Promise<void> {
  const oneThread = new PlanSolvePool(1);
  const cases: [string, () => PlanProblem][] = [
    ['demo (6 sites, 316 operators)', () => demoPlanCompany(20251023)],
    ['large (50 sites, 5,000 operators)', () => largePlanCompany(20251023, 50, 5000)],
  ];
  // Everything a plan says but the milliseconds it took: what a second solve must repeat byte for byte.
  const text = (s: PlanSolution): string => JSON.stringify({ ...s, ms: 0, models: s.models.map((m) => ({ ...m, ms: 0 })) });
  for (const [label, make] of cases) {
    const p = make();
    const s = await solvePlan(p);
    const o = s.objective;
    const biggest = Math.max(...s.models.map((m) => m.columns));
    record(
      `plan ${label}: solve`,
      `${s.ms.toFixed(0)} ms, ${s.status}, at most ${(s.gap * 100).toFixed(2)}% above its models' proven bounds, ${s.models.length} models (largest ${biggest} options), ${p.demands.length} demands`,
    );
    const again = await solvePlan(make());
    record(`plan ${label}: solved again`, `${again.ms.toFixed(0)} ms, ${text(again) === text(s) ? 'the same plan byte for byte' : 'A DIFFERENT PLAN'}`);
    // The peer: the same solver on one thread, site after site (as before issue 40's threads).
    const single = await solvePlan(make(), { pool: oneThread });
    record(
      `plan ${label}: on one thread`,
      `${single.ms.toFixed(0)} ms (${(single.ms / again.ms).toFixed(2)}× the ${planSolvePool.threads} threads' time), ${text(single) === text(s) ? 'the same plan byte for byte' : 'A DIFFERENT PLAN'}`,
    );
    record(
      `plan ${label}: objective parts`,
      `shortfall ${o.shortfallItems.toFixed(0)} items, overtime ${o.overtimeMinutes} min (${s.overtime.length} people), ` +
        `cross-site ${o.crossSiteBlocks} blocks / ${o.crossSiteKm} km, skill waste ${o.skillWasteLevels}, inexperienced ${o.inexperiencedBlocks}, ` +
        `idle ${o.idleBlocks} blocks, buffer gap ${o.bufferGapItems.toFixed(0)} items, P90 gap ${o.p90GapItems.toFixed(0)} items; weighted ${o.weighted.toFixed(0)}`,
    );
    const late = s.demands.filter(p90Late);
    record(
      `plan ${label}: series late at P90`,
      `${late.length} of ${s.demands.length} (${late.filter((d) => d.finishP90Minute === null).length} not within the day)`,
    );
    const short = explainShortfall(p, s);
    record(`plan ${label}: short demands`, short.length === 0 ? 'none' : `${short.length}; first: ${short[0]!.text.en}`);
  }
}
