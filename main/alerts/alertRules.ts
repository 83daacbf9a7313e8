import { decidedMove, isCriticalDelay } from './criticalDelay.js';
import type { IncidentKpiLink, LogIncident, ProcessProgress } from '../api/types.js';
import { formatHm } from '../config/zonedTime.js';
import { DEFAULT_INCIDENT, groupIncidents } from '../logs/logIncidents.js';
import { incidentLinesSince, signalLines } from '../logs/logTexts.js';
import { linkIncidentsToKpis } from './incidentCauses.js';
import { usualSpeed } from './usualSpeed.js';
import { minutesWords } from '../placement/minutesWords.js';
import { speedFigure as sp } from '../api/figures.js';
import type { Localized } from '../api/localized.js';
import type { AlertCandidate, RuleInputs } from './alertCandidate.js';
import { planningRules } from './planningRules.js';
import { decisionShort } from './decisionShort.js';
import { decisionTitle } from './decisionTitle.js';
import { businessLabel } from '../api/businessLabel.js';
import { lineFixReading } from '../api/consultReading.js';
import { count } from '../api/englishCount.js';

/** 「約4分」, 「約8時間」: minutes late as an alert says them. */
const about = (m: number): Localized => {
  const w = minutesWords(m);
  return { ja: w.ja.startsWith('約') ? w.ja : `約${w.ja}`, en: w.en.startsWith('about') ? w.en : `about ${w.en}` };
};

/** The log incidents of now and the drops in speed they likely caused, shared by the rules. */
export interface Causes {
  incidents: LogIncident[];
  links: IncidentKpiLink[];
}

const MINUTE = 60_000;

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

/** "Likely cause" facts for an alert about one process: the incidents linked to its site's speed. */
function causesOf(c: Causes, p: ProcessProgress, timeZone: string): { likelyCauses: Record<string, unknown>[]; likelyCause: Localized | null } {
  // The same business's figures first: the alert speaks of that series.
  const links = c.links
    .filter((l) => l.site === p.site && l.process === p.process)
    .sort((a, b) => Number(b.businessId === p.businessId) - Number(a.businessId === p.businessId));
  const detail = links.map((l) => {
    const incident = c.incidents.find((x) => x.id === l.incidentId)!;
    return { ...l, services: incident.services, hosts: incident.hosts, start: incident.start };
  });
  if (detail.length === 0) return { likelyCauses: detail, likelyCause: null };
  const d = detail[0]!;
  const host = d.hosts[0] ?? d.services[0];
  return {
    likelyCauses: detail,
    likelyCause: {
      ja: `${host} のログ障害（${formatHm(d.start, timeZone)}から）: 速度 毎分${sp(d.speedBefore)} → ${sp(d.speedAfter)}件（${formatHm(d.dropAt, timeZone)}から）`,
      en: `Log incident on ${host} (from ${formatHm(d.start, timeZone)}): speed ${sp(d.speedBefore)} → ${sp(d.speedAfter)} items/min (from ${formatHm(d.dropAt, timeZone)})`,
    },
  };
}

