import { p90Late } from '../../main/api/planTypes.js';
import { explainShortfall } from '../../main/plan/explainShortfall.js';
import type { PlanProblem } from '../../main/plan/planProblem.js';
import type { PlanSolution } from '../../main/plan/planSolution.js';
import { solvePlan } from '../../main/plan/solvePlan.js';
import { PlanSolvePool, planSolvePool } from '../../main/plan/planSolvePool.js';
import { demoPlanCompany, largePlanCompany } from './planCompany.js';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { copyDemoStore } from '../helpers/demoStore.js';
import { spawnGenba } from '../helpers/genbaCli.js';
import { tempDir } from '../helpers/tempDir.js';

/**
 * The demo's own plan as a manager gets it cold: the built `genba plan` for Friday 10/24 in a
 * fresh process each time (its solver threads start and compile HiGHS, nothing is warm, and the
 * solution and forecast the store keeps are deleted first, so each run solves). The plan's own time
 * (inputs read, forecast, solved, worded) and the process's, start to exit; then once more with what
 * the last run kept (computedResults.ts): the same inputs asked again.
 */
async function coldDemoPlan(record: (name: string, value: string) => void): Promise<void> {
  if (!existsSync('out/cli')) {
    record('plan demo store, cold genba plan', 'skipped: run npm run build first');
    return;
  }
  const dir = tempDir('genba-bench-plan-');
  try {
    await copyDemoStore(dir.path);
    const runs: { plan: number; solve: number; process: number; text: string }[] = [];
    const forget = (): void => {
      const db = new Database(join(dir.path, 'genba.sqlite'));
      db.exec('DELETE FROM computed_results');
      db.close();
    };
    for (let i = 0; i < 4; i++) {
      if (i < 3) forget();
      const r = await spawnGenba(['plan', '--json', '--data-dir', dir.path, '--now', '2025-10-23T15:40+09:00']);
      if (r.code !== 0) throw new Error(`genba plan failed: ${r.stderr}`);
      const out = JSON.parse(r.stdout) as { ms: number; solution: PlanSolution };
      runs.push({
        plan: out.ms,
        solve: out.solution.ms,
        process: r.ms,
        text: JSON.stringify({ ...out.solution, ms: 0, models: out.solution.models.map((m) => ({ ...m, ms: 0 })) }),
      });
    }
    const kept = runs.pop()!;
    const at = (k: 'plan' | 'solve' | 'process'): string => runs.map((r) => (r[k] / 1000).toFixed(2)).join(' / ');
    record(
      'plan demo store 10/24, cold genba plan ×3',
      `plan ${at('plan')} s (of which solve ${at('solve')} s), process start to exit ${at('process')} s; ${runs.every((r) => r.text === runs[0]!.text) ? 'the same plan each time' : 'DIFFERENT PLANS'}`,
    );
    record(
      'plan demo store 10/24, the same inputs again (kept solution)',
      `plan ${(kept.plan / 1000).toFixed(2)} s (of which solve ${(kept.solve / 1000).toFixed(2)} s), process start to exit ${(kept.process / 1000).toFixed(2)} s; ${kept.text === runs[0]!.text ? 'the plan solved' : 'A DIFFERENT PLAN'}`,
    );
  } finally {
    dir.remove();
  }
}

/** Tomorrow's staffing plan: the demo-sized company and a 50-site, 5,000-operator one. */
export async function planSolverBench(record: (name: string, value: string) => void): Promise<void> {
  await coldDemoPlan(record);
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
      `${s.ms.toFixed(0)} ms, ${s.status}, at most ${(s.gap * 100).toFixed(2)}% above the day's bound, ${s.models.length} models (largest ${biggest} options), ${p.demands.length} demands`,
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
