import type { AskQuery } from '../../api/askQuery.js';
import type { UnusedWord } from '../../api/assistantTypes.js';
import { foldForCues } from '../foldForCues.js';
import { EN_MONTHS } from './timeOf.js';
import { FUNCTION_WORDS_EN, FUNCTION_WORDS_JA } from './functionWords.js';
import { ADD, MOVE_ALSO, MOVE_ENOUGH, MOVE_NOUN, MOVE_VERB, REMOVE } from './moveWords.js';
import { isWorkChange, WORK_WORDS } from './workChangeOf.js';
import { vocabularyPhrases } from './vocabularyPhrases.js';
import { blanked, type NamedInText } from './queryNames.js';

/**
 * Words that exclude or forbid (「盛岡からは出さないで」「盛岡以外」「残業なしで」, "don't take anyone", "without overtime",
 * "except Morioka"): a request answered without them is answered the other way round. A negated verb that states how things
 * are (「足りない」「止まらない」「間に合わない」) is the verb's meaning, read with it, not an exclusion.
 */
const NEGATION = /^(?:don't|dont|without|except|excluding|never|not|no|nobody|none|alone|ないで(?!しょ|す)|ないように|なしで|なしに|ずに|以外|除|除外|抜き)$/;

/**
 * Words that name a time or a span of time (「月末」「先々週」「朝」, "September", "weekend", "days"): a reading that leaves
 * one out answers for another period than the one asked. Only words that are nothing but a time: "first", "last", "next"
 * and "may" are often something else, and hours and minutes are mostly units (「100時間」, "100 hours of overtime").
 */
const TIME_WORD =
  /^(?:january|february|march|april|june|july|august|september|sept|october|november|december|jan|feb|apr|jun|jul|aug|sep|oct|nov|dec|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|days?|daily|weeks?|weekly|weekends?|fortnight|months?|monthly|years?|yearly|quarters?|quarterly|mornings?|afternoons?|evenings?|nights?|tonight|overnight|noon|midday|yesterday|today|tomorrow|dates?|ago|holidays?)$|(?:[日週月年]|曜日?|朝|昼|正午|時点|夜|晩|午前|午後|夕方?|上旬|中旬|下旬|年度|祝日|休日|連休|週末|平日|月末|月初|年末|年始|期末)$/u;

/**
 * The content words of a text whose names are blanked, with where they stand: runs of kanji and katakana (「以外」「除」
 * apart, so that 「札幌以外」 keeps its exclusion), Latin words, numbers, and the hiragana exclusions (「出さないで」's
 * ないで). Hiragana is otherwise grammar: particles, endings, politeness.
 */
const TOKENS =
  /以外|除外|除|抜き|[\p{Script=Han}\p{Script=Katakana}ー]+?(?=以外|除|抜き|[^\p{Script=Han}\p{Script=Katakana}ー]|$)|[a-z][a-z'’]*|\d{1,2}:\d{2}|\d+(?:\.\d+)?|ないで(?!しょ|す)|ないように|なしで|なしに|ずに/gu;
/** "isn't", "doesn't", "can't": the question's form, not a negation of what is asked. */
const AUXILIARY_NOT = /^(?:is|are|was|were|does|did|has|have|had|wo|ca|could|should|would)n['’]t$/;

/**
 * Whether a word is the vocabulary's. A Latin word is one of a phrase's words, or shares its start with one ("errors",
 * "arrivals"): inside another word a phrase is only letters ("or" in "short", "take" in "intake"). Japanese has no spaces,
 * so a compound holds its words («残業時間») and a phrase may hold the word.
 */
function isVocabulary(folded: string, latin: boolean): boolean {
  // A compound is covered whole by the phrases in it («残業時間»: 残業 and 時間); one that holds a phrase and more («自動車保険»,
  // not a business of the company's) is a word not understood.
  if (!latin) {
    const phrases = vocabularyPhrases();
    if (phrases.some((v) => v.includes(folded))) return true;
    const covered = new Array<boolean>(folded.length).fill(false);
    for (const v of phrases) for (let at = folded.indexOf(v); v.length > 0 && at >= 0; at = folded.indexOf(v, at + 1)) covered.fill(true, at, at + v.length);
    return covered.every(Boolean);
  }
  // A word of a phrase, or one of four letters or more that starts one or that one starts («item» and «items», «verif»).
  return vocabularyPhrases().some((v) =>
    v.split(/[\s-]+/).some((w) => w === folded || (folded.length >= 4 && w.length >= 4 && (w.startsWith(folded) || folded.startsWith(w)))),
  );
}

const same = (a: AskQuery, b: AskQuery): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Whether a time word is 月, 日 or a month name of a date, a span of dates or a month the reading holds (date_10-01, dates_10-01_10-10). */
function restatesDates(word: string, time: AskQuery['time']): boolean {
  // 「今日の正午の時点」: today and 時点 say again the moment of today read (at_12).
  if (time !== null && /^at_/.test(time)) return /^(?:今日|本日|時点|today)$/.test(word);
  if (time === null || !/^(?:dates?|month)_/.test(time)) return false;
  if (/^[月日]$/.test(word)) return true;
  // 「月初(10/1)」: the start of the month said beside its first day.
  if (word === '月初' && /^date_\d{2}-01$/.test(time)) return true;
  const n = EN_MONTHS.indexOf(word.slice(0, 3));
  return n >= 0 && new RegExp(`(?:^month_|_)${String(n + 1).padStart(2, '0')}(?:-|$)`).test(time);
}

/**
 * Every content word of a question accounted for: a word is used when leaving it out changes the rules' reading (the
 * ablation a reader can check by hand), it is a name found, a word of the vocabulary, or a function word. The rest are
 * returned, negations, numbers and times apart: a negation, a number or a time that changed nothing means the answer
 * would be given as if it had not been said. `deadlines` ("16:00"): the deadlines of the lines asked about, which a clock time may name (read when one is there). A negation that only ends a question (「遅れてない？」 "isn't it late?") asks, not negates.
 */
export function unusedWords(found: NamedInText, parse: (text: string) => AskQuery, o: { deadlines?: () => ReadonlySet<string> } = {}): UnusedWord[] {
  // Read only when the question holds a clock time: most do not, and the deadlines need the overview of now.
  let deadlines: ReadonlySet<string> | undefined;
  const isDeadline = (hm: string): boolean => (deadlines ??= o.deadlines?.() ?? new Set()).has(hm);
  const text = found.text;
  const base = parse(text);
  const spans: { at: number; end: number }[] = [
    found.sites,
    found.processes,
    found.businesses,
    found.operators,
    found.services,
    found.hosts,
    found.again ?? [],
  ].flat();
  for (const t of found.taught)
    for (let at = text.indexOf(t.word); at >= 0; at = text.indexOf(t.word, at + 1)) spans.push({ at, end: at + t.word.length } as never);
  const masked = blanked(text, spans);
  const changes = (at: number, end: number, by: string): boolean => !same(parse(`${text.slice(0, at)}${by}${text.slice(end)}`), base);
  const out: UnusedWord[] = [];
  for (const m of masked.matchAll(TOKENS)) {
    const word = m[0];
    const at = m.index;
    const end = at + word.length;
    const latin = /^[a-z]/.test(word);
    const kind: UnusedWord['kind'] = /^\d/.test(word) ? 'number' : NEGATION.test(word) ? 'negation' : TIME_WORD.test(word) ? 'time' : 'word';
    if (
      (kind === 'word' || kind === 'time') &&
      (AUXILIARY_NOT.test(word) || (latin ? FUNCTION_WORDS_EN.has(word.replace(/['’].*$/, '')) : FUNCTION_WORDS_JA.has(word)))
    )
      continue;
    // An ordinal's ending («the 20th») is its number's.
    if (/^(?:st|nd|rd|th)$/.test(word) && /\d$/.test(text.slice(0, at))) continue;
    // The weekday written beside a date (「10月21日（火）」) restates the day the date already is.
    if (kind !== 'number' && /^[月火水木金土日]$/.test(word) && /[日\d]\s*[（(]$/.test(text.slice(0, at)) && /^[）)]/.test(text.slice(end))) continue;
    // So does a weekday followed by its date in brackets (「月曜(10/20)」, "Monday (10/20)").
    if (
      kind === 'time' &&
      /^(?:[月火水木金土日]曜日?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$/.test(word) &&
      /^\s*[（(]\s*\d{1,2}\s*[/／月]\s*\d{1,2}/.test(text.slice(end))
    )
      continue;
    // A word that the names in brackets after it spell out («関東(品川/横浜)», "the east (Shinagawa, Yokohama)") is restated by them.
    const bracket = /^\s*[（(]([^）)]*)[）)]/.exec(text.slice(end));
    if (kind === 'word' && bracket && found.sites.some((h) => h.at > end && h.end <= end + bracket[0].length)) continue;
    // «Leave Shinagawa alone»: the site is left out (notFrom), and «alone» only says so again.
    if (word === 'alone' && (base.notFrom.length > 0 || base.notWho.length > 0)) continue;
    // Today said of a reading of today (no time read is today's): «today's», 「今日の」 restate it.
    if (kind === 'time' && /^(?:今日|本日|きょう|today)$/.test(word) && (base.time === null || base.time === 'today' || base.time === 'now')) continue;
    // A date's own words beside the dates the reading holds (the second «Oct» of «Oct 1 to Oct 10», 「10日まで」's 日) restate it.
    if (kind === 'time' && restatesDates(word, base.time)) continue;
    // A clock time (16:00, 「16時」) that is the deadline of a line asked about says what the answer states anyway.
    // «4pm» is 16:00: a clock time said with am or pm, as 「4時」 with 時.
    const pm = /^ ?pm\b/.test(text.slice(end)) && Number(word) < 12 ? 12 : 0;
    const clock =
      kind !== 'number'
        ? null
        : (/^(\d{1,2}):(\d{2})$/.exec(word) ?? (/^(?:時| ?[ap]m\b)/.test(text.slice(end)) ? [word, String(Number(word) + pm), '00'] : null));
    if (clock && isDeadline(`${Number(clock[1])}:${clock[2]}`)) continue;
    const other = clock ? `${Number(clock[1]) + 1}${word.includes(':') ? `:${clock[2]}` : ''}` : String(Number(word) + 1);
    // A number is used when its value matters: another number in its place reads otherwise (「上位3」 is a ranking's 3 even
    // where 3 is also the default). Any other word, when the reading without it differs.
    if (kind === 'number' ? changes(at, end, other) : changes(at, end, ' ')) continue;
    // A verb of moving people («add», 「回す」) is what the move read says, even where the count and places alone would say it;
    // so are its people and its consequence («the Verification team», 「影響は？」).
    if (kind === 'word' && base.move && [ADD, REMOVE, MOVE_VERB, MOVE_NOUN, MOVE_ENOUGH, MOVE_ALSO].some((r) => r.test(word))) continue;
    // So are the words of work that comes or stops (「来」, "land", "outage") beside the items or the stop read.
    if (kind === 'word' && base.move && isWorkChange(base.move) && WORK_WORDS.test(word)) continue;
    // «以上», "or above", "at least" beside a level or months read are what the threshold says (a level is at least itself).
    if (kind === 'word' && (base.level !== null || base.experience !== null) && /^(?:以上|above|least|more|over|plus)$/.test(word)) continue;
    if (kind === 'word' && base.experienceUnder !== null && /(?:未満|以下)$|^(?:under|less|fewer|below|than)$/.test(word)) continue;
    if (kind === 'word' && isVocabulary(foldForCues(word), latin)) continue;
    if (!out.some((u) => u.word === word)) out.push({ word, kind });
  }
  return out;
}
