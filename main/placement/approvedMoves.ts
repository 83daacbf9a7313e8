import type Database from 'better-sqlite3';
import type { MovedOperator, PlacementChange, Proposal } from '../api/assistantTypes.js';
import type { FloorDecision } from '../api/floorDecision.js';
import type { Localized } from '../api/localized.js';
import { formatHm, startOfZonedDay } from '../config/zonedTime.js';
import { decidedProposalReader } from '../store/approvalOutbox.js';
import { latestOfSeries } from '../store/progressSnapshots.js';
import { floorDecisions } from './floorDecisions.js';
import { speedFigure } from '../api/figures.js';

/** One mover of an approved move: where they came from and what they leave there. */
export interface Mover {
  id: number;
  name: string;
  from: string;
  /** Items per hour on the target process (the proposal's figure). */
  perHour: number;
  /** The process they were taken to work on at home (their most experienced) and their speed there, items per hour. */
  mainProcess: string | null;
  mainPerHour: number;
}

/**
 * A move approved today (or approved in part) for one piece of work: the decision, the people
 * really moved, what was promised, and what the newest snapshot shows now.
 */
export interface ApprovedMove extends FloorDecision {
  movers: Mover[];
  /** Items per minute the movers add once they have switched over (from `startsAt`). */
  addedPerMinute: number;
  /** The newest snapshot of the work at or before now: items left, and when it was taken. */
  latest: { at: number; remaining: number } | null;
  /** True while the snapshots since the movers started are too few to measure them (their speed is not yet in the data). */
  pending: boolean;
}

/**
 * Today's approved moves for a site and process (and business, when one is named), oldest
 * first: the one record of a decision (floorDecisions) with the people moved and the work's
 * newest figures. The chat says them before proposing again, and the placement situation
 * counts their people on the target.
 */
export function approvedMoves(
  db: Database.Database,
  target: { site: string; process: string; businessId: string | null },
  o: { now: number; timeZone: string },
): ApprovedMove[] {
  return approvedMovesToday(db, o).filter(
    (d) => d.site === target.site && d.process === target.process && (target.businessId === null || d.businessId === target.businessId),
  );
}

/** Every move approved today, oldest first: their people are no longer at the sites they left. */
export function approvedMovesToday(db: Database.Database, o: { now: number; timeZone: string }): ApprovedMove[] {
  const decisions = floorDecisions(db, startOfZonedDay(o.now, o.timeZone), o.now);
  if (decisions.length === 0) return [];
  const stored = decidedProposalReader(db);
  const home = db.prepare(
    `SELECT process_name AS process, average_speed AS perHour FROM operator_process_capabilities WHERE operator_id = ?
      ORDER BY experience_months DESC, skill_level DESC, capability_id LIMIT 1`,
  );
  return decisions.map((d) => {
    const row = stored(d.suggestionId);
    const p = JSON.parse(row.proposal) as Proposal;
    const changes = JSON.parse(row.changes) as PlacementChange[];
    // The people really moved: a modification keeps some, named per giving site in its changes (as floorDecisions reads them).
    const kept: MovedOperator[] = p.operators.filter((op) => changes.some((c) => c.from === op.from && c.operators.includes(op.name)));
    const movers = kept.map((op): Mover => {
      const h = home.get(op.id) as { process: string; perHour: number } | undefined;
      return { id: op.id, name: op.name, from: op.from, perHour: op.perHour, mainProcess: h?.process ?? null, mainPerHour: h?.perHour ?? 0 };
    });
    return {
      ...d,
      movers,
      addedPerMinute: movers.reduce((a, m) => a + m.perHour / 60, 0),
      latest: latestOfSeries(db, d, o.now),
      pending: d.actual === null,
    };
  });
}

/**
 * What was decided and how it is going, one line per move:
 * 「10:05に承認済み: 盛岡から3名（…）。約束: 15:57完了（毎分8.2件） / 実測: 残り40件（15:40時点）、毎分6.8件」.
 */
export function approvedMovesText(moves: readonly ApprovedMove[], timeZone: string): Localized {
  const hm = (ms: number): string => formatHm(ms, timeZone);
  const lines = moves.map((m) => {
    const bySite = new Map<string, string[]>();
    for (const x of m.movers) bySite.set(x.from, [...(bySite.get(x.from) ?? []), x.name]);
    const from = [...bySite].map(([site, names]) => ({
      ja: `${site}から${names.length}名（${names.join('、')}）`,
      en: `${names.length} from ${site} (${names.join(', ')})`,
    }));
    const verb = m.action === 'modified' ? { ja: '一部承認済み', en: 'approved in part' } : { ja: '承認済み', en: 'approved' };
    const promised = {
      ja: `約束: ${m.promised.finish === null ? '完了見込みなし' : `${hm(m.promised.finish)}完了`}（毎分${speedFigure(m.promised.perMinute)}件）`,
      en: `promised: ${m.promised.finish === null ? 'no finish in sight' : `done by ${hm(m.promised.finish)}`} (${speedFigure(m.promised.perMinute)} items/min)`,
    };
    const left = m.latest
      ? { ja: `残り${m.latest.remaining}件（${hm(m.latest.at)}時点）`, en: `${m.latest.remaining} items left (at ${hm(m.latest.at)})` }
      : null;
    const measured =
      m.actual === null
        ? { ja: `速度は計測中（移動者は${hm(m.startsAt)}から作業）`, en: `speed still being measured (the movers start at ${hm(m.startsAt)})` }
        : m.actual.finished && m.actual.finish !== null
          ? {
              ja: `${hm(m.actual.finish)}に完了、毎分${speedFigure(m.actual.perMinute)}件`,
              en: `done at ${hm(m.actual.finish)}, ${speedFigure(m.actual.perMinute)} items/min`,
            }
          : {
              ja: `毎分${speedFigure(m.actual.perMinute)}件（${hm(m.actual.from)}〜${hm(m.actual.to)}）${m.actual.finish === null ? '' : `、${hm(m.actual.finish)}完了見込み`}`,
              en: `${speedFigure(m.actual.perMinute)} items/min (${hm(m.actual.from)}–${hm(m.actual.to)})${m.actual.finish === null ? '' : `, done by ${hm(m.actual.finish)} at that pace`}`,
            };
    return {
      ja: `${hm(m.decidedAt)}に${verb.ja}（${m.user}）: ${from.map((f) => f.ja).join('、')}。${promised.ja} / 実測: ${[left?.ja, measured.ja].filter(Boolean).join('、')}`,
      en: `${verb.en[0]!.toUpperCase()}${verb.en.slice(1)} at ${hm(m.decidedAt)} (${m.user}): ${from.map((f) => f.en).join(', ')}. ${promised.en[0]!.toUpperCase()}${promised.en.slice(1)} / measured: ${[left?.en, measured.en].filter(Boolean).join(', ')}`,
    };
  });
  return { ja: lines.map((l) => l.ja).join('\n'), en: lines.map((l) => l.en).join('\n') };
}
