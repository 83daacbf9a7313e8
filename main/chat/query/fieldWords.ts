import { RANK_MOST, type AskOp, type AskQuery, type MeasureId } from '../../api/askQuery.js';

/*
 * The fields of a query its words give beside the operation and the measure (parseQuery.ts): how many and which end of a
 * ranking, the state a list or a yes/no is about, the earlier day a change compares with, and the skill level and years
 * of experience that filter the people counted. Each reads the request's folded text (foldForCues.ts).
 */

/** Measures where more is worse: their worst end is the top. */
const MORE_IS_WORSE = new Set<MeasureId>([
  'missed_deadlines',
  'absence',
  'late_arrivals',
  'error_lines',
  'incidents',
  'alerts',
  'overtime',
  'remaining',
  'correction_waiting',
]);

export function rankOf(op: AskOp, folded: string, measure: MeasureId | null): AskQuery['rank'] {
  if (op !== 'rank') return null;
  const n =
    // The text is folded (katakana as hiragana): 「トップ5」 reads 「とっぷ5」.
    /(?:top|bottom|best|worst|上位|下位|とっぷ|わーすと|べすと) ?(\d{1,2})|(\d{1,2}) ?(?:fastest|slowest|best|worst|highest|lowest)|(\d{1,2}) ?(?:位|人|名|つ|件|sites|processes|operators)/.exec(
      folded,
    );
  // The worst end is the most of a measure where more is worse («どこが一番ひどかった？» of deadlines missed: the most misses),
  // the least of any other; words of quantity («lowest», 「少ない」) are the bottom whatever the measure.
  const worst = /worst|わーすと|悪い|わるい|ひど|酷|やば|まずい/.test(folded);
  const bottom =
    (worst && !(measure !== null && MORE_IS_WORSE.has(measure))) ||
    /slowest|\bslow\b|lowest|least|fewest|bottom|下位|最下位|遅い|おそい|少な|低い/.test(folded);
  // "Most late", the most urgent («いちばん急ぎ», "most urgent", "tightest") and the most at risk («一番危ない», "most at risk")
  // are the bottom of slack; "most errors" the top of error lines.
  const urgent = /遅れ|late|behind|急ぎ|急ぐ|急を要|いそぎ|切迫|urgent|pressing|tightest|critical|at risk|risk|危な|危う|やば/;
  const order = measure === 'slack' ? (urgent.test(folded) || bottom ? 'bottom' : 'top') : bottom ? 'bottom' : 'top';
  // "Who…" asks for people: a few of them when no number is given, one when a superlative says so (「一番速い人は誰」).
  const one = /一番|いちばん|最も|もっとも|[a-z]est\b|the most/.test(folded);
  // «Rank the sites», 「順に並べて」 with no number and no superlative: every member, in order.
  const whole = !one && /\brank\b|\branking\b|\bin order\b|順位|順番|順に|並べ|ならべ|らんきんぐ/.test(folded);
  return { order, n: n ? Number(n[1] ?? n[2] ?? n[3]) : whole ? RANK_MOST : /\bwho|誰|だれ/.test(folded) && !one ? 3 : 1 };
}

export function statusOf(op: AskOp, folded: string): AskQuery['status'] {
  // A yes/no that names trouble (「遅れそう？」 "any lines at risk?") asks whether any series is in it: yes means there is.
  if (op === 'check') {
    // 「やばい？」「まずい？」 "are we in trouble?" name trouble too: yes means there is some.
    if (
      /遅れ|おくれ|遅延|間に合わな|まにあわな|危ない|あぶない|リスク|りすく|やば|ヤバ|まずい|ピンチ|at risk|\bmiss|\blate\b|behind|in trouble|\bbad\b/.test(
        folded,
      )
    )
      return 'at_risk';
    // 「終わった？」 "is it done?" asks whether it is finished: yes means nothing is left. Without it, 「まだ残ってる？」 "anything
    // left?" asks whether work is left: yes means some is.
    return /終わ|おわ|完了|済み|finish|\bdone\b|complete|wrapped up/.test(folded) ? 'done' : null;
  }
  // A ranking's words are its measure's ("fewest done"): only a list is filtered by a state.
  if (op !== 'list') return null;
  if (/遅れてる|遅れている|遅れそう|遅延して|おくれてる|late|behind/.test(folded)) return 'late';
  if (/危ない|あぶない|リスク|りすく|間に合わなそう|間に合わない|まにあわな|at risk|might miss|risky/.test(folded)) return 'at_risk';
  if (/終わった|終わってる|完了した|おわった|finished|completed|done/.test(folded)) return 'done';
  if (/順調|on track/.test(folded)) return 'on_track';
  return null;
}

export function againstOf(op: AskOp, folded: string): AskQuery['against'] {
  if (op !== 'change') return null;
  // «last Friday vs the Friday before», 「その前の金曜」: the same weekday a week earlier.
  if (/先週|前週|last week|(?:その|の)前の[月火水木金土日]曜|\bthe (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week) before\b/.test(folded))
    return 'last_week';
  if (/昨日|前日|きのう|yesterday/.test(folded)) return 'yesterday';
  return 'usual';
}

