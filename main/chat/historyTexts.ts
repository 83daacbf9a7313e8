import type { ApprovalPlan, ApprovalRow } from '../api/assistantTypes.js';
import { businessLabel } from '../api/businessLabel.js';
import { count } from '../api/englishCount.js';
import { countFigure, speedFigure as sp } from '../api/figures.js';
import type { FloorDecision } from '../api/floorDecision.js';
import { joinNames, localize, type Localized } from '../api/localized.js';
import { formatHm } from '../config/zonedTime.js';
import { MEASURE_AFTER_MINUTES, PROMISE_TOLERANCE_MINUTES } from '../placement/floorDecisions.js';
import { when, type NamedTz } from './textTz.js';
import { monthDayFigure } from '../api/figures.js';

/*
 * The texts of a history question's answer (engines/decisionHistoryEngine.ts): what was searched, each decision found with
 * when, by whom and what it moved or planned, what it promised and what the snapshots measured after, or that there is none.
 */

/** What a history question searched: moves to a line, or staffing plans covering sites, over a period. */
export interface HistoryScope {
  kind: 'move' | 'plan';
  /** The target named (「札幌 エントリ1（SS）」), empty when none was. */
  target: string;
  period: Localized;
}

/** What was searched, as one (「札幌への移動」 "a move to 札幌") and as the kind the decisions found are (「札幌への移動」 "moves to 札幌"). */
const scopeWords = (s: HistoryScope): { one: Localized; many: Localized } =>
  s.kind === 'move'
    ? s.target
      ? { one: { ja: `${s.target}への移動`, en: `a move to ${s.target}` }, many: { ja: `${s.target}への移動`, en: `Moves to ${s.target}` } }
      : { one: { ja: '移動', en: 'a move' }, many: { ja: '移動', en: 'Moves' } }
    : s.target
      ? {
          one: { ja: `${s.target}を含む配置計画`, en: `a staffing plan covering ${s.target}` },
          many: { ja: `${s.target}を含む配置計画`, en: `Staffing plans covering ${s.target}` },
        }
      : { one: { ja: '配置計画', en: 'a staffing plan' }, many: { ja: '配置計画', en: 'Staffing plans' } };

/** The period searched when the question named none. */
export const ALL_ON_RECORD: Localized = { ja: '記録のある全期間', en: 'everything on record' };

/** The lead of the decisions found, newest first. */
export function historyLead(s: HistoryScope, o: NamedTz): string {
  const what = scopeWords(s).many;
  return localize(o.lang, {
    ja: `Genbaの記録にある${what.ja}の判断（${s.period.ja}、新しい順）:`,
    en: `${what.en} decided, in Genba's records (${s.period.en}, newest first):`,
  });
}

/** None found: said plainly, with what was searched; never an all-clear or an outcome of Genba's own making. */
export function historyNone(s: HistoryScope, o: NamedTz): string {
  const what = scopeWords(s).one;
  return localize(o.lang, {
    ja: `Genbaには${what.ja}を承認した記録がありません（${s.period.ja}の承認・一部承認の判断を探しました）。そのため、結果も示せません。`,
    en: `Genba has no record of ${what.en} being approved (it searched the approved and partly approved decisions, ${s.period.en}), so it has no outcome to show.`,
  });
}

/** The latest rejection of what was searched, when nothing was approved: the proposal (or the plan) was made, and turned down. */
export function historyRejected(r: ApprovalRow, o: NamedTz): string {
  const what: Localized = r.plan
    ? { ja: `${planDay(r.plan)}の配置計画`, en: `the staffing plan for ${planDay(r.plan)}` }
    : { ja: `${r.site} ${r.process}への移動`, en: `a move to ${r.site} ${r.process}` };
  return localize(o.lang, {
    ja: `却下された提案はあります: ${what.ja}を${at(r.decidedAt, o).ja}に却下（${r.user}）${r.reason ? `、理由「${r.reason}」` : ''}。却下された判断は実行されていないため、結果はありません。`,
    en: `A proposal was rejected: ${what.en}, ${at(r.decidedAt, o).en} (${r.user})${r.reason ? `, reason: "${r.reason}"` : ''}. What was rejected was not done, so it has no outcome.`,
  });
}

