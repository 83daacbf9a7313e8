import type { AppLogRow } from '../../store/companyRows.js';
import type { DemoDefinition } from './demoDefinition.js';
import type { DemoDay } from './demoCalendar.js';
import type { Incident } from './demoIncidents.js';
import { INCIDENT_TEMPLATES, NOVEL_TEMPLATES, ROUTINE_TEMPLATES, type LogContext, type LogTemplate } from './demoLogCatalog.js';
import type { Random } from './random.js';
import { addZonedDays, startOfZonedDay } from '../../config/zonedTime.js';

const HOUR = 3_600_000;

/** Lines per hour: busy in working hours, quieter at night and at weekends. */
function hourlyRate(day: DemoDay, hour: number): number {
  if (!day.weekday) return 170;
  return hour >= 8 && hour < 19 ? 700 : 140;
}

/**
 * About a quarter of a million application log lines over the demo period, one day at a
 * time (the caller inserts each day's batch), in timestamp order.
 */
export function* generateLogDays(
  def: DemoDefinition,
  days: DemoDay[],
  incidents: readonly Incident[],
  anchorMs: number,
  r: Random,
): Generator<Omit<AppLogRow, 'log_id'>[]> {
  const context = (siteIndex: number): LogContext => {
    const site = def.sites[siteIndex]!;
    const businesses = def.businesses.filter((b) => b.sites.includes(site.name));
    return { r, site: site.name, siteHost: site.host, siteIndex, businessId: r.pick(businesses).id };
  };
  const line = (ts: number, t: LogTemplate, c: LogContext): Omit<AppLogRow, 'log_id'> => ({
    ts,
    service: t.service,
    host: t.host(c),
    level: t.level,
    message: t.message(c),
    // Request-scoped services carry a trace id; background jobs do not.
    trace_id: t.service === 'batch-scheduler' ? null : r.hex(16),
  });

  for (const day of days) {
    // The day ends at the next local midnight (23 or 25 hours on, across a DST change), the anchor day at the anchor.
    const end = day.isAnchorDay ? anchorMs : startOfZonedDay(day.midnight, def.timeZone, 1);
    const rows: Omit<AppLogRow, 'log_id'>[] = [];
    for (let hour = 0; hour < 24; hour++) {
      const from = day.midnight + hour * HOUR;
      if (from >= end) break;
      const n = Math.round(hourlyRate(day, hour) * r.range(0.85, 1.15));
      for (let k = 0; k < n; k++) {
        const ts = from + Math.floor(r.next() * HOUR);
        if (ts >= end) continue;
        const row = line(
          ts,
          r.weighted(ROUTINE_TEMPLATES, (t) => t.weight),
          context(r.int(0, def.sites.length - 1)),
        );
        // A weekday holiday is closed (no snapshots that day): its working hours are as quiet as a weekend's, one line in
        // four. The line is still drawn, so the days after it keep their lines.
        if (day.workday || !day.weekday || hourlyRate(day, hour) < 700 || k % 4 === 0) rows.push(row);
      }
    }
    for (const inc of incidents) {
      const siteIndex = def.sites.findIndex((s) => s.name === inc.site);
      const from = Math.max(inc.start, day.midnight);
      const to = Math.min(inc.end, end);
      // Bursts of 3-8 errors a minute while the incident lasts.
      for (let ts = from; ts < to; ts += Math.floor(60_000 / r.range(3, 8))) {
        rows.push(
          line(
            ts,
            r.weighted(INCIDENT_TEMPLATES[inc.kind], (t) => t.weight),
            context(siteIndex),
          ),
        );
      }
    }
    for (const novel of NOVEL_TEMPLATES) {
      const first = addZonedDays(anchorMs, -novel.fromDaysBeforeAnchor, def.timeZone) - 6 * HOUR;
      if (end <= first) continue;
      const count = r.int(6, 14);
      for (let k = 0; k < count; k++) {
        const ts = Math.max(first, day.midnight) + Math.floor(r.next() * (end - Math.max(first, day.midnight)));
        rows.push(line(ts, novel, context(0)));
      }
    }
    rows.sort((a, b) => a.ts - b.ts);
    yield rows;
  }
}
