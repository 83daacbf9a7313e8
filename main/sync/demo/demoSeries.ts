import { at, type DemoDay } from './demoCalendar.js';
import type { DemoDefinition } from './demoDefinition.js';
import type { DemoStaff } from './demoOperators.js';

const MINUTE = 60_000;
/** Work slows at lunch, it does not stop: people take turns. */
export const LUNCH_FACTOR = 0.55;

/** One site × business × process of the demo company at its normal staffing. */
export interface DemoSeries {
  site: string;
  businessId: string;
  deadline: string;
  process: string;
  /** Items per minute of the operators normally on it. */
  perMinute: number;
}

export const seriesKey = (s: Pick<DemoSeries, 'site' | 'businessId' | 'process'>): string => `${s.site}\u0000${s.businessId}\u0000${s.process}`;

export function seriesOf(def: DemoDefinition, staff: DemoStaff): DemoSeries[] {
  const out: DemoSeries[] = [];
  for (const b of def.businesses) {
    for (const site of b.sites) {
      for (const p of def.processes) {
        let perMinute = 0;
        for (const op of staff.operators) {
          const a = staff.assignment.get(op.operator_id);
          if (op.location_name === site && a?.businessId === b.id && a.process === p.name) perMinute += a.perMinute;
        }
        // Every process of a business is staffed: borrow a floor capacity if the draw left it thin.
        out.push({ site, businessId: b.id, deadline: b.deadline, process: p.name, perMinute: Math.max(perMinute, 1.5) });
      }
    }
  }
  return out;
}

/** Whether an instant falls in the lunch hour of its day. */
export function lunchFactorAt(def: DemoDefinition, day: Pick<DemoDay, 'midnight'>, t: number): number {
  return t >= at(day, def.workday.lunchStart) && t < at(day, def.workday.lunchEnd) ? LUNCH_FACTOR : 1;
}

/** Items the series' normal staff does from the start of the day to `until` ("HH:MM"). */
export function capacityUntil(def: DemoDefinition, s: DemoSeries, until: string): number {
  const day = { midnight: 0 };
  const step = def.workday.snapshotMinutes * MINUTE;
  let capacity = 0;
  for (let t = at(day, def.workday.start); t < at(day, until); t += step) capacity += s.perMinute * lunchFactorAt(def, day, t) * (step / MINUTE);
  return capacity;
}
