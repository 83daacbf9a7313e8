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

/** What each kind is called, for the chat's answers: every kind has its name (a new kind does not compile without one). */
export const ALERT_KIND_LABELS: Record<AlertKind, { ja: string; en: string }> = {
  delay_risk: { ja: '納期遅延リスク', en: 'deadline risk' },
  productivity_drop: { ja: '生産性の低下', en: 'productivity drop' },
  skill_gap: { ja: 'スキル不足', en: 'skill gap' },
  log_anomaly: { ja: 'ログの異常', en: 'log anomaly' },
  stale_data: { ja: 'データが古い', en: 'stale data' },
  absence_surge: { ja: '欠勤の急増', en: 'absence surge' },
  overtime_risk: { ja: '残業の見込み', en: 'overtime ahead' },
  arrivals_surge: { ja: '予測を超える入荷', en: 'arrivals above forecast' },
  plan_outdated: { ja: '計画の見直し', en: 'plan out of date' },
  decision_short: { ja: '対策の効果不足', en: 'decision not working' },
};
