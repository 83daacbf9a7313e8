import { speedSteps, windowComparison } from '../../alerts/windowSpeed.js';
import { usualSpeed } from '../../alerts/usualSpeed.js';
import type { ProcessProgress } from '../../api/types.js';
import { productivityAnswer, type SpeedComparison } from '../analysisTexts.js';
import { operatorSpread } from '../storeFacts.js';
import type { Engine } from './askContext.js';

/**
 * Why a speed is what it is, and what to do: each named process's speed now and over the window asked for, against the
 * usual and a week ago, the spread between its people, and the log incidents on the site's hosts that began before a drop.
 */
export const speedEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  const site = q.site[0] ?? null;
  // A trend without a window is today's, step by step.
  const range = q.time === null && q.op !== 'trend' ? null : c.window(q);
  const compare = (p: ProcessProgress): SpeedComparison => ({
    ...usualSpeed(c.db, p, c.cfg.timeZone),
    window: range ? windowComparison(c.db, p, range.from, range.to, c.cfg.timeZone) : null,
    ...(q.op === 'trend' && range ? { steps: speedSteps(c.db, p, range.from, range.to, c.cfg.timeZone) } : {}),
    spread: operatorSpread(c.db, p.site, p.process),
  });
  const incidents = c.incidents(site ?? undefined, range ?? undefined);
  const text = productivityAnswer(c.series(), incidents, c.tz, site, q.process[0] ?? null, compare, range?.label ?? null);
  return { text, facts: text, knowhow: [site ?? '', q.process[0] ?? '', q.op === 'advise' ? '納期 遅延 移動' : ''], showKnowhow: q.op === 'advise' };
};
