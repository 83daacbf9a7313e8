import type { DonorEffect } from '../api/assistantTypes.js';
import type { ProcessProgress } from '../api/types.js';
import { speedChangeImpact } from './moveImpact.js';
import type { Candidate } from './placementSituation.js';

/**
 * What the giving sites lose when `movers` leave: each donor process's businesses projected
 * again without the speed of the people who leave it (their speed on their own process).
 */
export function donorEffects(series: readonly ProcessProgress[], movers: readonly Candidate[], atRiskSlackMinutes: number): DonorEffect[] {
  const lost = new Map<string, { site: string; process: string; perMinute: number }>();
  for (const c of movers) {
    const key = `${c.site}\u0000${c.mainProcess}`;
    const d = lost.get(key) ?? { site: c.site, process: c.mainProcess, perMinute: 0 };
    d.perMinute += c.mainPerHour / 60;
    lost.set(key, d);
  }
  return [...lost.values()].flatMap((d): DonorEffect[] => {
    const rows = speedChangeImpact(series, d, -d.perMinute, 'giving', atRiskSlackMinutes);
    // A donor whose own work is done today loses nothing: said, not left out.
    if (rows.length === 0) return [{ site: d.site, process: d.process, businessId: null, deadline: null, before: null, after: null }];
    return rows.map((r) => ({ site: r.site, process: r.process, businessId: r.businessId, deadline: r.deadline, before: r.before, after: r.after }));
  });
}
