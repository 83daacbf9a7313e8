import { count } from '../../api/englishCount.js';
import type { Localized } from '../../api/localized.js';

const hm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const BLOCK = { am: { ja: '午前', en: 'AM' }, pm: { ja: '午後', en: 'PM' } } as const;

/** A series of the plan with its finish at P90 against its deadline (null finish: not within the day). */
export type TightRow = [what: string, finishP90: number | null, deadline: number];
/** People lent from one site to another's process for a half day. */
export type HelpRow = [from: string, to: string, process: string, block: 'am' | 'pm', people: number];
/** The names on one process of a site in each half day. */
export type NamesRow = [what: string, am: string[], pm: string[]];

/** The sentences the chat's plan answer adds to the plan's card: how tight the day is, who helps where, who works what. */
export const PLAN_ANSWER_TEXTS = {
  tightest: {
    ja: (rows: TightRow[]) =>
      `物量が多め（P90）に振れたときに余裕の少ない順: ${rows.map(([what, f, d]) => `${what} ${f === null ? '当日中に終わらない' : `${hm(f)}（納期 ${hm(d)}、${f <= d ? `余裕${d - f}分` : `${f - d}分超過`}）`}`).join('、')}`,
    en: (rows: TightRow[]) =>
      `Tightest first if the volume comes in high (finish at the P90 forecast against the deadline): ${rows.map(([what, f, d]) => `${what} ${f === null ? 'not within the day' : `${hm(f)} (deadline ${hm(d)}, ${f <= d ? `${d - f} min to spare` : `${f - d} min over`})`}`).join('; ')}`,
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
  whatIfAhead: {
    ja: '計画の条件を変えた試算（休みが増えたら、物量が増えたら）はまだできません。以下は今の入力での計画です。',
    en: 'Genba cannot yet work out a plan under changed conditions (more people off, more work). This is the plan on the current inputs.',
  } as Localized,
} as const;
