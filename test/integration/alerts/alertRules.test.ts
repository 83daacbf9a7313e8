import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyCandidates, listAlerts } from '../../../main/alerts/alertEngine.js';
import { snoozeAlert } from '../../../main/store/alertRows.js';
import { evaluateRules } from '../../../main/alerts/alertRules.js';
import { createAlertService } from '../../../main/alerts/alertService.js';
import { createEventBus } from '../../../main/api/eventBus.js';
import type { GenbaEvent, LogAnomalyReport } from '../../../main/api/types.js';
import { defaultConfig } from '../../../main/config/config.js';
import { computeOverview } from '../../../main/placement/siteOverview.js';
import { migrate } from '../../../main/store/migration.js';

const at = (hm: string, day = 23): number => Date.parse(`2025-10-${String(day).padStart(2, '0')}T${hm}+09:00`);
const NOW = at('15:40');
const cfg = defaultConfig();
let db: Database.Database;

function snapshot(site: string, process: string, hm: string, remaining: number, done: number, day = 23, deadline = '16:00'): void {
  db.prepare(
    `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
    VALUES (?, ?, '523201', ?, ?, ?, ?)`,
  ).run(at(hm, day), site, process, at(deadline, day), remaining, done);
}
function operators(site: string, process: string, n: number, skill = 4, perHour = 40): void {
  for (let i = 0; i < n; i++) {
    const id = Number(db.prepare("INSERT INTO operators (operator_name, location_name, is_valid, updated_at) VALUES ('x', ?, 1, 0)").run(site).lastInsertRowid);
    db.prepare(
      'INSERT INTO operator_process_capabilities (operator_id, process_name, skill_level, experience_months, average_speed, updated_at) VALUES (?, ?, ?, 24, ?, 0)',
    ).run(id, process, skill, perHour);
  }
}
const candidates = (o: { lastSync?: number | null; anomalies?: LogAnomalyReport | null; now?: number } = {}) => {
  const now = o.now ?? NOW;
  return evaluateRules({
    db,
    now,
    timeZone: 'Asia/Tokyo',
    config: cfg.alerts,
    workday: cfg.planning,
    lastSync: o.lastSync === undefined ? now : o.lastSync,
    anomalies: o.anomalies ?? null,
    overview: computeOverview(db, { now, timeZone: 'Asia/Tokyo', speedWindowMinutes: 30, atRiskSlackMinutes: 15 }),
  });
};
const kinds = (o?: Parameters<typeof candidates>[0]) =>
  candidates(o)
    .map((c) => c.key)
    .sort();

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
  db.prepare("INSERT INTO locations VALUES (1, '札幌'), (2, '盛岡')").run();
  operators('札幌', 'エントリ1', 12); // 12 × 40/h = 8/min of qualified capacity
});

describe('alert rules on constructed scenarios', () => {
  it('delay risk fires with the minutes late, and clears when the pace recovers', () => {
    snapshot('札幌', 'エントリ1', '15:10', 270, 1000);
    snapshot('札幌', 'エントリ1', '15:40', 120, 1150); // 5/min, 120 left, 16:00 → 16:04
    const [c] = candidates();
    expect(c).toMatchObject({ key: 'delay_risk|札幌|エントリ1', severity: 'warning', detail: { minutesLate: 4, requiredPerMinute: 6 } });
    expect(c!.request!.text.ja).toBe('札幌のエントリ1工程が遅延しています（業務523201、納期16:00、残り120件、約4分遅れの見込み）');
    snapshot('札幌', 'エントリ1', '15:50', 20, 1250); // 10/min since 15:40
    expect(kinds({ now: at('15:50') })).toEqual([]);
  });

  it('productivity drop compares with the same half hour on previous days', () => {
    for (const day of [16, 17, 20, 21, 22]) {
      snapshot('札幌', 'エントリ1', '15:10', 900, 2000, day);
      snapshot('札幌', 'エントリ1', '15:40', 600, 2300, day); // 10/min usually
    }
    snapshot('札幌', 'エントリ1', '15:10', 500, 1000);
    snapshot('札幌', 'エントリ1', '15:40', 380, 1120); // 4/min today, finishes in time? 380 at 4/min → 95 min: also late
    expect(kinds()).toContain('productivity_drop|札幌|エントリ1');
    expect(candidates().find((c) => c.kind === 'productivity_drop')).toMatchObject({ severity: 'critical', detail: { share: 40, baselinePerMinute: 10 } });
    snapshot('札幌', 'エントリ1', '16:10', 110, 1390, 23); // 9/min from 15:40
    expect(kinds({ now: at('16:10') })).not.toContain('productivity_drop|札幌|エントリ1');
  });

  it('skill gap fires when qualified capacity is below the pace needed, and clears with more qualified operators', () => {
    snapshot('盛岡', 'エントリ1', '15:10', 400, 100, 23, '17:00');
    snapshot('盛岡', 'エントリ1', '15:40', 300, 200, 23, '17:00'); // needs 3.75/min; on track at 3.3/min? no: 300/3.33 = 90 min → 17:10, late
    operators('盛岡', 'エントリ1', 3, 2); // skill 2: not qualified
    operators('盛岡', 'エントリ1', 2, 4, 60); // 2/min qualified
    expect(kinds()).toContain('skill_gap|盛岡|エントリ1');
    operators('盛岡', 'エントリ1', 3, 3, 60); // +3/min qualified
    expect(kinds()).not.toContain('skill_gap|盛岡|エントリ1');
  });

  it('log anomaly follows the log-intelligence report (one alert per incident), and stays off during warm-up', () => {
    const report = (warmup: boolean): LogAnomalyReport => ({
      now: NOW,
      windowMinutes: 60,
      warmup,
      anomalies: [
        {
          kind: 'error_burst',
          severity: 'critical',
          templateId: null,
          service: 'ocr-worker',
          template: null,
          firstSeen: NOW - 1000,
          lastSeen: NOW,
          count: 231,
          score: 40,
          samples: ['OCR timeout'],
          explanation: { ja: 'エラー急増', en: 'error burst' },
        },
      ],
    });
    expect(kinds({ anomalies: report(false) })).toEqual(['log_anomaly|ocr-worker']); // one alert per incident
    expect(kinds({ anomalies: report(true) })).toEqual([]);
    expect(kinds({ anomalies: { ...report(false), anomalies: [] } })).toEqual([]);
  });

  it('stale data fires after N minutes without a successful sync, and clears after one', () => {
    expect(kinds({ lastSync: NOW - 40 * 60_000 })).toEqual(['stale_data']);
    expect(candidates({ lastSync: null })[0]).toMatchObject({ key: 'stale_data', severity: 'critical' });
    expect(kinds({ lastSync: NOW - 5 * 60_000 })).toEqual([]);
  });
});

