import { alertAnswer } from '../answerTexts.js';
import { answerQuery } from '../query/answerQuery.js';
import { forecastAccuracyAnswer } from '../query/forecastAccuracyAnswer.js';
import type { Engine } from './askContext.js';

/** A resolver made on its first call, then kept. */
function lazy(make: () => (host: string) => string | null): (host: string) => string | null {
  let f: ((host: string) => string | null) | null = null;
  return (host) => (f ??= make())(host);
}

/**
 * Figures of a measure (value, list, compare, rank, trend, change, check, status) from SQL over the store and the
 * overview; a statistic no operation computes is answered with what Genba can do with that measure. How good the
 * forecast has been is scored on the store's history, not forecast again.
 */
export const plannerEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  const answer = q.measure === 'forecast_volume' && q.asks.includes('accuracy') ? forecastAccuracyAnswer : answerQuery;
  const r = answer(q, {
    db: c.db,
    lang: c.lang,
    now: c.now,
    dayStart: c.dayStart,
    timeZone: c.cfg.timeZone,
    workday: c.cfg.planning.workday,
    overview: c.overview,
    incidents: c.incidents,
    alerts: c.deps.alerts,
    minSkill: c.cfg.placement.minSkill,
    monthlyOvertimeLimitMinutes: c.cfg.planning.monthlyOvertimeLimitHours * 60,
    verdict: c.verdict,
    // Made only when a site's log lines are asked (answerQuery), not for every figure.
    ...(c.deps.siteOfHost ? { siteOfHost: lazy(c.deps.siteOfHost) } : {}),
  });
  // A count of alerts up to now is followed by the alerts open now, each with its severity and what it says: the count
  // alone does not tell a manager which one to look at.
  const aboutNow = q.time === null || q.time === 'now' || q.time === 'today';
  if (q.measure === 'alerts' && aboutNow && (q.op === 'value' || q.op === 'list' || q.op === 'check') && q.by === null) {
    const open = c.deps
      .alerts()
      .filter(
        (a) =>
          a.status === 'open' &&
          (q.site.length === 0 || (a.site !== null && q.site.includes(a.site))) &&
          (q.process.length === 0 || (a.process !== null && q.process.includes(a.process))),
      );
    const text = `${r.text}\n${alertAnswer(open, c.tz)}`;
    return { text, facts: text, table: r.table };
  }
  return { text: r.text, facts: r.text, table: r.table };
};
