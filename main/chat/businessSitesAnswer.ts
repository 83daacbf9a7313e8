import type { BusinessNames } from '../api/businessLabel.js';
import { localize, type Lang } from '../api/localized.js';
import type { ProcessProgress } from '../api/types.js';
import { formatHm } from '../config/zonedTime.js';

/**
 * Whether a question asks which sites run a business («SS業務ってどこの拠点でやってる？», "which sites do 611040?", "Which
 * sites handle which business?"): the lines of the day, not a figure of them (it had been answered with a site's lateness).
 */
const ASKS =
  /(?:どこ|どの拠点|何拠点)(?:の拠点)?(?:で|が)(?:やって|扱|担当|処理|入力|回して)|(?:やって|扱って)(?:る|いる)(?:拠点|ところ)|\bwhich sites? (?:do|does|run|runs|handle|handles|work on|works on|process|processes)\b|\bwhere (?:do|does) (?:we )?(?:do|run|handle|process)\b|\bwhich sites handle\b|(?:やって(?:た|る)っけ|やってる[?？]|やってます[かか]?)/;

/** A business named, or the word (「業務」, "business"): «which site has the most DB errors?» asks no such thing. */
const BUSINESS = /業務|ぎょうむ|\bbusiness(?:es)?\b/;

export const asksBusinessSites = (folded: string, businessNamed: boolean): boolean => (businessNamed || BUSINESS.test(folded)) && ASKS.test(folded);

const TEXT = {
  ja: {
    head: (at: string) => `業務ごとの拠点（${at}時点の今日のラインから）:`,
    line: (business: string, sites: string, deadline: string) => `- ${business}: ${sites}（納期 ${deadline}）`,
    none: (business: string) => `- ${business}: 今日この業務のラインがある拠点はありません`,
  },
  en: {
    head: (at: string) => `Sites by business (from today's lines as of ${at}):`,
    line: (business: string, sites: string, deadline: string) => `- ${business}: ${sites} (deadline ${deadline})`,
    none: (business: string) => `- ${business}: no site has a line of it today`,
  },
};

/**
 * The sites that have lines of each business asked (every business when none is named), from today's lines, with the
 * deadlines they keep. The businesses' names are the company's (businessNames), never their ids alone.
 */
export function businessSitesAnswer(
  series: readonly ProcessProgress[],
  asked: readonly string[],
  o: { lang: Lang; timeZone: string; now: number; businessNames: BusinessNames; folded: string },
): string {
  const t = localize(o.lang, TEXT);
  const sep = localize(o.lang, { ja: '、', en: ', ' });
  const businesses = asked.length > 0 ? [...asked] : [...new Set(series.map((p) => p.businessId))].sort();
  const lines = [t.head(formatHm(o.now, o.timeZone))];
  for (const b of businesses) {
    // A business asked by its id («what's 611040 again?») is named with it: the id is what the manager knows it by.
    const name = o.businessNames[b] && o.folded.includes(b) ? `${o.businessNames[b]} (${b})` : (o.businessNames[b] ?? b);
    const of = series.filter((p) => p.businessId === b);
    if (of.length === 0) {
      lines.push(t.none(name));
      continue;
    }
    const sites = [...new Set(of.map((p) => p.site))];
    const deadlines = [...new Set(of.flatMap((p) => (p.deadline === null ? [] : [formatHm(p.deadline, o.timeZone)])))].sort();
    lines.push(t.line(name, sites.join(sep), deadlines.join(sep) || '—'));
  }
  return lines.join('\n');
}
