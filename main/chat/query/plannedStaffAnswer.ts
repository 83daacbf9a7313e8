import type { AskQuery } from '../../api/askQuery.js';
import { businessLabel } from '../../api/businessLabel.js';
import { localize, type Localized } from '../../api/localized.js';
import { formatHm } from '../../config/zonedTime.js';
import { attendanceOn } from '../../plan/attendance.js';
import { PLANNING_TEXTS as P } from './planningTexts.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';

/**
 * Who the daily assignments put to work (planned_staff): over several days each day's people per site, on one day each
 * site's processes, and where no plan is recorded yet the roster of the attendance records. `lead` is said first (a
 * closed day named); `when` names the days asked.
 */
export function plannedStaffAnswer(
  q: AskQuery,
  c: QueryContext,
  o: { dates: readonly string[]; today: string; lead: readonly string[]; when: string },
): QueryAnswer {
  const L = <A extends unknown[]>(t: Localized<(...a: A) => string>, ...a: A): string => localize(c.lang, t)(...a);
  const dayName = (d: string): string => L(P.day, d);
  const { dates, today, lead, when } = o;
  // planned_staff over several days: each day's people per site, or its roster when no plan is recorded yet.
  if (dates.length > 1) {
    const perSite = c.db.prepare(
      `SELECT location_name AS site, COUNT(DISTINCT operator_id) AS people FROM daily_assignments
       WHERE assignment_date = ? AND (? = 0 OR location_name IN (SELECT value FROM json_each(?)))
         AND (? = 0 OR process_name IN (SELECT value FROM json_each(?))) GROUP BY location_name ORDER BY location_name`,
    );
    const days = dates.map((d) => ({
      d,
      sites: perSite.all(d, q.site.length, JSON.stringify(q.site), q.process.length, JSON.stringify(q.process)) as { site: string; people: number }[],
    }));
    return {
      text: [
        ...lead,
        L(P.plannedDaysHead, when),
        ...days.map(({ d, sites }) =>
          sites.length > 0
            ? L(
                P.plannedDay,
                dayName(d),
                sites.reduce((n, x) => n + x.people, 0),
                sites.map((x): [string, number] => [x.site, x.people]),
              )
            : L(
                P.plannedDayNone,
                dayName(d),
                attendanceOn(c.db, d, q.site).reduce((n, x) => n + x.rostered - x.absent - x.paidLeave, 0),
              ),
        ),
      ].join('\n'),
      table: { columns: ['date', 'site', 'people'], rows: days.flatMap(({ d, sites }) => sites.map((x) => [d, x.site, x.people])) },
    };
  }
  // planned_staff: the day's assignments, or the rostered headcount when no plan is recorded yet. A business named splits
  // the process by it («札幌のSSエントリ1に何人»); «now» is those whose assignment covers this minute (a half day each).
  const date = dates[dates.length - 1]!;
  const byBusiness = q.business.length > 0;
  const at = q.time === 'now' && date === today ? c.now : null;
  const rows = c.db
    .prepare(
      `SELECT location_name AS site, process_name AS process, CASE WHEN @byBusiness THEN business_id END AS business,
              COUNT(DISTINCT operator_id) AS people FROM daily_assignments
       WHERE assignment_date = @date AND (@at IS NULL OR (start_time <= @at AND @at < end_time))
       GROUP BY location_name, process_name, 3 ORDER BY location_name, process_name, 3`,
    )
    .all({ date, at, byBusiness: byBusiness ? 1 : 0 }) as { site: string; process: string; business: string | null; people: number }[];
  const chosen = rows.filter(
    (r) =>
      (q.site.length === 0 || q.site.includes(r.site)) &&
      (q.process.length === 0 || q.process.includes(r.process)) &&
      (!byBusiness || (r.business !== null && q.business.includes(r.business))),
  );
  const label = (r: (typeof rows)[number]): string =>
    r.business === null ? `${r.site} ${r.process}` : `${r.site} ${r.process}（${localize(c.lang, businessLabel(c.overview().businessNames, r.business))}）`;
  if (chosen.length === 0 && rows.length > 0) {
    // The day has its assignments, none on what was asked: said so, with who is on the same lines under other businesses
    // («大阪のレセ検証» when 大阪 検証 works SS and the survey today), never that nothing is recorded for the day.
    const what = [q.site.join('・'), q.process.join('・'), q.business.map((b) => localize(c.lang, businessLabel(c.overview().businessNames, b))).join('・')]
      .filter(Boolean)
      .join(' ');
    const near = rows.filter((r) => (q.site.length === 0 || q.site.includes(r.site)) && (q.process.length === 0 || q.process.includes(r.process)));
    return {
      text: [...lead, L(P.noneOnIt, dayName(date), what), ...near.map((r) => L(P.plannedRow, label(r), r.people))].join('\n'),
      table: { columns: ['site', 'process', 'people'], rows: [] },
    };
  }
  if (chosen.length === 0) {
    const rostered = attendanceOn(c.db, date, q.site).reduce((n, s) => n + s.rostered - s.absent - s.paidLeave, 0);
    return { text: [...lead, L(P.noPlan, dayName(date), rostered)].join('\n'), table: { columns: ['site', 'process', 'people'], rows: [] } };
  }
  // Asked who («who's on Sapporo SS entry 1?», 「誰が入ってる？」): each line's people by name, as the assignments hold them.
  const names = q.asks.includes('names')
    ? c.db.prepare(
        `SELECT DISTINCT o.operator_name AS name FROM daily_assignments a JOIN operators o ON o.operator_id = a.operator_id
          WHERE a.assignment_date = @date AND a.location_name = @site AND a.process_name = @process
            AND (@business IS NULL OR a.business_id = @business) AND (@at IS NULL OR (a.start_time <= @at AND @at < a.end_time))
          ORDER BY o.operator_name`,
      )
    : null;
  const namesOf = (r: (typeof rows)[number]): string =>
    names === null
      ? ''
      : L(
          P.plannedNames,
          (names.all({ date, site: r.site, process: r.process, business: r.business, at }) as { name: string }[]).map((x) => x.name),
        );
  return {
    text: [
      ...lead,
      at === null ? L(P.plannedHead, dayName(date)) : L(P.plannedNowHead, dayName(date), formatHm(at, c.timeZone)),
      ...chosen.map((r) => L(P.plannedRow, label(r), r.people) + namesOf(r)),
    ].join('\n'),
    table: { columns: ['site', 'process', 'people'], rows: chosen.map((r) => [r.site, r.process, r.people]) },
  };
}
