import { ALERT_KIND_LABELS } from '../api/alertKinds.js';
import { speedFigure as sp } from '../api/figures.js';
import { businessLabel } from '../api/businessLabel.js';
import { count, plural } from '../api/englishCount.js';
import { localize, type Lang, type Localized } from '../api/localized.js';
import type { Alert, IncidentReport, ProcessProgress } from '../api/types.js';
import { formatHm, wallClock } from '../config/zonedTime.js';
import { incidentLinesSince } from '../logs/logTexts.js';
import type { AlertHistory } from '../alerts/alertHistory.js';
import type { WarningSpan } from '../logs/warningSpan.js';
import type { MoveImpactRow, MoveSide, StaffMove } from '../placement/moveImpact.js';
import { type NamedTz, type Tz, when } from './textTz.js';
import { alertTitle } from './alertTitle.js';

/** The answers that explain (log incidents, a site's speed, a move's impact, the alert history), in each language: numbers from SQL only. */

/** How an incident's sample line begins; the productivity answer leaves the sample out by it. */
const SAMPLE_PREFIX: Localized = { ja: '  例: ', en: '  e.g. ' };

/** Lines of one incident and the speeds it likely lowered (shared by the log and the productivity answers). */
function incidentLines(i: IncidentReport['incidents'][number], o: NamedTz, site: string | null, process: string | null): string[] {
  const lines = incidentLinesSince(i, when(i.start, o));
  const hosts = i.hosts.slice(0, 2).join(', ');
  const services = i.services.slice(0, 2).join(', ');
  const incident = localize(o.lang, {
    ja: `- ${hosts}（${services}）の障害: ${lines.ja}${i.sites.length ? `、拠点 ${i.sites.join('・')}` : ''}`,
    en: `- Incident on ${hosts} (${services}): ${lines.en}${i.sites.length ? `, ${plural(i.sites.length, 'site')} ${i.sites.join(', ')}` : ''}`,
  });
  const affects = i.affects
    .filter((a) => (site === null || a.site === site) && (process === null || a.process === process))
    .map((a) => {
      const business = businessLabel(o.businessNames, a.businessId);
      return localize(o.lang, {
        ja: `  → ${a.site} ${a.process}（${business.ja}）の速度 毎分${sp(a.speedBefore)} → ${sp(a.speedAfter)}件（${when(a.dropAt, o)}から）`,
        en: `  → ${a.site} ${a.process} (${business.en}) speed ${sp(a.speedBefore)} → ${sp(a.speedAfter)}/min (from ${when(a.dropAt, o)})`,
      });
    });
  const sample = i.samples[0] ? [localize(o.lang, SAMPLE_PREFIX) + i.samples[0]] : [];
  return [incident, ...affects, ...sample];
}

/**
 * The log incidents of now or of the window asked (touching `site` when one is named), with the speeds they likely
 * lowered. None found is an all-clear only when no incident alert is open for the same place (`open`, openConcerns.ts):
 * an incident outside the window asked is still named, never denied.
 */
export function incidentsAnswer(
  report: IncidentReport,
  o: NamedTz,
  site: string | null,
  open: { alerts: Alert[]; window: Localized } | null = null,
  // What the all-clear is about, in words: the site, or the services and hosts named («entry-apiのstatus見せて»), so that
  // none of one service is never read as none at all.
  scope: string | null = site,
  // The warning lines of the hosts or services named, read only for an all-clear: it counts errors, and says so beside
  // warnings that run.
  warningsOf: (() => WarningSpan | null) | null = null,
  // The period asked, which an all-clear names («in the last 7 days»): none of a week is not none ever.
  period: Localized | null = null,
): string {
  const list = report.incidents.filter((i) => site === null || i.sites.includes(site) || i.affects.some((a) => a.site === site));
  if (list.length === 0 && open !== null && open.alerts.length > 0)
    return [
      localize(o.lang, {
        ja: `${open.window.ja}${scope ? `の${scope}` : ''}にはログの障害はありません。ただし、次の障害が対応中です:`,
        en: `No log incident ${open.window.en}${scope ? ` touching ${scope}` : ''}. But this incident is open:`,
      }),
      ...open.alerts.slice(0, 3).map((a) => `- ${alertTitle(a, o.lang)}`),
    ].join('\n');
  const warnings = list.length === 0 ? (warningsOf?.() ?? null) : null;
  if (warnings !== null)
    return localize(o.lang, {
      ja: `ログの障害（エラー）はありません${scope ? `（${scope}）` : ''}。ただし警告が${warnings.lines.toLocaleString('ja-JP')}行あります（${when(warnings.first, o)}から、最新は${when(warnings.last, o)}）。`,
      en: `No log incident (errors)${scope ? ` touching ${scope}` : ''}. But ${count(warnings.lines, 'warning line', 'warning lines', warnings.lines.toLocaleString('en-US'))} since ${when(warnings.first, o)}, the latest at ${when(warnings.last, o)}.`,
    });
  if (list.length === 0)
    return localize(o.lang, {
      ja: `${period ? `${period.ja}に` : ''}ログの障害はありません${scope ? `（${scope}）` : ''}。`,
      en: `No log incident${period ? ` ${period.en}` : ''}${scope ? ` touching ${scope}` : ''}.`,
    });
  return [
    localize(o.lang, { ja: `ログの障害: ${list.length}件`, en: `Log incidents: ${list.length}` }),
    ...list.slice(0, 3).flatMap((i) => incidentLines(i, o, site, null)),
  ].join('\n');
}