/** A plan's day as 「10/24」 (the sentence names it as the plan's). */
const planDay = (p: ApprovalPlan): string => monthDayFigure(p.date);

/** Earlier decisions than those shown are in the approvals list. */
export const HISTORY_MORE: Localized = {
  ja: 'それより前の判断は承認履歴（genba approvals）にあります。',
  en: 'Earlier decisions are in the approvals list (genba approvals).',
};

/** 「10/22 15:40」 "on 10/22 at 15:40", or 「今日 15:40」 "today at 15:40". */
function at(t: number, o: NamedTz): Localized {
  const w = when(t, o);
  const [day, time] = w.split(' ');
  return time ? { ja: w, en: `on ${day} at ${time}` } : { ja: `今日 ${w}`, en: `today at ${w}` };
}

const verb = (action: ApprovalRow['action']): Localized =>
  action === 'modified' ? { ja: '一部承認', en: 'approved in part' } : action === 'rejected' ? { ja: '却下', en: 'rejected' } : { ja: '承認', en: 'approved' };

/**
 * One move decided, on three lines: when, by whom and what (「10/22 15:40に承認（山田）: 札幌 エントリ1（SS）へ3名…」); what the
 * proposal promised for the people moved; what the snapshots of its day measured after they started, with its period.
 */
export function historyMove(r: ApprovalRow, o: NamedTz): string {
  const d = r.outcome;
  const hm = (t: number | null): string => (t === null ? '—' : formatHm(t, o.timeZone));
  const business = d ? businessLabel(o.businessNames, d.businessId) : null;
  const where: Localized = business
    ? { ja: `${r.site} ${r.process}（${business.ja}）`, en: `${r.site} ${r.process} (${business.en})` }
    : { ja: `${r.site} ${r.process}`, en: `${r.site} ${r.process}` };
  const v = verb(r.action);
  const people = r.operators.join(localize(o.lang, { ja: '、', en: ', ' }));
  const head = localize(o.lang, {
    ja: `- ${at(r.decidedAt, o).ja}に${v.ja}（${r.user}）: ${where.ja}へ${r.moves}名（${people}）${r.reason ? `、理由「${r.reason}」` : ''}`,
    en: `- ${cap(v.en)} ${at(r.decidedAt, o).en} (${r.user}): ${count(r.moves, 'person', 'people')} to ${where.en} (${people})${r.reason ? `, reason: "${r.reason}"` : ''}`,
  });
  if (!d) return head;
  const promised = localize(o.lang, {
    ja: `  約束: 毎分${sp(d.promised.perMinute)}件、${d.promised.finish === null ? '完了見込みなし' : `${hm(d.promised.finish)}完了`}（納期 ${hm(d.deadline)}）`,
    en: `  Promised: ${sp(d.promised.perMinute)} items/min, ${d.promised.finish === null ? 'no finish in sight' : `done by ${hm(d.promised.finish)}`} (deadline ${hm(d.deadline)})`,
  });
  return [head, promised, measured(d, o)].join('\n');
}

