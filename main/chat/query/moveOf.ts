import type { AskMove } from '../../api/askQuery.js';
import { ADD, MOVE_ENOUGH, MOVE_VERB, REMOVE } from './moveWords.js';
import { workChangeOf } from './workChangeOf.js';
import type { NameHit, NamedInText } from './queryNames.js';

/** Where people go, in English: "to", "into", "onto", or put on a line («put them on SS entry 1»). */
const TO_EN = /\b(?:to|into|onto)\b|\bput (?:them |those |the \d+ |\d+ (?:more )?(?:people |staff |operators )?)?on\b/i;

/**
 * Of two businesses named in a move, the one people leave: named before 「から」「より」, or after "from"/"out of" and before
 * "to"/"into" («from Sapporo's Medical claims Entry 1 to SS Entry 1»). Nothing when fewer than two are named.
 */
function businessLeft(text: string, named: NamedInText): { fromBusiness?: string } {
  if (new Set(named.businesses.map((h) => h.canonical)).size < 2) return {};
  const en = /\b(?:from|out of)\b/i.exec(text);
  const rest = en ? text.slice(en.index + en[0].length) : '';
  const to = TO_EN.exec(rest);
  const zone = en
    ? { from: en.index, to: to ? en.index + en[0].length + to.index : text.length }
    : { from: 0, to: Math.max(text.indexOf('から'), text.indexOf('より')) };
  const left = named.businesses.filter((h) => h.at >= zone.from && h.end <= zone.to);
  const other = named.businesses.filter((h) => !left.includes(h));
  return left.length > 0 && other.length > 0 && left[0]!.canonical !== other[0]!.canonical ? { fromBusiness: left[0]!.canonical } : {};
}

/**
 * The two ends of a move among the sites a request names: the one people leave (「大阪から」「大阪の検証から」, "from Osaka",
 * "out of Osaka") and the one they go to (「札幌に」「札幌のエントリ1へ」, "to Sapporo"; else the site named that is not the
 * source). A person named with their site (「品川の上野さんを札幌に」) leaves that site.
 */
