import { alertHistory } from '../../alerts/alertHistory.js';
import { alertHistoryAnswer } from '../analysisTexts.js';
import { alertAnswer } from '../answerTexts.js';
import type { Engine } from './askContext.js';

const DAY = 86_400_000;

/**
 * Why there are so many alerts and what to do: the site's alert history over the window asked for (else 7 days), and a
 * threshold that would have cut the alerts that ended by themselves, offered as a change to approve (never applied here).
 */
export const alertHistoryEngine: Engine = async (q, c) => {
  c.onStage?.('data');
  const from = q.time === null ? c.now - 7 * DAY : c.window(q).from;
  const days = Math.max(1, Math.round((c.now - from) / DAY));
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