function delayRisk(i: RuleInputs, all: ProcessProgress[], c: Causes): AlertCandidate[] {
  const late = all.filter((p) => p.status === 'late' || (p.status === 'stalled' && p.remaining > 0 && p.deadline !== null && p.deadline - i.now < 60 * MINUTE));
  return worstBy(late, (p) => p.minutesLate ?? 1e6).map((p) => {
    const deadline = p.deadline === null ? '—' : formatHm(p.deadline, i.timeZone);
    const mins = p.minutesLate;
    // The business by the name the overview shows, not its id.
    const business = businessLabel(i.overview.businessNames, p.businessId);
    // A move already decided for it: the alert follows the decision (what was done, what it should bring) until it resolves.
    const decided = decidedMove(p);
    const critical = isCriticalDelay(p, i.config.criticalLateMinutes);
    return {
      key: `delay_risk|${p.site}|${p.process}`,
      kind: 'delay_risk',
      severity: critical ? 'critical' : 'warning',
      site: p.site,
      process: p.process,
      title: decided
        ? decisionTitle(p, decided, business, i.timeZone)
        : mins === null
          ? {
              ja: `${p.site} ${p.process} の作業が止まっています（納期 ${deadline}、残り ${p.remaining}件）`,
              en: `${p.site} ${p.process} has stalled (deadline ${deadline}, ${p.remaining} left)`,
            }
          : {
              ja: `${p.site} ${p.process}（${business.ja}）が納期 ${deadline} に${about(mins).ja}遅れる見込み`,
              en: `${p.site} ${p.process} (${business.en}) will miss the ${deadline} deadline by ${about(mins).en}`,
            },
      detail: {
        decision: p.decision ?? null,
        businessId: p.businessId,
        remaining: p.remaining,
        deadline: p.deadline,
        projectedFinish: p.projectedFinish,
        minutesLate: mins,
        speedPerMinute: p.speedPerMinute,
        requiredPerMinute: p.requiredPerMinute,
        ...causesOf(c, p, i.timeZone),
      },
      dataAsOf: p.snapshotTime,
      request: {
        text: {
          ja: `${p.site}の${p.process}工程が遅延しています（${business.ja}、納期${deadline}、残り${p.remaining}件${mins === null ? '' : `、${about(mins).ja}遅れの見込み`}）`,
          en: `${p.site} ${p.process} is behind schedule (${business.en}, deadline ${deadline}, ${p.remaining} left${mins === null ? '' : `, ${about(mins).en} late`})`,
        },
        reading: lineFixReading(p),
      },
    };
  });
}

/** Speed now against the same half hour on the previous working days. */
function productivityDrop(i: RuleInputs, all: ProcessProgress[], c: Causes): AlertCandidate[] {
  const out: ProcessProgress[] = [];
  const baselines = new Map<ProcessProgress, number>();
  for (const p of all) {
    if (p.speedPerMinute === null || p.remaining <= 0) continue;
    const base = usualSpeed(i.db, p, i.timeZone).usual;
    if (base === null) continue;
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
        ja: `${p.site} ${p.process}（${businessLabel(i.overview.businessNames, p.businessId).ja}）の処理速度が通常の${share}%に低下（毎分${sp(p.speedPerMinute!)}件、通常${sp(base)}件）`,
        en: `${p.site} ${p.process} (${businessLabel(i.overview.businessNames, p.businessId).en}) runs at ${share}% of its usual speed (${sp(p.speedPerMinute!)}/min, usually ${sp(base)})`,
      },
      detail: {
        businessId: p.businessId,
        speedPerMinute: p.speedPerMinute,
        baselinePerMinute: Math.round(base * 100) / 100,
        share,
        ...causesOf(c, p, i.timeZone),
      },
      dataAsOf: p.snapshotTime,
      request: {
        text: {
          ja: `${p.site}の${p.process}工程の処理速度が落ちています（通常の${share}%）`,
          en: `${p.site} ${p.process} has slowed down (${share}% of usual)`,
        },
        reading: lineFixReading(p),
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
      // With its business (札幌 has two エントリ1), and the count said as people.
      ja: `${p.site} ${p.process}（${businessLabel(i.overview.businessNames, p.businessId).ja}）: スキル${i.config.qualifiedSkill}以上の担当者（${c.n}名、毎分${sp(c.perMinute)}件）では必要な毎分${sp(p.requiredPerMinute!)}件に届きません`,
      en: `${p.site} ${p.process} (${businessLabel(i.overview.businessNames, p.businessId).en}): ${count(c.n, 'operator')} at skill ≥ ${i.config.qualifiedSkill}, ${sp(c.perMinute)}/min in all, short of the ${sp(p.requiredPerMinute!)}/min needed`,
    },
    detail: { businessId: p.businessId, qualified: c.n, capacityPerMinute: Math.round(c.perMinute * 100) / 100, requiredPerMinute: p.requiredPerMinute },
    dataAsOf: p.snapshotTime,
    request: {
      text: { ja: `${p.site}の${p.process}工程に有資格者が足りません`, en: `${p.site} ${p.process} lacks qualified operators` },
      reading: lineFixReading(p),
    },
  }));
}

/**
 * One alert per log incident, not one per signal: its sites, hosts, lines against the usual,
 * and the speed of the site's processes it likely dragged down. Critical incidents alert,
 * and so does any incident linked to a drop on the floor.
 */
