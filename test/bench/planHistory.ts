import Database from 'better-sqlite3';
import { join } from 'node:path';
import { defaultConfig } from '../../main/config/config.js';
import { DEMO_ANCHOR_MS, DEMO_DEFINITION } from '../../main/sync/demo/demoDefinition.js';
import { localDate } from '../../main/config/zonedTime.js';
import { planBacktest, type DayScore } from '../../main/plan/planBacktest.js';
import { copyDemoStore } from '../helpers/demoStore.js';
import { tempDir } from '../helpers/tempDir.js';

const DAYS = Number(process.env.GENBA_BENCH_PLAN_DAYS ?? 60);

/** The offline reference's work: far beyond what a manager waits for, still counted (never a clock). */
const EXACT = { work: { lpIterations: 300_000, nodes: 20_000 }, gap: 0.01 };

/**
 * The staffing plan judged on history: each of the demo's last working days planned with only
 * what was known the evening before (the forecast from the history to then, the leave asked
 * for by then), scored against the items that came and the people who came, beside the simple
 * rule (each site staffs its own work by last week's same weekday).
 */
const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;

export async function planHistoryBench(record: (name: string, value: string) => void): Promise<void> {
  await onHistory(record, false);
}

/**
 * The same days, each also planned as the whole company in one MIP (every site, help from each
 * site's nearest) solved until its cost is within 1 % of the plan's cost above its proven bound:
 * how far the decomposition a manager waits for is from what the day allowed. Offline: hours.
 */
export async function planExactBench(record: (name: string, value: string) => void): Promise<void> {
  await onHistory(record, true);
}

async function onHistory(record: (name: string, value: string) => void, exact: boolean): Promise<void> {
  const dir = tempDir('genba-bench-plan-');
  try {
    await copyDemoStore(dir.path);
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    try {
      const config = defaultConfig();
      const t0 = performance.now();
      const r = await planBacktest(db, {
        config,
        distancesKm: DEMO_DEFINITION.distancesKm,
        until: localDate(DEMO_ANCHOR_MS, config.timeZone),
        days: DAYS,
        ...(exact ? { exact: EXACT } : {}),
        onDay: (d) => {
          const num = (x: number): string => Math.round(x).toLocaleString('en-US');
          // Each day's own figures: a change to the plan is judged day by day, not only on the sums below.
          if (!d.exact) {
            record(
              `plan-history ${d.date}: Genba`,
              `cost ${num(d.cost)} (gap stated ${pct(d.gap)}); items late ${num(d.genba.itemsLate)}; deadlines missed ${d.genba.missed}; ` +
                `final check broken in ${d.finalCheck.broken} half days (${d.finalCheck.nobody} with no checker at work); ${(d.solveMs / 1000).toFixed(1)} s`,
            );
            return;
          }
          record(
            `plan-exact ${d.date}: Genba / the whole MIP`,
            `cost ${num(d.cost)} / ${num(d.exact.cost)} (bound stated ${d.bound === null ? '–' : num(d.bound)}, gap stated ${pct(d.gap)}); ` +
              `items late ${num(d.genba.itemsLate)} / ${num(d.exact.score.itemsLate)}; deadlines missed ${d.genba.missed} / ${d.exact.score.missed}; ` +
              `Genba ${(d.solveMs / 1000).toFixed(1)} s, MIP ${(d.exact.ms / 1000).toFixed(1)} s (${d.exact.status}, gap ${pct(d.exact.gap)})`,
          );
        },
      });
      const ms = performance.now() - t0;
      const series = r.days.reduce((n, d) => n + d.demands, 0);
      const line = (s: DayScore): string =>
        `deadlines missed ${s.missed} of ${series} series-days (${((s.missed / series) * 100).toFixed(1)} %), ${s.itemsLate.toLocaleString('en-US')} items late at their deadlines, overtime ${s.overtimeMinutes.toLocaleString('en-US')} person-min, cross-site ${s.crossSiteBlocks} half-day blocks`;
      record(`plan on history: ${r.days.length} working days ${r.days[0]?.date}–${r.days.at(-1)?.date}, Genba`, line(r.genba));
      record('plan on history: simple rule (own site, last week same weekday)', line(r.rule));
      record("plan on history: the simple rule on Genba's forecast (ablation: the plan without the optimizer)", line(r.ruleOnForecast));
      const gaps = r.days.map((d) => d.gap).sort((a, b) => a - b);
      record("plan on history: Genba's stated gap to the day's bound (median, max)", `${pct(gaps[Math.floor(gaps.length / 2)]!)}, ${pct(gaps.at(-1)!)}`);
      if (exact) {
        const ref = r.days.flatMap((d) => (d.exact ? [d.exact] : []));
        const sumOf = (k: 'missed' | 'itemsLate') => ref.reduce((s, x) => s + x.score[k], 0);
        record(
          'plan on history: the whole MIP to 1 % of its cost (reference)',
          `deadlines missed ${sumOf('missed')} of ${series} series-days (${((sumOf('missed') / series) * 100).toFixed(1)} %), ${sumOf('itemsLate').toLocaleString('en-US')} items late at their deadlines`,
        );
        const refGaps = ref.map((x) => x.gap).sort((a, b) => a - b);
        const refMs = ref.map((x) => x.ms).sort((a, b) => a - b);
        record(
          'plan on history: the reference solve (gap median, max; time median, max; days within 1 %)',
          `${pct(refGaps[Math.floor(refGaps.length / 2)]!)}, ${pct(refGaps.at(-1)!)}; ${refMs[Math.floor(refMs.length / 2)]} ms, ${refMs.at(-1)} ms; ${refGaps.filter((g) => g <= 0.01).length} of ${ref.length}`,
        );
        // Every stated bound must be at or below the best plan found that day (Genba's or the reference's); Genba's cost against the best found.
        const best = r.days.map((d) => Math.min(d.cost, d.exact?.cost ?? Infinity));
        const above = r.days.filter((d, i) => d.bound !== null && d.bound > best[i]! + 1e-6).length;
        record('plan on history: days whose stated bound is above the best plan found (must be 0)', `${above} of ${r.days.length}`);
        const over = r.days.map((d, i) => d.cost / Math.max(1, best[i]!) - 1).sort((a, b) => a - b);
        record(
          "plan on history: Genba's cost above the best plan found (median, max; days within 2 %, within 5 %)",
          `${pct(over[Math.floor(over.length / 2)]!)}, ${pct(over.at(-1)!)}; ${over.filter((x) => x <= 0.02).length}, ${over.filter((x) => x <= 0.05).length} of ${over.length}`,
        );
        const fewer = r.days.filter((d) => d.exact && d.exact.score.itemsLate < d.genba.itemsLate - 0.5).length;
        record('plan on history: days the reference left fewer items late than Genba', `${fewer} of ${r.days.length}`);
      }
      const solve = r.days.map((d) => d.solveMs).sort((a, b) => a - b);
      record(
        'plan on history: solve time per day (median, max)',
        `${solve[Math.floor(solve.length / 2)]} ms, ${solve.at(-1)} ms; whole run ${(ms / 1000).toFixed(0)} s`,
      );
      const better = r.days.filter((d) => d.genba.itemsLate < d.rule.itemsLate).length;
      record('plan on history: days Genba left fewer items late than the rule', `${better} of ${r.days.length}`);
      record(
        'plan on history: what it scores',
        "outcomes inside the planner's own model: registered speeds, every item there at the start of the day, the people who came",
      );
    } finally {
      db.close();
    }
  } finally {
    dir.remove();
  }
}
