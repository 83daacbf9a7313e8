import type Database from 'better-sqlite3';
import type { Overview, ProcessProgress } from '../api/types.js';
import type { GenbaConfig } from '../config/config.js';
import { computeOverview, type OverviewOptions } from './siteOverview.js';
import { approvedMovesToday, type ApprovedMove } from './approvedMoves.js';
import { neededSpeed } from '../store/progressRules.js';
import { durationDays, HOURS_24_MS } from '../api/durations.js';
import { localDate } from '../config/zonedTime.js';

export type PlacementPolicy = GenbaConfig['placement'];

/** An operator who could work on the target process. */
export interface Candidate {
  id: number;
  name: string;
  site: string;
  skill: number;
  experienceMonths: number;
  /** Items per hour on the target process. */
  perHour: number;
  /** Their most experienced process and their speed there: what they are taken to work on, and what leaving it costs. */
  mainProcess: string;
  mainPerHour: number;
  /** The process today's assignment puts them on at this moment (daily_assignments), where the store has one. */
  todayProcess: string | null;
  /** Moves of this operator in decisions of the last 30 days (fairness). */
  recentMoves: number;
}

/** What a site can give up on one process and still meet its own deadlines. */
export interface DonorCapacity {
  site: string;
  process: string;
  currentPerMinute: number;
  requiredPerMinute: number;
  /** Items per minute that may leave; Infinity when the site has no open work on the process. */
  sparePerMinute: number;
}

export interface PlacementSituation {
  target: ProcessProgress;
  candidates: Candidate[];
  donors: DonorCapacity[];
  /** Why others are not candidates: counted for the explanation. */
  excluded: { belowSkill: number; alreadyMoved: number; newcomers: number };
  dataAsOf: number;
  series: ProcessProgress[];
  /**
   * Moves approved today for the target's work (oldest first). Their people are counted on the
   * target from their start (the decision's snapshot plus the switch-over) and no longer at
   * the site they left, until the snapshots measure them: a proposal asks only for what is
   * still short after them.
   */
  approved: ApprovedMove[];
}

