import type Database from 'better-sqlite3';
import { localize, type Lang } from '../api/localized.js';
import { BEFORE_HISTORY, beforeHistory } from './beforeHistory.js';
import { loadMasterNames } from './masterNames.js';
import { loadOperatorNames } from './query/queryNames.js';
import { UNKNOWN_PLACE, unknownPlaces } from './unknownPlaces.js';

/**
 * What to say when a question about the floor asks for what the store cannot hold: a place the
 * company has no site in (「福岡の欠勤率」, 「名古屋と札幌を比べて」), said with the sites it has;
 * a year before its first record (「2018年の欠勤率」), said with where the data starts. Null
 * when the question is within the records. Reads the sites and the people only (not the log
 * names a query's finder needs).
 */
export function outsideTheRecords(db: Database.Database, question: string, lang: Lang): string | null {
  const sites = loadMasterNames(db).sites;
  const places = unknownPlaces(question, { sites, people: loadOperatorNames(db) });
  if (places.length > 0) return localize(lang, UNKNOWN_PLACE)(places, sites);
  const early = beforeHistory(db, question);
  return early ? localize(lang, BEFORE_HISTORY)(early.year, early.first) : null;
}
