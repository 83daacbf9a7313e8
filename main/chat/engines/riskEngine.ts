import { riskAnswer, riskByAnswer } from '../answerTexts.js';
import type { Engine } from './askContext.js';

const HOUR = 3_600_000;

/**
 * What will not be done by a time of today (「17時に間に合わない工程は？」, "what will miss 5pm?"): of what the request
 * named, the processes whose projected finish is later, then those that make it; without a time, the late and at-risk
 * ones (「遅延リスクのある工程は？」), each with its items left, speed and projected finish.
 */
export const riskEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  const named = c
    .series()
    .filter(
      (p) =>
        (q.site.length === 0 || q.site.includes(p.site)) &&
        (q.process.length === 0 || q.process.includes(p.process)) &&
        (q.business.length === 0 || q.business.includes(p.businessId)),
    );
  const hour = /^by_(\d+)$/.exec(q.time ?? '')?.[1];
  const text = hour === undefined ? riskAnswer(named, c.tz) : riskByAnswer(named, c.dayStart + Number(hour) * HOUR, c.tz);
  return { text, facts: text, knowhow: ['納期 遅延'] };
};
