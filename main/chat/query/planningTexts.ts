import { count } from '../../api/englishCount.js';
import type { Localized } from '../../api/localized.js';
import { dayFigure, weekdayName } from '../../api/figures.js';

const hm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The sentences of the planning answers (attendance, overtime, forecast, plan): every figure with its unit and its day. */
/** The share of the person-days rostered that were worked (present or late): what a manager calls the attendance rate. */
const attended = (absent: number, leave: number, rostered: number): string =>
  rostered === 0 ? '—' : `${(Math.round(((rostered - absent - leave) / rostered) * 1000) / 10).toFixed(1)}%`;

export const PLANNING_TEXTS = {
  day: { ja: (date: string) => dayFigure(date, 'ja'), en: (date: string) => dayFigure(date, 'en') } as Localized<(date: string) => string>,
  span: { ja: (a: string, b: string) => `${a}〜${b}`, en: (a: string, b: string) => `${a}–${b}` } as Localized<(a: string, b: string) => string>,
  /** A named period with its days: 「今月（10/1（水）〜10/23（木））」, "this month (Wed 10/1–Thu 10/23)". */
  spanWithDays: { ja: (name: string, days: string) => `${name}（${days}）`, en: (name: string, days: string) => `${name} (${days})` } as Localized<
    (name: string, days: string) => string
  >,
  weekday: { ja: (dow: number) => `${weekdayName(dow, 'ja')}曜`, en: (dow: number) => weekdayName(dow, 'en') } as Localized<(dow: number) => string>,
  closed: {
    ja: (day: string, next: string) => `${day}は休業日です（土日・祝日・年末年始）。次の営業日は${next}です。`,
    en: (day: string, next: string) => `${day} is not a working day (weekend, holiday or year-end closure). The next working day is ${next}.`,
  } as Localized<(day: string, next: string) => string>,
  absentTable: {
    ja: (table: string) => `会社データベースに${table}テーブルがないため、お答えできません（計画システム AIMEE の表です）。`,
    en: (table: string) => `The company database has no ${table} table (the AIMEE planning system's), so Genba cannot answer this.`,
  } as Localized<(table: string) => string>,
  emptyTable: {
    ja: (table: string) => `${table}のデータがまだ同期されていません。同期が終わればお答えできます。`,
    en: (table: string) => `No ${table} rows are synced yet. Genba can answer once a sync has brought them.`,
  } as Localized<(table: string) => string>,
  attendanceHead: {
    ja: (day: string) => `${day}の出勤状況（勤怠記録、在籍者のみ）:`,
    en: (day: string) => `Attendance on ${day} (attendance records, current staff):`,
  } as Localized<(day: string) => string>,
  attendanceSite: {
    ja: (site: string, rostered: number, working: number, absent: number, leave: number, late: number, scheduled: number, rate: string, usual: string) =>
      `- ${site}: ${rostered}名中 出勤${working}名${late > 0 ? `（うち遅刻${late}名）` : ''}${scheduled > 0 ? `・予定${scheduled}名` : ''}、休み${absent + leave}名（欠勤${absent}名、有給${leave}名）。休みの率（欠勤＋有給）${rate}${usual}`,
    en: (site: string, rostered: number, working: number, absent: number, leave: number, late: number, scheduled: number, rate: string, usual: string) =>
      `- ${site}: of ${rostered} rostered, ${working} at work${late > 0 ? ` (${late} late)` : ''}${scheduled > 0 ? `, ${scheduled} scheduled` : ''}, ${absent + leave} off (${absent} absent, ${leave} on paid leave). Off (absent + paid leave) ${rate}${usual}`,
  } as Localized<
    (site: string, rostered: number, working: number, absent: number, leave: number, late: number, scheduled: number, rate: string, usual: string) => string
  >,
  rosterSite: {
    ja: (site: string, rostered: number, scheduled: number, leave: number) => `- ${site}: ${rostered}名中 出勤予定${scheduled}名、有給（事前申請）${leave}名`,
    en: (site: string, rostered: number, scheduled: number, leave: number) =>
      `- ${site}: of ${rostered} rostered, ${scheduled} scheduled to work, ${leave} on paid leave (asked for ahead)`,
  } as Localized<(site: string, rostered: number, scheduled: number, leave: number) => string>,
  periodHead: {
    ja: (span: string, days: number) => `${span}の欠勤・休み（勤怠記録、${days}営業日、在籍者のみ。通常は直前の約8週）:`,
    en: (span: string, days: number) => `Absence ${span} (attendance records, ${count(days, 'working day')}, current staff; usual: the 8 weeks before):`,
  } as Localized<(span: string, days: number) => string>,
  periodSite: {
    ja: (site: string, absent: number, leave: number, rostered: number, rate: string, usual: string) =>
      `- ${site}: 欠勤 ${absent.toLocaleString('ja-JP')}人日・有給 ${leave.toLocaleString('ja-JP')}人日（延べ ${rostered.toLocaleString('ja-JP')}人日、出勤率 ${attended(absent, leave, rostered)}）、休みの率（欠勤＋有給）${rate}（通常 ${usual}）`,
    en: (site: string, absent: number, leave: number, rostered: number, rate: string, usual: string) =>
      `- ${site}: ${absent.toLocaleString('en-US')} person-days absent, ${leave.toLocaleString('en-US')} on paid leave (of ${rostered.toLocaleString('en-US')}; attended ${attended(absent, leave, rostered)}), off (absent + paid leave) ${rate} (usually ${usual})`,
  } as Localized<(site: string, absent: number, leave: number, rostered: number, rate: string, usual: string) => string>,
  usual: {
    ja: (rate: string, weekday: string, days: number) => `（通常 ${rate}: 直近${days}回の${weekday}）`,
    en: (rate: string, weekday: string, days: number) => ` (usually ${rate}: the last ${days} ${weekday}s)`,
  } as Localized<(rate: string, weekday: string, days: number) => string>,
  absentees: {
    ja: (people: [string, string][]) => `  休み: ${people.map(([name, status]) => `${name}（${status}）`).join('、')}`,
    en: (people: [string, string][]) => `  Off: ${people.map(([name, status]) => `${name} (${status})`).join(', ')}`,
  } as Localized<(people: [string, string][]) => string>,
  latecomers: {
    ja: (names: string[]) => `  遅刻: ${names.join('、')}`,
    en: (names: string[]) => `  Late: ${names.join(', ')}`,
  } as Localized<(names: string[]) => string>,
  status: {
    ja: { absent: '欠勤', paid_leave: '有給', late: '遅刻', present: '出勤', scheduled: '予定' },
    en: { absent: 'absent', paid_leave: 'paid leave', late: 'late', present: 'present', scheduled: 'scheduled' },
  } as Localized<Record<'absent' | 'paid_leave' | 'late' | 'present' | 'scheduled', string>>,
  aheadNote: {
    ja: '明日以降は有給など事前に分かっている休みだけが記録されています。当日の欠勤は含みません。',
    en: 'For days ahead only leave known in advance is recorded; unplanned absence is not.',
  } as Localized,
  byWeekdayHead: {
    ja: (what: string, weeks: number) => `${what}の曜日別欠勤率（直近${weeks}週、欠勤＋有給）:`,
    en: (what: string, weeks: number) => `Absence by weekday at ${what} (last ${weeks} weeks, absence and paid leave):`,
  } as Localized<(what: string, weeks: number) => string>,
  weekdayRate: {
    ja: (weekday: string, rate: string, days: number) => `- ${weekday}: ${rate}（${days}日）`,
    en: (weekday: string, rate: string, days: number) => `- ${weekday}: ${rate} (${count(days, 'day')})`,
  } as Localized<(weekday: string, rate: string, days: number) => string>,
  allSites: { ja: '全拠点', en: 'all sites' } as Localized,
  /** The total of the sites a question named: 「品川・大阪の計」 "Shinagawa and Osaka together", never «all sites». */
  namedSites: { ja: (sites: string) => `${sites}の計`, en: (sites: string) => `${sites} together` } as Localized<(sites: string) => string>,
  listSep: { ja: '・', en: ' and ' } as Localized,
  overtimeHead: {
    ja: (when: string) => `残業（勤怠記録の実績終了−予定終了、${when}）:`,
    en: (when: string) => `Overtime (actual minus planned end in the attendance records, ${when}):`,
  } as Localized<(when: string) => string>,
  overtimeSite: {
    ja: (site: string, minutes: number, people: number) => `- ${site}: ${minutes.toLocaleString('ja-JP')}分（${(minutes / 60).toFixed(1)}時間）、${people}名`,
    en: (site: string, minutes: number, people: number) =>
      `- ${site}: ${minutes.toLocaleString('en-US')} min (${(minutes / 60).toFixed(1)} h), ${count(people, 'person', 'people')}`,
  } as Localized<(site: string, minutes: number, people: number) => string>,
  overtimeNone: { ja: (when: string) => `${when}の残業はありません。`, en: (when: string) => `No overtime ${when}.` } as Localized<(when: string) => string>,
  /** Overtime asked of today alone: its actual end times are recorded after the day, so «none» would be a guess. */
  overtimeToday: {
    ja: '今日の残業は、その日の終業の実績が揃うまで数えていません（「残業なし」とは言えません）。昨日までの残業ならお答えできます。',
    en: "Genba counts a day's overtime once its actual end times are in, so it cannot tell today's (nor say there is none). It can give overtime up to yesterday.",
  } as Localized,
  overtimeAhead: {
    ja: '明日以降の残業は実績がまだないため、配置計画で見込みを出します（「明日の配置を提案して」）。',
    en: 'Overtime ahead has no actuals yet: the staffing plan projects it ("propose tomorrow\'s staffing").',
  } as Localized,
  forecastHead: {
    ja: (day: string, asOf: string) => `${day}の物量予測（件、${asOf}までの実績から。中央値と80%区間 P10〜P90）:`,
    en: (day: string, asOf: string) => `Forecast items for ${day} (from actuals up to ${asOf}; median and 80 % interval P10–P90):`,
  } as Localized<(day: string, asOf: string) => string>,
  forecastRow: {
    ja: (what: string, p50: number, p10: number, p90: number) =>
      `- ${what}: ${p50.toLocaleString('ja-JP')}件（${p10.toLocaleString('ja-JP')}〜${p90.toLocaleString('ja-JP')}）`,
    en: (what: string, p50: number, p10: number, p90: number) =>
      `- ${what}: ${p50.toLocaleString('en-US')} items (${p10.toLocaleString('en-US')}–${p90.toLocaleString('en-US')})`,
  } as Localized<(what: string, p50: number, p10: number, p90: number) => string>,
  todayHead: {
    ja: (day: string, at: string) => `${day}の入荷（件、${at}時点。到着済みと、今日これから届く見込み：中央値と P10〜P90）:`,
    en: (day: string, at: string) => `Items for ${day} (as of ${at}: arrived so far, and still expected today: median and P10–P90):`,
  } as Localized<(day: string, at: string) => string>,
  todayRow: {
    ja: (what: string, arrived: number, rest: number, lo: number, hi: number, total: number, forecast: number | null) =>
      `- ${what}: 到着済み ${arrived.toLocaleString('ja-JP')}件、あと約${rest.toLocaleString('ja-JP')}件（${lo.toLocaleString('ja-JP')}〜${hi.toLocaleString('ja-JP')}）、今日の合計 約${total.toLocaleString('ja-JP')}件${forecast === null ? '' : `（前日までの予測 ${forecast.toLocaleString('ja-JP')}件）`}`,
    en: (what: string, arrived: number, rest: number, lo: number, hi: number, total: number, forecast: number | null) =>
      `- ${what}: ${arrived.toLocaleString('en-US')} arrived, about ${rest.toLocaleString('en-US')} more expected (${lo.toLocaleString('en-US')}–${hi.toLocaleString('en-US')}), about ${total.toLocaleString('en-US')} for the day${forecast === null ? '' : ` (forecast the day before: ${forecast.toLocaleString('en-US')})`}`,
  } as Localized<(what: string, arrived: number, rest: number, lo: number, hi: number, total: number, forecast: number | null) => string>,
  todayAllIn: {
    ja: (what: string, arrived: number, forecast: number | null) =>
      `- ${what}: 到着済み ${arrived.toLocaleString('ja-JP')}件、これ以上は見込んでいません${forecast === null ? '' : `（前日までの予測 ${forecast.toLocaleString('ja-JP')}件）`}`,
    en: (what: string, arrived: number, forecast: number | null) =>
      `- ${what}: ${arrived.toLocaleString('en-US')} arrived, no more expected${forecast === null ? '' : ` (forecast the day before: ${forecast.toLocaleString('en-US')})`}`,
  } as Localized<(what: string, arrived: number, forecast: number | null) => string>,
  todayAllInNote: {
    ja: (days: number) => `直近${days}営業日は、どの日もこの時刻までにその日の全量が届いていました。`,
    en: (days: number) => `On each of the last ${count(days, 'working day', 'working days')}, the whole day's items had arrived by this time.`,
  } as Localized<(days: number) => string>,
  todayNone: {
    ja: (day: string) => `${day}の入荷はまだ記録されていません（入荷表にも進捗スナップショットにも今日の行がありません）。`,
    en: (day: string) => `No items are recorded for ${day} yet (neither the arrivals table nor the progress snapshots have a row for today).`,
  } as Localized<(day: string) => string>,
  forecastSum: {
    ja: '複数系列の合計の区間は、系列ごとの誤差を独立とみなして合成しています。',
    en: "A total's interval combines its series' errors as if they were independent.",
  } as Localized,
  forecastTooShort: {
    ja: (n: number, min: number) => `実績が${min}営業日に満たない${n}系列は予測していません。`,
    en: (n: number, min: number) => `${count(n, 'series', 'series')} with fewer than ${min} working days of history ${n === 1 ? 'is' : 'are'} not forecast.`,
  } as Localized<(n: number, min: number) => string>,
  plannedHead: {
    ja: (day: string) => `${day}の配置（日次アサイン表）:`,
    en: (day: string) => `Assignments on ${day} (daily assignments):`,
  } as Localized<(day: string) => string>,
  /** The attendance records hold a status and times per person and day, never a reason: said before «why is she off?». */
  noReason: {
    ja: '※ 休みや遅刻の理由は勤怠記録にありません（記録にあるのは区分と時刻だけです）。記録にあることをお伝えします。',
    en: 'Note: the attendance records hold no reasons for absence or lateness (only the status and the times). Here is what they do say.',
  } as Localized,
  plannedNowHead: {
    ja: (day: string, hm: string) => `${day}の配置（日次アサイン表、${hm}に担当している人）:`,
    en: (day: string, hm: string) => `Assignments on ${day} (daily assignments, people on it at ${hm}):`,
  } as Localized<(day: string, hm: string) => string>,
  plannedRow: {
    ja: (what: string, people: number) => `- ${what}: ${people}名`,
    en: (what: string, people: number) => `- ${what}: ${count(people, 'person', 'people')}`,
  } as Localized<(what: string, people: number) => string>,
  /** After a line's count of people, when asked who: their names. */
  plannedNames: {
    ja: (names: string[]) => `（${names.join('、')}）`,
    en: (names: string[]) => ` (${names.join(', ')})`,
  } as Localized<(names: string[]) => string>,
  noneOnIt: {
    ja: (day: string, what: string) => `${day}の日次アサイン表で${what}に配置された人はいません。`,
    en: (day: string, what: string) => `Nobody is on ${what} on ${day} in the daily assignments.`,
  } as Localized<(day: string, what: string) => string>,
  noPlan: {
    ja: (day: string, rostered: number) => `${day}の配置はまだ登録されていません（勤怠上の出勤予定 ${rostered}名）。「明日の配置を提案して」で計画を作れます。`,
    en: (day: string, rostered: number) =>
      `No assignments are recorded for ${day} yet (${count(rostered, 'person', 'people')} rostered). Ask "propose tomorrow's staffing" for a plan.`,
  } as Localized<(day: string, rostered: number) => string>,
  planCard: {
    ja: (day: string, rostered: number, off: number, overtime: number, cross: number, asOf: string) =>
      `${day}の配置計画（予測は${asOf}までの実績から、P50に P80 への余裕を足した件数を納期までに）。勤怠 ${rostered}名（休み ${off}名）、残業 計${overtime.toLocaleString('ja-JP')}分、拠点間応援 ${cross}件（半日）。`,
    en: (day: string, rostered: number, off: number, overtime: number, cross: number, asOf: string) =>
      `A staffing plan for ${day} (forecast from actuals up to ${asOf}; P50 plus a buffer towards P80 done by each deadline): ${count(rostered, 'person', 'people')} rostered (${off} off), overtime ${overtime.toLocaleString('en-US')} min in all, cross-site help ${count(cross, 'half day', 'half days')}.`,
  } as Localized<(day: string, rostered: number, off: number, overtime: number, cross: number, asOf: string) => string>,
  planSites: {
    ja: (rows: [string, number][]) => `拠点ごとの人数: ${rows.map(([site, n]) => `${site} ${n}名`).join('、')}`,
    en: (rows: [string, number][]) => `People per site: ${rows.map(([site, n]) => `${site} ${n}`).join(', ')}`,
  } as Localized<(rows: [string, number][]) => string>,
  planDemand: {
    ja: (what: string, am: number, pm: number, p50: number, finish: number | null, deadline: number) =>
      `- ${what}: 午前${am}名・午後${pm}名、予測 ${p50.toLocaleString('ja-JP')}件、完了見込み ${finish === null ? '当日中に終わらない' : hm(finish)}（納期 ${hm(deadline)}）`,
    en: (what: string, am: number, pm: number, p50: number, finish: number | null, deadline: number) =>
      `- ${what}: ${am} in the morning, ${pm} in the afternoon; forecast ${p50.toLocaleString('en-US')} items; finish ${finish === null ? 'not within the day' : hm(finish)} (deadline ${hm(deadline)})`,
  } as Localized<(what: string, am: number, pm: number, p50: number, finish: number | null, deadline: number) => string>,
  planOvertime: {
    ja: (rows: [string, number, number][]) =>
      `残業の見込み: ${rows.map(([site, m, n]) => (m > 0 ? `${site} ${m.toLocaleString('ja-JP')}分（${n}名）` : `${site} なし`)).join('、')}`,
    en: (rows: [string, number, number][]) =>
      `Overtime in the plan: ${rows.map(([site, m, n]) => (m > 0 ? `${site} ${m.toLocaleString('en-US')} min (${count(n, 'person', 'people')})` : `${site} none`)).join(', ')}`,
  } as Localized<(rows: [string, number, number][]) => string>,
  planApproved: { ja: 'この日の計画は承認済みです。', en: 'The plan for this day has been approved.' } as Localized,
  planAllMet: {
    ja: 'どの業務も納期までに予測の件数を処理できる計画です。',
    en: "Every business's forecast is done by its deadline in this plan.",
  } as Localized,
  planShort: { ja: '不足:', en: 'Short:' } as Localized,
  /** Before the plan's notes on the company's final-check rule (finalCheck.ts): said beside the all-clear, never hidden by it. */
  planFinalCheck: { ja: '最終確認のルール:', en: 'Final check rule:' } as Localized,
  planDecide: {
    ja: (id: string) => `承認・修正は「配置計画」の画面で（計画 ID ${id}、CLI: genba approve ${id}）。`,
    en: (id: string) => `Approve or change it in the Staffing plan view (plan ${id}; CLI: genba approve ${id}).`,
  } as Localized<(id: string) => string>,
  planMake: {
    ja: (date: string) =>
      `この計画は質問に答えるための試算で、保存していません。承認するには「配置計画」の画面でこの日の計画を作ってください（CLI: genba plan --date ${date}）。`,
    en: (date: string) =>
      `This plan was worked out to answer the question and is not kept. To approve one, make the day's plan in the Staffing plan view (CLI: genba plan --date ${date}).`,
  } as Localized<(date: string) => string>,
  monthHead: {
    ja: (span: string) => `月別の欠勤率（勤怠記録、${span}。欠勤＋有給の人日 ÷ 延べ人日、在籍者のみ）:`,
    en: (span: string) => `Absence by month (attendance records, ${span}; absent and paid-leave person-days over person-days rostered, current staff):`,
  } as Localized<(span: string) => string>,
  monthTotal: {
    ja: (month: string, days: number, scope: string, rate: string, absent: number, leave: number, rostered: number) =>
      `- ${month}（${days}営業日）: ${scope} ${rate}（欠勤 ${absent.toLocaleString('ja-JP')}人日・有給 ${leave.toLocaleString('ja-JP')}人日 / 延べ ${rostered.toLocaleString('ja-JP')}人日）`,
    en: (month: string, days: number, scope: string, rate: string, absent: number, leave: number, rostered: number) =>
      `- ${month} (${count(days, 'working day')}): ${scope} ${rate} (${absent.toLocaleString('en-US')} person-days absent, ${leave.toLocaleString('en-US')} on paid leave, of ${rostered.toLocaleString('en-US')})`,
  } as Localized<(month: string, days: number, scope: string, rate: string, absent: number, leave: number, rostered: number) => string>,
  monthSite: {
    ja: (site: string, cells: [string, string][]) => `  ${site}: ${cells.map(([m, v]) => `${m} ${v}`).join(' / ')}`,
    en: (site: string, cells: [string, string][]) => `  ${site}: ${cells.map(([m, v]) => `${m} ${v}`).join(' / ')}`,
  } as Localized<(site: string, cells: [string, string][]) => string>,
  monthShort: {
    ja: (month: string) => `${Number(month.slice(5, 7))}月`,
    en: (month: string) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(month.slice(5, 7)) - 1]!,
  } as Localized<(month: string) => string>,
  monthCompare: {
    ja: (site: string, a: string, b: string, diff: string) => `- ${site}: ${a} → ${b}（${diff}）`,
    en: (site: string, a: string, b: string, diff: string) => `- ${site}: ${a} → ${b} (${diff})`,
  } as Localized<(site: string, a: string, b: string, diff: string) => string>,
  compareHead: {
    ja: (a: string, b: string, what: string) => `${a}と${b}の比較（${what}）:`,
    en: (a: string, b: string, what: string) => `${a} against ${b} (${what}):`,
  } as Localized<(a: string, b: string, what: string) => string>,
  points: {
    ja: (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}ポイント`,
    en: (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} points`,
  } as Localized<(d: number) => string>,
  absenceWhat: { ja: '欠勤率、欠勤＋有給の人日 ÷ 延べ人日', en: 'absence rate: absent and paid-leave person-days over person-days rostered' } as Localized,
  overtimeWhat: {
    ja: '残業、1営業日あたりの分。今日より前の実績のみ',
    en: 'overtime in minutes per working day; actuals before today only',
  } as Localized,
  perDay: {
    ja: (minutes: number, days: number) =>
      `${days > 0 ? (minutes / days).toFixed(1) : '—'}分/日（計${minutes.toLocaleString('ja-JP')}分・${(minutes / 60).toFixed(1)}時間、${days}営業日）`,
    en: (minutes: number, days: number) =>
      `${days > 0 ? (minutes / days).toFixed(1) : '—'} min/day (${minutes.toLocaleString('en-US')} min, ${(minutes / 60).toFixed(1)} h in ${count(days, 'working day')})`,
  } as Localized<(minutes: number, days: number) => string>,
  overtimeMonthHead: {
    ja: (span: string) => `月別の残業（勤怠記録の実績終了−予定終了、${span}。今日より前の実績のみ）:`,
    en: (span: string) => `Overtime by month (actual minus planned end in the attendance records, ${span}; actuals before today only):`,
  } as Localized<(span: string) => string>,
  overtimeMonthTotal: {
    ja: (month: string, days: number, scope: string, minutes: number, people: number) =>
      `- ${month}（${days}営業日）: ${scope} ${minutes.toLocaleString('ja-JP')}分（${(minutes / 60).toFixed(1)}時間）、${people}名`,
    en: (month: string, days: number, scope: string, minutes: number, people: number) =>
      `- ${month} (${count(days, 'working day')}): ${scope} ${minutes.toLocaleString('en-US')} min (${(minutes / 60).toFixed(1)} h), ${count(people, 'person', 'people')}`,
  } as Localized<(month: string, days: number, scope: string, minutes: number, people: number) => string>,
  minutesHours: {
    ja: (minutes: number) => `${minutes.toLocaleString('ja-JP')}分（${(minutes / 60).toFixed(1)}時間）`,
    en: (minutes: number) => `${minutes.toLocaleString('en-US')} min (${(minutes / 60).toFixed(1)} h)`,
  } as Localized<(minutes: number) => string>,
  actualsOnly: {
    ja: (span: string, days: number) => `実績があるのは昨日までの${span}（${days}営業日）です。今日以降の残業はまだ記録されていません。`,
    en: (span: string, days: number) => `Actuals cover ${span} (${count(days, 'working day')}), up to yesterday; overtime from today on is not recorded yet.`,
  } as Localized<(span: string, days: number) => string>,
  rosterDaysHead: {
    ja: (span: string) => `${span}の出勤予定（勤怠記録、在籍者のみ。日ごと・全拠点）:`,
    en: (span: string) => `Rostered ${span} (attendance records, current staff; each day, all sites):`,
  } as Localized<(span: string) => string>,
  rosterDay: {
    ja: (day: string, rostered: number, scheduled: number, leave: number) => `- ${day}: ${rostered}名中 出勤予定${scheduled}名、有給（事前申請）${leave}名`,
    en: (day: string, rostered: number, scheduled: number, leave: number) =>
      `- ${day}: of ${rostered} rostered, ${scheduled} scheduled to work, ${leave} on paid leave (asked for ahead)`,
  } as Localized<(day: string, rostered: number, scheduled: number, leave: number) => string>,
  forecastBeyond: {
    ja: (last: string) => `物量予測は10営業日先の${last}までです。それより先の日は予測していません。`,
    en: (last: string) => `The forecast reaches 10 working days ahead, to ${last}; later days are not forecast.`,
  } as Localized<(last: string) => string>,
  forecastPast: {
    ja: (when: string) => `${when}はもう過ぎています。物量予測は明日以降（10営業日先まで）の日について答えます。過ぎた日の実績は「入荷件数」でお尋ねください。`,
    en: (when: string) => `${when} is past. The forecast answers for days ahead (up to 10 working days); ask for arrivals for the actuals of a past day.`,
  } as Localized<(when: string) => string>,
  plannedDay: {
    ja: (day: string, people: number, sites: [string, number][]) => `- ${day}: 計${people}名（${sites.map(([s, n]) => `${s} ${n}名`).join('、')}）`,
    en: (day: string, people: number, sites: [string, number][]) =>
      `- ${day}: ${count(people, 'person', 'people')} (${sites.map(([s, n]) => `${s} ${n}`).join(', ')})`,
  } as Localized<(day: string, people: number, sites: [string, number][]) => string>,
  plannedDayNone: {
    ja: (day: string, rostered: number) => `- ${day}: 配置は未登録（出勤予定 ${rostered}名）`,
    en: (day: string, rostered: number) => `- ${day}: no assignments recorded yet (${count(rostered, 'person', 'people')} rostered)`,
  } as Localized<(day: string, rostered: number) => string>,
  plannedDaysHead: {
    ja: (span: string) => `${span}の配置（日次アサイン表、日ごとの人数）:`,
    en: (span: string) => `Assignments ${span} (daily assignments, people each day):`,
  } as Localized<(span: string) => string>,
  perDayDiff: {
    ja: (d: number) => `1営業日あたり ${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}分`,
    en: (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} min per working day`,
  } as Localized<(d: number) => string>,
  closedBefore: {
    ja: (day: string, prev: string) => `${day}は休業日です（土日・祝日・年末年始）。その前の営業日は${prev}です。`,
    en: (day: string, prev: string) => `${day} is not a working day (weekend, holiday or year-end closure). The working day before it is ${prev}.`,
  } as Localized<(day: string, prev: string) => string>,
} as const;
