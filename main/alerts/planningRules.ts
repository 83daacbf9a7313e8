import { isCriticalDelay } from './criticalDelay.js';
import type { ProcessProgress } from '../api/types.js';
import { formatHm, localDate, zonedEpoch } from '../config/zonedTime.js';
import { todayArrivals } from '../forecast/todayArrivals.js';
import { isWorkingDay } from '../forecast/workCalendar.js';
import { median } from '../median.js';
import { absenceRate, attendanceOn, usualAbsence } from '../plan/attendance.js';
import type Database from 'better-sqlite3';
import type { AlertCandidate, RuleInputs } from './alertCandidate.js';
import { planOutdated } from './planOutdated.js';
import { businessLabel } from '../api/businessLabel.js';
import { lineFixReading } from '../api/consultReading.js';

const MINUTE = 60_000;

/**
 * The site's processes late or at risk today: what an absence surge or overtime is about to
 * cost. A surge is critical only when one of them is a critical delay (isCriticalDelay).
 */
const lateAt = (all: readonly ProcessProgress[], site: string): ProcessProgress[] =>
  all.filter((p) => p.site === site && (p.status === 'late' || p.status === 'at_risk') && p.remaining > 0);

/** Asking for a move to the site's most urgent process: the remedy a delay alert proposes too. */
function moveRequest(p: ProcessProgress | undefined, i: Pick<RuleInputs, 'timeZone' | 'overview'>): AlertCandidate['request'] {
  if (!p) return null;
  const deadline = p.deadline === null ? '—' : formatHm(p.deadline, i.timeZone);
  const business = businessLabel(i.overview.businessNames, p.businessId);
  return {
    text: {
      ja: `${p.site}の${p.process}工程が遅延しています（${business.ja}、納期${deadline}、残り${p.remaining}件）`,
      en: `${p.site} ${p.process} is behind schedule (${business.en}, deadline ${deadline}, ${p.remaining} left)`,
    },
    reading: lineFixReading(p),
  };
}

/**
 * Absence surge: today's absence and leave at a site against the usual for that weekday (the
 * same weekday of the last eight weeks), when it is both `absenceSurgePoints` points and half
 * again above it, and at least three people more. Critical when the site has work late or at
 * risk today; the alert names it and proposes the move.
 */
function absenceSurge(i: RuleInputs, all: readonly ProcessProgress[]): AlertCandidate[] {
  const today = localDate(i.now, i.timeZone);
  if (!isWorkingDay(today)) return [];
  return attendanceOn(i.db, today).flatMap((s) => {
    const rate = absenceRate(s);
    const usual = usualAbsence(i.db, today, [s.site]);
    if (rate === null || usual.rate === null || usual.days < 4) return [];
    const off = s.absent + s.paidLeave;
    const usualPeople = (usual.rate / 100) * s.rostered;
    if (rate - usual.rate < i.config.absenceSurgePoints || rate < usual.rate * 1.5 || off - usualPeople < 3) return [];
    const late = lateAt(all, s.site);
    const effect = late.map((p) => `${p.process}（${p.minutesLate !== null && p.minutesLate > 0 ? `${p.minutesLate}分遅れ見込み` : '余裕わずか'}）`);
    const effectEn = late.map((p) => `${p.process} (${p.minutesLate !== null && p.minutesLate > 0 ? `${p.minutesLate} min late` : 'little slack'})`);
    return [
      {
        key: `absence_surge|${s.site}|${today}`,
        kind: 'absence_surge' as const,
        severity: late.some((p) => isCriticalDelay(p, i.config.criticalLateMinutes)) ? ('critical' as const) : ('warning' as const),
        site: s.site,
        process: null,
        title: {
          ja: `${s.site}: 今日の休み ${off}名（${rate.toFixed(1)}%、この曜日の通常 ${usual.rate.toFixed(1)}%）${late.length > 0 ? `。影響: ${effect.join('、')}` : ''}`,
          en: `${s.site}: ${off} off today (${rate.toFixed(1)}%, usually ${usual.rate.toFixed(1)}% on this weekday)${late.length > 0 ? `; affected: ${effectEn.join(', ')}` : ''}`,
        },
        detail: {
          date: today,
          rostered: s.rostered,
          absent: s.absent,
          paidLeave: s.paidLeave,
          ratePct: rate,
          usualPct: usual.rate,
          usualDays: usual.days,
          late: late.map((p) => p.process),
        },
        dataAsOf: i.now,
        request: moveRequest(late[0], i),
      },
    ];
  });
}

