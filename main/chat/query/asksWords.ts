import type { AskAspect } from '../../api/askQuery.js';
import { PERMISSION } from './ruleVerdict.js';

/** A number of people asked (「明日は何人？」, "how many are scheduled", "roster size"): a figure, not the list of who. */
const COUNT = /何人|何名|なんにん|なんめい|人数|how many|roster size|headcount|number of/i;
/** Who (「誰が」「だれ」, who, names): the answer names the people. */
const WHO = /誰|だれ|どなた|メンバー|\bwho\b|\bnames?\b/i;
/** How good a forecast has been (「予測の精度」「外れた日」, how accurate), not what it says. */
const ACCURACY = /精度|当た[っりる]|あた[っりる]|外れ|はずれ|誤差|ずれ|狂|accura|\berrors?\b|\bmiss|how (?:good|well|close|reliable)|reliab/i;

/** Whether a day's plan is already settled (「明日の配置は決まってる？」, "are tomorrow's assignments set up?"), not what it holds. */
const SETTLED =
  /決ま[っりる]|決定|確定|でき(?:て|た)(?:る|い|？|\?)|出来(?:て|た)(?:る|い)|組ん(?:で|だ)|\bset ?up\b|\bready\b|\bdecided\b|\bfinali[sz]ed\b|\bapproved\b|\bin place\b|\bsorted\b|\balready in\b|\bin yet\b/i;

/** The mean of people's figures (「平均」, average, avg), not their top. */
export const AVERAGE = /平均|\b(?:avg|average|mean)\b/i;

/** Everyone (「全員」「みんな」, everybody): whether a fault counted of people is nobody's («did everybody make it in on time?»). */
const EVERYONE = /全員|みんな|みな(?:さん)?|皆|everybody|everyone|every one|all of (?:them|us|the)|the whole (?:team|site|floor)/i;

/** How long people have done the work (「経験が一番長い」, "most experienced"), not their level: only where skills are the measure. */
const EXPERIENCE =
  /経験(?:が|の)?(?:一番|最も|いちばん)?(?:長|短|年数|の長さ)|ベテラン|古株|(?:most|least|longest|more|less) experience|experienced|years? of experience|how long/i;

/**
 * What a question asks about its measure beyond the value (AskQuery.asks), read once from its words: how many, who, the
 * accuracy of a forecast (only where a forecast is the measure), whether something may be done (only where the words
 * ask the company's rules), whether the day's plan is settled (only where the plan is the measure), whether a fault of
 * people is nobody's (only where the measure counts one).
 */
export function asksOf(
  question: string,
  about: { forecast: boolean; rules: boolean; plan?: boolean; fault?: boolean; skill?: boolean; speeds?: boolean },
): AskAspect[] {
  const t = question.normalize('NFKC');
  const out: AskAspect[] = [];
  if (COUNT.test(t)) out.push('count');
  if (WHO.test(t)) out.push('names');
  if (about.forecast && ACCURACY.test(t)) out.push('accuracy');
  // Who may do something («who at Sapporo can do it?», 「誰ができる？」) asks for people and the rule, not a yes or a no.
  if (about.rules && PERMISSION.test(t) && !WHO.test(t)) out.push('permission');
  // Whether the plan exists, only where the plan is the measure.
  if (about.plan && SETTLED.test(t)) out.push('settled');
  // Whether it holds of everyone, only where the measure counts people at fault (off, late).
  if (about.fault && EVERYONE.test(t)) out.push('everyone');
  // Experience rather than level, only where skills are the measure.
  if (about.skill && EXPERIENCE.test(t)) out.push('experience');
  // The mean rather than the fastest, only where people's registered speeds are the measure.
  if (about.speeds && AVERAGE.test(t)) out.push('average');
  return out;
}
