import type { Localized } from '../../api/localized.js';
import { countFigure, speedFigure as sp } from '../../api/figures.js';
import { count } from '../../api/englishCount.js';

/** The sentences the planner's answers are written in; every figure comes with its unit and period. */
export const QUERY_TEXTS = {
  valueHeader: {
    ja: (what: string, when: string) => `${what}（${when}）:`,
    en: (what: string, when: string) => `${what.charAt(0).toUpperCase()}${what.slice(1)} (${when}):`,
  } as Localized<(what: string, when: string) => string>,
  asOf: { ja: (hm: string) => `${hm}時点`, en: (hm: string) => `as of ${hm}` } as Localized<(hm: string) => string>,
  noRows: { ja: '該当するデータがありません。', en: 'No data matches.' } as Localized,
  compareLead: {
    ja: (a: string, b: string, what: string, diff: string) => `${what}は${a}が${b}より${diff}上です。`,
    en: (a: string, b: string, what: string, diff: string) => `${a} is ${diff} higher than ${b} on ${what}.`,
  } as Localized<(a: string, b: string, what: string, diff: string) => string>,
  /** Two clock times compared (a projected finish, a deadline): the later one first. */
  compareLater: {
    ja: (a: string, b: string, what: string, minutes: number) => `${what}は${a}が${b}より${minutes}分遅い時刻です。`,
    en: (a: string, b: string, what: string, minutes: number) => `${a}'s ${what} is ${minutes} min later than ${b}'s.`,
  } as Localized<(a: string, b: string, what: string, minutes: number) => string>,
  /** When a yes or no holds, after it: 「（15:40時点）」. */
  checkWhen: { ja: (when: string) => `（${when}）`, en: (when: string) => ` (${when})` } as Localized<(when: string) => string>,
  compareEven: { ja: (what: string) => `${what}は同じです。`, en: (what: string) => `They are even on ${what}.` } as Localized<(what: string) => string>,
  rankLead: {
    ja: (order: 'top' | 'bottom', n: number, what: string, when: string) => `${what}（${when}）の${order === 'top' ? '上位' : '下位'}${n}:`,
    en: (order: 'top' | 'bottom', n: number, what: string, when: string) => `${order === 'top' ? 'Top' : 'Bottom'} ${n} by ${what} (${when}):`,
  } as Localized<(order: 'top' | 'bottom', n: number, what: string, when: string) => string>,
  yes: { ja: 'はい。', en: 'Yes.' } as Localized,
  no: { ja: 'いいえ。', en: 'No.' } as Localized,
  done: { ja: (what: string) => `${what}は終わっています（残件0件）。`, en: (what: string) => `${what} is finished (0 items left).` } as Localized<
    (what: string) => string
  >,
  notDone: {
    ja: (what: string, left: number) => `${what}はまだ終わっていません（残件${left}件）。`,
    en: (what: string, left: number) => `${what} is not finished yet (${count(left, 'item')} left).`,
  } as Localized<(what: string, left: number) => string>,
  onTime: {
    ja: (what: string, spare: string | null) => `${what}は納期に間に合う見込みです。${spare === null ? '' : `${spare}。`}`,
    en: (what: string, spare: string | null) => `${what} should make its deadline${spare === null ? '' : `: ${spare}`}.`,
  } as Localized<(what: string, spare: string | null) => string>,
  late: {
    ja: (what: string, min: number) => `${what}は納期に${min}分遅れる見込みです。`,
    en: (what: string, min: number) => `${what} is projected to be ${min} min late.`,
  } as Localized<(what: string, min: number) => string>,
  /** Leads the records of a day gone, asked for its summary or its cause. */
  dayRecord: {
    ja: (when: string) => `${when}について記録にあること（原因は推測せず、その日の数字を示します）:`,
    en: (when: string) => `What the records say about ${when} (Genba does not guess a past day's cause; these are its figures):`,
  } as Localized<(when: string) => string>,
  /** A site's service or host: 「横浜のocr-worker」 "ocr-worker at Yokohama". */
  siteThing: { ja: (site: string, thing: string) => `${site}の${thing}`, en: (site: string, thing: string) => `${thing} at ${site}` } as Localized<
    (site: string, thing: string) => string
  >,
  noIncident: {
    ja: (what: string, when: string) => `${what}に障害は見つかっていません（${when}）。`,
    en: (what: string, when: string) => `No incident found for ${what} (${when}).`,
  } as Localized<(what: string, when: string) => string>,
  /** A site's own hosts clear, but hosts shared by every site had an incident in the window (listed after it). */
  noIncidentOwn: {
    ja: (what: string, when: string) =>
      `${what}のホストに障害は見つかっていません（${when}）。ただし全拠点で共用のサービスに障害がありました（どの拠点に影響したかはホスト名からは分かりません）:`,
    en: (what: string, when: string) =>
      `No incident on ${what}'s own hosts (${when}). But services shared by every site had one (the host names do not say which sites it hit):`,
  } as Localized<(what: string, when: string) => string>,
  /** After 「障害は見つかっていません」: the warnings and errors that are there all the same, the most frequent first. */
  warningsAnyway: {
    ja: (n: number, top: string) => `ただし警告・エラーが${countFigure(n)}行あります: ${top}。`,
    en: (n: number, top: string) => `But it logged ${count(n, 'warning or error line', 'warning or error lines')}: ${top}.`,
  } as Localized<(n: number, top: string) => string>,
  warningLine: {
    ja: (level: string, lines: number, template: string, last: string) => `${level} ${lines}行「${template}」（最新 ${last}）`,
    en: (level: string, lines: number, template: string, last: string) => `${level} ×${lines} "${template}" (latest ${last})`,
  } as Localized<(level: string, lines: number, template: string, last: string) => string>,
  incident: {
    ja: (svc: string, start: string, lines: number, hosts: string) => `${svc}: ${start}から障害（エラー等${lines}行、${hosts}）`,
    en: (svc: string, start: string, lines: number, hosts: string) => `${svc}: incident since ${start} (${count(lines, 'line')}, ${hosts})`,
  } as Localized<(svc: string, start: string, lines: number, hosts: string) => string>,
  errorLines: {
    ja: (what: string, when: string, n: number) => `${what}のエラー・警告は${when}で${n}行です。`,
    en: (what: string, when: string, n: number) => `${what} logged ${count(n, 'error or warning line', 'error or warning lines')} ${when}.`,
  } as Localized<(what: string, when: string, n: number) => string>,
  minutesLate: { ja: (min: number) => `納期に${min}分遅れる見込み`, en: (min: number) => `projected ${min} min late` } as Localized<(min: number) => string>,
  speedNow: {
    ja: (v: number | null) => (v === null ? '' : `（今 毎分${sp(v)}件）`),
    en: (v: number | null) => (v === null ? '' : ` (now ${sp(v)}/min)`),
  } as Localized<(v: number | null) => string>,
  slackShown: {
    ja: (v: number) => (v < 0 ? `${-v}分遅れ` : `余裕${v}分`),
    en: (v: number) => (v < 0 ? `${-v} min late` : `${v} min to spare`),
  } as Localized<(v: number) => string>,
  registered: { ja: 'マスタの登録値', en: 'as registered in the masters' } as Localized,
  everything: { ja: '全体', en: 'everything' } as Localized,
  allServices: { ja: '全サービス', en: 'all services' } as Localized,
  statusWork: {
    ja: (left: number, done: number, share: number | null) =>
      `残件 ${countFigure(left)}件、今日の処理済み ${countFigure(done)}件${share === null ? '' : `（進捗 ${share}%）`}。`,
    en: (left: number, done: number, share: number | null) =>
      `${countFigure(left)} items left, ${countFigure(done)} done today${share === null ? '' : ` (${share}% progress)`}.`,
  } as Localized<(left: number, done: number, share: number | null) => string>,
  statusLead: {
    ja: (late: number, risk: number, done: number, total: number, hm: string) => `${hm}時点: ${total}系列のうち遅延${late}、リスク${risk}、完了${done}。`,
    en: (late: number, risk: number, done: number, total: number, hm: string) =>
      `As of ${hm}: of ${count(total, 'series', 'series')}, ${late} late, ${risk} at risk, ${done} done.`,
  } as Localized<(late: number, risk: number, done: number, total: number, hm: string) => string>,
  statusUrgent: { ja: '要対応:', en: 'Needs attention:' } as Localized,
  statusIncidents: {
    ja: (n: number) => `ログの障害: ${n}件。`,
    en: (n: number) => `Log incidents: ${n}.`,
  } as Localized<(n: number) => string>,
  statusAlerts: { ja: (n: number) => `未解決のアラート: ${n}件。`, en: (n: number) => `Open alerts: ${n}.` } as Localized<(n: number) => string>,
  /** A progress figure asked of a period wholly before the snapshots begin: there is none, and where they start is said. */
  beforeSnapshots: {
    ja: (period: string, first: string) => `${period}の進捗の記録はありません。進捗の記録は${first}からです。`,
    en: (period: string, first: string) => `There is no progress record for ${period}: the progress records start on ${first}.`,
  } as Localized<(period: string, first: string) => string>,
  statistic: {
    ja: (what: string) =>
      `${what}の統計値（標準偏差・相関など）はGenbaでは計算しません。${what}について答えられるのは、値・一覧・比較・順位・推移・前日や先週との比較です。`,
    en: (what: string) =>
      `Genba does not compute statistics (standard deviation, correlation …) of ${what}. For ${what} it answers: the value, a list, a comparison, a ranking, a trend, and a change against yesterday or last week.`,
  } as Localized<(what: string) => string>,
  unknownMeasure: {
    ja: 'そのデータ（給与・コスト・品質スコアなど）はGenbaの持つデータ（進捗、人員とスキル、ログ、アラート、承認）にありません。',
    en: 'That data (pay, cost, quality scores …) is not among what Genba holds (progress, staff and skills, logs, alerts, decisions).',
  } as Localized,
  /** Items done over several days (doneOverDays.ts): the days' counts summed, each day listed. */
  doneOverDays: {
    ja: (what: string, period: string, total: number, days: readonly (readonly [string, number])[]) =>
      `${what ? `${what}の` : ''}処理済み件数（${period}）: 合計 ${total.toLocaleString('ja-JP')} 件（各日の処理済み件数の合計）\n${days.map(([d, n]) => `- ${d}: ${n.toLocaleString('ja-JP')} 件`).join('\n')}`,
    en: (what: string, period: string, total: number, days: readonly (readonly [string, number])[]) =>
      `Items done${what ? ` at ${what}` : ''} (${period}): ${total.toLocaleString('en-US')} items in all (each day's items done, summed)\n${days.map(([d, n]) => `- ${d}: ${n.toLocaleString('en-US')} items`).join('\n')}`,
  },
  /** A figure of the floor now (speed, progress, finish) asked of an earlier period: not answered with today's. */
  pastNotKept: {
    ja: (what: string, period: string) =>
      `${what}は今日の現在の値しか分からないため、${period}についてはお答えできません（今日の値をその日の値として答えることはしません）。${period}の処理件数・残件・納期遅れならお答えできます。`,
    en: (what: string, period: string) =>
      `Genba knows ${what.toLowerCase()} only for today, as it stands now, so it cannot answer it for ${period} (it will not give today's figure as that period's). For ${period} it can give the items done, the items left, or the deadlines missed.`,
  } as Localized<(what: string, period: string) => string>,
  ahead: {
    ja: (what: string) =>
      `${what}は明日以降のことなので、実績からはお答えできません。明日の物量予測（「明日の物量は？」）や配置計画（「明日の配置を提案して」）ならお答えできます。`,
    en: (what: string) =>
      `${what} for a day ahead has no actuals yet. Genba can give tomorrow's forecast ("how much work comes tomorrow?") or a staffing plan ("propose tomorrow's staffing").`,
  } as Localized<(what: string) => string>,
  alertsIn: {
    ja: (when: string, n: number) => `アラートは${when}で${n}件です。`,
    en: (when: string, n: number) => `${count(n, 'alert')} ${when}.`,
  } as Localized<(when: string, n: number) => string>,
  decisionsIn: {
    ja: (when: string, a: number, r: number, m: number) => `${when}の判断: 承認${a}件、却下${r}件、修正${m}件。`,
    en: (when: string, a: number, r: number, m: number) => `Decisions ${when}: ${a} approved, ${r} rejected, ${m} modified.`,
  } as Localized<(when: string, a: number, r: number, m: number) => string>,
  noneFor: { ja: (what: string) => `${what}: なし`, en: (what: string) => `${what}: none` } as Localized<(what: string) => string>,
} as const;
