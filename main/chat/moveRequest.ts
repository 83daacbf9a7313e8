import type { ProcessProgress } from '../api/types.js';
import type { StaffMove } from '../placement/moveImpact.js';

const REMOVE = /減ら|へら|抜|外し|外す|引っこ抜|引き上げ|remove|take away|take out|pull out|-\s*\d/;
const ADD = /追加|ついか|増や|ふや|足し|足す|入れ|加え|add|\+\s*\d/;
const COUNT = /(\d{1,3})\s*(?:名|人|にん|めい|people|persons?|operators?|staff)/;
const SIGNED = /[+-]\s*(\d{1,3})/;

/**
 * The move a what-if request describes: how many people, from where, to where. "盛岡から札幌に
 * 2名" moves; "佐世保のエントリ1から3人抜いたら" only takes away; "札幌のエントリ1に2人追加" only
 * adds. Without a process, the one the receiving site is latest on (people go where they are
 * needed); people keep doing the same process where they come from. Null when no site is named.
 */
export function readMove(
  question: string,
  found: { location: string | null; sources: string[]; process: string | null },
  series: readonly ProcessProgress[],
): StaffMove | null {
  const t = question.normalize('NFKC').toLowerCase();
  const count = Number(COUNT.exec(t)?.[1] ?? SIGNED.exec(t)?.[1] ?? 1);
  if (count < 1) return null;
  const latestOn = (site: string): string | null =>
    [...series].filter((p) => p.site === site && p.status !== 'done').sort((a, b) => (b.minutesLate ?? -1e9) - (a.minutesLate ?? -1e9))[0]?.process ?? null;
  const source = found.sources[0] ?? null;
  const target = found.location !== null && found.location !== source ? found.location : null;
  if (source !== null && target !== null) {
    const process = found.process ?? latestOn(target);
    return process ? { count, to: { site: target, process }, from: { site: source, process } } : null;
  }
  const site = target ?? source;
  if (site === null) return null;
  const process = found.process ?? latestOn(site);
  if (!process) return null;
  // Leaving a site ("…から3人") or a verb of taking away: fewer there; otherwise more.
  const fewer = (source !== null && target === null) || (REMOVE.test(t) && !ADD.test(t));
  return fewer ? { count, to: null, from: { site, process } } : { count, to: { site, process }, from: null };
}
