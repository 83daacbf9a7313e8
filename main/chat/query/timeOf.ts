import { WEEKDAY_TOKENS, type AskTime } from '../../api/askQuery.js';
import { weekdayName } from '../../api/figures.js';

/**
 * The time a request names, read from its folded text (width, case and katakana folded): a named day, a weekday or a
 * date, a span of hours, days or months, a time to be done by or since. Values are the AskTime tokens (docs/ask-query.md).
 */

/** A question about what was: the past tense of its verb (「どうだった」「休んだ人」, "how did … go", "what happened"). */
const PAST_TENSE = /だった|でした|ました|かった|あった|起きた|起こった|んだ人|した人|\b(?:did|was|were|went|happened|had)\b/;
/** The days of the week as managers write them, Sunday first (WEEKDAY_TOKENS' order). */
const WEEKDAY_WORDS = [0, 1, 2, 3, 4, 5, 6].map((d) => weekdayName(d, 'ja'));
const WEEKDAY_KANA = ['にち', 'げつ', 'か', 'すい', 'もく', 'きん', 'ど'];
const WEEKDAY_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** English months by their first three letters, January first (the words of a date, and those that restate it). */
export const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** 「先月と比べて」「vs last month」: the period compared with, not the one asked about. */
const MONTH_AGAINST =
  /(?:先月|せんげつ|前月)(?:と比べ|とくらべ|と比較|比|より|に比べ|との比較)|(?:vs\.?|versus|compared (?:to|with)|than|against|over) (?:the )?(?:last|previous|prior) month/;

/** A weekday in English, whole or cut short (Tuesday, Tue, Tues, Thurs): its first three letters are its token. */
const EN_WEEKDAY = '\\b(sun|mon|tue|wed|thu|fri|sat)(?:[a-z]*day|s|rs?)?\\b\\.?';
/**
 * A day of month named with its weekday (「28日（火）」「28日の火曜」「火曜の28日」, "Tuesday the 28th", "Tue 28", "the 28th
 * (Tue)"), or alone where it can only be a day (「28日の品川」, "on the 28th"): 「28日」 is not one when it counts days
 * (「3日間」「2日前」「1日あたり」「あと3日」「有給3日」), nor a span's end (「28日まで」), nor 「1日」 alone (a day's worth, as
 * often as the 1st); "the 28th" is not one before a noun ("the 3rd fastest"). Day 1 to 31: which month is the resolver's.
 */
