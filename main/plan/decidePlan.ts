import type Database from 'better-sqlite3';
import { businessLabel, type BusinessNames } from '../api/businessLabel.js';
import { localDate, zonedEpoch } from '../config/zonedTime.js';
import { GenbaError, type Localized } from '../errors.js';
import { decisionLimitProblems } from '../store/approvalHistoryLimits.js';
import { rowProblem, shown } from '../store/columnProblem.js';
import { ATTENDANCE_OF_DAY } from '../store/attendanceOfDay.js';
import type { AssignmentRecord, DecisionRecord } from '../store/decisionRecord.js';
import { SyncState } from '../store/syncState.js';
import type { PlanBlock } from './planProblem.js';
import { usualOf } from './planInputs.js';
import { loadPlan, type PlanLine, type StoredPlan } from './planStore.js';
import { writeTransaction } from '../store/writeTransaction.js';
import { refuseStale } from './refuseStale.js';
import { p90Late } from '../api/planTypes.js';

/** A change of one line before approving: the person's half day on another site, business and process, or off the plan. */
export type PlanEdit = { operatorId: number; block: PlanBlock } & ({ site: string; businessId: string; process: string } | { off: true });

export interface PlanDecision {
  action: 'approved' | 'rejected' | 'modified';
  user: string;
  reason?: string;
  /** Only with `modified`: the lines changed before approving. */
  edits?: PlanEdit[];
}

const fail = (code: string, text: Localized): GenbaError => new GenbaError(code, text);

/**
 * The lines after the edits, each checked against the store: a valid person, at work that day, able to do the process, on work the plan has.
 * `businessNames`: read only to say which business an edit names that the plan has no work for.
 */
function applyEdits(db: Database.Database, plan: StoredPlan, edits: readonly PlanEdit[], minSkill: number, businessNames: () => BusinessNames): PlanLine[] {
  let lines = [...plan.lines];
  for (const e of edits) {
    lines = lines.filter((l) => !(l.operatorId === e.operatorId && l.block === e.block));
    if ('off' in e) continue;
    const person = db
      .prepare(
        `SELECT o.operator_name AS name, o.location_name AS site, a.attendance_status AS status FROM operators o
         LEFT JOIN ${ATTENDANCE_OF_DAY} a ON a.operator_id = o.operator_id AND a.attendance_date = ? WHERE o.operator_id = ? AND o.is_valid = 1`,
      )
      .get(plan.date, e.operatorId) as { name: string; site: string; status: string | null } | undefined;
    if (!person)
      throw fail('PLAN_EDIT_UNKNOWN_OPERATOR', {
        ja: `担当者 ${e.operatorId} は在籍していません。`,
        en: `Operator ${e.operatorId} is not a current operator.`,
      });
    if (person.status === 'paid_leave' || person.status === 'absent')
      throw fail('PLAN_EDIT_ON_LEAVE', { ja: `${person.name}さんは${plan.date}に休みです。`, en: `${person.name} is off on ${plan.date}.` });
    if (!plan.demands.some((d) => d.site === e.site && d.businessId === e.businessId && d.process === e.process)) {
      const business = businessLabel(businessNames(), e.businessId);
      throw fail('PLAN_EDIT_NO_WORK', {
        ja: `${e.site}の${e.process}（${business.ja}）はこの計画の仕事にありません。`,
        en: `${e.site} ${e.process} (${business.en}) is not work of this plan.`,
      });
    }
    const skills = db
      .prepare(
        'SELECT process_name AS process, skill_level AS skill, experience_months AS experienceMonths FROM operator_process_capabilities WHERE operator_id = ? ORDER BY capability_id',
      )
      .all(e.operatorId) as { process: string; skill: number; experienceMonths: number }[];
    const usual = skills.length > 0 ? usualOf(skills) : null;
    const skill = skills.find((s) => s.process === e.process);
    // The plan's own rule: a person's usual process at any level, another process at minSkill or above.
    if (!skill || (skill.skill < minSkill && usual?.process !== e.process))
      throw fail('PLAN_EDIT_SKILL', {
        ja: `${person.name}さんの${e.process}のスキルは${skill ? `レベル${skill.skill}` : '未登録'}です（普段の工程以外はレベル${minSkill}以上が必要）。`,
        en: `${person.name}'s ${e.process} skill is ${skill ? `level ${skill.skill}` : 'not registered'} (another process than their usual one needs level ${minSkill}).`,
      });
    lines.push({
      operatorId: e.operatorId,
      name: person.name,
      homeSite: person.site,
      block: e.block,
      site: e.site,
      businessId: e.businessId,
      process: e.process,
      crossSite: e.site !== person.site,
      overtimeMinutes: 0,
      able: skills.filter((k) => k.skill >= minSkill || k.process === usual?.process).map((k) => k.process),
    });
  }
  return lines;
}

/** The rows an approval writes to the company's daily_assignments: each line's half day, its overtime at the edge of the day. */
export function assignmentRecords(plan: StoredPlan, lines: readonly PlanLine[], timeZone: string): AssignmentRecord[] {
  const [y, m, d] = plan.date.split('-').map(Number);
  const at = (minute: number): number => zonedEpoch(timeZone, y!, m!, d!, Math.floor(minute / 60), minute % 60);
  return lines.map((l) =>
    writable({
      assignment_date: plan.date,
      operator_id: l.operatorId,
      location_name: l.site,
      process_name: l.process,
      business_id: l.businessId,
      start_time: at(l.block === 'am' ? plan.day.startMinute - l.overtimeMinutes : plan.day.lunchEndMinute),
      end_time: at(l.block === 'am' ? plan.day.lunchStartMinute : plan.day.endMinute + l.overtimeMinutes),
    }),
  );
}

