import type Database from 'better-sqlite3';
import { localDate } from '../config/zonedTime.js';
import { reusedOr } from '../store/computedResults.js';
import { lastSnapshotId } from '../store/progressSnapshots.js';
import type { SeriesForecast, StoreForecast } from '../api/planTypes.js';
import { dailyVolumes } from './dailyVolumes.js';
import { forecastSeries, MIN_HISTORY } from './forecastSeries.js';
import { dayComplete } from './reforecastDay.js';
import { arrivedToday } from './todayArrivals.js';
import { nextWorkingDays } from './workCalendar.js';

export type { SeriesForecast, StoreForecast } from '../api/planTypes.js';

/**
 * Items expected per series on each of the next `days` working days after today, from the
 * daily history up to today. Today counts once its items are in (by this time of day nearly
 * every earlier day had received all of its items); a day still filling up would read as a
 * light one, so until then the history ends yesterday. Computed on demand from the store, so
 * it is re-estimated after every sync without a job of its own.
 */
export function forecastStore(db: Database.Database, o: { now: number; timeZone: string; days: number }): StoreForecast {
  const asOf = localDate(o.now, o.timeZone);
  // The forecast changes only when what it is made from does: one per store, day and horizon until then (a chat
  // question, the plan and the Plan view then share it instead of refitting 50 series each: docs/bench/2026-11-26-forecast-refit-costs.md).
  const { version, filling } = forecastInputs(db, o);
  const key = `${asOf}|${o.days}|${o.timeZone}|${version}`;
  const cached = memo.get(db);
  if (cached?.key === key) return cached.value;
  // Kept in the store as well: every `genba` command is a new process, and the app restarts (computedResults.ts).
  const value = reusedOr(db, 'forecast', key, () => compute(db, asOf, o, filling));
  memo.set(db, { key, value });
  return value;
}

const companyKey = (date: string, site: string, businessId: string, process: string): string => `${date}\u0000${site}\u0000${businessId}\u0000${process}`;

/**
 * The company's own forecasts for these dates (workload_forecasts), by date, site, business and
 * process: the latest row of each where the company revised one.
 */
function companyForecasts(db: Database.Database, dates: string[]): Map<string, number> {
  const out = new Map<string, number>();
  if (dates.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT forecast_date AS date, location_name AS site, business_id AS businessId, process_name AS process, forecast_items AS items
       FROM workload_forecasts WHERE forecast_date IN (${dates.map(() => '?').join(',')}) ORDER BY updated_at, forecast_id`,
    )
    .all(...dates) as { date: string; site: string; businessId: string; process: string; items: number }[];
  for (const r of rows) out.set(companyKey(r.date, r.site, r.businessId, r.process), r.items);
  return out;
}

const memo = new WeakMap<Database.Database, { key: string; value: StoreForecast }>();

/**
 * What the store's forecast is made from at `now`, as one string (equal: the same forecast): the
 * arrivals, snapshots and company forecasts it reads, and the series whose today is still filling
 * up (`filling`: their history ends yesterday). Whether today's items are in depends on the time
 * of day as well as on the rows (a company that records its own arrivals, a store holding the
 * whole day): asked at 11:30 and again at 15:00 with the same rows, the answer is 15:00's, as a
 * fresh process gives. Without earlier days to compare (no profile), today counts: its items are
 * taken as in. A stored plan's inputs (planInputsVersion) include this.
 */
export function forecastInputs(db: Database.Database, o: { now: number; timeZone: string }): { version: string; filling: Set<string> } {
  const rows = db
    .prepare(
      `SELECT (SELECT COUNT(*) || ':' || COALESCE(MAX(updated_at), 0) FROM arrivals) AS a,
         (SELECT COUNT(*) || ':' || COALESCE(MAX(updated_at), 0) FROM workload_forecasts) AS f`,
    )
    .get() as { a: string; f: string };
  const inputs = `${rows.a}/${lastSnapshotId(db)}/${rows.f}`;
  const filling = new Set(arrivedToday(db, o).flatMap((a) => (a.share !== null && !dayComplete(a.share) ? [a.key] : [])));
  return { version: `${inputs}/${[...filling].sort().join('\u0000')}`, filling };
}

function compute(db: Database.Database, asOf: string, o: { days: number; timeZone: string }, filling: Set<string>): StoreForecast {
  const dates = nextWorkingDays(asOf, o.days);
  const company = companyForecasts(db, dates);
  const series: SeriesForecast[] = [];
  const tooShort: StoreForecast['tooShort'] = [];
  for (const s of dailyVolumes(db, { timeZone: o.timeZone, until: asOf })) {
    if (s.values.length < MIN_HISTORY) {
      tooShort.push({ key: s.key, historyDays: s.values.length });
      continue;
    }
    const { values: all, ...rest } = s;
    const values = filling.has(s.key) ? all.filter((v) => v.date < asOf) : all;
    const days = forecastSeries(values, dates).map((d) => {
      const own = company.get(companyKey(d.date, s.site, s.businessId, s.process));
      return own === undefined ? d : { ...d, company: own };
    });
    series.push({ ...rest, historyDays: values.length, days });
  }
  return { asOf, dates, series, tooShort, minHistory: MIN_HISTORY };
}
