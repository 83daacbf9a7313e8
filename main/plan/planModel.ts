import { blockMinutes, distanceKm, earlyCounts, lateCounts, mayWork, minutesBefore, newcomer, p90Of, preferredMonths, targetOf } from './planDayMinutes.js';
import type { PlanBlock, PlanProblem } from './planProblem.js';
import { checkGroupOf, checkersAtWork, checks } from './finalCheck.js';

/** One thing an operator could do: a demand they are skilled for, at their site or a near one. */
export interface PlanOption {
  op: number;
  demand: number;
  perMinute: number;
  skill: number;
  cross: boolean;
  km: number;
  inexperienced: boolean;
  /** The preferences' cost of one block of it; the reward for working is apart (idleBlock). */
  blockCost: number;
}

/** The part of the company one model covers: operators and demands by index into the problem. */
export interface PlanScope {
  operators: number[];
  demands: number[];
  /** Whether an operator of `from` may work a demand of `to` (another site). */
  crossAllowed: (from: string, to: string) => boolean;
  /**
   * Helpers lent by a neighbour for a cross-site repair (solvePlan's step 2): per operator, the
   * blocks they are free in (instead of their attendance), the minutes their day has left
   * (their other block may stay at home), and a cost per block moved (what their home plan loses).
   */
  helpers?: Map<number, { blocks: Record<PlanBlock, boolean>; maxWorkMinutes: number; moveCost: Record<PlanBlock, number> }>;
  /** Rows Σ items·x[op, block] ≤ max: a home demand lends no more than its surplus over its target. */
  lendLimits?: { terms: { op: number; block: PlanBlock; items: number }[]; max: number }[];
  /**
   * The company's rule for a model that may lend anyone (the whole day): a site that lends a person keeps every one of its
   * demands' targets (「移動元が自分の納期を守れない移動はしない」). A binary per lending site: its people's cross-site blocks
   * only when it is set, and its demands' shortfall nil when it is.
   */
  lendersKeepTargets?: boolean;
  /**
   * Overtime counted by class of speed (speedClasses) rather than at the demand's slowest person: for a model whose people
   * come from every site (the whole day), where speeds spread widest. A site's own model and its repairs keep one column
   * a demand: there, classes changed the plans found within the work limits by up to 30 % either way on ordinary days
   * (docs/bench/2026-11-29-plan-overtime-by-speed.md).
   */
  overtimeBySpeed?: boolean;
}

export interface PlanModel {
  /** The MIP as LP text. */
  lp: string;
  options: PlanOption[];
  /** Column names, for reading the solution back. */
  x: (i: number, b: PlanBlock) => string;
  /** Overtime minutes of a demand's AM (early) or PM (late) people: one column, or one per class of speed (overtimeBySpeed). */
  overtime: (d: number, b: PlanBlock) => string[];
  /** The binary that lets a site lend people (lendersKeepTargets); null where the model has none for it. */
  lends: (site: string) => string | null;
  /** The overtime column an option's person adds to in a block; null where they may add none. */
  overtimeOf: (i: number, b: PlanBlock) => string | null;
  short: (d: number) => string;
  buffer: (d: number) => string;
  /** Items short of P90 above P80 (absent where P90 is no higher). */
  p90Gap: (d: number) => string;
}

const num = (v: number): string => Number(v.toFixed(6)).toString();

/** The options of every operator in scope: a skill at minSkill or above and some minutes before the deadline; no newcomer helps another site. */
export function planOptions(p: PlanProblem, scope: PlanScope): PlanOption[] {
  const { policy, day } = p;
  const w = policy.weights;
  const bySiteProcess = new Map<string, number[]>();
  for (const d of scope.demands) {
    const key = `${p.demands[d]!.site}\u0000${p.demands[d]!.process}`;
    bySiteProcess.set(key, [...(bySiteProcess.get(key) ?? []), d]);
  }
  const sites = [...new Set(scope.demands.map((d) => p.demands[d]!.site))];
  const options: PlanOption[] = [];
  for (const op of scope.operators) {
    const o = p.operators[op]!;
    for (const s of o.skills) {
      if (!mayWork(s, policy)) continue;
      for (const site of sites) {
        const cross = site !== o.site;
        if (cross && (!scope.crossAllowed(o.site, site) || newcomer(o, policy))) continue;
        for (const d of bySiteProcess.get(`${site}\u0000${s.process}`) ?? []) {
          const dl = p.demands[d]!.deadlineMinute;
          if (minutesBefore(day, 'am', dl) + minutesBefore(day, 'pm', dl) <= 0 && !earlyCounts(day, dl)) continue;
          const km = distanceKm(policy, o.site, site);
          const inexperienced = s.experienceMonths < preferredMonths(policy, s.process);
          const blockCost =
            (cross ? w.crossSite + w.crossSiteKm * km : 0) + w.skillWaste * Math.max(0, s.skill - policy.minSkill) + (inexperienced ? w.inexperienced : 0);
          options.push({ op, demand: d, perMinute: s.perHour / 60, skill: s.skill, cross, km, inexperienced, blockCost });
        }
      }
    }
  }
  return options;
}

