import type { AskAspect } from '../../api/askQuery.js';
import { PERMISSION } from './ruleVerdict.js';

/** A number of people asked (「明日は何人？」, "how many are scheduled", "roster size"): a figure, not the list of who. */
const COUNT = /何人|何名|なんにん|なんめい|人数|how many|roster size|headcount|number of/i;
/** Who (「誰が」「だれ」, who, names): the answer names the people. */
const WHO = /誰|だれ|どなた|メンバー|\bwho\b|\bnames?\b/i;
/** How good a forecast has been (「予測の精度」「外れた日」, how accurate), not what it says. */
const ACCURACY = /精度|当た[っりる]|あた[っりる]|外れ|はずれ|誤差|ずれ|狂|accura|\berrors?\b|\bmiss|how (?:good|well|close|reliable)|reliab/i;

/**
 * What a question asks about its measure beyond the value (AskQuery.asks), read once from its words: how many, who, the
 * accuracy of a forecast (only where a forecast is the measure), whether something may be done (only where the words
 * ask the company's rules).
 */
export function asksOf(question: string, about: { forecast: boolean; rules: boolean }): AskAspect[] {
  const t = question.normalize('NFKC');
  const out: AskAspect[] = [];
  if (COUNT.test(t)) out.push('count');
  if (WHO.test(t)) out.push('names');
  if (about.forecast && ACCURACY.test(t)) out.push('accuracy');
  // Who may do something («who at Sapporo can do it?», 「誰ができる？」) asks for people and the rule, not a yes or a no.
  if (about.rules && PERMISSION.test(t) && !WHO.test(t)) out.push('permission');
  return out;
}