function logIncidents(i: RuleInputs, c: Causes): AlertCandidate[] {
  const window = i.anomalies?.windowMinutes ?? 60;
  return c.incidents
    .map((incident) => ({ incident, links: c.links.filter((l) => l.incidentId === incident.id) }))
    .filter(({ incident, links }) => incident.severity === 'critical' || links.length > 0)
    .map(({ incident, links }) => {
      const lines = incidentLinesSince(incident, formatHm(incident.start, i.timeZone));
      const where = incident.hosts[0] ?? incident.services[0] ?? '?';
      const more = incident.hosts.length > 1 ? ` +${incident.hosts.length - 1}` : '';
      const sites = incident.sites.length > 0 ? { ja: `（${incident.sites.join('・')}）`, en: ` (${incident.sites.join(', ')})` } : { ja: '', en: '' };
      const l = links[0];
      const kpi = l
        ? {
            // With its business: 札幌 has two エントリ1.
            ja: `。${l.site} ${l.process}（${businessLabel(i.overview.businessNames, l.businessId).ja}）の速度 毎分${sp(l.speedBefore)} → ${sp(l.speedAfter)}件（${formatHm(l.dropAt, i.timeZone)}から）`,
            en: `; ${l.site} ${l.process} (${businessLabel(i.overview.businessNames, l.businessId).en}) speed ${sp(l.speedBefore)} → ${sp(l.speedAfter)} items/min (from ${formatHm(l.dropAt, i.timeZone)})`,
          }
        : { ja: '', en: '' };
      return {
        key: `log_anomaly|${incident.services[0] ?? where}`,
        kind: 'log_anomaly' as const,
        severity: links.length > 0 ? ('critical' as const) : incident.severity,
        site: incident.sites[0] ?? null,
        process: l?.process ?? null,
        title: {
          ja: `ログの障害${sites.ja}: ${where}${more} ${lines.ja}${kpi.ja}`,
          en: `Log incident${sites.en}: ${where}${more}, ${lines.en}${kpi.en}`,
        },
        detail: {
          incidentId: incident.id,
          start: incident.start,
          end: incident.end,
          services: incident.services,
          hosts: incident.hosts,
          sites: incident.sites,
          // The title's count and these share its period: since the start.
          lines: incident.lines,
          errorLines: incident.errorLines,
          usualLines: incident.usualLines,
          // Each signal is counted over the anomaly window, and says so.
          anomalies: incident.anomalies.map((a) => ({
            kind: a.kind,
            service: a.service,
            template: a.template,
            count: a.count,
            counted: signalLines(a.count, window),
            score: a.score,
          })),
          samples: incident.samples,
          affects: links,
        },
        dataAsOf: incident.end,
        request: null,
      };
    });
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
export type { AlertCandidate, RuleInputs } from './alertCandidate.js';

export function evaluateRules(i: RuleInputs): AlertCandidate[] {
  const all = freshProcesses(i);
  const causes = incidentCauses(i, all);
  return [
    ...delayRisk(i, all, causes),
    ...productivityDrop(i, all, causes),
    ...skillGap(i, all),
    ...logIncidents(i, causes),
    ...staleData(i),
    ...decisionShort(i),
    // Attendance and arrivals are not progress: they may speak while the progress data is stale, of today's records.
    ...planningRules(i, all),
  ];
}

/** The processes the rules may speak of: none while the data is stale. */
function freshProcesses(i: RuleInputs): ProcessProgress[] {
  const fresh = i.overview.dataAsOf !== null && i.now - i.overview.dataAsOf <= i.config.staleMinutes * MINUTE;
  return fresh ? i.overview.sites.flatMap((s) => s.processes) : [];
}

/** The log incidents of now (none during warm-up) and the drops in speed they likely caused. */
export function incidentCauses(i: RuleInputs, processes: ProcessProgress[] = freshProcesses(i)): Causes {
  const incidents =
    i.config.logAnomalies && i.anomalies && !i.anomalies.warmup
      ? groupIncidents(i.db, i.anomalies, {
          ...DEFAULT_INCIDENT,
          siteOfHost: i.siteOfHost ?? (() => null),
          timeZone: i.timeZone,
          ...(i.window ? { window: i.window } : {}),
        })
      : [];
  return { incidents, links: linkIncidentsToKpis(i.db, incidents, processes, { now: i.now, share: i.config.productivityDropShare }) };
}
