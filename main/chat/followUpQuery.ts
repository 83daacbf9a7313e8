import { format } from 'date-fns/format';
import { subDays } from 'date-fns/subDays';
import type { AskQuery, AskTime } from '../api/askQuery.js';
import { beforeToday } from './query/beforeToday.js';
import type { ParsedQuery } from './query/parseQuery.js';
import { ADD, REMOVE } from './query/moveWords.js';
import { foldForCues } from './foldForCues.js';

/** Words that open a follow-up: 「じゃあ」「では」「それなら」, "and", "what about", "how about". */
const OPENERS = /^(?:じゃあ|じゃ|では|それでは|それなら|なら|あと|それと|ちなみに|で、|and\b|what about\b|how about\b|then\b|ok,? (?:and|what|how)\b)/i;
/** Words that point back to what the turn before named: 「そこ」「その中で」 "there", "those", "the same". */
const BACK = /そこ|その中|そのうち|その日|同じ(?:拠点|工程|ところ|日)|\b(?:there|those|them|the same|that day)\b/i;
/** The day before the one the turn before asked about: 「その前の日は？」「前日は？」 "and the day before?". */
const DAY_BEFORE = /その前の日|その前日|前の日|前日|\bthe day before\b(?! yesterday)/i;
/** The day before a one-day time (today → yesterday → ago_2d; date_10-22 → date_10-21), or null for a span. */
function dayBefore(time: AskTime | null): AskTime | null {
  if (time === null || time === 'today' || time === 'now') return 'yesterday';
  if (time === 'yesterday') return 'ago_2d';
  const ago = /^ago_(\d+)d$/.exec(time);
  if (ago && Number(ago[1]) < 99) return `ago_${Number(ago[1]) + 1}d` as AskTime;
  const date = /^date_(\d{2})-(\d{2})$/.exec(time);
  // A leap year, so that the day before 03-01 can be 02-29: the year is chosen when the date is read, as for any date_.
  if (date) return `date_${format(subDays(new Date(2024, Number(date[1]) - 1, Number(date[2])), 1), 'MM-dd')}` as AskTime;
  return null;
}

/** The name lists a request can change. */
const NAME_FIELDS = ['site', 'process', 'business', 'operator', 'service', 'host'] as const;
/** Short enough to lean on the turn before (「大阪は？」「補正は？」 "and Osaka?"). */
const SHORT_JA = 16;
const SHORT_EN_WORDS = 6;

/**
 * Whether a request continues the turn before instead of standing alone: it is short, names no measure of its own but
 * names something the turn before can be asked of (a site, a process, a business, a person, a service, a time, a number
 * of people), or it opens like a follow-up. It does not start over (a request with an operation and a measure of its
 * own does), and a request about nothing Genba does (「タクシーを呼んで」) is never read as one.
 */
export function isFollowUp(question: string, parsed: ParsedQuery): boolean {
  const n = parsed.query;
  const q = question.normalize('NFKC').trim();
  // 「その前の日は？」 "and the day before?" can only be asked of the turn before.
  if (DAY_BEFORE.test(q) && !parsed.said.measure) return true;
  if (parsed.said.op && n.op === 'outside' && n.notFrom.length === 0 && n.notWho.length === 0) return false;
  // An opener or a word pointing back (「そこ」 "there") continues the conversation, even with a measure of its own:
  // "what about correction waiting there?" after 大阪's items left asks it of 大阪.
  if (OPENERS.test(q) || BACK.test(q) || DAY_BEFORE.test(q)) return true;
  // A move from somewhere to no line named («ok if I send 3 from Shinagawa?») is a move to the line the turn before was about.
  if (n.move && 'count' in n.move && n.move.from && !n.move.to && n.site.length === 0 && n.process.length === 0) return true;
  // People to come from a site, with no line to help named («品川から人を入れたら？»): help for the line the turn before was about.
  if (n.from.length > 0 && n.site.length === 0 && n.process.length === 0 && (n.op === 'propose' || n.op === 'whatif')) return true;
  // People moved with no site at all («what if 補正から2人抜いたら？»): of the site the turn before was about.
  if (n.move && 'count' in n.move && !n.move.from && !n.move.to && n.site.length === 0) return true;
  if (parsed.said.op && parsed.said.measure) return false;
  const short = /[\u3040-\u30ff\u3400-\u9fff]/.test(q) ? q.length <= SHORT_JA : q.split(/\s+/).length <= SHORT_EN_WORDS;
  // A split with no measure (「ホスト別では？」 "which host had the most?") is of the measure before.
  // An exclusion alone (「盛岡からは出さないで」 after a proposal) narrows the turn before too.
  // People left out by name (「高山さんを外したら？」 after a proposal) narrow it the same way.
  const names = NAME_FIELDS.some((f) => n[f].length > 0) || n.move !== null || n.time !== null || n.by !== null || n.notFrom.length > 0 || n.notWho.length > 0;
  return short && !parsed.said.measure && names;
}

/**
 * The turn before's query changed only in what this request names: a name list it names replaces that list (a
 * comparison adds to it: 「大阪と比べて」), a time it names replaces the time, a measure or an operation its own words
 * say replaces that one, a number of people makes a what-if on the turn before's target. The rest is kept, and said.
 */
