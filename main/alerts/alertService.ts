import type Database from 'better-sqlite3';
import type { LatinNames } from '../api/latinNames.js';
import type { EventBus } from '../api/eventBus.js';
import type { Alert, AlertCheck, IncidentReport, LogAnomalyReport, Overview, SiteTimeline } from '../api/types.js';
import type { GenbaConfig } from '../config/config.js';
import type { AppEnv } from '../config/appEnv.js';
import { describeError, GenbaError } from '../errors.js';
import type { AppLog } from '../applog/appLog.js';
import { acknowledgeAlert, snoozeAlert, type AlertFilter } from '../store/alertRows.js';
import { decisionHolds } from '../api/floorDecision.js';
import { applyCandidates, listAlerts } from './alertEngine.js';
import { evaluateRules, incidentCauses, type RuleInputs } from './alertRules.js';
import { siteTimeline } from './siteTimeline.js';
import { thresholdChanged } from './alertTexts.js';
import type { LogWindow } from '../logs/logIntelligence.js';
import type { LogNarrowing } from '../api/logsScreen.js';
import { durationDays, HOUR_MS } from '../api/durations.js';

/** The alert rules, checked on a timer (start) and on demand; new alerts go out as events. */
export interface AlertService {
  check(): AlertCheck;
  list(f?: AlertFilter): Alert[];
  /** Open alerts that need action: those whose decision holds are left out (the tray's and the Alerts badge's count). */
  openCount(): number;
  acknowledge(id: number): Alert[];
  snooze(id: number, minutes: number): Alert[];
  start(): void;
  stop(): void;
  /**
   * A decision was just recorded: while the service runs (the app), the alerts are checked at once, in the next turn so
   * that the decision's answer does not wait for it, and follow the decision (the delay alert's title and severity)
   * instead of saying the old delay until the next sync. The CLI, which does not start the service, skips it.
   */
  afterDecision(): void;
  /**
   * The log incidents of now (or of `window`: the one a question asked about), each with the
   * drops in speed it likely caused; `site`: those that touch it.
   */
  incidents(site?: string, window?: LogWindow, reads?: IncidentReads): IncidentReport;
  /**
   * A site's speed, incidents and hosts' log lines on one time axis (default: the last 6 hours; at
   * most 7 days), the lines narrowed as the Logs view narrows them.
   */
  timeline(site: string, range?: { from?: number; to?: number }, templateId?: number, narrowing?: LogNarrowing): SiteTimeline;
  /** No notifications for `minutes` (the tray's pause); alerts are still recorded. */
  pause(minutes: number): { pausedUntil: number };
  /** Until when notifications are paused, as last set (it may lie in the past); null when never. */
  pausedUntil(): number | null;
  /**
   * A threshold the assistant proposed, approved by the manager: written to the config (it
   * applies to every site). Refused when the setting is no longer the value it was proposed against.
   */
  applyThreshold(change: ThresholdChange): { setting: ThresholdChange['setting']; previous: number; value: number };
}

export interface ThresholdChange {
  setting: 'alerts.productivityDropShare';
  current: number;
  proposed: number;
}

/**
 * The overview and the log anomalies an incident report is worked out from, when the caller has them already: a chat
 * question reads each once for all its figures (the same functions of the same store at the same time, so the same
 * report), where each report read them again.
 */
export interface IncidentReads {
  overview: () => Overview;
  anomalies: (window?: LogWindow) => LogAnomalyReport;
}

const PAUSED_UNTIL = 'alerts_paused_until';

/**
 * Runs the rules on a schedule (every `alerts.everyMinutes`) and after every sync, keeps
 * the history, and emits `alert` events for what deserves a notification.
 */
