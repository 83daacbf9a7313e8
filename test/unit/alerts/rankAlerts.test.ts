import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../main/api/types.js';
import { rankAlerts } from '../../../main/alerts/rankAlerts.js';

let next = 0;
const alert = (kind: Alert['kind'], o: Partial<Alert> = {}): Alert => ({
  id: ++next,
  kind,
  severity: 'warning',
  site: '札幌',
  process: 'エントリ1',
  title: kind,
  detail: {},
  firstSeen: 0,
  lastSeen: next,
  status: 'open',
  resolvedAt: null,
  acknowledgedAt: null,
  snoozedUntil: null,
  dataAsOf: null,
  request: null,
  startedAt: 0,
  startKnown: false,
  decision: null,
  ...o,
});

describe('the order of the alert list', () => {
  it('puts a deadline at risk above a critical log incident, and an incident that causes it right after it', () => {
    const other = alert('log_anomaly', { severity: 'critical', detail: { incidentId: 'db@1' } });
    const cause = alert('log_anomaly', { severity: 'critical', detail: { incidentId: 'ocr@1' } });
    const drop = alert('productivity_drop', { severity: 'critical' });
    const small = alert('delay_risk', { detail: { minutesLate: 4, likelyCauses: [{ incidentId: 'ocr@1' }] } });
    const big = alert('delay_risk', { severity: 'critical', detail: { minutesLate: 40 } });
    const gap = alert('skill_gap');
    const old = alert('delay_risk', { status: 'resolved', severity: 'critical' });
    expect(rankAlerts([other, cause, drop, small, big, gap, old]).map((a) => a.id)).toEqual([big.id, small.id, cause.id, drop.id, other.id, gap.id, old.id]);
  });

  it('puts an alert whose decision holds below those that need action, and its incident stays where it belongs', () => {
    const decision = { verdict: 'measuring' } as Alert['decision'];
    const handled = alert('delay_risk', { severity: 'critical', decision, detail: { minutesLate: 4, likelyCauses: [{ incidentId: 'ocr@2' }] } });
    const cause = alert('log_anomaly', { severity: 'critical', detail: { incidentId: 'ocr@2' } });
    const drop = alert('productivity_drop');
    const short = alert('delay_risk', { decision: { verdict: 'short' } as Alert['decision'] });
    expect(rankAlerts([handled, cause, drop, short]).map((a) => a.id)).toEqual([short.id, drop.id, cause.id, handled.id]);
  });

  it('keeps an incident nobody links to in its own place', () => {
    const inc = alert('log_anomaly', { detail: { incidentId: 'x@1' } });
    const late = alert('delay_risk', { detail: { minutesLate: 1 } });
    expect(rankAlerts([inc, late]).map((a) => a.kind)).toEqual(['delay_risk', 'log_anomaly']);
  });
});