/**
 * The model as CPLEX LP text.
 *   x[i,b] ∈ {0,1}: option i (operator, demand) in block b; o[d,b] ≥ 0: overtime minutes on demand d
 *   of its AM people (early, 早出) or PM people (late), together
 *   per operator and block: Σ x ≤ 1 (one thing per block; available blocks only)
 *   o[d,b] ≤ Σ room·x[i,b]: each person on it can add what their day and the policy leave (room)
 *   per operator: block minutes worked ≤ maxWorkMinutes (written only where it can bind)
 *   per demand: Σ perMinute·minutes before the deadline·x + slowest perMinute·o + short ≥ target; + buffer ≥ p80
 *   minimise shortfallItem·short + overtimeMinute·o + Σ (blockCost − idleBlock)·x + bufferItem·buffer
 * Overtime is per demand (in the whole day's model, per class of speed: speedClasses), not per person: per-person overtime
 * variables tied to each option made a site's model many times slower (its subset-sum over speeds: docs/bench/
 * 2026-11-23-plan-decomposition.md), and the slowest speed of a column keeps the model's items a lower bound of what the
 * people will do. The minutes are shared out to people afterwards (solvePlan), fastest first.
 * Working is rewarded by idleBlock rather than forced, so that someone with nothing useful
 * stays free instead of being sent across sites; the reward is below a cross-site move.
 */
