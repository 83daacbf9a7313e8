import type { CapabilityRow, LocationRow, OperatorRow } from '../../store/companyRows.js';
import type { DemoDefinition } from './demoDefinition.js';
import type { Random } from './random.js';

const FAMILY = [
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
  '佐々木',
  '山口',
  '松本',
  '井上',
  '木村',
  '林',
  '斎藤',
  '清水',
  '山崎',
  '森',
  '池田',
  '橋本',
  '阿部',
  '石川',
  '山下',
  '中島',
  '石井',
  '小川',
  '前田',
  '岡田',
  '長谷川',
  '藤田',
  '後藤',
  '近藤',
  '村上',
  '遠藤',
  '青木',
  '坂本',
];
const GIVEN = [
  '陽子',
  '恵美',
  '美穂',
  '直美',
  '裕子',
  '智子',
  '由美',
  '真由美',
  '京子',
  '久美子',
  '翔太',
  '大輔',
  '健太',
  '拓也',
  '直樹',
  '和也',
  '亮',
  '誠',
  '彩',
  'さくら',
  '美咲',
  '愛',
  '舞',
  '千尋',
  '優子',
  '香織',
  '純一',
  '浩二',
  '隆',
  '聡',
];

export interface DemoStaff {
  locations: LocationRow[];
  operators: OperatorRow[];
  capabilities: CapabilityRow[];
  /** Per operator: the business and process they normally work on (drives the snapshots). */
  assignment: Map<number, { businessId: string; process: string; perMinute: number }>;
}

function skillFromExperience(months: number, r: Random): number {
  return Math.max(1, Math.min(5, Math.round(1 + months / 22 + r.normal(0, 0.6))));
}

/** Sites, a few hundred operators and their skills; the reference donors are placed by name. */
export function generateStaff(def: DemoDefinition, r: Random, updatedAt: number): DemoStaff {
  const locations = def.sites.map((s, i) => ({ location_id: i + 1, location_name: s.name }));
  const operators: OperatorRow[] = [];
  const capabilities: CapabilityRow[] = [];
  const assignment: DemoStaff['assignment'] = new Map();
  const usedNames = new Set<string>();
  const speedOf = (process: string, skill: number): number => {
    const base = def.processes.find((p) => p.name === process)!.itemsPerHour;
    return Math.round(base * (0.62 + 0.12 * skill) * r.range(0.9, 1.1) * 10) / 10;
  };
  const addCapability = (operatorId: number, process: string, skill: number, months: number): number => {
    const average_speed = speedOf(process, skill);
    capabilities.push({
      capability_id: capabilities.length + 1,
      operator_id: operatorId,
      process_name: process,
      skill_level: skill,
      experience_months: months,
      average_speed,
      updated_at: updatedAt,
    });
    return average_speed;
  };

  for (const site of def.sites) {
    const businesses = def.businesses.filter((b) => b.sites.includes(site.name));
    const donors = def.reference.donors.find((d) => d.site === site.name)?.operators ?? [];
    for (let i = 0; i < site.operators; i++) {
      const donor = donors[i];
      let name = donor?.name;
      while (!name || (usedNames.has(name) && !donor)) name = `${r.pick(FAMILY)} ${r.pick(GIVEN)}`;
      usedNames.add(name);
      const id = operators.length + 1;
      // About 3% of master rows are invalidated (left the company): the app must ignore them.
      const valid = donor ? 1 : r.chance(0.03) ? 0 : 1;
      operators.push({ operator_id: id, operator_name: name, location_name: site.name, is_valid: valid, updated_at: updatedAt });

      const primary = donor ? def.reference.process : r.weighted(def.processes, (p) => p.share).name;
      const months = donor ? donor.experienceMonths : Math.max(1, Math.round(Math.abs(r.normal(0, 40))) + 1);
      const skill = donor ? donor.skill : skillFromExperience(months, r);
      const perHour = addCapability(id, primary, skill, months);
      for (const p of def.processes) {
        if (p.name === primary || !r.chance(0.3)) continue;
        const m = Math.max(1, Math.round(months * r.range(0.2, 0.8)));
        addCapability(id, p.name, Math.max(1, skill - r.int(0, 2)), m);
      }
      // Donors are the reference's spare capacity: they work on their site's least urgent business.
      const business = donor ? businesses[businesses.length - 1]! : businesses[i % businesses.length]!;
      if (valid) assignment.set(id, { businessId: business.id, process: primary, perMinute: perHour / 60 });
    }
  }
  return { locations, operators, capabilities, assignment };
}