/** Items per person per minute on a process at a site: the median registered speed of its valid people. */
function perPersonPerMinute(db: Database.Database, site: string, process: string): number | null {
  const speeds = (
    db
      .prepare(
        `SELECT c.average_speed AS v FROM operators o JOIN operator_process_capabilities c USING (operator_id)
         WHERE o.location_name = ? AND o.is_valid = 1 AND c.process_name = ? AND c.average_speed > 0`,
      )
      .all(site, process) as { v: number }[]
  ).map((r) => r.v / 60);
  return speeds.length > 0 ? median(speeds) : null;
}

/**
 * Overtime risk: at today's speed a site's work runs past the end of the workday. The
 * overtime is the work left at the end of the day in person-minutes (items ÷ a person's
 * registered pace), per site, with the people it takes to do it within the overtime limit.
 */
function overtimeRisk(i: RuleInputs, all: readonly ProcessProgress[], endHm: string, maxOvertime: number): AlertCandidate[] {
  const today = localDate(i.now, i.timeZone);
  const [y, m, d] = today.split('-').map(Number);
  const end = zonedEpoch(i.timeZone, y!, m!, d!, Number(endHm.slice(0, 2)), Number(endHm.slice(3, 5)));
  const bySite = new Map<string, { p: ProcessProgress; minutes: number; personMinutes: number }[]>();
  for (const p of all) {
    if (p.remaining <= 0 || p.projectedFinish === null || p.projectedFinish <= end || !p.speedPerMinute) continue;
    const left = Math.min(p.remaining, p.speedPerMinute * ((p.projectedFinish - end) / MINUTE));
    const pace = perPersonPerMinute(i.db, p.site, p.process);
    if (pace === null) continue;
    bySite.set(p.site, [...(bySite.get(p.site) ?? []), { p, minutes: Math.round((p.projectedFinish - end) / MINUTE), personMinutes: Math.round(left / pace) }]);
  }
  return [...bySite].map(([site, list]) => {
    list.sort((a, b) => b.personMinutes - a.personMinutes);
    const total = list.reduce((s, x) => s + x.personMinutes, 0);
    const people = Math.max(1, Math.ceil(total / Math.max(1, maxOvertime)));
    return {
      key: `overtime_risk|${site}|${today}`,
      kind: 'overtime_risk' as const,
      severity: total >= people * maxOvertime && total > maxOvertime ? ('critical' as const) : ('warning' as const),
      site,
      process: list[0]!.p.process,
      title: {
        ja: `${site}: 終業${endHm}を過ぎる見込み（${list.map((x) => `${x.p.process} 約${x.minutes}分`).join('、')}）。残業 約${total}人分（${people}名×約${Math.ceil(total / people)}分）`,
        en: `${site}: work runs past the ${endHm} end of day (${list.map((x) => `${x.p.process} about ${x.minutes} min`).join(', ')}); about ${total} person-minutes of overtime (${people} × about ${Math.ceil(total / people)} min)`,
      },
      detail: {
        date: today,
        personMinutes: total,
        people,
        processes: list.map((x) => ({ process: x.p.process, businessId: x.p.businessId, minutesPastEnd: x.minutes, personMinutes: x.personMinutes })),
      },
      dataAsOf: Math.max(...list.map((x) => x.p.snapshotTime)),
      request: moveRequest(list[0]!.p, i),
    };
  });
}

/**
 * Arrivals above the forecast: a site's items today above the P90 its forecast gave them (made
 * from the history before today). A site's P90 combines its series' spreads as independent;
 * one series above its own band is a tenth of all days by design, a whole site far less. The
 * alert names the series above their own P90, and the remedy is a move where that work is late.
 */
