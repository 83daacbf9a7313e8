import type { DemoDefinition } from './demoDefinition.js';
import { at, type DemoDay } from './demoCalendar.js';
import type { Random } from './random.js';

export type IncidentKind = 'ocr_timeout' | 'db_pool' | 'network';

/** A production problem: an error burst in the logs and a productivity dip at one site. */
export interface Incident {
  site: string;
  kind: IncidentKind;
  start: number;
  end: number;
  /** Multiplier on the site's processing speed while it lasts. */
  speedFactor: number;
  /** Limits the dip to one process (the OCR feeds entry work); all of the site's processes otherwise. */
  process?: string;
}

const MINUTE = 60_000;
const KINDS: readonly IncidentKind[] = ['ocr_timeout', 'db_pool', 'network'];

export function generateIncidents(def: DemoDefinition, days: DemoDay[], anchorMs: number, r: Random): Incident[] {
  const incidents: Incident[] = [];
  const candidates = days.filter((d) => d.weekday && !d.isAnchorDay);
  for (let i = 0; i < 9; i++) {
    const day = r.pick(candidates);
    const start = at(day, '10:00') + r.int(0, 27) * 10 * MINUTE;
    incidents.push({
      site: r.pick(def.sites).name,
      kind: r.pick(KINDS),
      start,
      end: start + r.int(3, 10) * 10 * MINUTE,
      speedFactor: r.range(0.5, 0.7),
    });
  }
  // The reference situation: 札幌's OCR has been timing out since 13:50 and is still failing.
  const anchorDay = days[days.length - 1]!;
  const ref = def.reference;
  incidents.push({
    site: ref.site,
    kind: 'ocr_timeout',
    start: at(anchorDay, ref.slowSince),
    end: anchorMs + 20 * MINUTE,
    speedFactor: 0.62,
    process: ref.process,
  });
  return incidents.sort((a, b) => a.start - b.start);
}

export function incidentFactor(incidents: readonly Incident[], site: string, process: string, t: number): number {
  let f = 1;
  for (const i of incidents) {
    if (i.site === site && (i.process === undefined || i.process === process) && t >= i.start && t < i.end) f = Math.min(f, i.speedFactor);
  }
  return f;
}
