import type { AskQuery } from '../../api/askQuery.js';
import { localize } from '../../api/localized.js';
import { formatHm, localDate } from '../../config/zonedTime.js';
import { attendanceOn } from '../../plan/attendance.js';
import { unitFor } from '../../api/englishCount.js';
import { MEASURES } from './measures.js';
import { PLANNING_TEXTS as P } from './planningTexts.js';
import { QUERY_TEXTS as QT } from './queryTexts.js';
import type { QueryAnswer, QueryContext } from './queryContext.js';
import type { QueryWindow } from './queryWindow.js';

/**
 * A named person's day in the attendance records (「清水さんは今日来てる？」 "is she in today?"): present, late, absent, on
 * leave or only scheduled, with the site. A count of people over one person ("0 people") says none of that. Null for a
 * span of several days, which stays a count.
 */
export function personAttendance(q: AskQuery, c: QueryContext, w: QueryWindow): QueryAnswer | null {
  const day = localDate(w.from, c.timeZone);
  if (q.operator.length === 0 || day !== localDate(Math.max(w.from, w.to - 1), c.timeZone)) return null;
  const people = attendanceOn(c.db, day).flatMap((s) => s.people.map((p) => ({ ...p, site: s.site })));
  const status = localize(c.lang, P.status);
  const S = (t: { ja: string; en: string }): string => localize(c.lang, t);
  // The measure's own figure for each person that day (1: in the count, 0: not), as a count over them would give.
  // A day ahead has no clock-ins: who is rostered and not on leave is who is due in.
  const ahead = w.ahead;
  const counted = q.measure === 'absence' ? ['absent', 'paid_leave'] : ahead ? ['present', 'late', 'scheduled'] : ['present', 'late'];
  const rows = q.operator.map((name) => {
    const p = people.find((x) => x.name === name);
    // When they were due and when they clocked in, as the records hold them («中村さん何時に来た？»).
    const times = p ? [p.plannedStart, p.actualStart] : [null, null];
    const said = times.every((t) => t === null) ? '' : localize(c.lang, TIMES)(times.map((t) => (t === null ? null : formatHm(t, c.timeZone))));
    return { name, site: p?.site ?? null, status: p ? `${status[p.status]}${said}` : null, n: p && counted.includes(p.status) ? 1 : 0 };
  });
  const date = new Intl.DateTimeFormat('en-US', { timeZone: c.timeZone, month: 'numeric', day: 'numeric' }).format(w.from);
  const T = localize(c.lang, {
    ja: { head: `勤怠（${date}、勤怠記録）:`, none: '記録なし（その日の予定がありません）' },
    en: { head: `Attendance on ${date} (attendance records):`, none: 'no record (not rostered that day)' },
  });
  // The count over the people named leads, in its unit, as every figure does; then each one's state.
  const n = rows.reduce((x, r) => x + r.n, 0);
  const m = MEASURES[q.measure === 'absence' ? 'absence' : 'attendance'];
  const [unit, label] = [localize(c.lang, m.unit), localize(c.lang, m.label)];
  // Whether they are in or off, asked of one day (「明日出勤？」 "is she off tomorrow?"): yes or no when the records say it of
  // every person named; a day ahead says that only leave asked for ahead is known.
  const verdict =
    q.op !== 'check' || c.verdict === false || rows.some((r) => r.site === null) || (n !== 0 && n !== rows.length)
      ? ''
      : `${localize(c.lang, n === 0 ? QT.no : QT.yes)}${S({ ja: '', en: ' ' })}`;
  return {
    text: [
      `${verdict}${T.head} ${label} ${n} / ${rows.length} ${unitFor(rows.length, unit)}`,
      ...rows.map((r) => `- ${r.name}${r.site ? localize(c.lang, { ja: `（${r.site}）`, en: ` (${r.site})` }) : ''}: ${r.status ?? T.none}`),
      ...(ahead ? [localize(c.lang, P.aheadNote)] : []),
    ].join('\n'),
    table: { columns: ['name', q.measure ?? ''], rows: rows.map((r) => [r.name, r.n]) },
  };
}

/** A person's planned start and clock-in, each only when recorded. */
const TIMES = {
  ja: ([planned, actual]: (string | null)[]) => `（${[planned && `予定 ${planned}`, actual && `出勤 ${actual}`].filter(Boolean).join('、')}）`,
  en: ([planned, actual]: (string | null)[]) => ` (${[planned && `due ${planned}`, actual && `clocked in ${actual}`].filter(Boolean).join(', ')})`,
};
