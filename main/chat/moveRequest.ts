import type { AskQuery } from '../api/askQuery.js';
import type { ProcessProgress } from '../api/types.js';
import type { StaffMove } from '../placement/moveImpact.js';

/**
 * The move of a what-if as the floor's lines: the query's move (how many, from where, to where, the process, all read
 * once in parseQuery) placed on the lines open today. "盛岡から札幌に2名" moves; "佐世保のエントリ1から3人抜いたら" only
 * takes away; "札幌のエントリ1に2人追加" only adds. Without a process, the one the receiving (else the leaving) site is
 * latest on: people go where they are needed, and keep doing the same process where they come from. A move with no
 * site of its own is to the site the query names (「じゃあ2名なら？」 after 札幌's proposal). Null when the query holds no
 * move of people, no site is named, or no line is open there.
 */
export function staffMoveOf(q: AskQuery, series: readonly ProcessProgress[]): StaffMove | null {
  const move = q.move && 'count' in q.move ? q.move : null;
  if (move === null) return null;
  const latestOn = (site: string): string | null =>
    [...series].filter((p) => p.site === site && p.status !== 'done').sort((a, b) => (b.minutesLate ?? -1e9) - (a.minutesLate ?? -1e9))[0]?.process ?? null;
  const from = move.from ?? null;
  const toNamed = move.to ?? (from === null ? (q.site[0] ?? null) : null);
  const to = toNamed !== from ? toNamed : null;
  const site = to ?? from;
  if (site === null) return null;
  // The process left (「盛岡の検証から」) is not where they go: without one named for the target, its latest line.
  const process = move.process ?? (move.fromProcess ? latestOn(site) : q.process[0]) ?? latestOn(site);
  if (!process) return null;
  // Between two businesses of one process («医療のエントリ1からSSのエントリ1に»): both sides at the site, each its business.
  if (move.fromBusiness) {
    const toBusiness = q.business.find((b) => b !== move.fromBusiness) ?? null;
    return {
      count: move.count,
      from: { site: from ?? site, process, businessId: move.fromBusiness },
      to: { site: to ?? site, process, businessId: toBusiness },
    };
  }
  // One business named is the one the change is about («札幌エントリ1（SS）から2人抜いたら»), not every business of the process.
  const one = q.business.length === 1 ? { businessId: q.business[0]! } : {};
  const left = move.fromProcess ?? process;
  // Within one site, from one process to another (「札幌の補正の人をエントリ1に」): both lines of the site.
  if (from !== null && move.to === from && left !== process)
    return { count: move.count, from: { site: from, process: left }, to: { site: from, process, ...one } };
  if (from !== null && to !== null) return { count: move.count, to: { site: to, process, ...one }, from: { site: from, process: left } };
  return to === null
    ? { count: move.count, to: null, from: { site, process: left, ...one } }
    : { count: move.count, to: { site, process, ...one }, from: null };
}