/** What one process did, for the productivity answer: against comparable windows, and the spread between its people. */
export interface SpeedComparison {
  /** Over the window asked for (null when none was asked or the window has no data). */
  window: { perMinute: number | null; usual: number | null; weekAgo: number | null } | null;
  /** Now: the same half hour on previous working days, and a week ago. */
  usual: number | null;
  weekAgo: number | null;
  /** A trend asked for: the speed step by step over the window (by hour, or by day over a longer one). */
  steps?: { from: number; perMinute: number }[];
  /** Registered speeds (items per hour) of the people of the site who can do the process. */
  spread: { people: number; minPerHour: number; medianPerHour: number; maxPerHour: number } | null;
}

/**
 * A site's speed per process against what it needs and against comparable windows, the
 * spread between its people, and the likely causes found in the data: log incidents on its
 * hosts whose start precedes a drop of its speed, with the numbers. `range`: the window
 * asked for (「14時ごろから」, 「昨日」), in words.
 */
export function productivityAnswer(
  series: ProcessProgress[],
  incidents: IncidentReport,
  o: NamedTz,
  site: string | null,
  process: string | null,
  compare: (p: ProcessProgress) => SpeedComparison,
  range: Localized | null = null,
): string {
  const rows = series.filter(
    (p) => (site === null || p.site === site) && (process === null || p.process === process) && (range !== null || p.status !== 'done'),
  );
  const per = (x: number | null): string => (x === null ? '—' : localize(o.lang, { ja: `毎分${sp(x)}件`, en: `${sp(x)}/min` }));
  const lines = rows.slice(0, 8).flatMap((p) => {
    const c = compare(p);
    const need = p.requiredPerMinute === null ? '—' : sp(p.requiredPerMinute);
    const usual = c.usual === null ? '' : localize(o.lang, { ja: `、通常 ${per(c.usual)}`, en: `, usually ${per(c.usual)}` });
    const week = c.weekAgo === null ? '' : localize(o.lang, { ja: `、先週の同じ時刻 ${per(c.weekAgo)}`, en: `, a week ago ${per(c.weekAgo)}` });
    const now =
      p.status === 'done'
        ? p.finishedAt === undefined
          ? localize(o.lang, { ja: '今日の作業は完了', en: "today's work done" })
          : localize(o.lang, { ja: `${formatHm(p.finishedAt, o.timeZone)}に完了`, en: `finished at ${formatHm(p.finishedAt, o.timeZone)}` })
        : localize(o.lang, {
            ja: `${per(p.speedPerMinute)}（必要 毎分${need}件${usual}${week}）`,
            en: `${per(p.speedPerMinute)} now (needs ${need}/min${usual}${week})`,
          });
    const w = c.window;
    const inWindow =
      range && w
        ? localize(o.lang, {
            ja: `${range.ja} ${per(w.perMinute)}（同じ時間帯の通常 ${per(w.usual)}、先週 ${per(w.weekAgo)}）、${p.status === 'done' ? '' : '今 '}`,
            en: `${range.en} ${per(w.perMinute)} (same hours usually ${per(w.usual)}, a week ago ${per(w.weekAgo)}), `,
          })
        : '';
    const s = c.spread;
    const spread = s
      ? [
          localize(o.lang, {
            ja: `  担当できる${s.people}名の登録速度: 毎時${sp(s.minPerHour)}〜${sp(s.maxPerHour)}件（中央 ${sp(s.medianPerHour)}件）`,
            en: `  ${count(s.people, 'person', 'people')} can do it, registered at ${sp(s.minPerHour)}–${sp(s.maxPerHour)}/h (median ${sp(s.medianPerHour)}/h)`,
          }),
        ]
      : [];
    const daily = (c.steps?.length ?? 0) > 1 && c.steps![1]!.from - c.steps![0]!.from > 3_600_000;
    const stepName = (t: number): string => {
      const w = wallClock(t, o.timeZone);
      return daily ? `${w.month}/${w.day}` : localize(o.lang, { ja: `${w.hour}時`, en: `${w.hour}:00` });
    };
    const trend =
      c.steps && c.steps.length > 0
        ? [localize(o.lang, { ja: '  推移（毎分）: ', en: '  trend (/min): ' }) + c.steps.map((x) => `${stepName(x.from)} ${sp(x.perMinute)}`).join(' / ')]
        : [];
    const business = businessLabel(o.businessNames, p.businessId);
    return [
      localize(o.lang, {
        ja: `- ${p.site} ${p.process}（${business.ja}）: ${inWindow}${now}`,
        en: `- ${p.site} ${p.process} (${business.en}): ${inWindow}${now}`,
      }),
      ...trend,
      ...spread,
    ];
  });
  const head = localize(o.lang, {
    ja: `${site ?? '全拠点'}の処理速度${range ? `（${range.ja}）` : ''}:`,
    en: `Speed${site ? ` in ${site}` : ''}${range ? ` (${range.en})` : ''}:`,
  });
  const causes = incidents.incidents.filter((i) => site === null || i.sites.includes(site) || i.affects.some((a) => a.site === site));
  const sample = localize(o.lang, SAMPLE_PREFIX);
  const causeLines = causes.slice(0, 3).flatMap((i) => incidentLines(i, o, site, process).filter((l) => !l.startsWith(sample)));
  const cause =
    causeLines.length > 0
      ? [localize(o.lang, { ja: '考えられる原因（ログの障害）:', en: 'Likely causes (log incidents):' }), ...causeLines]
      : [localize(o.lang, { ja: 'この拠点のホストにログの障害は見つかりませんでした。', en: 'No log incident was found on the hosts of this site.' })];
  const none = localize(o.lang, { ja: '- 作業中の工程はありません', en: '- no process has work left' });
  return [head, ...(lines.length > 0 ? lines : [none]), ...cause].join('\n');
}

