import type Database from 'better-sqlite3';

/** When the first log line kept was written (epoch ms): where the logs begin; null with none. */
export const firstLogAt = (db: Database.Database): number | null => (db.prepare('SELECT MIN(ts) AS t FROM app_logs').get() as { t: number | null }).t;
