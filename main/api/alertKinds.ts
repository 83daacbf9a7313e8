/** Every kind of alert, declared once: the contract's filter, the Alerts view's chips and the rules all follow it. */
export const ALERT_KINDS = [
  'delay_risk',
  'productivity_drop',
  'skill_gap',
  'log_anomaly',
  'stale_data',
  'absence_surge',
  'overtime_risk',
  'arrivals_surge',
  'plan_outdated',
  'decision_short',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