/** What the snapshots of the decision's day showed after the movers started, and the verdict; or why nothing was measured. */
function measured(d: FloorDecision, o: NamedTz): string {
  const hm = (t: number | null): string => (t === null ? '—' : formatHm(t, o.timeZone));
  const a = d.actual;
  if (a === null) {
    // The day over (or not): the snapshots after the start never spanned enough minutes, or do not yet.
    const over = o.dayStart !== undefined && d.decidedAt < o.dayStart;
    return localize(
      o.lang,
      over
        ? {
            ja: `  実測: なし（移動者が作業を始めた${hm(d.startsAt)}以降、その日のスナップショットが${MEASURE_AFTER_MINUTES}分に満たず、速度を測れませんでした）`,
            en: `  Measured: nothing (the snapshots of that day after the movers started at ${hm(d.startsAt)} span less than ${MEASURE_AFTER_MINUTES} minutes, so no speed was measured)`,
          }
        : {
            ja: `  実測: 測定中（移動者は${hm(d.startsAt)}から作業、スナップショットが${MEASURE_AFTER_MINUTES}分そろうと速度を測れます）`,
            en: `  Measured: not yet (the movers start at ${hm(d.startsAt)}; the speed is measured once the snapshots span ${MEASURE_AFTER_MINUTES} minutes)`,
          },
    );
  }
  const verdict: Localized =
    d.verdict === 'short'
      ? {
          ja: `効果不足（約束と納期の遅いほうから${PROMISE_TOLERANCE_MINUTES}分を超えて遅れる）`,
          en: `not enough (later than the promise and the deadline by over ${PROMISE_TOLERANCE_MINUTES} minutes)`,
        }
      : {
          ja: `効果あり（約束か納期の遅いほうから${PROMISE_TOLERANCE_MINUTES}分以内）`,
          en: `working (within ${PROMISE_TOLERANCE_MINUTES} minutes of the later of the promise and the deadline)`,
        };
  const finish: Localized = a.finished
    ? { ja: `${hm(a.finish)}に完了`, en: `done at ${hm(a.finish)}` }
    : a.finish === null
      ? { ja: '完了見込みなし', en: 'no finish in sight' }
      : { ja: `その速さで${hm(a.finish)}完了見込み`, en: `done by ${hm(a.finish)} at that pace` };
  return localize(o.lang, {
    ja: `  実測: 毎分${sp(a.perMinute)}件（${hm(a.from)}〜${hm(a.to)}のスナップショット）、${finish.ja} → ${verdict.ja}`,
    en: `  Measured: ${sp(a.perMinute)} items/min (snapshots ${hm(a.from)}–${hm(a.to)}), ${finish.en} → ${verdict.en}`,
  });
}

/**
 * One staffing plan decided: when, by whom, the day and what the plan expected. Genba measures the outcome of a move, not
 * of a plan, and says so rather than show one.
 */
export function historyPlan(r: ApprovalRow, p: ApprovalPlan, o: NamedTz): string {
  const v = verb(r.action);
  const day = planDay(p);
  const sites = joinNames(o.lang, p.sites);
  return [
    localize(o.lang, {
      ja: `- ${at(r.decidedAt, o).ja}に${v.ja}（${r.user}）: ${day}の配置計画（${p.lines}行${sites ? `、${sites}` : ''}）${r.reason ? `、理由「${r.reason}」` : ''}`,
      en: `- ${cap(v.en)} ${at(r.decidedAt, o).en} (${r.user}): the staffing plan for ${day} (${count(p.lines, 'line')}${sites ? `, ${sites}` : ''})${r.reason ? `, reason: "${r.reason}"` : ''}`,
    }),
    localize(o.lang, {
      ja: `  計画の見込み: 納期までの積み残し${countFigure(p.shortfallItems)}件、残業${countFigure(p.overtimeMinutes)}分、拠点間の応援${p.crossSiteBlocks}枠`,
      en: `  The plan expected: ${count(p.shortfallItems, 'item', 'items', countFigure(p.shortfallItems))} left at the deadlines, ${countFigure(p.overtimeMinutes)} minutes of overtime, ${count(p.crossSiteBlocks, 'cross-site block')}`,
    }),
  ].join('\n');
}

/** Said once under the plans found: their outcome is not measured, so none is shown. */
export const PLAN_NOT_MEASURED: Localized = {
  ja: 'Genbaが約束と実測を並べて測るのは移動の判断だけで、配置計画の結果は測っていません（計画どおりの一日だったかは示せません）。',
  en: "Genba measures the outcome of a move (its promise against the snapshots after it), not of a staffing plan, so it cannot say how the plan's day went against it.",
};

const cap = (s: string): string => `${s[0]!.toUpperCase()}${s.slice(1)}`;