function arrivalsSurge(i: RuleInputs, all: readonly ProcessProgress[]): AlertCandidate[] {
  const today = localDate(i.now, i.timeZone);
  if (!isWorkingDay(today)) return [];
  // Today's items as re-estimated during the day: once a day's items are all in, what arrived; until then, what is expected.
  const sites = new Map<
    string,
    {
      arrived: number;
      total: number;
      complete: boolean;
      p50: number;
      spread: number;
      over: { process: string; businessId: string; items: number; p50: number; p90: number }[];
    }
  >();
  for (const s of todayArrivals(i.db, { now: i.now, timeZone: i.timeZone })) {
    const fc = s.forecast;
    if (!fc) continue;
    const total = Math.round(s.total.p50);
    const site = sites.get(s.site) ?? { arrived: 0, total: 0, complete: true, p50: 0, spread: 0, over: [] };
    site.arrived += s.arrived;
    site.total += total;
    site.complete &&= s.complete;
    site.p50 += fc.p50;
    site.spread += (fc.p90 - fc.p50) ** 2;
    if (total > fc.p90) site.over.push({ process: s.process, businessId: s.businessId, items: total, p50: Math.round(fc.p50), p90: Math.round(fc.p90) });
    sites.set(s.site, site);
  }
  return [...sites].flatMap(([site, t]) => {
    const p90 = Math.round(t.p50 + Math.sqrt(t.spread));
    if (t.total <= p90) return [];
    const late = lateAt(all, site);
    const list = t.over.sort((a, b) => b.items - b.p90 - (a.items - a.p90));
    // A process runs for several businesses: each named with its business, by name where the company gives one.
    const name = (id: string): string => i.overview.businessNames[id] ?? id;
    // Counts of thousands read with separators, as everywhere else.
    const n = (v: number): string => Math.round(v).toLocaleString('en-US');
    const most = {
      ja: list.length > 0 ? `。多いのは ${list.map((x) => `${x.process}・${name(x.businessId)} ${n(x.items)}件（上限 ${n(x.p90)}件）`).join('、')}` : '',
      en: list.length > 0 ? `; most over: ${list.map((x) => `${x.process} · ${name(x.businessId)} ${n(x.items)} (P90 ${n(x.p90)})`).join(', ')}` : '',
    };
    return [
      {
        key: `arrivals_surge|${site}|${today}`,
        kind: 'arrivals_surge' as const,
        severity: late.some((p) => isCriticalDelay(p, i.config.criticalLateMinutes)) ? ('critical' as const) : ('warning' as const),
        site,
        process: list[0]?.process ?? null,
        title: t.complete
          ? {
              ja: `${site}: 今日の入荷 ${n(t.total)}件が予測の上限を超えています（予測 ${n(t.p50)}件、P90 ${n(p90)}件）${most.ja}`,
              en: `${site}: ${n(t.total)} items arrived today, above the forecast's P90 (forecast ${n(t.p50)}, P90 ${n(p90)})${most.en}`,
            }
          : {
              ja: `${site}: 今日の入荷は ${n(t.total)}件の見込みで、予測の上限を超えそうです（${formatHm(i.now, i.timeZone)}までに ${n(t.arrived)}件到着、予測 ${n(t.p50)}件、P90 ${n(p90)}件）${most.ja}`,
              en: `${site}: today's items are heading for ${n(t.total)}, above the forecast's P90 (${n(t.arrived)} arrived by ${formatHm(i.now, i.timeZone)}; forecast ${n(t.p50)}, P90 ${n(p90)})${most.en}`,
            },
        detail: { date: today, items: t.total, arrived: t.arrived, p50: Math.round(t.p50), p90, series: list, late: late.map((p) => p.process) },
        dataAsOf: i.now,
        request: moveRequest(late[0], i),
      },
    ];
  });
}

/** The planning rules: absence surge, overtime risk, arrivals above the forecast, tomorrow's plan gone stale. Each stays quiet where its table is empty. */
export function planningRules(i: RuleInputs, all: readonly ProcessProgress[]): AlertCandidate[] {
  return [
    ...absenceSurge(i, all),
    ...overtimeRisk(i, all, i.workday.workday.end, i.workday.maxOvertimeMinutes),
    ...(i.config.arrivalsAboveForecast ? arrivalsSurge(i, all) : []),
    ...planOutdated(i),
  ];
}
