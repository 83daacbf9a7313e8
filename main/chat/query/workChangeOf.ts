import type { AskMove } from '../../api/askQuery.js';

/** Whether a move read is a change to the work itself (items added, a stop), not people moved or a speed. */
export const isWorkChange = (move: AskMove): move is Extract<AskMove, { items: number } | { stopMinutes: number | null }> =>
  'items' in move || 'stopMinutes' in move;

/**
 * The words that say work comes or stops, beside the figure the reading holds (「来」「増」「止」, "land", "outage"): read with it,
 * so none is said to be unread (wordsAccounted.ts).
 */
export const WORK_WORDS =
  /^(?:来|増|追加|入荷|届|止|停止|影響|land|lands|landed|arrive|arrives|arrived|come|comes|came|show|more|extra|additional|another|stop|stops|stopped|halt|halts|halted|down|offline|outage|downtime|stoppage|now)$/;

const MINUTES: Record<string, number> = { 分: 1, 時間: 60, min: 1, mins: 1, minute: 1, minutes: 1, hour: 60, hours: 60, hr: 60, hrs: 60, h: 60 };

/**
 * What a what-if does to the work of today itself, rather than to the people on it (read in `folded`, foldForCues's text):
 * - items added now: 「あと500件来たら」「500件増えたら」「+500件」, "another 500 claims land", "500 more items";
 * - the work stopped for a while: 「1時間止まったら」「30分ストップしたら」, "stops for 30 min", "a 2-hour outage"; or for the
 *   rest of the day, a stop with no length said after a word of from now on (「この後止まったら」「今から止まったら」).
 * Null when it says neither. The caller holds it to a supposition (「たら」 "if"): a count of items alone is no what-if.
 */
export function workChangeOf(folded: string): AskMove | null {
  const ja =
    /(?<![\d時:.])(\d+(?:\.\d+)?) ?(分|時間)(?:間)?(?:ほど|くらい|ぐらい|程度)?(?:も|だけ)?(?:[^\d。、]{0,6}?)(?:止ま|とま|停止|すとっぷ|落ち|だうん|動かな)/.exec(
      folded,
    );
  const en =
    /\b(?:stops?|stopped|halts?|halted|(?<!slow |slowed |slows )down|offline|goes down|went down)\b (?:for )?(?:about |around |an? )?(\d+(?:\.\d+)?|an?) ?(min|mins|minutes?|hours?|hrs?|h)\b/.exec(
      folded,
    ) ?? /\b(\d+(?:\.\d+)?|an?)[- ]?(min|mins|minutes?|hours?|hrs?|h)\b(?: of)? (?:stop|stoppage|outage|downtime)\b/.exec(folded);
  const stop = ja ?? en;
  if (stop) {
    const n = /^an?$/.test(stop[1]!) ? 1 : Number(stop[1]);
    const minutes = Math.round(n * MINUTES[stop[2]!]!);
    if (minutes >= 1 && minutes <= 1_440) return { stopMinutes: minutes };
  }
  // No length: stopped from now on, for the rest of the day.
  if (
    /(?:この後|このあと|今から|いまから|これから|午後)(?:[^\d。、]{0,8}?)(?:止ま|とま|停止|すとっぷ|落ち|だうん)/.test(folded) ||
    /\b(?:goes down|went down|stops|stopped|is down|were down|was down) (?:now|for the rest of the day|for the day)\b/.test(folded)
  )
    return { stopMinutes: null };
  // Items added: a number of items with a word of coming or more (「件来たら」「件増えたら」「+500件」, "500 more claims",
  // "another 500 claims land"); never a number of people («another 2 people»).
  const itemsJa =
    /\+ ?(\d[\d,]*) ?件|(\d[\d,]*) ?件(?:が|も|ほど|くらい|ぐらい)? ?(?:追加|増え|ふえ|増し|多く|来|きた|きて|くる|くれ|入っ|入る|入荷|はい|届|とど)/.exec(
      folded,
    );
  const NOUN = '(?:[a-z]+ ){0,2}?(?:items?|claims?|forms?|cases?|documents?|images?|pages?|receipts?|surveys?)\\b';
  const itemsEn =
    new RegExp(`\\b(?:another|an extra|extra|additional|\\+) ?(\\d[\\d,]*) ${NOUN}`).exec(folded) ??
    new RegExp(`\\b(\\d[\\d,]*) (?:more|extra|additional) ${NOUN}`).exec(folded) ??
    /\b(?:another|an extra|extra|additional) (\d[\d,]*) (?:(?!people|persons?|operators?|staff|heads?)[a-z]+ ){0,3}?(?:land|lands|come in|comes in|arrive|arrives|show up)\b/.exec(
      folded,
    );
  const items = itemsJa ?? itemsEn;
  if (items) {
    const n = Number((items[1] ?? items[2])!.replace(/,/g, ''));
    if (Number.isInteger(n) && n >= 1 && n <= 1_000_000) return { items: n };
  }
  return null;
}
