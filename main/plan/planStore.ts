import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { PlanStatus, StoredPlan } from '../api/planTypes.js';
import { forecastInputs } from '../forecast/forecastNow.js';
import { ATTENDANCE_ROWS_VERSION } from '../store/attendanceOfDay.js';
import { writeTransaction } from '../store/writeTransaction.js';

export type { PlanLine, PlanStatus, StoredPlan } from '../api/planTypes.js';

/** What every plan id of a day starts with (`PLN20251024-`). */
export const planIdPrefix = (date: string): string => `PLN${date.replaceAll('-', '')}-`;
/** `PLN{YYYYMMDD}-{8 hex}`: the day planned, and a random part so two plans of one day differ. */
export const newPlanId = (date: string): string => `${planIdPrefix(date)}${randomBytes(4).toString('hex').toUpperCase()}`;
export const PLAN_ID = /^PLN(\d{4})(\d{2})(\d{2})-[0-9A-F]{8}$/;
/** The day a plan id names (PLN20251024-… → 2025-10-24); null for anything that is not a plan id. */
export function planDateOf(planId: string): string | null {
  const m = PLAN_ID.exec(planId);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Stores a new plan; an open plan of the same day is superseded by it (one open plan per day). */
export function savePlan(db: Database.Database, plan: Omit<StoredPlan, 'status' | 'decidedAt'>): void {
  writeTransaction(db, () => {
    db.prepare(`UPDATE plans SET status = 'superseded' WHERE plan_date = ? AND status = 'open'`).run(plan.date);
    db.prepare(`INSERT INTO plans (plan_id, plan_date, created_at, status, body) VALUES (?, ?, ?, 'open', ?)`).run(
      plan.planId,
      plan.date,
      plan.createdAt,
      JSON.stringify(plan),
    );
  });
}

export function loadPlan(db: Database.Database, planId: string): StoredPlan | null {
  const row = db.prepare('SELECT status, decided_at AS decidedAt, body FROM plans WHERE plan_id = ?').get(planId) as
    { status: PlanStatus; decidedAt: number | null; body: string } | undefined;
  return row ? { ...(JSON.parse(row.body) as StoredPlan), status: row.status, decidedAt: row.decidedAt } : null;
}

/**
 * What is settled for a day: the company's own assignments for it (daily_assignments rows) and the plan decided in Genba
 * (approved or modified), newest first. A question whether the day is set up is answered from these, never by planning.
 */
export function daySettled(db: Database.Database, date: string): { assignments: number; decided: StoredPlan | null; open: string | null } {
  const assignments = (db.prepare('SELECT COUNT(*) AS n FROM daily_assignments WHERE assignment_date = ?').get(date) as { n: number }).n;
  const row = db
    .prepare(`SELECT plan_id AS id FROM plans WHERE plan_date = ? AND status IN ('approved', 'modified') ORDER BY decided_at DESC, plan_id LIMIT 1`)
    .get(date) as { id: string } | undefined;
  const open = db.prepare(`SELECT plan_id AS id FROM plans WHERE plan_date = ? AND status = 'open'`).get(date) as { id: string } | undefined;
  return { assignments, decided: row ? loadPlan(db, row.id) : null, open: open?.id ?? null };
}

/** The newest plans, newest first (the Plan view's list). */
export function recentPlans(db: Database.Database, limit = 20): StoredPlan[] {
  const rows = db.prepare('SELECT plan_id AS id FROM plans ORDER BY created_at DESC LIMIT ?').all(limit) as { id: string }[];
  return rows.map((r) => loadPlan(db, r.id)!);
}

/**
 * What a day's plan is made from, as one string: that day's attendance (rows, last change,
 * and who is in which status), what the forecast is made from at `now` (forecastInputs), the
 * people and their skills, and the planning settings. Equal strings: the same inputs, so the
 * same plan.
 */
export function planInputsVersion(db: Database.Database, date: string, settings: unknown, at: { now: number; timeZone: string }): string {
  const v = db
    .prepare(
      `SELECT ${ATTENDANCE_ROWS_VERSION}
         || '/' || (SELECT COUNT(*) || ':' || COALESCE(SUM(is_valid), 0) FROM operators)
         || '/' || (SELECT COUNT(*) || ':' || COALESCE(SUM(skill_level), 0) FROM operator_process_capabilities) AS v`,
    )
    .get(date) as { v: string };
  return `${v.v}/${forecastInputs(db, at).version}/${JSON.stringify(settings)}`;
}