/** Before and after a move, for the receiving and the giving side and each business they serve. */
/** Minutes late or spare at the deadline, as a move's before → after says them. */
export function latenessWords(m: number | null, lang: Lang): string {
  return m === null
    ? localize(lang, { ja: '見込みなし', en: 'no estimate' })
    : m > 0
      ? localize(lang, { ja: `${m}分遅れ`, en: `${m} min late` })
      : localize(lang, { ja: `余裕${-m}分`, en: `${-m} min spare` });
}

export function impactAnswer(move: StaffMove, rows: MoveImpactRow[], o: NamedTz): string {
  const hm = (t: number | null): string => (t === null ? '—' : formatHm(t, o.timeZone));
  const lateness = (m: number | null): string => latenessWords(m, o.lang);
  // A side that is one business says it: 「札幌 エントリ1（医療レセプト）から札幌 エントリ1（SS）へ」.
  const side = (at: MoveSide): Localized => {
    const b = at.businessId ? businessLabel(o.businessNames, at.businessId) : null;
    return { ja: `${at.site} ${at.process}${b ? `（${b.ja}）` : ''}`, en: `${at.site} ${at.process}${b ? ` (${b.en})` : ''}` };
  };
  const [to, from] = [move.to && side(move.to), move.from && side(move.from)];
  // Until a time: the people go back then, and each finish counts the rest at the speed before.
  const until =
    move.until === undefined
      ? ''
      : localize(o.lang, { ja: `（${hm(move.until)}まで。その後は元の速度）`, en: ` (until ${hm(move.until)}, then the speed before)` });
  const what0 =
    from && to
      ? localize(o.lang, {
          ja: `${from.ja}から${to.ja}へ${move.count}名移した場合:`,
          en: `Moving ${move.count} from ${from.en} to ${to.en}:`,
        })
      : to
        ? localize(o.lang, {
            ja: `${to.ja}に${move.count}名加えた場合:`,
            en: `Adding ${move.count} to ${to.en}:`,
          })
        : localize(o.lang, {
            ja: `${from!.ja}から${move.count}名減らした場合:`,
            en: `Taking ${move.count} from ${from!.en}:`,
          });
  const what = until ? what0.replace(/[:：]$/, `${until}:`) : what0;
  // A side whose work is done today is not slowed or sped up by the move: said, not left out.
  const done = (['to', 'from'] as const)
    .map((k) => move[k])
    .filter((at): at is NonNullable<typeof at> => at !== null && !rows.some((r) => r.site === at.site && r.process === at.process))
    .map((at) =>
      localize(o.lang, {
        ja: `- ${at.site} ${at.process}: 今日の作業は完了しているため影響はありません`,
        en: `- ${at.site} ${at.process}: today's work is done, no effect`,
      }),
    );
  const lines = rows.map((r) => {
    const business = businessLabel(o.businessNames, r.businessId);
    // A line left with nobody (no speed) and items left does not finish today: said, not «no estimate».
    if (r.after.perMinute === 0 && r.remaining > 0)
      return localize(o.lang, {
        ja: `- ${r.site} ${r.process}（${business.ja}、${r.side === 'receiving' ? '受け入れ' : '送り出し'}）: 作業が止まり、残り${r.remaining.toLocaleString('en-US')}件が納期${hm(r.deadline)}に間に合いません（完了見込み ${hm(r.before.finish)} → 今日中に終わらない）、毎分${r.before.perMinute === null ? '—' : sp(r.before.perMinute)} → 0件`,
        en: `- ${r.site} ${r.process} (${business.en}, ${r.side}): the work stops, and its ${r.remaining.toLocaleString('en-US')} items left miss the ${hm(r.deadline)} deadline (finish ${hm(r.before.finish)} → not today), ${r.before.perMinute === null ? '—' : sp(r.before.perMinute)} → 0/min`,
      });
    return localize(o.lang, {
      ja: `- ${r.site} ${r.process}（${business.ja}、${r.side === 'receiving' ? '受け入れ' : '送り出し'}）: 完了見込み ${hm(r.before.finish)} → ${hm(r.after.finish)}（納期${hm(r.deadline)}、${lateness(r.before.minutesLate)} → ${lateness(r.after.minutesLate)}）、毎分${r.before.perMinute === null ? '—' : sp(r.before.perMinute)} → ${r.after.perMinute === null ? '—' : sp(r.after.perMinute)}件`,
      en: `- ${r.site} ${r.process} (${business.en}, ${r.side}): finish ${hm(r.before.finish)} → ${hm(r.after.finish)} (deadline ${hm(r.deadline)}, ${lateness(r.before.minutesLate)} → ${lateness(r.after.minutesLate)}), ${r.before.perMinute === null ? '—' : sp(r.before.perMinute)} → ${r.after.perMinute === null ? '—' : sp(r.after.perMinute)}/min`,
    });
  });
  return [what, ...lines, ...done].join('\n');
}