export function buildPlanModel(p: PlanProblem, scope: PlanScope, options: PlanOption[], bound: { overtimeAtFastest?: boolean } = {}): PlanModel {
  const { day, policy } = p;
  const w = policy.weights;
  const x = (i: number, b: PlanBlock): string => `x${b === 'am' ? 'a' : 'p'}${i}`;
  const short = (d: number): string => `sh${d}`;
  const obj: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const bounds: string[] = [];
  const term = (c: number, v: string): string => `${c < 0 ? '-' : '+'} ${num(Math.abs(c))} ${v}`;
  const byOp = new Map<number, number[]>();
  options.forEach((o, i) => byOp.set(o.op, [...(byOp.get(o.op) ?? []), i]));
  const cover = new Map<number, string[]>();
  const addCover = (d: number, c: number, v: string): void => {
    if (c > 1e-9) cover.set(d, [...(cover.get(d) ?? []), term(c, v)]);
  };
  const [amLen, pmLen] = [blockMinutes(day, 'am'), blockMinutes(day, 'pm')];

  // Overtime per demand and block: the people on it in the AM may start early, those in the PM stay late.
  const otRoom = new Map<string, { rate: number; room: string; i: number }[]>();
  for (const [op, mine] of byOp) {
    const helper = scope.helpers?.get(op);
    const o = helper ? { ...p.operators[op]!, ...helper } : p.operators[op]!;
    const hours: string[] = [];
    for (const b of ['am', 'pm'] as const) {
      if (!o.blocks[b]) continue;
      const len = b === 'am' ? amLen : pmLen;
      if (len > o.maxWorkMinutes) continue;
      const room = Math.min(policy.maxOvertimeMinutes, o.maxWorkMinutes - len);
      for (const i of mine) {
        const opt = options[i]!;
        const dl = p.demands[opt.demand]!.deadlineMinute;
        binaries.push(x(i, b));
        obj.push(term(opt.blockCost - w.idleBlock + (helper?.moveCost[b] ?? 0), x(i, b)));
        addCover(opt.demand, opt.perMinute * minutesBefore(day, b, dl), x(i, b));
        hours.push(term(len, x(i, b)));
        if (room > 0 && !helper && (b === 'am' ? earlyCounts(day, dl) : lateCounts(day, dl))) {
          const key = `${b}${opt.demand}`;
          otRoom.set(key, [...(otRoom.get(key) ?? []), { rate: opt.perMinute, room: term(room, x(i, b)), i }]);
        }
      }
      rows.push(`b${b}${op}: ${mine.map((i) => `+ ${x(i, b)}`).join(' ')} <= 1`);
    }
    const most = (o.blocks.am ? amLen : 0) + (o.blocks.pm ? pmLen : 0);
    if (hours.length > 0 && most > o.maxWorkMinutes) rows.push(`h${op}: ${hours.join(' ')} <= ${num(o.maxWorkMinutes)}`);
  }
  const declared = new Set(binaries);
  (scope.lendLimits ?? []).forEach((limit, k) => {
    const terms = limit.terms.flatMap((t) => (byOp.get(t.op) ?? []).filter((i) => declared.has(x(i, t.block))).map((i) => term(t.items, x(i, t.block))));
    if (terms.length > 0) rows.push(`l${k}: ${terms.join(' ')} <= ${num(limit.max)}`);
  });
  finalCheckRows(p, options, x, declared).forEach((r) => rows.push(r));
  const otNames = new Map<string, string[]>();
  const otOf = new Map<string, string>();
  for (const [key, people] of otRoom) {
    const names: string[] = [];
    (scope.overtimeBySpeed ? speedClasses(people) : [people]).forEach((members, k) => {
      const v = `o${key}k${k}`;
      names.push(v);
      for (const m of members) otOf.set(`${key.slice(0, 2)}${m.i}`, v);
      rows.push(`r${key}k${k}: ${v} ${members.map((m) => m.room.replace(/^\+/, '-')).join(' ')} <= 0`);
      obj.push(term(w.overtimeMinute, v));
      // The slowest speed of the class keeps a plan's items a lower bound of what its people do; a relaxation
      // (dayBound.ts) takes the fastest, so that it allows at least what any sharing of the minutes does.
      const rates = members.map((m) => m.rate);
      addCover(Number(key.slice(2)), bound.overtimeAtFastest ? Math.max(...rates) : Math.min(...rates), v);
    });
    otNames.set(key, names);
  }
  const lendsOf = new Map<string, string>();
  if (scope.lendersKeepTargets) {
    const lenders = [...new Set(options.filter((o) => o.cross).map((o) => p.operators[o.op]!.site))].sort();
    lenders.forEach((site, k) => {
      // One row per person and block, not one per site with a big M: Σ cross x ≤ N·ls lets the relaxation lend a whole
      // site's people at ls = 1/N, which leads the search away from plans that keep the rule (2025-09-01: the whole day's
      // plan 1,147,356 with the big M, 548,039 with these rows, before overtime by speed). A person works one thing per
      // block, so their cross options in it sum to ≤ ls.
      const crossOf = new Map<string, string[]>();
      options.forEach((o, i) => {
        if (!o.cross || p.operators[o.op]!.site !== site) return;
        for (const b of ['am', 'pm'] as const) if (declared.has(x(i, b))) crossOf.set(`${b}${o.op}`, [...(crossOf.get(`${b}${o.op}`) ?? []), x(i, b)]);
      });
      if (crossOf.size === 0) return;
      binaries.push(`ls${k}`);
      lendsOf.set(site, `ls${k}`);
      for (const [key, crossX] of crossOf) rows.push(`lx${k}${key}: ${crossX.map((v) => `+ ${v}`).join(' ')} - ls${k} <= 0`);
      for (const d of scope.demands)
        if (p.demands[d]!.site === site)
          rows.push(`lk${k}d${d}: ${short(d)} + ${num(targetOf(p.demands[d]!, policy))} ls${k} <= ${num(targetOf(p.demands[d]!, policy))}`);
    });
  }
  for (const d of scope.demands) {
    const dem = p.demands[d]!;
    const target = targetOf(dem, policy);
    const terms = (cover.get(d) ?? []).join(' ');
    obj.push(term(w.shortfallItem, short(d)));
    rows.push(`c${d}: ${terms} + ${short(d)} >= ${num(target)}`);
    bounds.push(`${short(d)} >= 0`);
    const buffered = dem.p80 > target && w.bufferItem > 0;
    if (buffered) {
      obj.push(term(w.bufferItem, `bu${d}`));
      rows.push(`u${d}: ${terms} + ${short(d)} + bu${d} >= ${num(dem.p80)}`);
      bounds.push(`bu${d} >= 0`);
    }
    // The next tier: items between P80 and P90 (read off the same spread), cheaper than the buffer's.
    const p90 = p90Of(dem);
    if (p90 > Math.max(target, dem.p80) && w.p90Item > 0) {
      obj.push(term(w.p90Item, `bn${d}`));
      rows.push(`n${d}: ${terms} + ${short(d)}${buffered ? ` + bu${d}` : ''} + bn${d} >= ${num(p90)}`);
      bounds.push(`bn${d} >= 0`);
    }
  }
  const lines = ['Minimize', ` obj: ${obj.join(' ') || '0 sh0'}`, 'Subject To', ...rows.map((r) => ` ${r}`), 'Bounds', ...bounds.map((b) => ` ${b}`)];
  if (binaries.length > 0) lines.push('Binaries', ...chunk(binaries));
  lines.push('End');
  return {
    lp: lines.join('\n'),
    options,
    x,
    overtime: (d, b) => otNames.get(`${b}${d}`) ?? [],
    overtimeOf: (i, b) => otOf.get(`${b}${i}`) ?? null,
    lends: (site) => lendsOf.get(site) ?? null,
    short,
    buffer: (d) => `bu${d}`,
    p90Gap: (d) => `bn${d}`,
  };
}

