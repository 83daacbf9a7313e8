import type Database from 'better-sqlite3';
import type { Proposal } from '../api/assistantTypes.js';
import type { Lang } from '../api/types.js';
import { formatHm } from '../config/zonedTime.js';
import { placementSituation, type PlacementPolicy } from '../placement/placementSituation.js';
import { spareOf } from '../placement/placementSolver.js';
import type { OverviewOptions } from '../placement/siteOverview.js';

/**
 * Before approval: has newer data changed the situation the proposal was made for? Names
 * what changed (remaining, lateness, operators no longer available, donors that can no
 * longer spare them); null when nothing did.
 */
export function proposalChanges(db: Database.Database, p: Proposal, o: OverviewOptions & { policy: PlacementPolicy }, lang: Lang): string | null {
  const ja = lang === 'ja';
  const s = placementSituation(db, o, { site: p.site, process: p.process, businessId: p.businessId });
  if (!s) return ja ? '対象の工程の進捗データが見つからなくなりました。' : 'The progress data of this process is no longer there.';
  const notes: string[] = [];
  if (s.dataAsOf > p.data_as_of) {
    const t = s.target;
    const before = p.facts.minutesLateNow;
    notes.push(
      ja
        ? `データが更新されました（${formatHm(p.data_as_of, o.timeZone)} → ${formatHm(s.dataAsOf, o.timeZone)}）: 残り${p.facts.remaining}件 → ${t.remaining}件、遅れ見込み${before ?? '—'}分 → ${t.minutesLate ?? '—'}分。`
        : `Newer data (${formatHm(p.data_as_of, o.timeZone)} → ${formatHm(s.dataAsOf, o.timeZone)}): ${p.facts.remaining} → ${t.remaining} left, expected lateness ${before ?? '—'} → ${t.minutesLate ?? '—'} min.`,
    );
    if (t.status !== 'late' && t.status !== 'at_risk') notes.push(ja ? '現在は遅延の見込みがありません。' : 'It is no longer expected to be late.');
  }
  for (const op of p.operators) {
    const c = s.candidates.find((x) => x.id === op.id);
    if (!c)
      notes.push(
        ja
          ? `${op.name}さんは移動できなくなりました（無効、資格、または本日移動済み）。`
          : `${op.name} can no longer be moved (inactive, unqualified or already moved today).`,
      );
    else if (spareOf(s.donors, c) <= 0)
      notes.push(ja ? `${op.from}は今、${op.name}さんを出す余力がありません。` : `${op.from} can no longer spare ${op.name}.`);
  }
  return notes.length > 0 ? notes.join(' ') : null;
}
