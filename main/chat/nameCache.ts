import type Database from 'better-sqlite3';
import type { LatinNames } from '../api/latinNames.js';
import type { AppLog } from '../applog/appLog.js';
import { lastSnapshotId } from '../store/progressSnapshots.js';
import { taughtWordsKey } from '../store/taughtWords.js';
import { loadMasterNames } from './masterNames.js';
import { cachedNameReadings, latinNamesOf, nameReadingsKept, prepareNameReadings, type NameReadings } from './nameReadings.js';
import { createNameFinder, loadQueryNames, namesToRead, type NamedInText } from './query/queryNames.js';

/** The company's names as a question reads them: the query's name finder and the Latin names, with their readings. */
export interface NameCache {
  finder(db: Database.Database, aliases: Record<string, string>): (text: string) => NamedInText;
  latin(db: Database.Database, aliases: Record<string, string>): LatinNames;
  /** Resolves once the readings of names just synced are made (at once when they were made before). */
  ready(db: Database.Database, aliases: Record<string, string>): Promise<unknown>;
}

/**
 * Names change only with a sync: they are re-read when the masters or snapshots change (or a word is taught). Their readings (kana, romaji)
 * are made once per change of the names and kept in the store; until made, there are none. `onMade` is told when they
 * are, whoever asked for them first (a screen's request for the Latin names as well as the start-up work): before it
 * was, a screen that asked before the readings were made kept the names in Japanese until something else refreshed it.
 */
export function createNameCache(log: AppLog, onMade: () => void = () => {}): NameCache {
  let cached: {
    key: string;
    finder: ((text: string) => NamedInText) | null;
    latin: LatinNames | null;
    readings: NameReadings;
    made: Promise<unknown>;
  } | null = null;
  const current = (db: Database.Database, aliases: Record<string, string>): NonNullable<typeof cached> => {
    const key = JSON.stringify([
      lastSnapshotId(db),
      db
        .prepare(
          `SELECT (SELECT COUNT(*) FROM locations) AS l, (SELECT MAX(updated_at) FROM operators) AS o,
      (SELECT MAX(updated_at) FROM operator_process_capabilities) AS c, (SELECT MAX(updated_at) FROM process_names) AS pn`,
        )
        .get(),
      aliases,
      // A word taught or forgotten in the chat is read from the next question on.
      taughtWordsKey(db),
    ]);
    if (cached?.key !== key) {
      const masters = loadMasterNames(db);
      const names = namesToRead(db, aliases, masters);
      const readings = cachedNameReadings(db, names);
      const entry = {
        key,
        finder: null,
        latin: null,
        readings,
        made: Promise.resolve() as Promise<unknown>,
      };
      if (Object.keys(readings).length === 0)
        entry.made = prepareNameReadings(db, names, log).then((r) => {
          if (cached !== entry || Object.keys(r).length === 0) return;
          cached = null;
          onMade();
        });
      // Made for another store of this process: kept in this one as well, for its next run.
      else if (!nameReadingsKept(db, names)) entry.made = prepareNameReadings(db, names, log);
      cached = entry;
    }
    return cached;
  };
  return {
    // Read once per change of the masters.
    finder(db, aliases) {
      const c = current(db, aliases);
      return (c.finder ??= createNameFinder(loadQueryNames(db), aliases, c.readings));
    },
    latin(db, aliases) {
      const c = current(db, aliases);
      return (c.latin ??= latinNamesOf(c.readings));
    },
    ready: (db, aliases) => current(db, aliases).made,
  };
}