/**
 * The company's final check (finalCheck.ts) as rows: in a block, each other person on a site's checked process works it
 * only beside one of the site's own at the rule's level (a row a person, as for the lenders: one with a big M let the
 * relaxation put a fraction of a checker beside a whole line). Where the model holds none of them but the site has one at
 * work (lent elsewhere by an earlier step), the others may not work it here; where the site has none at work, no plan
 * keeps the rule and the work goes on without it (the plan says so).
 */
function finalCheckRows(p: PlanProblem, options: PlanOption[], x: (i: number, b: PlanBlock) => string, declared: Set<string>): string[] {
  if (p.policy.finalCheck.length === 0) return [];
  const groups = new Map<string, { checkers: string[]; others: Map<number, string[]> }>();
  options.forEach((o, i) => {
    const group = checkGroupOf(p, o.demand);
    if (group === null) return;
    for (const b of ['am', 'pm'] as const) {
      if (!declared.has(x(i, b))) continue;
      const key = `${group}\u0000${b}`;
      const g = groups.get(key) ?? { checkers: [], others: new Map<number, string[]>() };
      if (checks(p, o)) g.checkers.push(x(i, b));
      else g.others.set(o.op, [...(g.others.get(o.op) ?? []), x(i, b)]);
      groups.set(key, g);
    }
  });
  const rows: string[] = [];
  const atWork = checkersAtWork(p);
  [...groups].forEach(([key, g], k) => {
    if (g.others.size === 0 || (g.checkers.length === 0 && !atWork.has(key))) return;
    const beside = g.checkers.map((v) => ` - ${v}`).join('');
    for (const [op, mine] of g.others) rows.push(`fc${k}o${op}: ${mine.map((v) => `+ ${v}`).join(' ')}${beside} <= 0`);
  });
  return rows;
}

/**
 * A demand's people who may add overtime, by class of speed: fastest first, a class ending where a person is slower than
 * SPEED_CLASS of its fastest. One overtime column per class, counted at the class's slowest speed. One column for the
 * whole demand counted every minute at its slowest person's speed: in a model where a whole site's helpers may come, one
 * slow helper made overtime worth a fraction of what the plan's people do, and the model left items short instead (2025-09-01:
 * 529 items short; by class, 5). A column per person made the model many times slower (see above).
 */
function speedClasses<T extends { rate: number }>(people: T[]): T[][] {
  const classes: T[][] = [];
  for (const m of [...people].sort((a, b) => b.rate - a.rate)) {
    const current = classes.at(-1);
    if (current && m.rate >= current[0]!.rate * SPEED_CLASS) current.push(m);
    else classes.push([m]);
  }
  return classes;
}

const SPEED_CLASS = 0.8;

/** Long lists on several lines: the LP reader takes any length, but a few hundred names a line keeps the text readable. */
function chunk(names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 200) out.push(` ${names.slice(i, i + 200).join(' ')}`);
  return out;
}
