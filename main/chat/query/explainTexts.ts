import type { Localized } from '../../api/localized.js';
import { speedFigure as sp } from '../../api/figures.js';
import { count } from '../../api/englishCount.js';

const late = {
  ja: (m: number | null): string => (m === null ? '見込みなし' : m > 0 ? `納期に${m}分遅れる見込み` : `納期の${-m}分前に完了見込み`),
  en: (m: number | null): string => (m === null ? 'no estimate' : m > 0 ? `projected ${m} min late` : `projected ${-m} min early`),
};
const speed = {
  ja: (v: number | null): string => (v === null ? '—' : `毎分${sp(v)}件`),
  en: (v: number | null): string => (v === null ? '—' : `${sp(v)} items/min`),
};

/** The sentences of a why or advise answer; each figure with its unit and time. */
export const EXPLAIN_TEXTS = {
  nothingWrong: {
    ja: (scope: string, at: string) => `${scope}遅れている・遅れそうな工程はなく、対応中のアラートもありません（${at}時点）。`,
    en: (scope: string, at: string) => `${scope}Nothing is late or at risk, and no alert is open (as of ${at}).`,
  } as Localized<(scope: string, at: string) => string>,
  /** What was named has nothing to explain: it has no work today, or it is done. */
  namedState: {
    ja: (named: string, done: boolean, at: string) => (done ? `${named}は完了しています（${at}時点）。` : `${named}の作業は今日ありません（${at}時点）。`),
    en: (named: string, done: boolean, at: string) => (done ? `${named} is done (as of ${at}).` : `${named} has no work today (as of ${at}).`),
  } as Localized<(named: string, done: boolean, at: string) => string>,
  noLineLate: {
    ja: (at: string) => `遅れている・遅れそうな工程はありません（${at}時点）。`,
    en: (at: string) => `No line is late or at risk (as of ${at}).`,
  } as Localized<(at: string) => string>,
  /** Genba knows of trouble at the sites asked about: never an all-clear then; what is open follows. */
  butOpen: { ja: 'ただし、次が対応中です:', en: 'But these are open:' } as Localized,
  state: {
    ja: (label: string, left: number, now: number | null, needed: number | null, m: number | null, at: string) =>
      `${label}（${at}時点）: 残件${left}件、${speed.ja(now)}（必要${speed.ja(needed)}）、${late.ja(m)}。`,
    en: (label: string, left: number, now: number | null, needed: number | null, m: number | null, at: string) =>
      `${label} (as of ${at}): ${left} items left, ${speed.en(now)} (needs ${speed.en(needed)}), ${late.en(m)}.`,
  } as Localized<(label: string, left: number, now: number | null, needed: number | null, m: number | null, at: string) => string>,
  causeIncident: {
    ja: (svc: string, hosts: string, start: string, lines: number, before: number, after: number, drop: string) =>
      `原因: ${svc}（${hosts}）の障害（${start}から${lines}行）。${drop === start ? '同じ' : 'その後'}${drop}から速度が毎分${sp(before)}件→${sp(after)}件に落ちています。`,
    en: (svc: string, hosts: string, start: string, lines: number, before: number, after: number, drop: string) =>
      `Cause: an incident on ${svc} (${hosts}, ${lines} lines since ${start}); from ${drop} the speed fell from ${sp(before)} to ${sp(after)} items/min.`,
  } as Localized<(svc: string, hosts: string, start: string, lines: number, before: number, after: number, drop: string) => string>,
  causeSlow: {
    ja: (now: number, usual: number) => `原因: ログに関係する障害はありません。速度が通常（この時間帯の毎分${sp(usual)}件）より遅い毎分${sp(now)}件です。`,
    en: (now: number, usual: number) => `Cause: no incident in the logs; the speed is ${sp(now)} items/min, below the usual ${sp(usual)} at this time of day.`,
  } as Localized<(now: number, usual: number) => string>,
  causeVolume: {
    ja: (now: number, usual: number | null, needed: number) =>
      `原因: 速度は${usual === null ? '' : `通常（毎分${sp(usual)}件）並みの`}毎分${sp(now)}件ですが、残件に対して納期まで毎分${sp(needed)}件が必要です（件数が多い）。`,
    en: (now: number, usual: number | null, needed: number) =>
      `Cause: the speed (${sp(now)} items/min${usual === null ? '' : `, usual ${sp(usual)}`}) is normal, but the items left need ${sp(needed)} items/min to meet the deadline (too many items).`,
  } as Localized<(now: number, usual: number | null, needed: number) => string>,
  causeUnknown: {
    ja: '原因: ログの障害も速度の低下も見当たりません。',
    en: 'Cause: neither an incident in the logs nor a drop in speed shows.',
  } as Localized,
  adviseIncident: {
    ja: (svc: string) => `対応: まず${svc}の障害をシステム担当に連絡してください（Logs画面で詳細）。`,
    en: (svc: string) => `What to do: first report the ${svc} incident to the systems team (details in the Logs view).`,
  } as Localized<(svc: string) => string>,
  advisePeople: {
    ja: (n: number, site: string, process: string) =>
      `対応: ${n}名の応援で納期に間に合う見込みです。配置案は「${site}の${process}に誰を回せばいい？」で作れます。`,
    en: (n: number, site: string, process: string) =>
      `What to do: ${count(n, 'more person', 'more people')} would meet the deadline. Ask "who should I move to ${site} ${process}?" for a proposal to approve.`,
  } as Localized<(n: number, site: string, process: string) => string>,
  adviseNoPeople: {
    ja: '対応: 今は他拠点から回せる人がいません。納期の調整か残業をご検討ください。',
    en: 'What to do: no one can be spared elsewhere now; consider moving the deadline or overtime.',
  } as Localized,
  adviseNothing: { ja: '対応: 今のところ手を打つ必要はありません。', en: 'What to do: nothing is needed for now.' } as Localized,
} as const;
