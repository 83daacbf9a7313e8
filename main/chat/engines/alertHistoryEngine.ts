import { alertHistory } from '../../alerts/alertHistory.js';
import { alertHistoryAnswer } from '../analysisTexts.js';
import { alertAnswer } from '../answerTexts.js';
import type { Engine } from './askContext.js';
import { HOURS_24_MS } from '../../api/durations.js';
import { addZonedDays, zonedDaysBetween } from '../../config/zonedTime.js';

/**
 * Why there are so many alerts and what to do: the site's alert history over the window asked for (else 7 days), and a
 * threshold that would have cut the alerts that ended by themselves, offered as a change to approve (never applied here).
 */
export const alertHistoryEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  const tz = c.cfg.timeZone;
  // The last 7 days on the calendar: from the same wall time 7 local days back, however long a DST change made them.
  const from = q.time === null ? addZonedDays(c.now, -7, tz) : c.window(q).from;
  // The days named in the answer: whole local days, and a part day of half a day or more as one more.
  const whole = zonedDaysBetween(from, c.now, tz);
  const days = Math.max(1, whole + Math.round((c.now - addZonedDays(from, whole, tz)) / HOURS_24_MS));
  const history = alertHistory(c.db, { site: q.site[0] ?? null, from, productivityDropShare: c.cfg.alerts.productivityDropShare });
  const text = [alertHistoryAnswer(history, days, c.tz), alertAnswer(c.deps.alerts(), c.tz)].join('\n');
  const p = history.proposal;
  return {
    text,
    facts: text,
    action: p ? { kind: 'alert_threshold', setting: p.setting, current: p.current, proposed: p.proposed } : null,
    knowhow: ['アラート しきい値'],
  };
};
