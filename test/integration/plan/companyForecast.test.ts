import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../main/config/config.js';
import { forecastStore } from '../../../main/forecast/forecastNow.js';
import { planInputs } from '../../../main/plan/planInputs.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const NOW = Date.parse(ANCHOR);
const TOMORROW = '2025-10-24';
const MONDAY = '2025-10-27';

/**
 * The company's own forecasts (workload_forecasts, synced from its planning system) are read:
 * each shown beside Genba's for its day and series, the latest revision where there are several,
 * and never what the plan staffs for.
 */
describe("the company's own forecast beside Genba's", () => {
  const dir = tempDir();
  let db: Database.Database;
  beforeAll(async () => {
    await copyDemoStore(dir.path);
    db = new Database(join(dir.path, 'genba.sqlite'));
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  it("gives each day and series the company's latest figure, and leaves the plan's demands as they were", () => {
    const cfg = defaultConfig();
    const options = { now: NOW, config: cfg, distancesKm: {}, businessNames: {} };
    const before = planInputs(db, { ...options, date: TOMORROW }).problem.demands;
    const plain = forecastStore(db, { now: NOW, timeZone: 'Asia/Tokyo', days: 2 });
    const bands = plain.series.map((s) => s.days.map(({ date, p10, p50, p90 }) => ({ date, p10, p50, p90 })));
    expect(plain.series.every((s) => s.days.every((d) => d.company === undefined))).toBe(true);
    const [first, second] = plain.series;
    const insert = db.prepare(
      'INSERT INTO workload_forecasts (forecast_id, forecast_date, location_name, business_id, process_name, forecast_items, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(1, TOMORROW, first!.site, first!.businessId, first!.process, 1000, NOW - 86_400_000);
    insert.run(2, TOMORROW, first!.site, first!.businessId, first!.process, 1234, NOW - 3_600_000); // revised later
    insert.run(3, MONDAY, second!.site, second!.businessId, second!.process, 777, NOW);
    insert.run(4, TOMORROW, 'どこにもない拠点', first!.businessId, first!.process, 5, NOW); // no such series: shown nowhere

    const f = forecastStore(db, { now: NOW, timeZone: 'Asia/Tokyo', days: 2 });
    expect(f.dates).toEqual([TOMORROW, MONDAY]);
    const company = f.series.flatMap((s) => s.days.flatMap((d) => (d.company === undefined ? [] : [[s.key, d.date, d.company] as const])));
    expect(company).toEqual([
      [first!.key, TOMORROW, 1234],
      [second!.key, MONDAY, 777],
    ]);
    // Genba's own figures do not move.
    expect(f.series.map((s) => s.days.map(({ date, p10, p50, p90 }) => ({ date, p10, p50, p90 })))).toEqual(bands);

    const after = planInputs(db, { ...options, date: TOMORROW }).problem.demands;
    expect(after.filter((d) => d.company !== undefined).map((d) => [d.site, d.businessId, d.process, d.company])).toEqual([
      [first!.site, first!.businessId, first!.process, 1234],
    ]);
    expect(after.map(({ company: _, ...d }) => d)).toEqual(before);
  });

  it('genba forecast prints it in brackets, and says what the brackets are', () => {
    const r = runGenba(['forecast', '--days', '2', '--data-dir', dir.path, '--now', ANCHOR]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('[1,234]');
    expect(r.stdout).toContain('[777]');
    expect(r.stdout).toContain('［ ］内は会社の予測（workload_forecasts）。');
  });
});