function dayOfMonthIn(folded: string): AskTime | null {
  const JA_DOW = `([${WEEKDAY_WORDS.join('')}])`;
  const dayAfter = new RegExp(String.raw`(?<![\d月/.])(\d{1,2})日 ?(?:\( ?${JA_DOW}(?:曜日?)? ?\)|(?:の|、|,)? ?${JA_DOW}曜)`).exec(folded);
  const dayBefore = new RegExp(String.raw`${JA_DOW}曜(?:日)? ?(?:の|、|,)? ?(?<![\d月/.])(\d{1,2})日(?![間前後分目])`).exec(folded);
  // "Tuesday the 28th", "Tue 28th"; a bare number only before no word but a place's or time's ("Tue 28 at Shinagawa", not
  // "Friday 5 errors", "Tue 10:00").
  const enBefore = new RegExp(
    String.raw`${EN_WEEKDAY},? (?:the (\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)|(\d{1,2})(?!\s*(?:[:.]\d|%|件|人|名|時|分)|\s?(?!(?:of|at|in|for|on)\b)[a-z]))\b`,
  ).exec(folded);
  // "the 28th (Tue)", "28, Tuesday"; not "the 2nd Monday" (a month's second Monday).
  const enAfter = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?(?:, ?| ?\()${EN_WEEKDAY}`).exec(folded);
  const ja =
    // 「2日休んでる」「3日欠勤」 count days, as 「2日間」 does: no date.
    /(?<=^|[\s、,。「(]|[はのにでともをが])(\d{1,2})日(?![間前後分目中半休欠勤働]|連続|以内|以上|以下|以降|おき|置き|あたり|当たり|平均|ごと|毎|ぶり|程度|くらい|ぐらい|ほど|で|まで|から)/.exec(
      folded,
    );
  // "on the 16th" is a day whatever follows ("the DB outage on the 16th made …"); "the 16th" alone not before a noun.
  const en =
    /\bon the (\d{1,2})(?:st|nd|rd|th)\b/.exec(folded) ??
    // A verb after it is the day's («how did the 14th go?»).
    /\b(?:on|the) (?:the )?(\d{1,2})(?:st|nd|rd|th)\b(?! ?(?!(?:of|at|in|for|on|'s|go|goes|went|look|looks|looked|compare|end|ended)\b)[a-z])/.exec(folded);
  const token = (day: string, dow: number | null): AskTime | null => {
    const n = Number(day);
    return n >= 1 && n <= 31 ? `dom_${String(n).padStart(2, '0')}${dow === null ? '' : `_${WEEKDAY_TOKENS[dow]!}`}` : null;
  };
  const enDow = (w: string): number => WEEKDAY_TOKENS.indexOf(w as (typeof WEEKDAY_TOKENS)[number]);
  if (dayAfter) return token(dayAfter[1]!, WEEKDAY_WORDS.indexOf((dayAfter[2] ?? dayAfter[3])!));
  if (dayBefore) return token(dayBefore[2]!, WEEKDAY_WORDS.indexOf(dayBefore[1]!));
  if (enBefore) return token((enBefore[2] ?? enBefore[3] ?? enBefore[4])!, enDow(enBefore[1]!));
  if (enAfter) return token(enAfter[1]!, enDow(enAfter[2]!));
  if (ja && Number(ja[1]) > 1) return token(ja[1]!, null);
  if (en) return token(en[1]!, null);
  return null;
}

const pad2 = (x: string | number): string => String(x).padStart(2, '0');
const validMd = (m: number, d: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= 31;

/**
 * A date (「10/27」「10月27日」「Oct 27」「the 27th of October」), a day of month (「28日（火）」 "Tuesday the 28th", above), or
 * a weekday named (「来週月曜」「今週の金曜日」「next Monday」「on Friday」): the most exact first, so that the weekday beside a
 * date does not take its place.
 */
function dayOf(folded: string): AskTime | null {
  const jaDate = /(?<!\d)(\d{1,2})月(\d{1,2})日/.exec(folded);
  const slash = /(?<![\d/])(?:\d{4}[/-])?(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(folded);
  const md = jaDate ?? slash;
  if (md && validMd(Number(md[1]), Number(md[2]))) return `date_${pad2(md[1]!)}-${pad2(md[2]!)}`;
  const enDate = new RegExp(`\\b(${EN_MONTHS.join('|')})[a-z]*\\.? (\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(folded);
  if (enDate && validMd(EN_MONTHS.indexOf(enDate[1]!) + 1, Number(enDate[2]))) return `date_${pad2(EN_MONTHS.indexOf(enDate[1]!) + 1)}-${pad2(enDate[2]!)}`;
  // "the 28th of October", "28th Oct", "17 Oct": the day first; a bare number only before a month that is no other word
  // (「3 may be」 is no date).
  const enDayFirst = new RegExp(
    `\\b(\\d{1,2})(?:(?:st|nd|rd|th)(?: of)?| of| (?=(?!may\\b)(?:${EN_MONTHS.join('|')})))\\s?(${EN_MONTHS.join('|')})[a-z]*\\b`,
  ).exec(folded);
  if (enDayFirst && validMd(EN_MONTHS.indexOf(enDayFirst[2]!) + 1, Number(enDayFirst[1])))
    return `date_${pad2(EN_MONTHS.indexOf(enDayFirst[2]!) + 1)}-${pad2(enDayFirst[1]!)}`;
  // "The first of the month", "on the 1st": its day 1 (「1日」 alone is as often a day's worth, so it is not read).
  const first = /\b(?:the )?(?:first|1st)(?: day)? of (?:the|this) month\b|\bon the (?:first|1st)\b(?! (?:of|time|day|shift)\b)/.test(folded) ? 'dom_01' : null;
  const dom = first ?? dayOfMonthIn(folded);
  // A day of month in a question about what was («how did the 1st go?» 「14日はどうだった？」) is the last such day.
  if (dom !== null) return /^dom_\d{2}$/.test(dom) && PAST_TENSE.test(folded) ? (`${dom}_past` as AskTime) : dom;
  const ja = /(来週|らいしゅう|今週|こんしゅう|先週|せんしゅう)?(?:の)?([日月火水木金土])曜(?!日?(?:別|ごと|毎))/.exec(folded);
  const kana = new RegExp(`(らいしゅう|こんしゅう|せんしゅう)?(?:の)?(${WEEKDAY_KANA.join('|')})ようび`).exec(folded);
  const en = new RegExp(`(next|this|last|on|coming)? ?(${WEEKDAY_EN.join('|')})`).exec(folded);
  // A weekday with no week said, in a question about what was («how did Monday go?» 「月曜はどうだった？」), is the last one;
  // so is one said as a habit («月曜はいつも遅れてる？», "are Mondays always late?"): what is usual is in the days gone, never
  // in the next one.
  const past =
    PAST_TENSE.test(folded) ||
    /いつも|毎週|普段|ふだん|大抵|たいてい|\b(?:always|usually|typically|normally|every|generally)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days\b/.test(
      folded,
    );
  const which = (w: string | undefined): string =>
    w === undefined
      ? past
        ? 'past'
        : 'on'
      : /来週|らいしゅう|next|coming/.test(w)
        ? 'next'
        : /今週|こんしゅう|this/.test(w)
          ? 'this'
          : /先週|せんしゅう/.test(w)
            ? 'last'
            : // «last Monday» said on a Thursday is the Monday just gone (10/20), where 「先週の月曜」 is last week's (10/13).
              /last/.test(w)
              ? 'past'
              : past
                ? 'past'
                : 'on';
  const dowToken = (dow: number, w: string | undefined): AskTime => `${which(w)}_${WEEKDAY_TOKENS[dow]!}`;
  // «明日 Friday», "tomorrow (Friday)": the weekday said beside tomorrow names tomorrow (a Friday read alone for records would be
  // the last one, a week before).
  if ((ja ?? kana ?? en) && !(ja?.[1] ?? kana?.[1] ?? en?.[1]) && /明日|あした|tomorrow/.test(folded)) return 'tomorrow';
  // «Since Monday», 「月曜から」「月曜以降」 with no week said: from the last such day up to now, not that one day.
  const since =
    (ja && !ja[1] && /^(?:日)?(?:から|以降|このかた)/.test(folded.slice(ja.index + ja[0].length))) ||
    (en && !en[1] && /\bsince $/.test(folded.slice(0, en.index + (en[0].length - en[0].trimStart().length))));
  if (since) return `from_${WEEKDAY_TOKENS[ja ? WEEKDAY_WORDS.indexOf(ja[2]!) : WEEKDAY_EN.indexOf(en![2]!)]!}`;
  if (ja) return dowToken(WEEKDAY_WORDS.indexOf(ja[2]!), ja[1]);
  if (kana) return dowToken(WEEKDAY_KANA.indexOf(kana[2]!), kana[1]);
  if (en) return dowToken(WEEKDAY_EN.indexOf(en[2]!), en[1]);
  return null;
}

/** A span of months, a month, a range of working days ahead, or the start of a month. */
function periodOf(folded: string): AskTime | null {
  // The first group that matched: each pattern has its Japanese and English forms as alternatives.
  const n = (re: RegExp): number | null => {
    const m = re.exec(folded);
    const g = m?.slice(1).find((x) => x !== undefined);
    return g === undefined ? null : Number(g);
  };
  const start = n(
    /月初(?:め|はじめ)?(?:の|から)?(?:最初の)?(\d{1,2}) ?(?:営業日|日)|first (\d{1,2}) (?:working |business )?days of (?:the |next |this )?month/,
  );
  if (start !== null && start >= 1 && start <= 19) return `month_start_${start}`;
  // 「月初」 alone: the forecast's own start of the month, its first 5 working days.
  // Not with its date beside it (「月初(10/1)のレセ」 is that day).
  if (
    /月初|月はじめ|月始め|げっしょ|start of (?:the |next )?month|beginning of (?:the |next )?month/.test(folded) &&
    !/\d{1,2}\/\d{1,2}|\d{1,2}月\d{1,2}日/.test(folded)
  )
    return 'month_start_5';
  const m = n(/(?:過去|直近|ここ|この|最近|last|past) ?(\d{1,2}) ?(?:か|ゕ|ゖ|け|箇|ケ|ヶ|ヵ)?月(?!\d|日)|(?:last|past) (\d{1,2}) months/);
  // One month back is the last 30 days (「過去1か月」 is not this calendar month).
  if (m !== null && m >= 1 && m <= 24) return m === 1 ? 'last_30d' : `last_${m}m`;
  if (/(?:過去|直近|ここ|この)半年|はんとし|(?:last|past) (?:six|6) months|half (?:a )?year/.test(folded)) return 'last_6m';
  if (/(?:過去|直近|ここ|この)(?:1|一)年|(?:last|past) (?:year|12 months)/.test(folded)) return 'last_12m';
  const wd = n(/(?:今後|向こう|むこう|次の|これから|先|あと)(?:の)? ?(\d{1,2}) ?営業日|(?:next|coming|following) (\d{1,2}) (?:working |business )?days/);
  if (wd !== null && wd >= 1 && wd <= 20) return `next_${wd}wd`;
  // "For the month", "the month so far": the month of the moment asked, as "this month".
  if (/今月|こんげつ|this month|month to date|so far this month|(?:for|in|during|over) the month\b(?! (?:of|before|after)\b)|\bthe month so far/.test(folded))
    return 'this_month';
  if (/先月|せんげつ|前月|last month|previous month/.test(folded)) return 'last_month';
  if (/来月|らいげつ|next month/.test(folded)) return 'next_month';
  return null;
}

/** The weekday a word names (「金曜」「金曜日」, "friday", "fri"), Sunday 0; null for any other word. */
export function weekdayNamed(word: string): number | null {
  const w = word.toLowerCase();
  const ja = WEEKDAY_WORDS.findIndex((d) => w === `${d}曜` || w === `${d}曜日`);
  if (ja >= 0) return ja;
  const en = WEEKDAY_EN.findIndex((d) => w === d || (w.length >= 3 && d.startsWith(w)));
  return en >= 0 ? en : null;
}

/** Whether a time is a day or span still ahead: a headcount then is its roster. */
export const isAhead = (t: AskTime | null): boolean => t !== null && /^(?:tomorrow|day_after_tomorrow|next_|month_start_)/.test(t);

/** 「月別」「月ごと」「by month」「monthly」: a split by calendar month. */
const BY_MONTH = /(?<![今先来前毎])月(?:別|ごと|毎|単位|次)|(?:by|per|each) month|monthly|month by month|month-by-month/;

export function timeOf(folded: string): AskTime | null {
  // 「今月の残業、先月と比べて」「今月と先月」: this month beside last month, the two months of last_2m.
  if (MONTH_AGAINST.test(folded) || (/今月|こんげつ|this month/.test(folded) && /先月|せんげつ|前月|last month/.test(folded))) return 'last_2m';
  const t = timeIn(folded);
  // 「月別の欠勤率」 with no span named: the last 6 months, month by month.
  return BY_MONTH.test(folded) && (t === null || t === 'now' || t === 'today') ? 'last_6m' : t;
}

/**
 * Two dates of a span, both included (「10/1〜10/10」「10月1日から10日まで」, "from Oct 1 to Oct 10", "between 10/1 and 10/10",
 * "Oct 1-10"): the end's month is the start's when it names none.
 */
function dateRangeOf(folded: string): AskTime | null {
  const MON = `(${EN_MONTHS.join('|')})[a-z]*\\.?`;
  const TO = String.raw`\s?(?:〜|~|～|-|–|から|to|through|thru|until|till|and)\s?`;
  const tries: [RegExp, (m: RegExpExecArray) => [number, number, number, number]][] = [
    [new RegExp(String.raw`(?<![\d/])(\d{1,2})/(\d{1,2})${TO}(?:(\d{1,2})/)?(\d{1,2})(?![\d/:])`), (m) => [+m[1]!, +m[2]!, +(m[3] ?? m[1])!, +m[4]!]],
    [/(?<!\d)(\d{1,2})月(\d{1,2})日?\s?(?:〜|~|～|-|から)\s?(?:(\d{1,2})月)?(\d{1,2})日/, (m) => [+m[1]!, +m[2]!, +(m[3] ?? m[1])!, +m[4]!]],
    [
      new RegExp(String.raw`\b${MON} (\d{1,2})(?:st|nd|rd|th)?${TO}(?:${MON} )?(\d{1,2})(?:st|nd|rd|th)?\b(?!:)`),
      (m) => [EN_MONTHS.indexOf(m[1]!) + 1, +m[2]!, m[3] ? EN_MONTHS.indexOf(m[3]) + 1 : EN_MONTHS.indexOf(m[1]!) + 1, +m[4]!],
    ],
  ];
  for (const [re, parts] of tries) {
    const m = re.exec(folded);
    if (!m) continue;
    const [m1, d1, m2, d2] = parts(m);
    // «10/1 to 10/10» is a span; «10/10-10/1» or «10/1-3 people» is not one of days.
    if (!validMd(m1, d1) || !validMd(m2, d2) || (m1 === m2 && d2 <= d1)) continue;
    return `dates_${pad2(m1)}-${pad2(d1)}_${pad2(m2)}-${pad2(d2)}` as AskTime;
  }
  return null;
}

/**
 * A calendar month named alone (「9月の欠勤率」「9月分」, "in September", "September's", "for sept"): not a date in it
 * (「9月1日」), not a count of months (「3か月」), and "may" only where it can be nothing else ("in May", "May's").
 */
function monthNamedOf(folded: string): AskTime | null {
  const ja = /(?<![\d.])(\d{1,2})月(?![\d日]|\s?\d{1,2}日)/.exec(folded);
  if (ja && Number(ja[1]) >= 1 && Number(ja[1]) <= 12) return `month_${pad2(ja[1]!)}` as AskTime;
  const en =
    /\b(jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?(?:'s)?\b(?!\.? ?\d{1,2}\b)/.exec(folded) ??
    /\b(?:in|of|for|during|since) (may)\b(?!\.? ?\d)|\b(may)'s\b/.exec(folded);
  if (!en) return null;
  const name = (en[1] ?? en[2])!;
  return `month_${pad2(EN_MONTHS.indexOf(name) + 1)}` as AskTime;
}

/** A question whether something happened before now, with no other time of its own. */
export const HAPPENED_BEFORE =
  /\b(?:happened|happen|seen|had|occurred|come up|been|missed|failed|gone down|crashed|run out)\b[^?!。？]*\bbefore\b(?!\s*(?:\d|the\b|lunch|noon|it\b|we\b|they\b|(?:this|that|the) (?:deadline|cutoff)))|\bever (?:happened|had|seen|occurred|come up)\b|\bhappened again\b|\bprevious (?:times?|incidents?|occurrences?)\b|前にも|以前にも|以前も|過去にも|これまでにも|今までにも/;

function timeIn(folded: string): AskTime | null {
  const n = (re: RegExp): number | null => {
    const m = re.exec(folded);
    return m ? Number(m[1]) : null;
  };
  const range = dateRangeOf(folded);
  if (range !== null) return range;
  const hours = n(/(?:過去|直近|ここ|last|past) ?(\d{1,3}) ?(?:時間|hours?|h\b)/);
  if (hours !== null) return hours === 1 ? 'last_hour' : `last_${hours}h`;
  const days = n(/(?:過去|直近|ここ|last|past) ?(\d{1,2}) ?(?:日|days?)/);
  if (days !== null) return `last_${days}d`;
  // Two hours of the day (「9時から12時まで」 "from 9 to 12", "between 9am and 12pm"): that span, before a since or a by.
  const span =
    /(\d{1,2})(?::00|時)(?:から|〜|~|-)(\d{1,2})(?::00|時)|(?:from|between) (\d{1,2})(?::00)? ?(am|pm)? ?(?:to|and|-|–) ?(\d{1,2})(?::00)? ?(am|pm)?/.exec(
      folded,
    );
  if (span) {
    const h = (x: string | undefined, ampm: string | undefined): number => Number(x) + (ampm === 'pm' && Number(x) < 12 ? 12 : 0);
    const [a0, b0] = span[1] ? [Number(span[1]), Number(span[2])] : [h(span[3], span[4] ?? span[6]), h(span[5], span[6])];
    // «between 2 and 3» with no am or pm, on a floor that works by day, is the afternoon: hours before 8 are said of the
    // night only with «am» (2:00–3:00 had no figures to show). A Japanese hour is written on the 24-hour clock.
    const afternoon = !span[1] && !span[4] && !span[6] && b0 <= 7;
    const [a, b] = afternoon ? [a0 + 12, b0 + 12] : [a0, b0];
    if (a < b && b <= 24) return `hours_${a}-${b}`;
  }
  // Since lunch, after lunch (「昼から」「昼休み明け」): from the end of the lunch break (planning.workday) up to now.
  if (/\b(?:since|after) lunch\b|昼(?:休み)?(?:から|以降|明け)|お昼(?:休み)?(?:から|以降|明け)/.test(folded)) return 'since_lunch';
  // Lunchtime is a time of day: 11:00 to 14:00 of today, or of the day named with it (a day is all a time can say of another day).
  const lunch = /lunch ?time|around lunch|at lunch|昼休み|昼頃|昼ごろ|お昼/;
  if (lunch.test(folded)) {
    const rest = timeIn(folded.replace(lunch, ' '));
    return rest === null || rest === 'now' || rest === 'today' ? 'hours_11-14' : rest;
  }
  // A moment of today (「12時時点」「正午の」「12:30現在」「12時と比べて」, "at noon", "as of 12:30"): the state then, not now. Not a deadline
  // named (「16時の締切」 "the 4pm cutoff" is the line's, read with it).
  if (/正午|お?昼の?時点|\b(?:at|as of|by) (?:noon|midday)\b/.test(folded) && !/正午(?:まで|までに)/.test(folded)) return 'at_12';
  const moment =
    /(\d{1,2})(?::([0-5]\d)|時(?:([0-5]\d)分)?)(?:の?時点|現在|と(?:比べ|くらべ|比較))|\b(?:as of|as at) (\d{1,2})(?::([0-5]\d))? ?(am|pm)?|\bat (\d{1,2})(?::([0-5]\d) ?(am|pm)?| ?(am|pm))(?! ?(?:deadline|cutoff|cut-off|due)\b)/.exec(
      folded,
    );
  if (moment) {
    const ampm = moment[6] ?? moment[9] ?? moment[10];
    const h = Number(moment[1] ?? moment[4] ?? moment[7]) + (ampm === 'pm' && Number(moment[1] ?? moment[4] ?? moment[7]) < 12 ? 12 : 0);
    const min = moment[2] ?? moment[3] ?? moment[5] ?? moment[8];
    if (h <= 24) return (min && min !== '00' ? `at_${h}m${min}` : `at_${h}`) as AskTime;
  }
  const by = /(\d{1,2})(?::00|時)(?:まで|までに|に間に合|にまにあ)|by (\d{1,2}) ?(pm|am|:00)/.exec(folded);
  if (by) return `by_${Number(by[1] ?? by[2]) + (by[3] === 'pm' && Number(by[2]) < 12 ? 12 : 0)}`;
  // A clock time with minutes (「13:50から」「13時50分から」 "since 13:50") keeps them: since_13m50.
  const sinceMinute = /(\d{1,2})(?::|時)([0-5]\d)分?(?:ごろ|頃|ころ)?(?:から|以降)|since (\d{1,2}):([0-5]\d)/.exec(folded);
  if (sinceMinute && Number(sinceMinute[2] ?? sinceMinute[4]) !== 0)
    return `since_${Number(sinceMinute[1] ?? sinceMinute[3])}m${sinceMinute[2] ?? sinceMinute[4]}` as AskTime;
  const since = /(\d{1,2})(?::00|時)(?:ごろ|頃|ころ)?(?:から|以降)|since (\d{1,2}) ?(pm|am|:00)?/.exec(folded);
  if (since) return `since_${Number(since[1] ?? since[2]) + (since[3] === 'pm' && Number(since[2]) < 12 ? 12 : 0)}`;
  const period = periodOf(folded);
  if (period !== null) return period;
  if (/明後日|あさって|みょうごにち|day after tomorrow/.test(folded)) return 'day_after_tomorrow';
  const day = dayOf(folded);
  if (day !== null) return day;
  const monthNamed = monthNamedOf(folded);
  if (monthNamed !== null) return monthNamed;
  if (/来週|らいしゅう|next week|coming week/.test(folded)) return 'next_week';
  if (/昨夜|昨晩|ゆうべ|夜間|last night|overnight/.test(folded)) return 'last_night';
  if (/直近1時間|この1時間|過去1時間|last hour|past hour|この一時間/.test(folded)) return 'last_hour';
  // «Has this happened before?», 「前にもあった？」: the days kept before now, not today's alone (which hid the 10/15 and 10/17
  // incidents behind today's). The last 30 days: what the label then says.
  if (HAPPENED_BEFORE.test(folded)) return 'last_30d';
  if (/明日|あした|あす[のは]|tomorrow/.test(folded)) return 'tomorrow';
  if (/一昨日|おととい|day before yesterday/.test(folded)) return 'ago_2d';
  const daysAgo = /(\d{1,2}) ?(?:日前|days? ago)/.exec(folded);
  if (daysAgo && Number(daysAgo[1]) >= 1) return Number(daysAgo[1]) === 1 ? 'yesterday' : (`ago_${Number(daysAgo[1])}d` as AskTime);
  if (/昨日|きのう|yesterday/.test(folded)) return 'yesterday';
  // "The past week" is the 7 days up to today; "last week" the calendar week before this one.
  if (/past week|past seven days/.test(folded)) return 'last_7d';
  if (/先週|せんしゅう|last week/.test(folded)) return 'last_week';
  if (/今週|こんしゅう|this week/.test(folded)) return 'this_week';
  // "Since this morning" runs up to now: the day so far, not the morning alone (an incident from 13:50 is in it).
  if (/(?:今朝|けさ|午前中?|朝)(?:から|以降)|since (?:this )?morning/.test(folded)) return 'today';
  if (/午前|今朝|けさ|this morning/.test(folded)) return 'this_morning';
  if (/午後|this afternoon/.test(folded)) return 'this_afternoon';
  // "Done for the day", "by end of day": today ("send people to Osaka for the day" is how long, not when).
  if (/今日|きょう|本日|ほんじつ|today|\b(?:done|finished|through|over) for the day\b|\bend of (?:the )?day\b|\beod\b/.test(folded)) return 'today';
  if (/今|いま|現在|げんざい|現時点|right now|currently|at the moment/.test(folded)) return 'now';
  return null;
}
