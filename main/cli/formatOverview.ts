import { count } from '../api/englishCount.js';
import type { FloorDecision } from '../api/floorDecision.js';
import type { Overview, ProcessProgress } from '../api/types.js';
import { formatHm } from '../config/zonedTime.js';
import { localize, type Lang, type Localized } from '../errors.js';
import { minutesWords } from '../placement/minutesWords.js';
import { speedFigure } from '../api/figures.js';
import { businessLabel } from '../api/businessLabel.js';

/** Minutes for people: "17分" / "17 min", from 90 minutes in hours ("約8時間"). */
const span = (minutes: number, lang: Lang): string => localize(lang, minutesWords(minutes));

const STATUS_NAMES: Localized<Record<ProcessProgress['status'], string>> = {
  ja: { late: '遅延見込み', stalled: '停滞', at_risk: '注意', on_track: '順調', done: '完了' },
  en: { late: 'late', stalled: 'stalled', at_risk: 'at risk', on_track: 'on track', done: 'done' },
};

function line(p: ProcessProgress, o: Overview, lang: Lang): string {
  // The business by name, as the screens write it (an id only where the company gives no name, said to be one).
  const business = localize(lang, businessLabel(o.businessNames, p.businessId));
  const at = o.dataAsOf ?? o.now;
  const toDeadline = p.deadline === null ? '' : Math.round((p.deadline - at) / 60_000);
  const late = p.minutesLate;
  const state =
    p.status === 'stalled'
      ? localize(lang, { ja: '停滞（速度0）', en: 'stalled (no speed)' })
      : late === null
        ? ''
        : late > 0
          ? localize(lang, { ja: `${span(late, lang)}遅れ`, en: `${span(late, lang)} late` })
          : localize(lang, { ja: `余裕${span(late, lang)}`, en: `${span(late, lang)} spare` });
  const deadline =
    p.deadline === null
      ? ''
      : localize(lang, {
          ja: `納期${formatHm(p.deadline, o.timeZone)}まで${span(Number(toDeadline), lang)}`,
          en: `${span(Number(toDeadline), lang)} to the ${formatHm(p.deadline, o.timeZone)} deadline`,
        });
  const speed = p.speedPerMinute === null ? '—' : speedFigure(p.speedPerMinute);
  const need = p.requiredPerMinute === null ? '—' : speedFigure(p.requiredPerMinute);
  // Only the parts that exist: a process with no estimate and no deadline has neither.
  const parts = [
    localize(lang, { ja: `残り${p.remaining}件`, en: `${count(p.remaining, 'item')} left` }),
    state,
    deadline,
    localize(lang, { ja: `毎分${speed}件（必要${need}件）`, en: `${speed}/min (needs ${need})` }),
  ].filter((part) => part !== '');
  const where = localize(lang, { ja: `${p.site} ${p.process}（${business}）`, en: `${p.site} ${p.process} (${business})` });
  return `${where}: ${parts.join(localize(lang, { ja: '、', en: ', ' }))}`;
}

/** A decided move under its process, as the app shows it: the promise, then what the snapshots since say. */
function decisionLine(d: FloorDecision, o: Overview, lang: Lang): string {
  const hm = (t: number | null): string => (t === null ? '—' : formatHm(t, o.timeZone));
  const speed = speedFigure;
  const head = localize(lang, {
    ja: `${d.action === 'modified' ? '一部承認' : '承認済み'} ${hm(d.decidedAt)}（${d.moved}名移動）: 約束 毎分${speed(d.promised.perMinute)}件・完了見込み ${hm(d.promised.finish)}`,
    en: `${d.action === 'modified' ? 'Approved in part' : 'Approved'} ${hm(d.decidedAt)} (${count(d.moved, 'person', 'people')} moved): promised ${speed(d.promised.perMinute)}/min, finish ${hm(d.promised.finish)}`,
  });
  if (d.actual === null) return `${head}${localize(lang, { ja: '（効果を測定中）', en: ' (measuring the effect)' })}`;
  const verdict = localize(lang, d.verdict === 'short' ? { ja: '効果不足', en: 'not enough' } : { ja: '効果あり', en: 'working' });
  return `${head}${localize(lang, {
    ja: ` → 実績 毎分${speed(d.actual.perMinute)}件・${d.actual.finished ? `${hm(d.actual.finish)}に完了` : `完了見込み ${hm(d.actual.finish)}`}（${verdict}）`,
    en: ` → actual ${speed(d.actual.perMinute)}/min, ${d.actual.finished ? `done at ${hm(d.actual.finish)}` : `finish ${hm(d.actual.finish)}`} (${verdict})`,
  })}`;
}

/** The company row, as the app's first line: items left, work needing action, the next deadline with work left. */
function summaryLine(o: Overview, lang: Lang): string {
  const s = o.summary;
  const next = s.nextDeadline;
  const name = next ? localize(lang, businessLabel(o.businessNames, next.businessId)) : '';
  return localize(lang, {
    ja: `全社: 残り${s.itemsLeft.toLocaleString('ja-JP')}件、要対応 ${s.atRisk} / 残りのある${s.open}工程、次の納期 ${next ? `${formatHm(next.at, o.timeZone)}（${next.site} ${next.process} ${name}、残り${next.remaining.toLocaleString('ja-JP')}件）` : '—'}`,
    en: `Company: ${count(s.itemsLeft, 'item', 'items', s.itemsLeft.toLocaleString('en-US'))} left, ${s.atRisk} of ${s.open} processes with work left need action, next deadline ${next ? `${formatHm(next.at, o.timeZone)} (${next.site} ${next.process} ${name}, ${next.remaining.toLocaleString('en-US')} left)` : '—'}`,
  });
}

/** `genba overview`: what needs action first (the order of the app's 要対応 strip), then each site in one line. */
export function formatOverview(o: Overview, lang: Lang): string {
  if (o.sites.length === 0) return localize(lang, { ja: 'まだ進捗データがありません。\n', en: 'No progress data yet.\n' });
  const at = o.dataAsOf === null ? '—' : formatHm(o.dataAsOf, o.timeZone);
  const head = localize(lang, { ja: `データ時点 ${at}。要対応 ${o.urgent.length}件:`, en: `Data as of ${at}. Needs action: ${o.urgent.length}` });
  const urgent =
    o.urgent.length === 0
      ? [localize(lang, { ja: '  なし', en: '  none' })]
      : o.urgent.flatMap((p, i) => [`  ${i + 1}. ${line(p, o, lang)}`, ...(p.decision ? [`     ${decisionLine(p.decision, o, lang)}`] : [])]);
  const names = localize(lang, STATUS_NAMES);
  const sites = o.sites.map((s) => {
    const many = (st: ProcessProgress['status']): number => s.processes.filter((p) => p.status === st).length;
    const parts = (['late', 'stalled', 'at_risk', 'on_track', 'done'] as const).filter((st) => many(st) > 0).map((st) => `${names[st]} ${many(st)}`);
    return `  ${s.site}: ${parts.join(localize(lang, { ja: '、', en: ', ' }))}`;
  });
  return [head, ...urgent, localize(lang, { ja: '拠点（急ぐ順）:', en: 'Sites (most urgent first):' }), ...sites, summaryLine(o, lang)].join('\n') + '\n';
}