export function moveEnds(named: NamedInText): { source: NameHit | undefined; target: NameHit | undefined } {
  const text = named.text;
  let source = named.sites.find(
    (h) =>
      // 「大阪の検証から」 is from 大阪; 「札幌のエントリ1に盛岡から」 is to 札幌 (a target's に or へ ends the site's own words).
      /^(?:拠点|センター)?(?:の[^\s、。にへ]{0,8}?)?(?:から|より|→|->)/.test(text.slice(h.end)) ||
      // "take 4 people off Osaka's correction": off a place is out of it.
      /(?:from|out of|away from|\boff) ?(?:the )?$/.test(text.slice(0, h.at)) ||
      // The site that sends, as the subject: "who could Osaka send to Sapporo?", "if Osaka lends 2".
      /^(?:'s people| people| staff)?\s+(?:(?:could|can|should|would|might|will)\s+)?(?:send|sends|lend|lends|spare|spares|help|helps|cover|covers)\b/i.test(
        text.slice(h.end),
      ) ||
      // The place of the people who can be sent out, the only site named (「盛岡でエントリ1の応援に出せる人」): they leave it.
      (named.sites.length === 1 &&
        /^(?:拠点|センター)?(?:の[^。？?、]{0,8}?)?(?:で|の中で|内で)[^。？?]{0,16}?(?:応援に)?(?:出せる|出す|回せる|貸せる|出して|回して)/.test(
          text.slice(h.end),
        )),
  );
  // A site's own words run up to the next site named: 「品川の人で札幌に」 is to 札幌, not to 品川.
  const ownWords = (h: NameHit): string => text.slice(h.end, Math.min(...named.sites.filter((x) => x.at >= h.end).map((x) => x.at), text.length));
  const marked = named.sites.find(
    (h) =>
      h !== source &&
      (/^(?:拠点|センター)?(?:の[^\s、。]{0,8}?)?(?:に|へ)(?!ついて|関して|対して)/.test(ownWords(h)) || /\b(?:to|into) ?(?:the )?$/.test(text.slice(0, h.at))),
  );
  // The site whose people are named (「品川の人で札幌に回せる人」, "Shinagawa people who could go to Sapporo", 「品川の上野さん」)
  // is the one they leave, when another is where they go.
  const home =
    !source && marked
      ? named.sites.find(
          (h) =>
            h !== marked &&
            (named.operators.some((o) => o.at >= h.end && o.at - h.end <= 2) ||
              /^(?:拠点|センター)?の(?:人|方|メンバー|スタッフ|オペレーター|オペレータ|社員|みんな|誰)/.test(text.slice(h.end)) ||
              /^(?:'s)? ?(?:people|staff|operators|team|folks)\b/i.test(text.slice(h.end))),
        )
      : undefined;
  const target = marked ?? named.sites.find((h) => h !== source);
  source ??= home;
  return { source, target };
}

/** The text between two places with the businesses named there taken out. */
function withoutBusinesses(text: string, named: NamedInText, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) if (!named.businesses.some((b) => i >= b.at && i < b.end)) out += text[i];
  return out;
}

/** A site named as the bounds of a move: 「札幌の中で」「札幌内で」, "within Sapporo", "inside Sapporo". */
export function withinSite(text: string, h: NameHit): boolean {
  return /^(?:拠点|センター)?(?:の中|内|の中だけ|内だけ)(?:で|から|の)/.test(text.slice(h.end)) || /\b(?:within|inside) (?:the )?$/.test(text.slice(0, h.at));
}

/** A site that can help (another): «Osaka can help Sapporo», its people sent. */
export const SITE_HELPS = /^(?:'s people| people| staff)?\s+(?:can|could|should|will|would|might)\s+help\b/;

/** People (「人を」「メンバーを」) sent to a place (に/へ) by a verb of moving them. */
export const PEOPLE_SENT =
  /(?:人|メンバー|スタッフ|人たち|方)を[^。？?]{0,16}?(?:に|へ)(?:回|まわ|移|うつ|送|出|応援|ヘルプ)|\b(?:pull|take|send|move|bring|get|borrow)\s+(?:some |a few |more |extra )?(?:people|staff|operators|helpers?|someone|somebody|folks)\b[^.?!]{0,40}?\bto (?:help\b|[^\s]+)/;

/**
 * A move of people given as an instruction: 「回して」「移して」「足して」, "move 2 people …", "take 3 people from …". With a count
 * it is a proposal of that many (moveOf with `commanded`), not a supposition to weigh.
 */
export const COMMAND =
  /回して(?!る|い|た|お)|まわして(?!る|い|た|お)|移して|うつして|送って|足して|入れて|加えて|動かして|(?:応援|ヘルプ|手伝い)に(?:出して|行かせて)|(?:^|[.!] |please )(?:move|send|shift|transfer|lend|add|bring)\b|\b(?:take|pull|put|get) \d+ (?:more )?(?:people|persons?|operators?|staff)\b (?:from|off|out of|on|onto|into|to|for)\b/;

/**
 * The move of people or the speed a what-if supposes: how many (a count, a number after a verb of moving, or the people
 * named), from and to which site, the process, and the business left when two are named. Taking people away (「3人抜いたら」
 * "pull 2 out") or adding them (「2人追加」 "add 2"): a site named without から or に is left or joined by them.
 */
export function moveOf(folded: string, named: NamedInText, o: { commanded?: boolean } = {}): AskMove | null {
  const speed = /(?:毎分|分速) ?(\d+(?:\.\d+)?) ?件|(\d+(?:\.\d+)?) ?(?:件\/分|件毎分|items?\/min|per min(?:ute)?|items? (?:a|per) minute)/.exec(folded);
  // A move supposed (「回したら」 "if we move"), or one asked whether it can be made (「3人回せる？」 "can we send 3 people"): a
  // named move is weighed as it is, never turned into a proposal of Genba's own choosing.
  const condition =
    /たら|なら|ても|もし|仮に|場合|試算|[えけせてねべめれ]ば(?![あ-ん])|(?:回|出|移|送|貸|動か|まわ|うつ)せる|(?:回す|まわす|移す|うつす|送る|出す|貸す|動かす|入れる|抜く|減らす|増やす)と(?![^、,]*(?:言|いう|思))|借りられる|\bif\b|suppose|what|would|\bat \d|\b(?:can|could) (?:we|i|you) (?:move|send|shift|lend|spare|pull|borrow)\b/;
  const supposed = (t: string): boolean => condition.test(t) || MOVE_ENOUGH.test(t);
  if (speed && supposed(folded)) return { speed: Number(speed[1] ?? speed[2]) };
  // Work added or stopped (「あと500件来たら」「1時間止まったら」): what the line's finish is weighed against, not people moved.
  const work = workChangeOf(folded);
  if (work && supposed(folded)) return work;
  // A number right after a verb of moving people is how many («send 3 from Shinagawa», «send just 2 from …»).
  const afterVerb =
    /\b(?:send|move|lend|add|pull|take|borrow|shift|bring)\s+(?:over\s+)?(?:(?:just|only|another|an extra)\s+)?(\d{1,3})\b(?! ?(?:min|minutes?|hours?|items?|%|pm|am|:))/.exec(
      folded,
    );
  const counted: (string | undefined)[] | null =
    // 「1人あたり」 "per person" is a rate's unit, not people counted.
    /\+ ?(\d+) ?(?:名|人)?|(\d+) ?(?:名|人|にん|めい|people|persons?|operators?|staff|heads?|more)(?! ?(?:あたり|当たり|当り|毎|ごと))(?<!\bper \d+ ?\w+)/.exec(
      folded,
    ) ?? (afterVerb ? [afterVerb[0], undefined, afterVerb[1]] : null);
  // People named and moved (「上野さんを札幌に回したら」 "what if Ueno goes to Sapporo"): as many as are named.
  // People named leaving (「小川さんが今帰ったら」 "what if Ogawa goes home?") are as many too.
  const movedByName =
    !counted && named.operators.length > 0 && (MOVE_VERB.test(folded) || REMOVE.test(folded))
      ? String(new Set(named.operators.map((o) => o.canonical)).size)
      : null;
  // An instruction moves the number it says: people named with one («小林さんを回して») are who, which no proposal chooses.
  const people = counted ?? (movedByName && !o.commanded ? [movedByName, movedByName, undefined] : null);
  // A move said as an instruction (「盛岡から3人回して」 "move 2 people from Shinagawa"): the count is the manager's, no condition.
  if (!people || !(o.commanded || supposed(folded) || /^\+/.test(people[0]!))) return null;
  const text = named.text;
  const { source, target } = moveEnds(named);
  // The process they leave is the one named between the source and its から (「盛岡の検証チームから」), or after "from
  // Osaka's": people leave the work they are on.
  const left =
    source && target && source !== target
      ? named.processes.find((p) => {
          // A business named between them is the work's too (「盛岡の医療レセプト検証から」).
          const between = withoutBusinesses(text, named, source!.end, p.at);
          return (
            p.at >= source!.end &&
            between.length <= 4 &&
            /^(?:拠点|センター)?(?:の|'s)?\s?$/.test(between) &&
            !/^[^、。]{0,8}?(?:に|へ)/.test(text.slice(p.end))
          );
        })
      : undefined;
  // The process they are moved to is the one named with the target (「札幌のエントリ1に」), not the one they leave
  // (「大阪の検証から」): the first process after the target's name, else the first one named that is not the one left.
  const process =
    (target ? named.processes.find((p) => p.at >= target.end) : undefined) ?? named.processes.find((p) => p !== left && p.canonical !== left?.canonical);
  // One site named with a verb of taking away and none of adding (「札幌のエントリ1を2人減らしたら」): people leave it.
  const leaves = !source && target && REMOVE.test(folded) && !ADD.test(folded);
  // Both ends marked within one site («pull 2 off Osaka verification and send them to Osaka entry 1»): a move, whatever
  // verb of taking away says where they come from.
  const inside = withinOneSite(text, named);
  if (inside)
    return { count: Number(people[1] ?? people[2]), from: inside.site, to: inside.site, process: inside.to, fromProcess: inside.from, ...untilOf(folded) };
  return {
    count: Number(people[1] ?? people[2]),
    from: (leaves ? target : source)?.canonical ?? null,
    to: leaves ? null : (target?.canonical ?? null),
    process: process?.canonical ?? null,
    ...businessLeft(text, named),
    ...(left && !leaves ? { fromProcess: left.canonical } : {}),
    ...untilOf(folded),
  };
}

/**
 * A move between two processes of the one site named (「札幌の補正の人をエントリ1に」「札幌の検証からエントリ1へ」, "from Sapporo
 * verification to entry 1"): the process marked as where they go (に/へ, "to"), and the other marked as the one they leave
 * (its people, から, "from"). Null unless exactly one site and both ends are marked: an unmarked pair of processes is no move.
 */
function withinOneSite(text: string, named: NamedInText): { site: string; from: string; to: string } | null {
  if (new Set(named.sites.map((h) => h.canonical)).size !== 1) return null;
  const to = named.processes.find(
    (p) =>
      /^[^、。？?]{0,3}?(?:に|へ)(?!ついて|関して|対して)/.test(text.slice(p.end)) ||
      /\b(?:to|into|onto) ?(?:the )?(?:[^\s.?!,]+ ?)?$/.test(text.slice(0, p.at)),
  );
  const from = named.processes.find(
    (p) =>
      p.canonical !== to?.canonical &&
      (/^(?:の(?:人|方|メンバー|スタッフ|担当)|から|より)/.test(text.slice(p.end)) || /\b(?:from|out of|off)\b[^.?!,]{0,24}$/.test(text.slice(0, p.at))),
  );
  return to && from ? { site: named.sites[0]!.canonical, from: from.canonical, to: to.canonical } : null;
}

/**
 * The time people moved go back («until 16:00», "till 4pm", 「16時まで」, not 「16時までに」, which is a deadline): a clock time
 * of today, HH:MM.
 */
function untilOf(folded: string): { until?: string } {
  const m = /\b(?:until|till|til)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?/.exec(folded) ?? /(\d{1,2})(?:時(?:(\d{1,2})分|半)?|:(\d{2}))まで(?!に)/.exec(folded);
  if (!m) return {};
  const en = m[0].startsWith('u') || m[0].startsWith('t');
  let hour = Number(m[1]);
  const minute = en ? Number(m[2] ?? 0) : m[0].includes('半') ? 30 : Number(m[2] ?? m[3] ?? 0);
  if (en && m[3] === 'pm' && hour < 12) hour += 12;
  // «until 4» in a working day is the afternoon: hours before 7 are read as after noon.
  if (en && !m[3] && hour >= 1 && hour < 7) hour += 12;
  if (hour > 23 || minute > 59) return {};
  return { until: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}
