import type Database from 'better-sqlite3';
import type { Overview } from '../api/types.js';
import type { AppEnv } from '../config/appEnv.js';
import { storedBusinessNames } from '../store/businessNames.js';
import { businessNames } from './businessNames.js';
import { computeOverview } from './siteOverview.js';

/** The sites overview at the clock's now, with its businesses' names: the Overview view, the alert rules and the assistant read the same. */
export function overviewNow(db: Database.Database, env: Pick<AppEnv, 'now' | 'config'>): Overview {
  const config = env.config();
  return {
    ...computeOverview(db, { now: env.now(), timeZone: config.timeZone, ...config.overview }),
    businessNames: businessNames(config.placement.aliases, storedBusinessNames(db)),
  };
}
