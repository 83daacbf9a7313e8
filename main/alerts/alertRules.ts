import type Database from 'better-sqlite3';
import { median } from '../median.js';
import type { AlertKind, LogAnomalyReport, Overview, ProcessProgress } from '../api/types.js';
import type { GenbaConfig } from '../config/config.js';
import { formatHm } from '../config/zonedTime.js';

export interface AlertCandidate {
  /** Dedupe key: kind + site + process (or the log anomaly's subject). */
  key: string;
  kind: AlertKind;
  severity: 'warning' | 'critical';
  site: string | null;
  process: string | null;
  title: { ja: string; en: string };
  detail: Record<string, unknown>;
  dataAsOf: number | null;
  request: { ja: string; en: string } | null;
}

export interface RuleInputs {
  db: Database.Database;
  now: number;
  timeZone: string;
  config: GenbaConfig['alerts'];
  overview: Overview;
  lastSync: number | null;
  anomalies: LogAnomalyReport | null;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Same process, several businesses: the one in the worst state speaks for the pair. */
function worstBy(processes: ProcessProgress[], score: (p: ProcessProgress) => number): ProcessProgress[] {
  const best = new Map<string, ProcessProgress>();
  for (const p of processes) {
    const k = `${p.site}|${p.process}`;
    const cur = best.get(k);
    if (!cur || score(p) > score(cur)) best.set(k, p);
  }
  return [...best.values()];
}

function delayRisk(i: RuleInputs, all: ProcessProgress[]): AlertCandidate[] {
  const late = all.filter((p) => p.status === 'late' || (p.status === 'stalled' && p.remaining > 0 && p.deadline !== null && p.deadline - i.now < 60 * MINUTE));
  return worstBy(late, (p) => p.minutesLate ?? 1e6).map((p) => {
    const deadline = p.deadline === null ? '—' : formatHm(p.deadline, i.timeZone);
    const mins = p.minutesLate;
    const critical = mins === null || mins >= i.config.criticalLateMinutes;
    return {
      key: `delay_risk|${p.site}|${p.process}`,
      kind: 'delay_risk',
      severity: critical ? 'critical' : 'warning',
      site: p.site,
      process: p.process,
      title:
        mins === null
          ? {
              ja: `${p.site} ${p.process} の作業が止まっています（納期 ${deadline}、残り ${p.remaining}件）`,
              en: `${p.site} ${p.process} has stalled (deadline ${deadline}, ${p.remaining} left)`,
            }
          : {
              ja: `${p.site} ${p.process}（業務${p.businessId}）が納期 ${deadline} に約${mins}分遅れる見込み`,
              en: `${p.site} ${p.process} (business ${p.businessId}) will miss the ${deadline} deadline by about ${mins} min`,
            },
      detail: {
        businessId: p.businessId,
        remaining: p.remaining,
        deadline: p.deadline,
        projectedFinish: p.projectedFinish,
        minutesLate: mins,
        speedPerMinute: p.speedPerMinute,
        requiredPerMinute: p.requiredPerMinute,
      },
      dataAsOf: p.snapshotTime,
      request: {
        ja: `${p.site}の${p.process}工程が遅延しています（業務${p.businessId}、納期${deadline}、残り${p.remaining}件${mins === null ? '' : `、約${mins}分遅れの見込み`}）`,
        en: `${p.site} ${p.process} is behind schedule (business ${p.businessId}, deadline ${deadline}, ${p.remaining} left${mins === null ? '' : `, about ${mins} min late`})`,
      },
    };
  });
}

/** Speed now against the same half hour on the previous working days. */
function productivityDrop(i: RuleInputs, all: ProcessProgress[]): AlertCandidate[] {
  const at = i.db.prepare(`SELECT entry_count FROM progress_snapshots WHERE location_name = ? AND process_name = ? AND business_id = ? AND snapshot_time = ?`);
  const out: ProcessProgress[] = [];
  const baselines = new Map<ProcessProgress, number>();
  for (const p of all) {
    if (p.speedPerMinute === null || p.remaining <= 0) continue;
    const speeds: number[] = [];
    for (let d = 1; d <= 14 && speeds.length < 5; d++) {
      const t = p.snapshotTime - d * DAY;
      const a = at.get(p.site, p.process, p.businessId, t - 30 * MINUTE) as { entry_count: number } | undefined;
      const b = at.get(p.site, p.process, p.businessId, t) as { entry_count: number } | undefined;
      if (a && b) speeds.push((b.entry_count - a.entry_count) / 30);
    }
    if (speeds.length < 3) continue;
    const base = median(speeds);
    if (base >= 1 && p.speedPerMinute < i.config.productivityDropShare * base) {
      out.push(p);
      baselines.set(p, base);
    }
  }
  return worstBy(out, (p) => 1 - p.speedPerMinute! / baselines.get(p)!).map((p) => {
    const base = baselines.get(p)!;
    const share = Math.round((p.speedPerMinute! / base) * 100);
    return {
      key: `productivity_drop|${p.site}|${p.process}`,
      kind: 'productivity_drop',
      severity: share < 50 ? 'critical' : 'warning',
      site: p.site,
      process: p.process,
      title: {
        ja: `${p.site} ${p.process}（業務${p.businessId}）の処理速度が通常の${share}%に低下（毎分${p.speedPerMinute!.toFixed(1)}件、通常${base.toFixed(1)}件）`,
        en: `${p.site} ${p.process} (business ${p.businessId}) runs at ${share}% of its usual speed (${p.speedPerMinute!.toFixed(1)}/min, usually ${base.toFixed(1)})`,
      },
      detail: { businessId: p.businessId, speedPerMinute: p.speedPerMinute, baselinePerMinute: Math.round(base * 100) / 100, share },
      dataAsOf: p.snapshotTime,
      request: {
        ja: `${p.site}の${p.process}工程の処理速度が落ちています（通常の${share}%）`,
        en: `${p.site} ${p.process} has slowed down (${share}% of usual)`,
      },
    };
  });
}

/** Qualified operators at the site cannot deliver what the remaining work needs. */
function skillGap(i: RuleInputs, all: ProcessProgress[]): AlertCandidate[] {
  const capacity = i.db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(c.average_speed), 0) / 60.0 AS perMinute
    FROM operators o JOIN operator_process_capabilities c USING (operator_id)
    WHERE o.location_name = ? AND o.is_valid = 1 AND c.process_name = ? AND c.skill_level >= ?`);
  const gaps = all
    .filter((p) => p.requiredPerMinute !== null && p.remaining > 0)
    .flatMap((p) => {
      const c = capacity.get(p.site, p.process, i.config.qualifiedSkill) as { n: number; perMinute: number };
      return p.requiredPerMinute! > c.perMinute ? [{ p, c }] : [];
    });
  return gaps.map(({ p, c }) => ({
    key: `skill_gap|${p.site}|${p.process}`,
    kind: 'skill_gap' as const,
    severity: 'warning' as const,
    site: p.site,
    process: p.process,
    title: {
      ja: `${p.site} ${p.process}: スキル${i.config.qualifiedSkill}以上の担当者（${c.n}名、毎分${c.perMinute.toFixed(1)}件）では必要な毎分${p.requiredPerMinute!.toFixed(1)}件に届きません`,
      en: `${p.site} ${p.process}: qualified operators (skill ≥ ${i.config.qualifiedSkill}, ${c.n}, ${c.perMinute.toFixed(1)}/min) fall short of the ${p.requiredPerMinute!.toFixed(1)}/min needed`,
    },
    detail: { businessId: p.businessId, qualified: c.n, capacityPerMinute: Math.round(c.perMinute * 100) / 100, requiredPerMinute: p.requiredPerMinute },
    dataAsOf: p.snapshotTime,
    request: { ja: `${p.site}の${p.process}工程に有資格者が足りません`, en: `${p.site} ${p.process} lacks qualified operators` },
  }));
}

function logAnomalies(i: RuleInputs): AlertCandidate[] {
  if (!i.config.logAnomalies || !i.anomalies || i.anomalies.warmup) return [];
  return i.anomalies.anomalies
    .filter((a) => a.severity === 'critical')
    .map((a) => ({
      key: `log_anomaly|${a.kind}|${a.service ?? a.templateId}`,
      kind: 'log_anomaly' as const,
      severity: a.severity,
      site: null,
      process: null,
      title: { ja: `ログの異常（${a.service ?? a.template}）: ${a.explanation.ja}`, en: `Log anomaly (${a.service ?? a.template}): ${a.explanation.en}` },
      detail: { anomaly: a.kind, service: a.service, template: a.template, count: a.count, score: a.score, samples: a.samples },
      dataAsOf: a.lastSeen,
      request: null,
    }));
}

function staleData(i: RuleInputs): AlertCandidate[] {
  const age = i.lastSync === null ? null : Math.round((i.now - i.lastSync) / MINUTE);
  if (age !== null && age <= i.config.staleMinutes) return [];
  return [
    {
      key: 'stale_data',
      kind: 'stale_data',
      severity: age === null || age > 4 * i.config.staleMinutes ? 'critical' : 'warning',
      site: null,
      process: null,
      title:
        age === null
          ? { ja: 'まだ一度も同期できていません。データソースの設定を確認してください。', en: 'No successful sync yet. Check the data source settings.' }
          : {
              ja: `${age}分間同期できていません。表示中の数字は古い可能性があります。`,
              en: `No successful sync for ${age} min. The numbers shown may be out of date.`,
            },
      detail: { minutesSinceSync: age, threshold: i.config.staleMinutes },
      dataAsOf: i.lastSync,
      request: null,
    },
  ];
}

/**
 * All conditions that hold now. Operational rules read the overview's numbers (the same
 * ones the manager sees); they stay quiet when the data itself is stale.
 */
export function evaluateRules(i: RuleInputs): AlertCandidate[] {
  const fresh = i.overview.dataAsOf !== null && i.now - i.overview.dataAsOf <= i.config.staleMinutes * MINUTE;
  const all = fresh ? i.overview.sites.flatMap((s) => s.processes) : [];
  return [...delayRisk(i, all), ...productivityDrop(i, all), ...skillGap(i, all), ...logAnomalies(i), ...staleData(i)];
}
