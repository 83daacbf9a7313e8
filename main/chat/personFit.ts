import type Database from 'better-sqlite3';
import { localize, type Lang } from '../api/localized.js';
import type { GenbaConfig } from '../config/config.js';

type Policy = Pick<GenbaConfig['placement'], 'minSkill' | 'preferredExperience'>;

/**
 * The people a permission question names, held against what Genba itself applies when it moves people (「石井さん、札幌の
 * エントリ1応援OKだっけ？」): each one's site, skill and months on the process, whether the skill meets placement.minSkill and
 * the months the process prefers (placement.preferredExperience). Facts and Genba's own conditions, never a yes: the
 * company's rules are cited beside them. Empty when no person or no process is named.
 */
export function personFit(db: Database.Database, names: readonly string[], process: string | null, policy: Policy, lang: Lang): string {
  if (names.length === 0 || process === null) return '';
  const row = db.prepare(
    `SELECT o.location_name AS site, c.skill_level AS skill, c.experience_months AS months
       FROM operators o LEFT JOIN operator_process_capabilities c ON c.operator_id = o.operator_id AND c.process_name = ?
      WHERE o.operator_name = ? AND o.is_valid = 1 ORDER BY o.operator_id LIMIT 1`,
  );
  const preferred = policy.preferredExperience.find((p) => process.startsWith(p.processPrefix))?.months ?? null;
  return names
    .map((name) => {
      const r = row.get(process, name) as { site: string; skill: number | null; months: number | null } | undefined;
      if (!r) return null;
      if (r.skill === null)
        return localize(lang, {
          ja: `- ${name}（${r.site}）: ${process}のスキルの記録がありません。Genbaは${process}への移動に選びません。`,
          en: `- ${name} (${r.site}): no ${process} skill on record; Genba would not move them to ${process}.`,
        });
      const skillOk = r.skill >= policy.minSkill;
      const monthsOk = preferred === null || (r.months ?? 0) >= preferred;
      return localize(lang, {
        ja: `- ${name}（${r.site}）: ${process} スキル${r.skill}、経験${r.months ?? 0}か月。移動の条件（スキル${policy.minSkill}以上）を${skillOk ? '満たします' : '満たしません'}${
          preferred === null ? '' : `。${process}で優先する経験（${preferred}か月以上）を${monthsOk ? '満たします' : '満たしません'}`
        }。`,
        en: `- ${name} (${r.site}): ${process} skill ${r.skill}, ${r.months ?? 0} months' experience. ${skillOk ? 'Meets' : 'Does not meet'} the skill Genba requires to move someone (${policy.minSkill}+)${
          preferred === null ? '' : `; ${monthsOk ? 'has' : 'lacks'} the experience preferred for ${process} (${preferred}+ months)`
        }.`,
      });
    })
    .filter((x): x is string => x !== null)
    .join('\n');
}

/** Each person named with their longest experience on any process, in months: how long they have done the work. */
export function peopleMonths(db: Database.Database, names: readonly string[]): { name: string; months: number }[] {
  const row = db.prepare(
    `SELECT MAX(c.experience_months) AS months FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
      WHERE o.operator_name = ? AND o.is_valid = 1`,
  );
  return names.flatMap((name) => {
    const r = row.get(name) as { months: number | null } | undefined;
    return r?.months === null || r?.months === undefined ? [] : [{ name, months: r.months }];
  });
}
