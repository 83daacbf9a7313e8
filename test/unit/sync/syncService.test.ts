import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventBus } from '../../../main/api/eventBus.js';
import type { GenbaEvent } from '../../../main/api/types.js';
import { createSyncService } from '../../../main/sync/syncService.js';
import type { SyncJob } from '../../../main/sync/syncJob.js';
import { tempDir } from '../../helpers/tempDir.js';

/** A real service on a real store; with `deliveryOnly`, scheduled runs skip the tables (timing tests). */
function service(dir: string, events = createEventBus(), jobs: SyncJob['groups'][] = [], deliveryOnly = false) {
  return createSyncService({
    runner: 'inline',
    events,
    env: { now: () => 0, lang: () => 'ja' },
    log: { info: () => {}, warn: () => {}, error: () => {} },
    schedule: () => ({ progressEverySeconds: 60, mastersEveryMinutes: 10 }),
    job: (kind, groups) => {
      jobs.push(groups);
      return {
        kind: deliveryOnly ? 'deliver' : kind,
        groups,
        dbPath: join(dir, 'genba.sqlite'),
        source: { kind: 'demo', seed: 7 },
        logs: { kind: 'companyDatabase', keepRawDays: 7, keepMinuteDays: 1, keepAggregateDays: 90 },
        timeZone: 'Asia/Tokyo',
        password: null,
        batchSize: 5000,
        fixedNow: 0,
      };
    },
  });
}

describe('sync service', () => {
  const dirs: { remove: () => void }[] = [];
  afterEach(() => {
    vi.useRealTimers();
    dirs.splice(0).forEach((d) => d.remove());
  });

  it('never runs two syncs at once: requests during a run merge into one follow-up run; a delivery runs beside them', async () => {
    const d = tempDir();
    dirs.push(d);
    const events: GenbaEvent[] = [];
    const bus = createEventBus();
    bus.on((e) => events.push(e));
    const jobs: SyncJob['groups'][] = [];
    const s = service(d.path, bus, jobs);
    const first = s.run('sync', ['masters']);
    const second = s.run('sync', ['progress']);
    // Decisions do not wait for the syncs (one held up by a frozen log store would hold them back).
    const third = s.run('deliver', []);
    expect(third).not.toBe(second);
    expect(s.status().running).toBe(true);
    await Promise.all([first, second, third]);
    expect(jobs).toEqual([['masters'], [], ['progress']]);
    expect(events.filter((e) => e.type === 'sync-finished')).toHaveLength(2);
    expect(events.some((e) => e.type === 'progress' && e.table === 'operators')).toBe(true);
    expect(s.status()).toMatchObject({ running: false, lastRun: { ok: true } });
  });

  it('runs progress and logs every minute and the masters every ten minutes', async () => {
    const d = tempDir();
    dirs.push(d);
    vi.useFakeTimers();
    const jobs: SyncJob['groups'][] = [];
    const s = service(d.path, createEventBus(), jobs, true);
    s.startSchedule();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(jobs).toEqual([['progress', 'logs']]);
    await vi.waitFor(() => expect(s.status().running).toBe(false));
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    s.stopSchedule();
    expect(jobs.filter((g) => g.includes('masters'))).toHaveLength(1);
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    await vi.waitFor(() => expect(s.status().running).toBe(false));
  });
});
