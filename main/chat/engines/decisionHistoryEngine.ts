import type { QueryTable } from '../../api/assistantTypes.js';
import { businessLabel } from '../../api/businessLabel.js';
import { localize } from '../../api/localized.js';
import { formatHm, localDate } from '../../config/zonedTime.js';
import type { DecisionFilter } from '../../store/approvalOutbox.js';
import {
  ALL_ON_RECORD,
  HISTORY_MORE,
  historyLead,
  historyMove,
  historyNone,
  historyPlan,
  historyRejected,
  PLAN_NOT_MEASURED,
  type HistoryScope,
} from '../historyTexts.js';
import { approvalHistory } from '../proposalStore.js';
import type { Engine } from './askContext.js';

/** The decisions an answer shows, newest first: the last one asked about, and the two before it. */
const SHOWN = 3;

/**
 * What came of a decision already taken (「前回札幌に応援を出したときはどうなった？」 "did the move to Sapporo help?"): the
 * latest moves approved to the site, process and business named (or the staffing plans covering the sites named, when the
 * query's measure is the plan), in the period named, else on the whole record; each with when, by whom, what it promised
 * and what the snapshots measured after, as the approvals list computes it (proposalStore.ts `approvalHistory`, the
 * outcome of placement/floorDecisions.ts). None found is said, with what was searched. Nothing is stored.
 */
export const decisionHistoryEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  const plans = q.measure === 'planned_staff';
  const window = q.time === null ? null : c.window(q);
  const filter: Omit<DecisionFilter, 'actions'> = {
    kind: plans ? 'plan' : 'move',
    site: q.site,
    process: plans ? [] : q.process,
    business: plans ? [] : q.business,
    from: window?.from ?? 0,
    to: Math.min(window?.to ?? c.now, c.now),
  };
  const at = { now: c.now, timeZone: c.cfg.timeZone };
  // One more than is shown says whether there are earlier ones.
  const taken = approvalHistory(c.db, at, SHOWN + 1, { ...filter, actions: ['approved', 'modified'] });
  const sep = localize(c.lang, { ja: '、', en: ', ' });
  const business = q.business.map((id) => localize(c.lang, businessLabel(c.tz.businessNames, id))).join(sep);
  const line = [q.site.join(sep), q.process.join(sep)].filter(Boolean).join(' ');
  const target = plans ? q.site.join(sep) : `${line}${business ? localize(c.lang, { ja: `（${business}）`, en: `${line ? ' ' : ''}(${business})` }) : ''}`;
  const scope: HistoryScope = { kind: filter.kind, target, period: window?.label ?? ALL_ON_RECORD };
  if (taken.length === 0) {
    const rejected = approvalHistory(c.db, at, 1, { ...filter, actions: ['rejected'] })[0];
    const text = [historyNone(scope, c.tz), rejected ? historyRejected(rejected, c.tz) : ''].filter(Boolean).join('\n');
    return { text, facts: text, saysDecisions: true };
  }
  const shown = taken.slice(0, SHOWN);
  const text = [
    historyLead(scope, c.tz),
    ...shown.map((r) => (r.plan ? historyPlan(r, r.plan, c.tz) : historyMove(r, c.tz))),
    plans ? localize(c.lang, PLAN_NOT_MEASURED) : '',
    taken.length > SHOWN ? localize(c.lang, HISTORY_MORE) : '',
  ]
    .filter(Boolean)
    .join('\n');
  const day = (t: number | null): string | null => (t === null ? null : `${localDate(t, c.cfg.timeZone)} ${formatHm(t, c.cfg.timeZone)}`);
  const table: QueryTable = plans
    ? {
        columns: ['suggestion_id', 'decided_at', 'action', 'user', 'plan_date', 'lines', 'shortfall_items', 'overtime_minutes'],
        rows: shown.map((r) => [
          r.suggestionId,
          day(r.decidedAt),
          r.action,
          r.user,
          r.plan?.date ?? null,
          r.plan?.lines ?? null,
          r.plan?.shortfallItems ?? null,
          r.plan?.overtimeMinutes ?? null,
        ]),
      }
    : {
        columns: [
          'suggestion_id',
          'decided_at',
          'action',
          'user',
          'site',
          'process',
          'moved',
          'promised_per_min',
          'promised_finish',
          'actual_per_min',
          'actual_finish',
          'verdict',
        ],
        rows: shown.map((r) => {
          const d = r.outcome;
          const r1 = (x: number | undefined): number | null => (x === undefined ? null : Math.round(x * 10) / 10);
          return [
            r.suggestionId,
            day(r.decidedAt),
            r.action,
            r.user,
            r.site,
            r.process,
            r.moves,
            r1(d?.promised.perMinute),
            day(d?.promised.finish ?? null),
            r1(d?.actual?.perMinute),
            day(d?.actual?.finish ?? null),
            d?.verdict ?? null,
          ];
        }),
      };
  return { text, facts: text, table, saysDecisions: true };
};
