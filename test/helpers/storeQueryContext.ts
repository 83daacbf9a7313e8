import type Database from 'better-sqlite3';
import type { Lang } from '../../main/api/localized.js';
import type { QueryContext } from '../../main/chat/query/queryContext.js';
import { defaultConfig } from '../../main/config/config.js';
import { overviewNow } from '../../main/placement/overviewNow.js';

/**
 * The planner's context on a store at `now` (Tokyo), for the semantic-model walks: one overview, and incidents and alerts
 * that throw, since the measures walked never read them (a read would be a test of the wrong engine).
 */
export function storeQueryContext(db: Database.Database, now: number, dayStart: number): (lang: Lang) => QueryContext {
  const cfg = defaultConfig();
  const overview = overviewNow(db, { now: () => now, config: () => cfg });
  return (lang) => ({
    db,
    lang,
    now,
    dayStart,
    timeZone: 'Asia/Tokyo',
    workday: cfg.planning.workday,
    overview: () => overview,
    incidents: () => {
      throw new Error('a measure walked here does not read incidents');
    },
    alerts: () => {
      throw new Error('a measure walked here does not read alerts');
    },
  });
}