/**
 * A row the company's daily_assignments can take, checked as the sync checks what it copies:
 * a site's name that is not text (bytes, an object) would be written as '[object Object]'
 * for everyone the plan puts there. Such a plan is refused whole, nothing is queued.
 */
function writable(r: AssignmentRecord): AssignmentRecord {
  const problem = rowProblem('daily_assignments', r, Object.keys(r));
  if (problem)
    throw fail('PLAN_BAD_VALUE', {
      ja: `この計画は会社データベースに書き込めません（担当者 ${shown(r.operator_id)} の行: ${problem.why.ja}）。同期してから計画を作り直してください。`,
      en: `This plan cannot be written to the company database (the line of operator ${shown(r.operator_id)}: ${problem.why.en}). Sync, then make the plan again.`,
    });
  return r;
}

/**
 * Records a manager's decision on a plan: the plan's status and the outbox row in one
 * transaction (the outbox delivers the approval and, for an approval, the daily assignments
 * to the company database). A plan is decided once; a rejection needs a reason, and so does
 * a change of lines. An approval re-checks the plan against the store as it is now
 * (refuseStale), and replaces the day's earlier approved plan, if any (`replaced`).
 */
export function decidePlan(
  db: Database.Database,
  planId: string,
  d: PlanDecision,
  o: { now: number; timeZone: string; minSkill: number; record: (r: DecisionRecord) => void; businessNames: () => BusinessNames },
): { plan: StoredPlan; replaced: string | null } {
  const plan = loadPlan(db, planId);
  if (!plan) throw fail('PLAN_NOT_FOUND', { ja: `計画 ${planId} はありません。`, en: `There is no plan ${planId}.` });
  if (plan.status !== 'open') {
    const why =
      plan.status === 'superseded'
        ? { ja: '新しい計画に置き換えられています', en: 'a newer plan replaced it' }
        : { ja: '判断済みです', en: 'it has been decided' };
    throw fail('PLAN_DECIDED', { ja: `計画 ${planId} は${why.ja}。`, en: `Plan ${planId} cannot be decided: ${why.en}.` });
  }
  const reason = d.reason?.trim() || null;
  if ((d.action === 'rejected' || d.action === 'modified') && !reason)
    throw fail('PLAN_REASON_REQUIRED', { ja: '却下・修正には理由が必要です。', en: 'A rejection or a change needs a reason.' });
  if (d.action !== 'rejected' && new SyncState(db).isAbsent('daily_assignments'))
    throw fail('PLAN_NO_TARGET', {
      ja: '会社データベースに daily_assignments テーブルがないため、計画を書き込めません。',
      en: 'The company database has no daily_assignments table, so the plan cannot be written there.',
    });
  const lines = d.action === 'modified' ? applyEdits(db, plan, d.edits ?? [], o.minSkill, o.businessNames) : plan.lines;
  // Only what is written to the company must still hold: a rejection of a stale plan is as good as any.
  if (d.action !== 'rejected') refuseStale(db, plan, lines, localDate(o.now, o.timeZone));
  const decided: StoredPlan = { ...plan, lines, status: d.action, decidedAt: o.now };
  const heads = new Map<string, number>();
  for (const l of lines) heads.set(`${l.site} ${l.process} ${l.block}`, (heads.get(`${l.site} ${l.process} ${l.block}`) ?? 0) + 1);
  const record: DecisionRecord = {
    suggestion_id: planId,
    changes: JSON.stringify({ type: 'staffing_plan', date: plan.date, lines: lines.length, headcount: Object.fromEntries(heads), edits: d.edits ?? [] }),
    impact: JSON.stringify({
      shortfallItems: plan.objective.shortfallItems,
      overtimeMinutes: plan.objective.overtimeMinutes,
      crossSiteBlocks: lines.filter((l) => l.crossSite).length,
      // What the plan flagged beside its shortfall: the series it meets at P50 but not at P90.
      p90LateSeries: plan.demands.filter(p90Late).length,
      forecastAsOf: plan.forecastAsOf,
    }),
    action_type: d.action,
    action_user: d.user,
    feedback_reason: reason,
    decided_at: o.now,
    assignments: d.action === 'rejected' ? null : JSON.stringify(assignmentRecords(plan, lines, o.timeZone)),
  };
  const tooLong = decisionLimitProblems(record)[0];
  if (tooLong)
    throw fail('PLAN_TOO_LONG', {
      ja: `${tooLong.field} が長すぎます（上限 ${tooLong.limit}）。`,
      en: `${tooLong.field} is too long (at most ${tooLong.limit}).`,
    });
  return writeTransaction(db, () => {
    const r = db
      .prepare(`UPDATE plans SET status = ?, decided_at = ?, body = ? WHERE plan_id = ? AND status = 'open'`)
      .run(d.action, o.now, JSON.stringify(decided), planId);
    if (r.changes === 0) throw fail('PLAN_DECIDED', { ja: `計画 ${planId} は判断済みです。`, en: `Plan ${planId} has been decided.` });
    // A day has one approved plan: this one replaces the day's earlier approval here, and its delivery replaces that plan's rows at the company.
    const replaced =
      d.action === 'rejected'
        ? undefined
        : (db
            .prepare(
              `UPDATE plans SET status = 'superseded' WHERE plan_date = ? AND status IN ('approved', 'modified') AND plan_id <> ? RETURNING plan_id AS id`,
            )
            .all(plan.date, planId) as { id: string }[]);
    o.record(record);
    return { plan: decided, replaced: replaced?.[0]?.id ?? null };
  });
}
