import { localDate } from '../config/zonedTime.js';
import { forecastStore } from '../forecast/forecastNow.js';
import { nextWorkingDays } from '../forecast/workCalendar.js';
import { loadPlan } from '../plan/planStore.js';
import { ATTENDANCE_OF_DAY } from '../store/attendanceOfDay.js';
import type { AlertCandidate, RuleInputs } from './alertCandidate.js';
import { dayPlanReading } from '../api/consultReading.js';
import { dayFigure } from '../api/figures.js';

/**
 * A plan for the next working day that no longer holds: people it puts to work have since
 * been recorded off that day, or the forecast has risen past what the plan staffs for (its P50
 * plus the buffer towards P80). The remedy is a new plan: the alert asks the chat for one, and
 * it resolves once a newer plan replaces this one.
 */
export function planOutdated(i: RuleInputs): AlertCandidate[] {
  const today = localDate(i.now, i.timeZone);
  const date = nextWorkingDays(today, 1)[0]!;
  const row = i.db
    // The newest plan of the day that stands (approved, or open for approval); plans made in the same minute by the order they were stored.
    .prepare(`SELECT plan_id AS id FROM plans WHERE plan_date = ? AND status IN ('open', 'approved', 'modified') ORDER BY created_at DESC, rowid DESC LIMIT 1`)
    .get(date) as { id: string } | undefined;
  if (!row) return [];
  const plan = loadPlan(i.db, row.id)!;
  const planned = new Map(plan.lines.map((l) => [l.operatorId, l]));
  const off = (
    i.db
      .prepare(
        `SELECT operator_id AS id FROM ${ATTENDANCE_OF_DAY} a WHERE attendance_date = ? AND attendance_status IN ('absent', 'paid_leave') ORDER BY operator_id`,
      )
      .all(date) as { id: number }[]
  ).flatMap((r) => {
    const l = planned.get(r.id);
    return l ? [l] : [];
  });
  const f = forecastStore(i.db, { now: i.now, timeZone: i.timeZone, days: 1 });
  const now = new Map(f.series.map((s) => [s.key, s.days.find((d) => d.date === date)]));
  const rose = plan.demands.flatMap((d) => {
    const p50 = now.get(`${d.site}/${d.businessId}/${d.process}`)?.p50;
    return p50 !== undefined && p50 > d.target ? [{ ...d, now: Math.round(p50) }] : [];
  });
  if (off.length === 0 && rose.length === 0) return [];
  const name = (d: (typeof rose)[number]): string => d.businessName ?? d.businessId;
  const ja = [
    off.length > 0 ? `計画に入っている${off.length}名が休みになりました（${off.map((l) => `${l.name}・${l.site} ${l.process}`).join('、')}）` : '',
    rose.length > 0
      ? `予測が計画の想定を超えました（${rose.map((d) => `${d.site} ${d.process}・${name(d)} ${d.now}件、計画 ${Math.round(d.target)}件`).join('、')}）`
      : '',
  ].filter(Boolean);
  const en = [
    off.length > 0
      ? `${off.length} planned ${off.length === 1 ? 'person is' : 'people are'} now off (${off.map((l) => `${l.name}, ${l.site} ${l.process}`).join('; ')})`
      : '',
    rose.length > 0
      ? `the forecast now exceeds what the plan staffs for (${rose.map((d) => `${d.site} ${d.process} · ${name(d)} ${d.now} items, planned for ${Math.round(d.target)}`).join('; ')})`
      : '',
  ].filter(Boolean);
  return [
    {
      key: `plan_outdated|${plan.planId}`,
      kind: 'plan_outdated',
      severity: 'warning',
      site: null,
      process: null,
      title: {
        ja: `${dayFigure(date, 'ja')}の要員計画を見直してください: ${ja.join('。')}`,
        en: `Review the staffing plan for ${dayFigure(date, 'en')}: ${en.join('; ')}`,
      },
      detail: {
        date,
        planId: plan.planId,
        peopleOff: off.length,
        forecastAbovePlan: rose.length,
      },
      dataAsOf: i.now,
      request: {
        text: { ja: `${dayFigure(date, 'ja')}の最適配置を提案して`, en: `Propose the staffing plan for ${dayFigure(date, 'en')}` },
        reading: dayPlanReading(date),
      },
    },
  ];
}
