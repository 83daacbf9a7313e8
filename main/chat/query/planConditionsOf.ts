import type { AskQuery } from '../../api/askQuery.js';
import type { PlanConditions } from '../../api/planTypes.js';

/** Full-width digits and signs as ASCII: 「２割」「２０％」 read like 2割, 20%. */
const ascii = (s: string): string => s.replace(/[０-９％]/g, (c) => (c === '％' ? '%' : String(c.charCodeAt(0) - 0xff10)));

/**
 * More or less work by a factor: 「2割増えたら」「+20%」「1.5倍」, 20% more (a share needs a word of work with it). Null: none said.
 * The one reading of it, for a day's plan and for a line's what-if today alike.
 */
export function volumeFactorOf(text: string): number | null {
  const t = ascii(text).toLowerCase();
  const more = /増|多|アップ|up\b|more|higher|increase|rise|\+/;
  const less = /減|少な|ダウン|down\b|less|fewer|lower|drop/;
  const percent = /([+-]?\d{1,3}) ?(?:%|パーセント|percent)/.exec(t);
  const tenths = /(\d) ?割/.exec(t);
  const times = /(\d(?:\.\d+)?) ?(?:倍|x\b|times)/.exec(t);
  const share = percent ? Math.abs(Number(percent[1])) / 100 : tenths ? Number(tenths[1]) / 10 : null;
  if (times && Number(times[1]) > 0 && Number(times[1]) <= 5) return Number(times[1]);
  if (share !== null && share > 0 && share < 5 && /物量|件数|入荷|仕事|業務量|予測|volume|work|items|arrivals|forecast/.test(t)) {
    const down = (percent?.[1]?.startsWith('-') ?? false) || (less.test(t) && !more.test(t));
    return down ? Math.max(0, 1 - share) : 1 + share;
  }
  return null;
}

/**
 * What a question about a day's plan asks it to assume or respect, from its words and the
 * names the query read: more or less work (「2割増えたら」「+20%」「1.5倍」, 20% more), more
 * people off (「あと3人休んだら」, 3 more people off), no cross-site help (「拠点間の移動なし」,
 * no cross-site), only the sites named (「札幌だけ」, only Sapporo), a person kept on a process
 * (「田中さんは補正固定」, keep Tanaka on correction). Null: the plain plan.
 */
export function planConditionsOf(question: string, q: AskQuery): PlanConditions | null {
  const t = ascii(question).toLowerCase();
  const c: PlanConditions = {};
  const volumeFactor = volumeFactorOf(t);
  if (volumeFactor !== null) c.volumeFactor = volumeFactor;
  const off =
    /(?:あと|さらに|もう|追加で)? ?(\d{1,3}) ?(?:人|名)(?:が|も)? ?(?:休|欠勤|欠け|抜け|いな)|(?<!\b(?:pull|pulled|pulling|take|took|taking|move|moved|moving|send|sent|sending|shift|shifted|get|bring) )(\d{1,3}) (?:more )?(?:people|persons|operators|staff)(?: are| were| is)? (?:off|absent|on leave|out|missing|sick)/.exec(
      t,
    );
  if (off) c.moreOff = { count: Number(off[1] ?? off[2]), site: q.site.length === 1 ? q.site[0]! : null };
  if (
    /拠点間.{0,4}(?:なし|無し|しない|せず|禁止|不可|ない)|(?:他拠点|拠点をまたぐ|拠点跨ぎ).{0,6}(?:なし|無し|しない|せず|禁止|不可)|応援(?:は)?(?:なし|無し|しない|せず)|no cross[- ]site|without cross[- ]site|no (?:moves|help|lending) between sites|each site (?:on its own|alone|by itself)/.test(
      t,
    )
  )
    c.noCrossSite = true;
  if (q.site.length > 0 && /だけ|のみ|限定|only\b|just\b/.test(t) && !c.moreOff) c.sites = [...q.site];
  // People said to be off («with 鈴木 彩 on leave», 「鈴木さんが休み」) are not kept at work, whatever else is kept («keep today's
  // line-up»): keeping them on a process would plan the very day the question supposes they are not there.
  const saidOff = /on leave|\boff\b|absent|\bsick\b|day off|休み|休ませ|休暇|有給|欠勤/.test(t);
  if (q.operator.length > 0 && q.process.length === 1 && !saidOff && /固定|のまま|外さない|はずさない|動かさない|\bkeep\b|\bstay/.test(t))
    c.keep = q.operator.map((name) => ({ name, process: q.process[0]! }));
  return Object.keys(c).length > 0 ? c : null;
}
