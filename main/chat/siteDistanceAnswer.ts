import { localize, type Lang, type Localized } from '../api/localized.js';
import { distanceKm } from '../placement/moveCost.js';

/**
 * How far sites are from each other, asked («which site is nearest to Sapporo?», 「盛岡から一番近い拠点は？」, "how far is
 * Morioka from Sapporo?"): the placement's table of km (placement.distancesKm), by which help is looked for nearest first.
 * Not a measure of the records, so no engine's figure answers it: a ranking of items left is no answer about distance.
 */
const DISTANCE =
  /\b(?:nearest|closest|nearby|neighbou?ring) (?:sites?|centers?|centres?|offices?|locations?|branch(?:es)?)\b|\b(?:nearest|closest) to\b|\bhow far\b(?!.*\b(?:behind|along|ahead|off|over|under|done|finish|progress|late|left)\b)|\bdistances?\b|(?:一番|いちばん|最も)?近い(?:拠点|きょてん|センター|せんたー|ところ)|近隣(?:の)?(?:拠点|きょてん)|距離|きょり|何キロ|何km/;

const TEXT = {
  pair: (a: string, b: string, km: number | null): Localized =>
    km === null
      ? {
          ja: `${a}と${b}の距離は配置の設定（placement.distancesKm）にありません。`,
          en: `The placement's table (placement.distancesKm) has no distance between ${a} and ${b}.`,
        }
      : {
          ja: `${a}と${b}の距離: ${km.toLocaleString('en-US')} km（配置の設定 placement.distancesKm）`,
          en: `${a} to ${b}: ${km.toLocaleString('en-US')} km (the placement's table, placement.distancesKm)`,
        },
  from: (a: string, rows: { site: string; km: number }[], missing: string[]): Localized => ({
    ja: [
      `${a}からの距離（近い順、配置の設定 placement.distancesKm。応援はこの順に近い拠点から探します）:`,
      ...rows.map((r) => `- ${r.site}: ${r.km.toLocaleString('en-US')} km`),
      ...(missing.length > 0 ? [`距離の設定がない拠点: ${missing.join('、')}`] : []),
    ].join('\n'),
    en: [
      `Sites by distance from ${a} (nearest first; the placement's table, placement.distancesKm, by which help is looked for nearest first):`,
      ...rows.map((r) => `- ${r.site}: ${r.km.toLocaleString('en-US')} km`),
      ...(missing.length > 0 ? [`No distance set for: ${missing.join(', ')}`] : []),
    ].join('\n'),
  }),
};

/** Whether a request asks how far sites are (a clause of two questions may: «how far is 盛岡 from 札幌, and which …»). */
export const asksDistance = (folded: string): boolean => DISTANCE.test(folded);

/** The answer when `folded` asks how far the sites named are (one: every other site by km; two: that pair); else null. */
export function siteDistanceAnswer(
  folded: string,
  named: readonly string[],
  allSites: () => readonly string[],
  distancesKm: () => Record<string, Record<string, number>>,
  lang: Lang,
): string | null {
  // Asked of every question: the sites and the table are read only when it asks how far.
  if (named.length === 0 || named.length > 2 || !DISTANCE.test(folded)) return null;
  const table = distancesKm();
  const [a, b] = named as [string, string | undefined];
  if (b !== undefined) return localize(lang, TEXT.pair(a, b, distanceKm(table, a, b)));
  const others = allSites().filter((s) => s !== a);
  const rows = others
    .map((site) => ({ site, km: distanceKm(table, a, site) }))
    .filter((r): r is { site: string; km: number } => r.km !== null)
    .sort((x, y) => x.km - y.km || x.site.localeCompare(y.site));
  return localize(
    lang,
    TEXT.from(
      a,
      rows,
      others.filter((s) => !rows.some((r) => r.site === s)),
    ),
  );
}
