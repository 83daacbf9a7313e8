import type Database from 'better-sqlite3';
import { median } from '../median.js';
import { latestSnapshots } from '../store/progressSnapshots.js';

/** SQLite's order of text (by code point), so the list reads as it did in SQL. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The newest snapshot at or before `now` of each site, process and business, narrowed by what the request named. */
export function correctionWaiting(
  db: Database.Database,
  now: number,
  f: { site: string | null; process: string | null; businessId: string | null },
): { site: string; process: string; businessId: string; waiting: number; at: number }[] {
  const named = (x: string | null): string[] => (x === null ? [] : [x]);
  return latestSnapshots(db, now - 86_400_000 + 1, now, { site: named(f.site), process: named(f.process), business: named(f.businessId) })
    .map((s) => ({ site: s.site, process: s.process, businessId: s.businessId, waiting: s.correction, at: s.at }))
    .sort((a, b) => b.waiting - a.waiting || byCode(a.site, b.site) || byCode(a.process, b.process));
}

/** Valid operators of a site who can do a process at `minSkill` or better, most skilled first; and the site's headcount. */
export function qualifiedOperators(
  db: Database.Database,
  site: string,
  process: string,
  minSkill: number,
): { registered: number; valid: number; qualified: { name: string; skill: number; months: number }[] } {
  const heads = db.prepare('SELECT COUNT(*) AS registered, COALESCE(SUM(is_valid), 0) AS valid FROM operators WHERE location_name = ?').get(site) as {
    registered: number;
    valid: number;
  };
  const qualified = db
    .prepare(
      `SELECT o.operator_name AS name, MAX(c.skill_level) AS skill, MAX(c.experience_months) AS months
       FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
       WHERE o.location_name = ? AND o.is_valid = 1 AND c.process_name = ? AND c.skill_level >= ?
       GROUP BY o.operator_id ORDER BY skill DESC, months DESC, name`,
    )
    .all(site, process, minSkill) as { name: string; skill: number; months: number }[];
  return { ...heads, qualified };
}

/** Proposals nobody has decided yet, newest first. */
export function openProposals(db: Database.Database): { id: string; createdAt: number; question: string }[] {
  return db.prepare(`SELECT suggestion_id AS id, created_at AS createdAt, question FROM proposals WHERE status = 'open' ORDER BY created_at DESC`).all() as {
    id: string;
    createdAt: number;
    question: string;
  }[];
}

/** Items a minute one person adds to a process: the mean of its valid operators at the site (else anywhere), from their capability rows. */
export function perPersonPerMinute(db: Database.Database, site: string, process: string): number {
  const avg = db
    .prepare(
      `SELECT AVG(CASE WHEN o.location_name = ? THEN c.average_speed END) AS here, AVG(c.average_speed) AS anywhere
       FROM operator_process_capabilities c JOIN operators o ON o.operator_id = c.operator_id
       WHERE o.is_valid = 1 AND c.process_name = ?`,
    )
    .get(site, process) as { here: number | null; anywhere: number | null };
  return (avg.here ?? avg.anywhere ?? 0) / 60;
}

/**
 * The spread of speed between the people of a site who can do a process: their registered
 * speeds (items per hour, from their capability rows). The store keeps progress per site,
 * process and business only, so this is what "per operator" can mean here.
 */
export function operatorSpread(
  db: Database.Database,
  site: string,
  process: string,
): { people: number; minPerHour: number; medianPerHour: number; maxPerHour: number } | null {
  const speeds = (
    db
      .prepare(
        `SELECT MAX(c.average_speed) AS v FROM operator_process_capabilities c JOIN operators o ON o.operator_id = c.operator_id
         WHERE o.is_valid = 1 AND o.location_name = ? AND c.process_name = ? GROUP BY o.operator_id ORDER BY v`,
      )
      .all(site, process) as { v: number }[]
  ).map((r) => r.v);
  if (speeds.length === 0) return null;
  return { people: speeds.length, minPerHour: speeds[0]!, medianPerHour: median(speeds), maxPerHour: speeds.at(-1)! };
}

/** Proposals decided since `from`, newest first: what was moved where, and the decision. */
export function decisionsSince(
  db: Database.Database,
  from: number,
): { id: string; decidedAt: number; status: 'approved' | 'rejected' | 'modified'; site: string; process: string; moves: number }[] {
  return db
    .prepare(
      `SELECT suggestion_id AS id, decided_at AS decidedAt, status, json_extract(proposal, '$.site') AS site, json_extract(proposal, '$.process') AS process,
         COALESCE((SELECT SUM(json_extract(c.value, '$.count')) FROM json_each(proposal, '$.changes') c), 0) AS moves
       FROM proposals WHERE status <> 'open' AND decided_at >= ? ORDER BY decided_at DESC`,
    )
    .all(from) as { id: string; decidedAt: number; status: 'approved' | 'rejected' | 'modified'; site: string; process: string; moves: number }[];
}

/** A site's registered and valid headcount, and how many valid people can do each process at `minSkill` or more. */
export function headcount(
  db: Database.Database,
  site: string,
  minSkill: number,
): { registered: number; valid: number; byProcess: { process: string; qualified: number }[] } {
  const heads = db.prepare('SELECT COUNT(*) AS registered, COALESCE(SUM(is_valid), 0) AS valid FROM operators WHERE location_name = ?').get(site) as {
    registered: number;
    valid: number;
  };
  const byProcess = db
    .prepare(
      `SELECT c.process_name AS process, COUNT(DISTINCT o.operator_id) AS qualified
       FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
       WHERE o.location_name = ? AND o.is_valid = 1 AND c.skill_level >= ? GROUP BY c.process_name ORDER BY c.process_name`,
    )
    .all(site, minSkill) as { process: string; qualified: number }[];
  return { ...heads, byProcess };
}
