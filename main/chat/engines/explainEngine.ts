import { placementSituation } from '../../placement/placementSituation.js';
import { proposePlacement } from '../../placement/proposePlacement.js';
import { explainQuery } from '../query/explainQuery.js';
import type { Engine } from './askContext.js';

/**
 * Why a process is late and what to do (「なぜ遅れてる？」「どうしたらいい？」): the cause with its evidence (an incident
 * that began before the speed fell, the speed against the usual, the items against the speed needed) and, for advice, the
 * incident to report first and the people the optimizer would move, with the know-how that backs it. Nothing is stored.
 */
export const explainEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  let optimizeMs = 0;
  const r = await explainQuery(q, {
    db: c.db,
    lang: c.lang,
    timeZone: c.cfg.timeZone,
    overview: c.overview,
    incidents: (site) => c.incidents(site),
    alerts: () => c.deps.alerts(),
    peopleNeeded: async (p) => {
      const situation = placementSituation(c.db, c.situationOptions, { site: p.site, process: p.process, businessId: p.businessId }, c.overview());
      if (!situation) return null;
      const found = await proposePlacement(situation, c.proposeOptions);
      optimizeMs += found.optimizeMs;
      return found.proposal ? found.proposal.operators.length : 0;
    },
  });
  const target = r.targets[0];
  // An incident as the cause looks for the rules about incidents; moving people (advice, or no incident) for those about moves.
  const incident = r.services.length > 0;
  const hints = [...r.services, incident ? 'システム障害 エラー ログ' : '', q.op === 'advise' || !incident ? '納期 遅延 移動 経験 近隣拠点から' : ''];
  return {
    text: r.text,
    facts: r.text,
    table: r.table,
    knowhow: [target?.site ?? '', target?.process ?? '', ...hints],
    showKnowhow: q.op === 'advise',
    optimizeMs,
  };
};
