import type Database from 'better-sqlite3';
import { GenbaError } from '../errors.js';
import { ATTENDANCE_OF_DAY } from '../store/attendanceOfDay.js';
import type { PlanLine, StoredPlan } from './planStore.js';

const OFF = { absent: { ja: '欠勤', en: 'absent' }, paid_leave: { ja: '有給休暇', en: 'on paid leave' } } as const;

/**
 * Refuses to approve a plan the floor has moved on from: its day is gone (in the company's
 * zone), or someone on its lines has since gone on leave, been marked absent, or stopped being
 * a current operator. The plan was right when it was made; writing it now would send the
 * company a day that is over or a person who will not come. The manager gets the names and
 * makes a new plan (or takes those lines off with a change).
 */
export function refuseStale(db: Database.Database, plan: StoredPlan, lines: readonly PlanLine[], today: string): void {
  if (plan.date < today)
    throw new GenbaError('PLAN_DAY_PAST', {
      ja: `計画 ${plan.planId} の対象日 ${plan.date} は過ぎています（今日は ${today}）。過ぎた日の配置は会社のデータベースに書き込みません。`,
      en: `Plan ${plan.planId} is for ${plan.date}, which has passed (today is ${today}). Genba does not write assignments for a day gone by.`,
    });
  const ids = [...new Set(lines.map((l) => l.operatorId))];
  if (ids.length === 0) return;
  const rows = db
    .prepare(
      `SELECT p.value AS id, o.operator_name AS name, o.is_valid AS valid, a.attendance_status AS status
       FROM json_each(?) p LEFT JOIN operators o ON o.operator_id = p.value
       LEFT JOIN ${ATTENDANCE_OF_DAY} a ON a.operator_id = p.value AND a.attendance_date = ?`,
    )
    .all(JSON.stringify(ids), plan.date) as { id: number; name: string | null; valid: number | null; status: string | null }[];
  const names = new Map(lines.map((l) => [l.operatorId, l.name]));
  const why = rows.flatMap((r) => {
    const name = r.name ?? names.get(r.id) ?? String(r.id);
    if (r.valid !== 1) return [{ ja: `${name}さん（在籍していません）`, en: `${name} (no longer a current operator)` }];
    if (r.status === 'absent' || r.status === 'paid_leave') return [{ ja: `${name}さん（${OFF[r.status].ja}）`, en: `${name} (${OFF[r.status].en})` }];
    return [];
  });
  if (why.length === 0) return;
  throw new GenbaError('PLAN_STALE', {
    ja: `計画 ${plan.planId} の作成後に変わった人がいるため承認できません: ${why.map((w) => w.ja).join('、')}。新しい計画を作るか、その人の行を外して修正してください。`,
    en: `Plan ${plan.planId} cannot be approved: since it was made, ${why.map((w) => w.en).join(', ')}. Make a new plan, or take their lines off with a change.`,
  });
}