/** Open series are those with work left and a deadline still ahead. */
function donorCapacities(series: ProcessProgress[], reserveShare: number): DonorCapacity[] {
  const byKey = new Map<string, ProcessProgress[]>();
  for (const s of series) {
    const key = `${s.site}\u0000${s.process}`;
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const out: DonorCapacity[] = [];
  for (const list of byKey.values()) {
    const { site, process } = list[0]!;
    let current = 0;
    let required = 0;
    let open = false;
    let blocked = false;
    for (const s of list) {
      if (s.remaining <= 0) continue;
      open = true;
      // A series past its deadline, stalled, or without a speed cannot lend anyone.
      if (s.deadline === null || s.deadline <= s.snapshotTime || !s.speedPerMinute || s.speedPerMinute <= 0) blocked = true;
      current += Math.max(0, s.speedPerMinute ?? 0);
      required += neededSpeed(s.remaining, s.deadline, s.snapshotTime) ?? 0;
    }
    const spare = !open ? Infinity : blocked ? 0 : Math.max(0, current - required * (1 + reserveShare));
    out.push({ site, process, currentPerMinute: current, requiredPerMinute: required, sparePerMinute: spare });
  }
  return out;
}

/**
 * The data engine: the target's latest numbers, every qualified operator elsewhere and
 * what each site can spare per process. The company schema has no assignment table, so an
 * operator is taken to work on their most experienced process at their own site.
 */
export function placementSituation(
  db: Database.Database,
  o: OverviewOptions & { policy: PlacementPolicy },
  /**
   * `notFrom`: sites whose people the manager asked not to take (「盛岡からは出さないで」); `notWho`: people of a proposal
   * rejected today for this work (placement/rejectedMoves.ts). Neither is a candidate. `onlyFrom`: the sites the manager
   * asked people to come from (「佐世保から」); when given, no one else is. `notNamed`: people the manager left out by name
   * (「坂本さんは外して」).
   */
  target: {
    site: string;
    process: string;
    businessId: string | null;
    notFrom?: readonly string[];
    onlyFrom?: readonly string[];
    notNamed?: readonly string[];
    notWho?: readonly number[];
  },
  /** The overview of the same moment, when the caller has it already. */
  computed?: Overview,
): PlacementSituation | null {
  const overview = computed ?? computeOverview(db, o);
  const series = overview.sites.flatMap((s) => s.processes);
  const matching = series.filter(
    (s) => s.site === target.site && s.process === target.process && (target.businessId === null || s.businessId === target.businessId),
  );
  if (matching.length === 0 || overview.dataAsOf === null) return null;
  // Without a business, the series in the most trouble is the one meant.
  const t = matching.reduce((a, b) => ((b.minutesLate ?? -Infinity) > (a.minutesLate ?? -Infinity) ? b : a));

  const rows = db
    .prepare(
      `SELECT o.operator_id AS id, o.operator_name AS name, o.location_name AS site, c.skill_level AS skill,
            c.experience_months AS months, c.average_speed AS perHour,
            (SELECT m.process_name || char(0) || m.average_speed FROM operator_process_capabilities m
              WHERE m.operator_id = o.operator_id
              ORDER BY m.experience_months DESC, m.skill_level DESC, m.capability_id LIMIT 1) AS main,
            (SELECT MAX(m.experience_months) FROM operator_process_capabilities m WHERE m.operator_id = o.operator_id) AS tenure,
            (SELECT a.process_name FROM daily_assignments a WHERE a.operator_id = o.operator_id AND a.assignment_date = ?
              AND a.start_time <= ? ORDER BY a.start_time DESC, a.assignment_id DESC LIMIT 1) AS todayProcess
       FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
      WHERE o.is_valid = 1 AND c.process_name = ? AND o.location_name != ?
      ORDER BY o.operator_id`,
    )
    .all(localDate(o.now, o.timeZone), o.now, target.process, target.site) as {
    id: number;
    name: string;
    site: string;
    skill: number;
    months: number;
    perHour: number;
    main: string;
    tenure: number;
    todayProcess: string | null;
  }[];

  const recent = recentMoves(db, o.now);
  const candidates: Candidate[] = [];
  let belowSkill = 0;
  let alreadyMoved = 0;
  let newcomers = 0;
  // Moved in the last 24 hours of elapsed time (the same window as proposalStore.ts's approval check), not "today".
  const movedSince = o.now - HOURS_24_MS;
  for (const r of rows) {
    if (target.notFrom?.includes(r.site) || target.notWho?.includes(r.id)) continue;
    if (target.onlyFrom?.length && !target.onlyFrom.includes(r.site)) continue;
    // A name, or a family name said alone (「坂本さん」: every 坂本).
    if (target.notNamed?.some((n) => r.name === n || r.name.startsWith(`${n} `))) continue;
    if (r.skill < o.policy.minSkill) {
      belowSkill++;
      continue;
    }
    // 「経験6か月未満のオペレータは拠点間の応援に出さない」: every candidate here is from another site.
    if (r.tenure < o.policy.newcomerMonths) {
      newcomers++;
      continue;
    }
    const moves = recent.get(r.id) ?? [];
    if (moves.some((at) => at >= movedSince)) {
      alreadyMoved++;
      continue;
    }
    const [mainProcess, mainSpeed] = r.main.split('\u0000');
    candidates.push({
      id: r.id,
      name: r.name,
      site: r.site,
      skill: r.skill,
      experienceMonths: r.months,
      perHour: r.perHour,
      mainProcess: mainProcess!,
      mainPerHour: Number(mainSpeed),
      todayProcess: r.todayProcess,
      recentMoves: moves.length,
    });
  }
  const today = approvedMovesToday(db, { now: o.now, timeZone: o.timeZone });
  return {
    target: t,
    candidates,
    donors: withoutMovers(donorCapacities(series, o.policy.donorReserveShare), today),
    approved: today.filter((m) => m.site === t.site && m.process === t.process && m.businessId === t.businessId),
    excluded: { belowSkill, alreadyMoved, newcomers },
    dataAsOf: overview.dataAsOf,
    series,
  };
}

/**
 * The giving sites without the people already sent away today whose leaving the snapshots
 * do not show yet (the move still being measured): they can no longer be lent twice.
 */
function withoutMovers(donors: DonorCapacity[], moves: ApprovedMove[]): DonorCapacity[] {
  const gone = new Map<string, number>();
  for (const m of moves.filter((x) => x.pending))
    for (const x of m.movers)
      if (x.mainProcess) gone.set(`${x.from}\u0000${x.mainProcess}`, (gone.get(`${x.from}\u0000${x.mainProcess}`) ?? 0) + x.mainPerHour / 60);
  return donors.map((d) => {
    const away = gone.get(`${d.site}\u0000${d.process}`) ?? 0;
    if (away === 0) return d;
    return {
      ...d,
      currentPerMinute: Math.max(0, d.currentPerMinute - away),
      sparePerMinute: Number.isFinite(d.sparePerMinute) ? Math.max(0, d.sparePerMinute - away) : d.sparePerMinute,
    };
  });
}

/** Operator ids moved by approved or modified decisions in the last 30 days, with when. */
function recentMoves(db: Database.Database, now: number): Map<number, number[]> {
  const rows = db
    .prepare(`SELECT proposal, decided_at FROM proposals WHERE status IN ('approved', 'modified') AND decided_at >= ?`)
    // A rolling count of how often a person was moved lately: elapsed time, an hour of DST either way is no matter.
    .all(now - durationDays(30)) as { proposal: string; decided_at: number }[];
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const ops = (JSON.parse(r.proposal) as { operators: { id: number }[] }).operators;
    for (const op of ops) out.set(op.id, [...(out.get(op.id) ?? []), r.decided_at]);
  }
  return out;
}