/** An alert kind in words (never its code); a kind this version does not know (from a newer store) stays as written. */
export const alertKindName = (kind: string, lang: Lang): string => {
  const names = (ALERT_KIND_LABELS as Record<string, Localized | undefined>)[kind];
  return names ? localize(lang, names) : kind;
};

/** A site's alert history, and the stricter threshold that would have removed the noise, with its effect. */
export function alertHistoryAnswer(h: AlertHistory, days: number, o: Tz): string {
  const where = h.site ?? localize(o.lang, { ja: '全拠点', en: 'all sites' });
  if (h.total === 0) return localize(o.lang, { ja: `${where}の直近${days}日のアラートはありません。`, en: `No alerts for ${where} in the last ${days} days.` });
  const lines = [localize(o.lang, { ja: `${where}の直近${days}日のアラート: ${h.total}件`, en: `Alerts for ${where} in the last ${days} days: ${h.total}` })];
  for (const k of h.byKind) {
    const kind = alertKindName(k.kind, o.lang);
    lines.push(
      localize(o.lang, {
        ja: `- ${kind}: ${k.count}件（確認されずに30分以内に解消 ${k.selfResolved}件、配置の決定につながった ${k.ledToDecision}件）`,
        en: `- ${kind}: ${k.count} (${k.selfResolved} ended by themselves within 30 min, unacknowledged; ${k.ledToDecision} led to a decision)`,
      }),
    );
  }
  const p = h.proposal;
  if (p) {
    const cur = Math.round(p.current * 100);
    const next = Math.round(p.proposed * 100);
    lines.push(
      localize(o.lang, {
        ja: `提案: 生産性の低下のしきい値を通常の${cur}%から${next}%に下げると、この履歴では${p.alerts}件中${p.removed}件が出なくなり、決定につながった${p.decisions}件はすべて残ります（全拠点に共通の設定です。承認されるまで変更しません）。`,
        en: `Proposal: lowering the productivity-drop threshold from ${cur}% to ${next}% of the usual speed would have removed ${p.removed} of ${count(p.alerts, 'alert')} in this history and kept all ${p.decisions} that led to a decision (one setting for all sites; nothing changes until you approve it).`,
      }),
    );
  } else
    lines.push(
      localize(o.lang, {
        ja: 'しきい値を変えて減らせるアラートは、この履歴にはありません。',
        en: 'No threshold change would remove alerts in this history without losing one that mattered.',
      }),
    );
  return lines.join('\n');
}
