import type { Overview, ProcessProgress } from '../api/types.js';
import { formatHm } from '../config/zonedTime.js';
import type { Lang } from '../errors.js';
import { minutesWords } from '../placement/minutesWords.js';

/** Minutes for people: "17分" / "17 min", from 90 minutes in hours ("約8時間"). */
const span = (minutes: number, ja: boolean): string => minutesWords(minutes)[ja ? 'ja' : 'en'];

function line(p: ProcessProgress, o: Overview, ja: boolean): string {
  const name = o.businessNames[p.businessId];
  const business = name ? `${name} ${p.businessId}` : p.businessId;
  const at = o.dataAsOf ?? o.now;
  const toDeadline = p.deadline === null ? '' : Math.round((p.deadline - at) / 60_000);
  const state =
    p.status === 'stalled'
      ? ja
        ? '停滞（速度0）'
        : 'stalled (no speed)'
      : p.minutesLate === null
        ? ''
        : p.minutesLate > 0
          ? ja
            ? `${span(p.minutesLate, ja)}遅れ`
            : `${span(p.minutesLate, ja)} late`
          : ja
            ? `余裕${span(p.minutesLate, ja)}`
            : `${span(p.minutesLate, ja)} spare`;
  const deadline =
    p.deadline === null
      ? ''
      : ja
        ? `納期${formatHm(p.deadline, o.timeZone)}まで${span(Number(toDeadline), ja)}`
        : `${span(Number(toDeadline), ja)} to the ${formatHm(p.deadline, o.timeZone)} deadline`;
  const speed = p.speedPerMinute === null ? '—' : p.speedPerMinute.toFixed(1);
  const need = p.requiredPerMinute === null ? '—' : p.requiredPerMinute.toFixed(1);
  return ja
    ? `${p.site} ${p.process}（${business}）: 残り${p.remaining}件、${state}、${deadline}、毎分${speed}件（必要${need}件）`
    : `${p.site} ${p.process} (${business}): ${p.remaining} items left, ${state}, ${deadline}, ${speed}/min (needs ${need})`;
}

/** `genba overview`: what needs action first (the order of the app's 要対応 strip), then each site in one line. */
export function formatOverview(o: Overview, lang: Lang): string {
  const ja = lang === 'ja';
  if (o.sites.length === 0) return ja ? 'まだ進捗データがありません。\n' : 'No progress data yet.\n';
  const at = o.dataAsOf === null ? '—' : formatHm(o.dataAsOf, o.timeZone);
  const head = ja ? `データ時点 ${at}。要対応 ${o.urgent.length}件:` : `Data as of ${at}. Needs action: ${o.urgent.length}`;
  const urgent = o.urgent.length === 0 ? [ja ? '  なし' : '  none'] : o.urgent.map((p, i) => `  ${i + 1}. ${line(p, o, ja)}`);
  const sites = o.sites.map((s) => {
    const count = (st: ProcessProgress['status']): number => s.processes.filter((p) => p.status === st).length;
    const parts = (['late', 'stalled', 'at_risk', 'on_track', 'done'] as const)
      .filter((st) => count(st) > 0)
      .map(
        (st) =>
          `${{ late: ja ? '遅延見込み' : 'late', stalled: ja ? '停滞' : 'stalled', at_risk: ja ? '注意' : 'at risk', on_track: ja ? '順調' : 'on track', done: ja ? '完了' : 'done' }[st]} ${count(st)}`,
      );
    return `  ${s.site}: ${parts.join(ja ? '、' : ', ')}`;
  });
  return [head, ...urgent, ja ? '拠点（急ぐ順）:' : 'Sites (most urgent first):', ...sites].join('\n') + '\n';
}
