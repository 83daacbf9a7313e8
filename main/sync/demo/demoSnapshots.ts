import type { SnapshotRow } from '../../store/companyRows.js';
import { type DemoDefinition } from './demoDefinition.js';
import { at, type DemoDay } from './demoCalendar.js';
import type { DemoStaff } from './demoOperators.js';
import { capacityUntil, seriesOf, type DemoSeries } from './demoSeries.js';
import { incidentFactor, type Incident } from './demoIncidents.js';
import type { Random } from './random.js';

const MINUTE = 60_000;

/** What the daily plan of the demo company says about a day (demoPlanning.ts). */
export interface DemoDayPlan {
  /** The items that arrived for the series that day; undefined for the anchor day, whose work this generator draws. */
  volumeOf(date: string, s: DemoSeries): number | undefined;
  /** The share of a site's staff at work that day (absences, paid leave). */
  presentShare(site: string, date: string): number;
}

/**
 * Progress snapshots every `snapshotMinutes` of the working day. Each business's work
 * arrives in the morning and has a daily deadline; speed follows staffing (and who came to
 * work), lunch, noise and incidents. `entry_count` is the items completed so far that day.
 * The day's items are the arrivals of the daily history; on the anchor day they are drawn
 * here, so the reference situation stays exactly as docs/demo.md describes it. Every weekday
 * draws its random numbers, holidays included (they write no rows): a holiday then changes
 * no number of the days after it.
 */
export function generateSnapshots(
  def: DemoDefinition,
  staff: DemoStaff,
  days: DemoDay[],
  incidents: readonly Incident[],
  anchorMs: number,
  r: Random,
  plan: DemoDayPlan,
): SnapshotRow[] {
  const rows: Omit<SnapshotRow, 'snapshot_id'>[] = [];
  const step = def.workday.snapshotMinutes * MINUTE;
  const ref = def.reference;
  const donorSites = new Set(ref.donors.map((d) => d.site));
  for (const day of days) {
    if (!day.weekday) continue;
    const start = at(day, def.workday.start);
    const end = day.isAnchorDay ? anchorMs : at(day, def.workday.end);
    const lunch = [at(day, def.workday.lunchStart), at(day, def.workday.lunchEnd)] as const;
    const lunchFactor = (t: number): number => (t >= lunch[0] && t < lunch[1] ? 0.55 : 1);
    for (const s of seriesOf(def, staff)) {
      const deadline = at(day, s.deadline);
      const isReference = day.isAnchorDay && s.site === ref.site && s.process === ref.process && s.businessId === ref.businessId;
      const present = day.isAnchorDay ? 1 : plan.presentShare(s.site, day.date);
      const rate = (t: number): number => {
        if (isReference) {
          // Exactly the reference speed since the slowdown, so the numbers are reproducible.
          if (t >= at(day, ref.slowSince)) return ref.speedPerMinute;
          return 8.2 * lunchFactor(t) * r.range(0.95, 1.05);
        }
        return s.perMinute * present * lunchFactor(t) * incidentFactor(incidents, s.site, s.process, t) * r.range(0.85, 1.12);
      };
      const amounts: number[] = [];
      for (let t = start; t < end; t += step) amounts.push(Math.round(rate(t) * (step / MINUTE)));

      let volume: number;
      if (isReference) {
        volume = ref.remaining + amounts.reduce((a, b) => a + b, 0);
      } else {
        const capacity = capacityUntil(def, s, s.deadline);
        // On the reference day the other sites run normally, so the reference delay stands out;
        // the donor sites are comfortably ahead on the reference's process. The draws are made on
        // every day (see above); other days take their items from the arrivals.
        const easy = day.isAnchorDay && donorSites.has(s.site) && s.process === ref.process;
        const overload = !day.isAnchorDay && r.chance(0.06);
        const load = easy ? r.range(0.55, 0.65) : overload ? r.range(1.04, 1.2) : r.range(0.72, 0.9);
        volume = plan.volumeOf(day.date, s) ?? Math.round(capacity * load);
      }

      let remaining = volume;
      let done = 0;
      let correction = 0;
      let i = 0;
      for (let t = start; t <= end; t += step, i++) {
        if (day.workday)
          rows.push({
            snapshot_time: t,
            location_name: s.site,
            business_id: s.businessId,
            process_name: s.process,
            expected_completion_time: deadline,
            total_waiting: remaining,
            entry_count: done,
            correction_waiting: correction,
          });
        const processed = Math.min(remaining, amounts[i] ?? 0);
        remaining -= processed;
        done += processed;
        correction = Math.max(0, correction + Math.round(processed * 0.03) - r.int(0, 3));
      }
    }
  }
  rows.sort((a, b) => a.snapshot_time - b.snapshot_time);
  return rows.map((row, i) => ({ snapshot_id: i + 1, ...row }));
}