describe('alert engine', () => {
  const stale = () => candidates({ lastSync: NOW - 40 * 60_000 });
  const apply = (c: ReturnType<typeof candidates>, now: number, paused = false) => applyCandidates(db, c, now, { cooldownMinutes: 30, paused });

  it('dedupes repeats, resolves by itself, reopens quietly within the cooldown and notifies again after it', () => {
    expect(apply(stale(), NOW)).toMatchObject({ opened: 1, notify: [1] });
    expect(apply(stale(), NOW + 2 * 60_000)).toMatchObject({ opened: 0, updated: 1, notify: [] });
    expect(apply([], NOW + 4 * 60_000)).toMatchObject({ resolved: 1 });
    expect(apply(stale(), NOW + 10 * 60_000)).toMatchObject({ opened: 0, updated: 1, notify: [] }); // back within the cooldown
    expect(listAlerts(db, {}, 'ja')).toHaveLength(1);
    apply([], NOW + 12 * 60_000);
    expect(apply(stale(), NOW + 60 * 60_000)).toMatchObject({ opened: 1, notify: [2] });
    expect(listAlerts(db, { status: 'resolved' }, 'en')).toHaveLength(1);
  });

  it('does not notify while paused or snoozed, but tells of an escalation to critical', () => {
    expect(apply(stale(), NOW, true)).toMatchObject({ opened: 1, notify: [] });
    const critical = candidates({ lastSync: null });
    expect(apply(critical, NOW + 60_000)).toMatchObject({ notify: [1] });
    apply([], NOW + 2 * 60_000);
    const again = apply(stale(), NOW + 3 * 60_000);
    expect(again.notify).toEqual([]);
    snoozeAlert(db, 1, NOW + 3_600_000);
    expect(apply(critical, NOW + 4 * 60_000)).toMatchObject({ notify: [] });
  });
});

describe('alert service schedule', () => {
  afterEach(() => vi.useRealTimers());

  it('checks every two minutes and emits an alert event for a new alert', () => {
    vi.useFakeTimers();
    const events: GenbaEvent[] = [];
    const bus = createEventBus();
    bus.on((e) => events.push(e));
    let lastSync = NOW;
    const service = createAlertService({
      env: {
        clock: { now: () => NOW, fixed: true, mode: () => 'fixed' },
        now: () => NOW,
        lang: () => 'ja',
        langChosen: () => false,
        timeZone: () => cfg.timeZone,
        config: () => cfg,
      },
      setConfig: () => cfg,
      db: () => db,
      events: bus,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      overview: () => computeOverview(db, { now: NOW, timeZone: 'Asia/Tokyo', speedWindowMinutes: 30, atRiskSlackMinutes: 15 }),
      lastSync: () => lastSync,
      anomalies: () => null,
      meta: { get: () => null, set: () => {} },
    });
    service.start();
    vi.advanceTimersByTime(2 * 60_000);
    expect(events).toEqual([]);
    lastSync = NOW - 45 * 60_000;
    vi.advanceTimersByTime(2 * 60_000);
    expect(events.find((e) => e.type === 'alert')).toMatchObject({ kind: 'stale_data', openCount: 1 });
    vi.advanceTimersByTime(2 * 60_000);
    expect(events.filter((e) => e.type === 'alert')).toHaveLength(1); // a repeat is not a new notification
    service.stop();
  });
});