/**
 * The earlier time a change is measured against, said with its comparison word (「先週の木曜と比べて」「昨日より」, "compared
 * with last Thursday", "than yesterday"): that time is the base (`against`), not the time asked about.
 */
const BASE_TIME =
  /(?:先週|前週|昨日|きのう|前日)(?:の)?(?:[月火水木金土日](?:曜日?)?)?(?:と|に)?(?:比べ|くらべ|比較|比|より)|\b(?:compared? (?:to|with)|than|vs\.?|versus|against) (?:last (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday)\b/;

/** A change's text without its base time («先週の木曜と比べて今日の入荷は» → «今日の入荷は»), or null when it names none. */
export const withoutBaseTime = (op: AskOp, folded: string): string | null =>
  op === 'change' && BASE_TIME.test(folded) ? folded.replace(BASE_TIME, ' ') : null;

/** 「先週と今週」 "this week against last week": the week so far, against the same days of the week before (its `against`). */
export const changeTime = (op: AskOp, folded: string): AskQuery['time'] =>
  op === 'change' && /今週|こんしゅう|this week/.test(folded) && againstOf(op, folded) === 'last_week' ? 'this_week' : null;

/**
 * Months of experience a request asks for at least (「経験2年以上」「6か月以上の経験」 "5+ years of experience", "at least 6 months'
 * experience"): a filter on the people counted, like a skill level.
 */
export function experienceOf(folded: string): number | null {
  // Under or less than (「6ヶ月未満」 "under 6 months") is experienceUnder's: never read as at least.
  if (experienceUnderOf(folded) !== null) return null;
  const m =
    /(?:経験|けいけん)(?:年数)?(?:が|は)? ?(\d{1,2}) ?(年|か月|かげつ|ヶ月|ヵ月|ケ月|カ月|月)/.exec(folded) ??
    /(\d{1,2}) ?(年|か月|ヶ月|ヵ月|ケ月|カ月)(?:以上)?(?:の)?(?:経験|けいけん)/.exec(folded) ??
    /(\d{1,2})\+? ?(years?|yrs?|months?|mos?)(?:'s?)? (?:of )?experience/.exec(folded) ??
    /experience (?:of )?(?:at least |over |more than |above )?(\d{1,2})\+? ?(years?|months?)/.exec(folded);
  if (!m) return null;
  const n = Number(m[1]);
  const months = /年|y/.test(m[2]!) ? n * 12 : n;
  return months >= 1 && months <= 600 ? months : null;
}

/**
 * Months of experience the people asked about have less of (「経験6ヶ月未満」「半年未満の人」, "under 6 months of experience",
 * "less than 2 years' experience", "operators under 6 months"), or the company's newcomers (「新人」 "new hires", "rookies":
 * under 6 months, as the rules count them). Null when none is said.
 */
export function experienceUnderOf(folded: string): number | null {
  const unit = String.raw`(年|か月|かげつ|[ヶヵケカゖゕけ]月|years?|yrs?|months?|mos?)`;
  const m =
    new RegExp(String.raw`(\d{1,2}) ?${unit}(?:の経験)?(?:未満|以下|に満たない|足らず|足らない)`).exec(folded) ??
    new RegExp(String.raw`(?:under|less than|fewer than|below|not yet|not even) (\d{1,2})\+? ?${unit}`).exec(folded);
  if (m) {
    const n = Number(m[1]);
    const months = /年|y/.test(m[2]!) ? n * 12 : n;
    return months >= 1 && months <= 600 ? months : null;
  }
  if (/半年未満|半年以下|under (?:half a year|six months)/.test(folded)) return 6;
  return /新人|新入|しんじん|\bnew ?(?:hires?|people|staff|operators|employees|joiners|starters)\b|\bnewbies?\b|\brookies?\b|\bnewcomers?\b/.test(folded)
    ? 6
    : null;
}

export const levelOf = (folded: string): number | null => {
  // «L4 checkers»: a level as the floor writes it, a letter and its number.
  const m = /(?:スキル|すきる|レベル|れべる|skill|level|lv\.?) ?([1-5])(?!\d)|\bl([1-5])\b/.exec(folded);
  if (m) return Number(m[1] ?? m[2]);
  // 「検証4以上の人」「4以上の人ついてる？」: a number at least, said of a process or of people, is their skill level (a count
  // of people, items or years says its unit: 「4人以上」「4年以上」).
  const bare = /(?:検証|けんしょう|補正|ほせい|えんとり ?[12]|entry ?[12]|e[12]) ?([1-5]) ?以上|(?<![\d./:])([1-5]) ?以上の?(?:人|ひと|担当|方)/.exec(folded);
  return bare ? Number(bare[1] ?? bare[2]) : null;
};
