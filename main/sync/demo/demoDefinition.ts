import { z } from 'zod';
import raw from '../../../resources/demo/company.json';
import type { GenbaConfig } from '../../config/config.js';

const hhmm = z.string().regex(/^\d{2}:\d{2}$/);

const definitionSchema = z.object({
  timeZone: z.string(),
  anchor: z.string(),
  days: z.number().int().min(1).max(120),
  /** Days of daily history (arrivals, attendance) before the anchor: the forecast learns from them. */
  historyDays: z.number().int().min(30).max(1000),
  planning: z.object({
    volumeShare: z.number().positive(),
    /** Monday … Friday. */
    weekdayFactors: z.array(z.number().positive()).length(5),
    /** Per business: the factor of the month's 1st, 2nd, … working day (the claims cycle), and of the rest of the month. */
    monthStartFactors: z.record(z.string(), z.array(z.number().positive())),
    monthRestFactor: z.record(z.string(), z.number().positive()),
    /** Each closed day beyond a plain weekend adds this share of a day's work to the next working day. */
    afterClosurePerDay: z.number().min(0),
    trendPerYear: z.number(),
    noise: z.number().min(0),
    unusualShare: z.number().min(0).max(1),
    absence: z.number().min(0).max(1),
    mondayAbsenceFactor: z.number().positive(),
    afterHolidayAbsenceFactor: z.number().positive(),
    paidLeave: z.number().min(0).max(1),
    late: z.number().min(0).max(1),
    /** Paid leave is asked for this many days ahead (min, max). */
    leaveKnownDays: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
    /** Working days after the anchor with scheduled attendance. */
    daysAhead: z.number().int().min(1).max(60),
    maxOvertimeMinutes: z.number().int().min(0),
  }),
  workday: z.object({ start: hhmm, end: hhmm, lunchStart: hhmm, lunchEnd: hhmm, snapshotMinutes: z.number().int().min(1) }),
  sites: z.array(z.object({ name: z.string(), host: z.string(), operators: z.number().int().min(1) })).min(1),
  processes: z.array(z.object({ name: z.string(), itemsPerHour: z.number().positive(), share: z.number().positive() })).min(1),
  businesses: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        // Its English name, for English screens and answers (stored beside the name).
        nameEn: z.string().max(50).optional(),
        aliases: z.array(z.string().min(1).max(50)).optional(),
        deadline: hhmm,
        sites: z.array(z.string()).min(1),
      }),
    )
    .min(1),
  distancesKm: z.record(z.string(), z.record(z.string(), z.number().nonnegative())),
  reference: z.object({
    site: z.string(),
    process: z.string(),
    businessId: z.string(),
    remaining: z.number().int().positive(),
    speedPerMinute: z.number().positive(),
    slowSince: hhmm,
    donors: z.array(
      z.object({
        site: z.string(),
        operators: z.array(z.object({ name: z.string(), skill: z.number().int().min(1).max(5), experienceMonths: z.number().int().min(0) })),
      }),
    ),
  }),
});

export type DemoDefinition = z.infer<typeof definitionSchema>;

/** The shipped definition, validated so a bad edit fails loudly at start-up, not as odd data. */
export const DEMO_DEFINITION: DemoDefinition = definitionSchema.parse(raw);

/** Minutes after midnight of an "HH:MM" string. */
export function minutesOf(hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return h! * 60 + m!;
}

/** The fixed instant the demo company represents: the reference situation (2025-10-23 15:40 JST). */
export const DEMO_ANCHOR_MS = Date.parse(DEMO_DEFINITION.anchor);

/** The demo company's master names, as the assistant reads them from a synced store. */
export const DEMO_MASTER_NAMES = {
  sites: DEMO_DEFINITION.sites.map((s) => s.name),
  processes: DEMO_DEFINITION.processes.map((p) => p.name),
  businessIds: DEMO_DEFINITION.businesses.map((b) => b.id),
} as const;

/** Site → site → km for the moves: the configured distances, else the demo company's own while it is the source. */
export function placementDistancesKm(c: Pick<GenbaConfig, 'placement' | 'source'>): Record<string, Record<string, number>> {
  return Object.keys(c.placement.distancesKm).length > 0 || c.source.kind !== 'demo' ? c.placement.distancesKm : DEMO_DEFINITION.distancesKm;
}