export function createAlertService(deps: {
  env: AppEnv;
  /** Writes config.json (see updateConfig): the approved threshold. */
  setConfig: (change: (current: GenbaConfig) => GenbaConfig) => GenbaConfig;
  db: () => Database.Database;
  events: EventBus;
  log: AppLog;
  overview: () => Overview;
  lastSync: () => number | null;
  anomalies: (window?: LogWindow) => LogAnomalyReport | null;
  /** The store's key-value meta table: where the pause is kept, so it holds across restarts. */
  meta: { get(key: string): string | null; set(key: string, value: string): void };
  /** The site a log host serves (see config alerts.hostSites); null when unknown. */
  siteOfHost?: () => (host: string) => string | null;
  /** The company's names in Latin letters, for English titles (api/latinNames.ts). */
  latinNames?: () => LatinNames;
}): AlertService {
  const { env } = deps;
  const read = (db: Database.Database, f: AlertFilter): Alert[] => listAlerts(db, f, env.lang(), deps.latinNames?.() ?? {});
  let timer: NodeJS.Timeout | null = null;
  /** The check after a decision, waiting for its turn (one at a time: two decisions in a row need one check). */
  let followUp: NodeJS.Timeout | null = null;
  const pausedUntil = (): number | null => {
    const v = deps.meta.get(PAUSED_UNTIL);
    return v === null ? null : Number(v);
  };
  /** What needs action: open alerts, less those whose decision holds (a badge counts work to act on). */
  const actionCount = (open: readonly Alert[]): number => open.filter((a) => !decisionHolds(a.decision)).length;
  const openCount = (): number => actionCount(read(deps.db(), { status: 'open' }));
  const notFound = (id: number) => new GenbaError('ALERT_NOT_FOUND', { ja: `アラート ${id} は見つかりません。`, en: `Alert ${id} not found.` });

  const inputs = (window?: LogWindow, reads?: IncidentReads): RuleInputs => {
    const cfg = env.config();
    let anomalies: LogAnomalyReport | null = null;
    try {
      anomalies = (reads?.anomalies ?? deps.anomalies)(window);
    } catch (error) {
      deps.log.warn('log anomalies unavailable for alerts', describeError(error));
    }
    return {
      db: deps.db(),
      // A window in the past is looked at as of its end.
      now: window ? Math.min(window.to, env.now()) : env.now(),
      timeZone: cfg.timeZone,
      config: cfg.alerts,
      workday: cfg.planning,
      overview: (reads?.overview ?? deps.overview)(),
      lastSync: deps.lastSync(),
      anomalies,
      ...(deps.siteOfHost ? { siteOfHost: deps.siteOfHost() } : {}),
      ...(window ? { window: { from: window.from, to: window.to } } : {}),
    };
  };
  const report = (i: RuleInputs, site?: string): IncidentReport => {
    const causes = incidentCauses(i);
    return {
      now: i.now,
      warmup: i.anomalies?.warmup ?? true,
      incidents: causes.incidents
        .map((x) => ({ ...x, affects: causes.links.filter((l) => l.incidentId === x.id) }))
        // A site's incidents: on its hosts, or linked to a drop in its own speed (a shared service's, say).
        .filter((x) => site === undefined || x.sites.includes(site) || x.affects.some((l) => l.site === site)),
    };
  };

  const check = (): AlertCheck => {
    const i = inputs();
    const { db, now } = i;
    const cfg = env.config();
    const candidates = evaluateRules(i);
    const paused = (pausedUntil() ?? 0) > now;
    const r = applyCandidates(db, candidates, now, { cooldownMinutes: cfg.alerts.cooldownMinutes, paused });
    const open = read(db, { status: 'open' });
    for (const id of r.notify) {
      const a = open.find((x) => x.id === id);
      if (a) deps.events.emit({ type: 'alert', id: a.id, kind: a.kind, severity: a.severity, site: a.site, title: a.title, openCount: actionCount(open) });
    }
    if (r.opened + r.resolved + r.updated > 0) deps.events.emit({ type: 'alerts-changed', openCount: actionCount(open) });
    return { opened: r.opened, updated: r.updated, resolved: r.resolved, notified: r.notify.length, open };
  };

  return {
    check,
    incidents: (site?: string, window?: LogWindow, reads?: IncidentReads): IncidentReport => report(inputs(window, reads), site),
    timeline(site: string, range: { from?: number; to?: number } = {}, templateId?: number, narrowing?: LogNarrowing): SiteTimeline {
      const i = inputs();
      const to = range.to ?? i.now;
      // At most a week on one axis: the response says which window it covers. A bound on the work (elapsed time, like the
      // contract's log ranges), not a count of calendar days.
      const from = Math.max(range.from ?? to - 6 * HOUR_MS, to - durationDays(7));
      return siteTimeline(i.db, { site, from, to, causes: incidentCauses(i), siteOfHost: i.siteOfHost ?? (() => null), templateId, narrowing });
    },
    list: (f: AlertFilter = {}): Alert[] => read(deps.db(), f),
    openCount,
    acknowledge(id: number): Alert[] {
      if (!acknowledgeAlert(deps.db(), id, env.now())) throw notFound(id);
      deps.events.emit({ type: 'alerts-changed', openCount: openCount() });
      return read(deps.db(), { status: 'open' });
    },
    snooze(id: number, minutes: number): Alert[] {
      if (!snoozeAlert(deps.db(), id, env.now() + minutes * 60_000)) throw notFound(id);
      return read(deps.db(), { status: 'open' });
    },
    start(): void {
      this.stop();
      timer = setInterval(() => {
        try {
          check();
        } catch (error) {
          deps.log.error('alert check failed', describeError(error));
        }
      }, env.config().alerts.everyMinutes * 60_000);
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
      if (followUp) clearTimeout(followUp);
      followUp = null;
    },
    afterDecision(): void {
      if (timer === null || followUp !== null) return;
      followUp = setTimeout(() => {
        followUp = null;
        try {
          check();
        } catch (error) {
          deps.log.error('alert check after a decision failed', describeError(error));
        }
      }, 0);
    },
    pausedUntil,
    pause(minutes: number): { pausedUntil: number } {
      const until = env.now() + minutes * 60_000;
      deps.meta.set(PAUSED_UNTIL, String(until));
      return { pausedUntil: until };
    },
    applyThreshold(change) {
      let previous = env.config().alerts.productivityDropShare;
      // Checked against the file as it is now: another window, process or hand edit may have changed it since the proposal.
      deps.setConfig((c) => {
        previous = c.alerts.productivityDropShare;
        if (Math.abs(previous - change.current) > 1e-9) throw new GenbaError('THRESHOLD_CHANGED', thresholdChanged(previous));
        return { ...c, alerts: { ...c.alerts, productivityDropShare: change.proposed } };
      });
      deps.log.info('alert threshold changed by the manager', `${change.setting}: ${previous} -> ${change.proposed}`);
      return { setting: change.setting, previous, value: change.proposed };
    },
  } satisfies AlertService;
}
