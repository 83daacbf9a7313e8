import { count } from '../../api/englishCount.js';
import type { Localized } from '../../api/localized.js';
import type { PlanConditions } from '../../api/planTypes.js';

const hm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const BLOCK = { am: { ja: '午前', en: 'AM' }, pm: { ja: '午後', en: 'PM' } } as const;

/** A series of the plan with its finish at P90 against its deadline (null finish: not within the day). */
/** A series the plan staffs tightest: its finish at P90 (null: not that day), its deadline, and whether it has people in the afternoon. */
export type TightRow = [what: string, finishP90: number | null, deadline: number, afternoon: boolean];
/** People lent from one site to another's process for a half day. */
export type HelpRow = [from: string, to: string, process: string, block: 'am' | 'pm', people: number];
/** The names on one process of a site in each half day. */
export type NamesRow = [what: string, am: string[], pm: string[]];

/** The sentences the chat's plan answer adds to the plan's card: how tight the day is, who helps where, who works what. */
export const PLAN_ANSWER_TEXTS = {
  tightest: {
    ja: (rows: TightRow[]) =>
      `物量が多め（P90）に振れたときに余裕の少ない順: ${rows.map(([what, f, d, pm]) => `${what} ${f === null ? (pm ? '当日中に終わらない' : '午前の人員では終わらない（午後の配置なし）') : `${hm(f)}（納期 ${hm(d)}、${f <= d ? `余裕${d - f}分` : `${f - d}分超過`}）`}`).join('、')}`,
    en: (rows: TightRow[]) =>
      `Tightest first if the volume comes in high (finish at the P90 forecast against the deadline): ${rows.map(([what, f, d, pm]) => `${what} ${f === null ? (pm ? 'not within the day' : "not done by the morning's people (nobody on it in the afternoon)") : `${hm(f)} (deadline ${hm(d)}, ${f <= d ? `${d - f} min to spare` : `${f - d} min over`})`}`).join('; ')}`,
  } as Localized<(rows: TightRow[]) => string>,
  help: {
    ja: (rows: HelpRow[]) => `拠点間の応援: ${rows.map(([from, to, p, b, n]) => `${from}→${to} ${p} ${BLOCK[b].ja}${n}名`).join('、')}`,
    en: (rows: HelpRow[]) =>
      `Cross-site help: ${rows.map(([from, to, p, b, n]) => `${from} → ${to} ${p} ${BLOCK[b].en} ${count(n, 'person', 'people')}`).join('; ')}`,
  } as Localized<(rows: HelpRow[]) => string>,
  noHelp: { ja: '拠点間の応援はありません（各拠点が自拠点の人で回す計画です）。', en: 'No cross-site help: every site staffs its own work.' } as Localized,
  names: {
    ja: ([what, am, pm]: NamesRow) => `- ${what}: 午前 ${am.join('、') || 'なし'} / 午後 ${pm.join('、') || 'なし'}`,
    en: ([what, am, pm]: NamesRow) => `- ${what}: AM ${am.join(', ') || 'none'} / PM ${pm.join(', ') || 'none'}`,
  } as Localized<(row: NamesRow) => string>,
  conditions: {
    ja: (c: PlanConditions, off: { name: string; site: string }[]) =>
      `条件: ${[
        c.volumeFactor !== undefined ? `物量 ×${c.volumeFactor}（${c.volumeFactor >= 1 ? '+' : ''}${Math.round((c.volumeFactor - 1) * 100)}%）` : '',
        c.moreOff
          ? `休み +${c.moreOff.count}名${off.length > 0 ? `（${off.map((o) => `${o.name}・${o.site}`).join('、')}: 処理量の多い人から外した厳しめの試算）` : ''}`
          : '',
        c.noCrossSite ? '拠点間の応援なし' : '',
        c.sites ? `${c.sites.join('・')}のみ（その拠点の人と仕事だけ）` : '',
        ...(c.keep ?? []).map((k) => `${k.name}は終日${k.process}`),
      ]
        .filter(Boolean)
        .join('、')}`,
    en: (c: PlanConditions, off: { name: string; site: string }[]) =>
      `Conditions: ${[
        c.volumeFactor !== undefined ? `volume ×${c.volumeFactor} (${c.volumeFactor >= 1 ? '+' : ''}${Math.round((c.volumeFactor - 1) * 100)}%)` : '',
        c.moreOff
          ? `${count(c.moreOff.count, 'more person', 'more people')} off${off.length > 0 ? ` (${off.map((o) => `${o.name}, ${o.site}`).join('; ')}: the most productive taken off, a pessimistic case)` : ''}`
          : '',
        c.noCrossSite ? 'no cross-site help' : '',
        c.sites ? `only ${c.sites.join(', ')} (their own people and work)` : '',
        ...(c.keep ?? []).map((k) => `${k.name} on ${k.process} all day`),
      ]
        .filter(Boolean)
        .join('; ')}`,
  } as Localized<(c: PlanConditions, off: { name: string; site: string }[]) => string>,
  whatIfAgainst: {
    ja: (short: [number, number], overtime: [number, number], cross: [number, number]) =>
      `試算です（保存も承認もされません）。今の計画との違い: 納期に間に合わない見込み ${short[0]}件 → ${short[1]}件、残業 ${overtime[0]}分 → ${overtime[1]}分、拠点間応援 ${cross[0]} → ${cross[1]}（半日）`,
    en: (short: [number, number], overtime: [number, number], cross: [number, number]) =>
      `A what-if (neither stored nor approvable). Against the current plan: items expected past their deadlines ${short[0]} → ${short[1]}, overtime ${overtime[0]} → ${overtime[1]} min, cross-site help ${cross[0]} → ${cross[1]} half days`,
  } as Localized<(short: [number, number], overtime: [number, number], cross: [number, number]) => string>,
  whatIfAhead: {
    ja: '計画の条件を変えた試算（休みが増えたら、物量が増えたら）はまだできません。以下は今の入力での計画です。',
    en: 'Genba cannot yet work out a plan under changed conditions (more people off, more work). This is the plan on the current inputs.',
  } as Localized,
} as const;