export function followUpQuery(before: AskQuery, now: ParsedQuery, question: string, today: string): { query: AskQuery; kept: string[] } {
  const n = now.query;
  const q: AskQuery = { ...before };
  const kept: string[] = [];
  // A follow-up is about the floor: one its words read as outside (an exclusion alone, 「出さないで」; 「その前の日は？」)
  // narrows the turn before, whose operation stays.
  // People or sites left out of a move (「高山さんを外したら？」 "without Sakamoto?") narrow the move before, whatever they read as.
  const narrows = (n.notWho.length > 0 || n.notFrom.length > 0) && !n.move && (before.op === 'propose' || before.op === 'whatif');
  const op = narrows ? before.op : now.said.op && n.op !== 'outside' ? n.op : before.op;
  // Only the site that sends named («じゃあ盛岡から誰なら出せる？» after 札幌's question): the site helped stays the turn before's.
  const sendsOnly = op === 'propose' && n.from.length > 0 && n.site.length === 0;
  if (sendsOnly) q.from = n.from;
  for (const f of NAME_FIELDS) {
    // Asked who («誰なら»), the people the turn before named are not kept: the answer chooses them.
    if (f === 'operator' && sendsOnly) {
      q.operator = n.operator;
      continue;
    }
    if (n[f].length === 0) {
      if (before[f].length > 0) kept.push(f);
      continue;
    }
    q[f] = op === 'compare' && before.op !== 'compare' ? [...new Set([...before[f], ...n[f]])] : n[f];
  }
  if (n.by !== null) q.by = n.by;
  // What it asks of the measure (how many, who, how accurate) carries over to 「盛岡は？」, unless it says its own or a new measure.
  if (n.asks.length > 0 || (now.said.measure && n.measure !== null)) q.asks = n.asks;
  else if (before.asks.length > 0) kept.push('asks');
  // A day's plan conditions carry over to a follow-up that names no other site (「物量2割増なら？」「じゃあ盛岡は？」 differ).
  if (n.conditions !== null || n.site.length > 0) q.conditions = n.conditions;
  else if (before.conditions !== null) kept.push('conditions');
  // A weekday alone after a day gone («yesterday any misses?» then "and on monday?") is the last one before today: the
  // conversation is about records, and the nearest Monday ahead would be a plan nobody asked for.
  const weekdayAlone = n.time !== null ? /^on_([a-z]{3})$/.exec(n.time) : null;
  if (weekdayAlone && beforeToday(before.time, today)) q.time = `past_${weekdayAlone[1]}` as AskTime;
  else if (n.time !== null) q.time = n.time;
  else if (DAY_BEFORE.test(question.normalize('NFKC')) && dayBefore(before.time) !== null) q.time = dayBefore(before.time);
  else if (before.time !== null) kept.push('time');
  if (n.notFrom.length > 0) q.notFrom = [...new Set([...before.notFrom, ...n.notFrom])].sort();
  if (n.notWho.length > 0) q.notWho = [...new Set([...(before.notWho ?? []), ...n.notWho])].sort();
  if (now.said.measure && n.measure !== null) q.measure = n.measure;
  else if (before.measure !== null) kept.push('measure');
  // 「じゃあ2なら？」 "and if only 2?" after a move weighed: the same move with that many people.
  const bare = !n.move && before.move && 'count' in before.move ? /^[^\d]*?(\d{1,3})(?:人|名)?[^\d]*$/.exec(question.normalize('NFKC')) : null;
  if (bare && before.move && 'count' in before.move && Number(bare[1]) > 0) {
    q.op = 'whatif';
    q.move = { ...before.move, count: Number(bare[1]) };
    return { query: q, kept };
  }
  if (n.move) {
    // 「じゃあ2名なら？」 after a proposal: what that many people would do for the same target.
    q.op = 'whatif';
    // People taken away with no place said («what if 補正から2人抜いたら？» after 大阪's status) leave the site before, not join it.
    const folded = foldForCues(question);
    const leaves = 'count' in n.move && !n.move.from && !n.move.to && REMOVE.test(folded) && !ADD.test(folded);
    q.move =
      'count' in n.move
        ? leaves
          ? { ...n.move, from: before.site[0] ?? null, to: null, process: n.move.process ?? before.process[0] ?? null }
          : { ...n.move, to: n.move.to ?? before.site[0] ?? null, process: n.move.process ?? before.process[0] ?? null }
        : n.move;
    q.measure = 'slack';
    return { query: q, kept };
  }
  q.op = op;
  if (op === 'compare' && q.by === null) q.by = NAME_FIELDS.find((f) => q[f].length >= 2) ?? null;
  if (op !== before.op) {
    q.rank = n.rank;
    q.against = n.against;
    q.status = n.status;
  }
  // A skill level this request names (「スキル3以上は？」) is what it changes, whatever the operation.
  if (n.level !== null) q.level = n.level;
  // So is a number of years of experience (「その中で経験5年以上は？」).
  if (n.experience !== null) q.experience = n.experience;
  if (n.experienceUnder !== null) q.experienceUnder = n.experienceUnder;
  return { query: q, kept };
}
