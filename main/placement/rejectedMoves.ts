import type Database from 'better-sqlite3';
import type { Proposal } from '../api/assistantTypes.js';
import type { Localized } from '../api/localized.js';
import { formatHm, startOfZonedDay } from '../config/zonedTime.js';
import { rejectedMoveRows } from '../store/approvalOutbox.js';

/** A move proposal the manager rejected today for one piece of work: when, why, and who it would have moved. */
export interface RejectedMove {
  suggestionId: string;
  decidedAt: number;
  reason: string | null;
  operators: { id: number; name: string; from: string }[];
}

/**
 * Today's rejected proposals for a site and process (and business, when one is named), oldest first. A rejection is a
 * decision too: the next proposal for the same work leaves its people out and says so, rather than offer them again
 * without a word.
 */
export function rejectedMovesToday(
  db: Database.Database,
  target: { site: string; process: string; businessId: string | null },
  o: { now: number; timeZone: string },
): RejectedMove[] {
  return rejectedMoveRows(db, startOfZonedDay(o.now, o.timeZone), o.now).flatMap((r) => {
    const p = JSON.parse(r.proposal) as Proposal;
    if (p.site !== target.site || p.process !== target.process || (target.businessId !== null && p.businessId !== target.businessId)) return [];
    return [
      {
        suggestionId: r.suggestion_id,
        decidedAt: r.decided_at,
        reason: r.feedback_reason,
        operators: p.operators.map(({ id, name, from }) => ({ id, name, from })),
      },
    ];
  });
}

/** 「15:41に却下された提案（盛岡から3名: 佐藤・鈴木・高橋、理由「盛岡も手一杯」）」: each rejection, with the manager's words. */
export function rejectedMovesText(moves: readonly RejectedMove[], timeZone: string): Localized {
  const one = (m: RejectedMove): Localized => {
    const from = [...new Set(m.operators.map((op) => op.from))];
    const names = m.operators.map((op) => op.name);
    const at = formatHm(m.decidedAt, timeZone);
    return {
      ja: `${at}に却下された提案（${from.join('・')}から${names.length}名: ${names.join('・')}${m.reason ? `、理由「${m.reason}」` : ''}）`,
      en: `the proposal rejected at ${at} (${names.length} from ${from.join(', ')}: ${names.join(', ')}${m.reason ? `; reason: “${m.reason}”` : ''})`,
    };
  };
  const all = moves.map(one);
  return { ja: all.map((x) => x.ja).join('と'), en: all.map((x) => x.en).join(' and ') };
}
