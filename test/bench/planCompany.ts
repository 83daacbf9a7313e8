import company from '../../resources/demo/company.json';
import { planPolicy, STANDARD_DAY, type PlanDemand, type PlanOperator, type PlanProblem } from '../../main/plan/planProblem.js';
import { createRandom, type Random } from '../../main/sync/demo/random.js';

const PROCESSES = company.processes;
const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Skills as the demo's generator makes them: a primary process from experience, others at 30% a notch or two lower. */
function operatorSkills(r: Random): { skills: PlanOperator['skills']; primary: string } {
  const primary = r.weighted(PROCESSES, (p) => p.share);
  const months = Math.max(1, Math.round(Math.abs(r.normal(0, 40))) + 1);
  const skill = Math.max(1, Math.min(5, Math.round(1 + months / 22 + r.normal(0, 0.6))));
  const speed = (base: number, level: number): number => Math.round(base * (0.62 + 0.12 * level) * r.range(0.9, 1.1) * 10) / 10;
  const skills = [{ process: primary.name, skill, perHour: speed(primary.itemsPerHour, skill), experienceMonths: months }];
  for (const p of PROCESSES) {
    if (p === primary || !r.chance(0.3)) continue;
    const level = Math.max(1, skill - r.int(0, 2));
    skills.push({
      process: p.name,
      skill: level,
      perHour: speed(p.itemsPerHour, level),
      experienceMonths: Math.max(1, Math.round(months * r.range(0.2, 0.8))),
    });
  }
  return { skills, primary: primary.name };
}

interface SiteSpec {
  name: string;
  operators: number;
}

/**
 * A company for tomorrow: operators with the demo's skill mix, about 4% on paid leave and 4%
 * on half a day, a few part-timers; per site, business and process a forecast sized on what
 * the site's own people can do before the deadline times a load drawn per site (most sites
 * 0.75–1.0, one in six 1.05–1.3: those need help from their neighbours or overtime).
 */
function makeCompany(
  seed: number,
  sites: SiteSpec[],
  businesses: { id: string; name: string; deadline: string; sites: string[] }[],
  distancesKm: Record<string, Record<string, number>>,
): PlanProblem {
  const r = createRandom(seed);
  const day = STANDARD_DAY;
  const operators: PlanOperator[] = [];
  const demands: PlanDemand[] = [];
  for (const site of sites) {
    const capacity = new Map<string, number>();
    for (let i = 0; i < site.operators; i++) {
      const { skills, primary } = operatorSkills(r);
      const leave = r.chance(0.04);
      const half = !leave && r.chance(0.04);
      const blocks = { am: !leave && !(half && r.chance(0.5)), pm: !leave };
      if (half && blocks.am) blocks.pm = false;
      const partTime = r.chance(0.05);
      operators.push({ id: operators.length + 1, name: `${site.name}-${i + 1}`, site: site.name, skills, blocks, maxWorkMinutes: partTime ? 300 : 540 });
      const main = skills.find((s) => s.process === primary)!;
      if (main.skill >= 3 && (blocks.am || blocks.pm)) capacity.set(primary, (capacity.get(primary) ?? 0) + main.perHour);
    }
    const load = r.chance(1 / 6) ? r.range(1.05, 1.3) : r.range(0.75, 1.0);
    const here = businesses.filter((b) => b.sites.includes(site.name));
    for (const b of here) {
      const deadline = minuteOf(b.deadline);
      const hours = (Math.min(deadline, day.lunchStartMinute) - day.startMinute + Math.max(0, Math.min(deadline, day.endMinute) - day.lunchEndMinute)) / 60;
      for (const p of PROCESSES) {
        const p50 = Math.round(((capacity.get(p.name) ?? 0) * hours * load * r.range(0.7, 1.3)) / here.length);
        if (p50 <= 0) continue;
        demands.push({
          site: site.name,
          businessId: b.id,
          businessName: b.name,
          process: p.name,
          p50,
          p80: Math.round(p50 * r.range(1.08, 1.2)),
          deadlineMinute: deadline,
        });
      }
    }
  }
  const policy = planPolicy({
    minSkill: 3,
    preferredExperience: [{ processPrefix: 'エントリ', months: 24 }],
    finalCheck: [{ processPrefix: '検証', level: 4 }],
    newcomerMonths: 6,
    distancesKm,
  });
  return { day, operators, demands, policy };
}

/** The demo company's sites, head counts, businesses, deadlines and distances. */
export function demoPlanCompany(seed: number): PlanProblem {
  return makeCompany(seed, company.sites, company.businesses, company.distancesKm);
}

/** `sites` sites of about `operators / sites` people each on a 1,500 × 1,000 km map, 10 businesses each at a third of the sites. */
export function largePlanCompany(seed: number, siteCount: number, operatorCount: number): PlanProblem {
  const r = createRandom(seed ^ 0x5eed);
  const at = Array.from({ length: siteCount }, (_, i) => ({ name: `拠点${String(i + 1).padStart(2, '0')}`, x: r.range(0, 1500), y: r.range(0, 1000) }));
  const distancesKm: Record<string, Record<string, number>> = {};
  for (const a of at) distancesKm[a.name] = Object.fromEntries(at.filter((b) => b !== a).map((b) => [b.name, Math.round(Math.hypot(a.x - b.x, a.y - b.y))]));
  const deadlines = ['15:00', '16:00', '17:00', '18:00'];
  const businesses = Array.from({ length: 10 }, (_, i) => ({
    id: String(800000 + i),
    name: `業務${i + 1}`,
    deadline: deadlines[i % deadlines.length]!,
    sites: at.filter(() => r.chance(1 / 3)).map((s) => s.name),
  }));
  // Every site runs at least one business.
  for (const s of at) if (!businesses.some((b) => b.sites.includes(s.name))) r.pick(businesses).sites.push(s.name);
  const base = Math.floor(operatorCount / siteCount);
  const sites = at.map((s, i) => ({ name: s.name, operators: base + (i < operatorCount - base * siteCount ? 1 : 0) }));
  return makeCompany(seed, sites, businesses, distancesKm);
}
