import type Database from 'better-sqlite3';
import type { Proposal } from '../api/assistantTypes.js';
import type { Lang } from '../api/types.js';
import { formatHm } from '../config/zonedTime.js';
import { placementSituation, type PlacementPolicy } from '../placement/placementSituation.js';
import { spareOf } from '../placement/placementSolver.js';
import type { OverviewOptions } from '../placement/siteOverview.js';
import { proposalCheckTexts } from './proposalCheckTexts.js';

/**
 * Before approval: has newer data changed the situation the proposal was made for? Names
 * what changed (remaining, lateness, operators no longer available, donors that can no
 * longer spare them); null when nothing did.
 */
export function proposalChanges(db: Database.Database, p: Proposal, o: OverviewOptions & { policy: PlacementPolicy }, lang: Lang): string | null {
  const texts = proposalCheckTexts[lang];
  const s = placementSituation(db, o, { site: p.site, process: p.process, businessId: p.businessId });
  if (!s) return texts.progressGone;
  const notes: string[] = [];
  if (s.dataAsOf > p.data_as_of) {
    const t = s.target;
    notes.push(
      texts.newerData({
        before: formatHm(p.data_as_of, o.timeZone),
        after: formatHm(s.dataAsOf, o.timeZone),
        remainingBefore: p.facts.remaining,
        remainingNow: t.remaining,
        lateBefore: String(p.facts.minutesLateNow ?? '—'),
        lateNow: String(t.minutesLate ?? '—'),
      }),
    );
    if (t.status !== 'late' && t.status !== 'at_risk') notes.push(texts.noLongerLate);
  }
  for (const op of p.operators) {
    const c = s.candidates.find((x) => x.id === op.id);
    if (!c) notes.push(texts.operatorUnavailable(op.name));
    else if (spareOf(s.donors, c) <= 0) notes.push(texts.donorCannotSpare(op.from, op.name));
  }
  return notes.length > 0 ? notes.join(' ') : null;
}
