import { allSeries } from '../store/progressSnapshots.js';
import type Database from 'better-sqlite3';
import { PROCESS_WORDS } from './processWords.js';

export interface MasterNames {
  sites: string[];
  processes: string[];
  businessIds: string[];
}

// A one-letter word stands for its process only before the number ("E1" for エントリ1).
const PROCESS_PATTERNS: [RegExp, string][] = Object.entries(PROCESS_WORDS).flatMap(([ja, words]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w): [RegExp, string] => [new RegExp(w.length === 1 ? `(?<![a-z])${w}(?=\\s*\\d)` : /^[a-z ]+$/.test(w) ? `(?<![a-z])${w}(?![a-z])` : w, 'g'), ja]),
);

/**
 * Width, case, spaces and the long-vowel mark folded: エントリー１ and entry 1 meet エントリ1.
 * One space stays between two Latin words ("from morioka to sapporo"), so that a Latin name
 * is found as a word of its own and not inside another ("ss" in "progress").
 */
export function normalizeText(text: string): string {
  let t = text.normalize('NFKC').toLowerCase();
  for (const [pattern, ja] of PROCESS_PATTERNS) t = t.replace(pattern, ja);
  return t
    .replace(/ー(?=\s*\d)/g, '')
    .replace(/\s+/g, (space, at: number, all: string) => (/[a-z0-9]/.test(all[at - 1] ?? '') && /[a-z0-9]/.test(all[at + space.length] ?? '') ? ' ' : ''));
}

export function loadMasterNames(db: Database.Database): MasterNames {
  const col = (sql: string): string[] => (db.prepare(sql).all() as { v: string }[]).map((r) => r.v);
  const series = allSeries(db);
  const sorted = (xs: string[]): string[] => [...new Set(xs)].sort();
  return {
    sites: sorted([...col('SELECT location_name AS v FROM locations'), ...series.map((s) => s.site)]),
    processes: sorted([...col('SELECT DISTINCT process_name AS v FROM operator_process_capabilities'), ...series.map((s) => s.process)]),
    businessIds: sorted(series.map((s) => s.businessId)),
  };
}
