import { answerQuery } from '../query/answerQuery.js';
import { asksAccuracy, forecastAccuracyAnswer } from '../query/forecastAccuracyAnswer.js';
import type { Engine } from './askContext.js';

/**
 * Figures of a measure (value, list, compare, rank, trend, change, check, status) from SQL over the store and the
 * overview; a statistic no operation computes is answered with what Genba can do with that measure. How good the
 * forecast has been is scored on the store's history, not forecast again.
 */
export const plannerEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  const answer = q.measure === 'forecast_volume' && asksAccuracy(c.question) ? forecastAccuracyAnswer : answerQuery;
  const r = answer(q, {
    db: c.db,
    lang: c.lang,
    now: c.now,
    dayStart: c.dayStart,
    timeZone: c.cfg.timeZone,
    overview: c.overview,
    incidents: c.incidents,
    alerts: c.deps.alerts,
    minSkill: c.cfg.placement.minSkill,
    monthlyOvertimeLimitMinutes: c.cfg.planning.monthlyOvertimeLimitHours * 60,
  });
  return { text: r.text, facts: r.text, table: r.table };
};
