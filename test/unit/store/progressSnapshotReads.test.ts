import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/migration.js';
import { allSeries, finishTimes, latestSnapshots, seriesKey, speedOver, speedsOver } from '../../../main/store/progressSnapshots.js';

const at = (hm: string, day = 23): number => Date.parse(`2025-10-${day}T${hm}+09:00`);

/** Three sites' series over two days, with names that sort oddly (an empty process name, a numeric-looking business). */
function store(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  const insert = db.prepare(
    `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
     VALUES (?, ?, ?, ?, NULL, ?, ?)`,
  );
  const series: [string, string, string][] = [
    ['札幌', '523201', 'エントリ1'],
    ['札幌', '523201', '検証'],
    ['札幌', '10', 'エントリ1'],
    ['大阪', '523201', 'エントリ1'],
    ['品川', '523201', ''],
  ];
  series.forEach(([site, business, process], i) => {
    for (const day of [22, 23])
      for (let k = 0; k < 12; k++)
        insert.run(at(`${String(9 + k).padStart(2, '0')}:00`, day), site, business, process, Math.max(0, 300 - k * (20 + i)), k * (20 + i));
  });
  return db;
}

/** The plans of the statements run while `read` runs, each with the parameters it was run with. */
function plansOf(db: Database.Database, read: (db: Database.Database) => unknown): string[] {
  const plans: string[] = [];
  const recording = new Proxy(db, {
    get(target, key) {
      if (key !== 'prepare') return Reflect.get(target, key, target) as unknown;
      return (sql: string) => {
        const stmt = target.prepare(sql);
        const explain = (params: unknown[]): void =>
          void plans.push((target.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n'));
        return new Proxy(stmt, {
          get(s, k) {
            const v = Reflect.get(s, k, s) as unknown;
            if ((k !== 'all' && k !== 'get') || typeof v !== 'function') return typeof v === 'function' ? v.bind(s) : v;
            return (...params: unknown[]) => (explain(params), v.apply(s, params));
          },
        });
      };
    },
  });
  read(recording);
  return plans;
}

describe('progress snapshots: the reads use the index that fits them', () => {
  it('lists every series once, in site, process, business order, the same as a DISTINCT over the whole table', () => {
    const db = store();
    const distinct = db
      .prepare('SELECT DISTINCT location_name AS site, process_name AS process, business_id AS businessId FROM progress_snapshots ORDER BY 1, 2, 3')
      .all();
    expect(allSeries(db)).toEqual(distinct);
    expect(allSeries(db).map(seriesKey)).toEqual(['品川||523201', '大阪|エントリ1|523201', '札幌|エントリ1|10', '札幌|エントリ1|523201', '札幌|検証|523201']);
    const empty = new Database(':memory:');
    migrate(empty);
    expect(allSeries(empty)).toEqual([]);
  });

  it('finds the series without reading every snapshot: one seek per site, process and series', () => {
    const plans = plansOf(store(), allSeries).join('\n');
    expect(plans).not.toMatch(/SCAN progress_snapshots/);
    expect(plans).toMatch(/SEARCH progress_snapshots USING COVERING INDEX snapshots_by_series \(location_name=\? AND process_name=\? AND business_id>\?\)/);
  });

  it("reads one series' snapshots through snapshots_by_series, not every series' snapshots of the window", () => {
    const db = store();
    const p = { site: '札幌', process: 'エントリ1', businessId: '523201' };
    const plans = plansOf(db, (d) => speedOver(d, p, at('00:00', 22), at('23:00')));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatch(
      /USING INDEX snapshots_by_series \(location_name=\? AND process_name=\? AND business_id=\? AND snapshot_time>\? AND snapshot_time<\?\)/,
    );
  });

  it("finds when each series finished from the window's snapshots alone, not by walking the whole table", () => {
    const plans = plansOf(store(), (d) => finishTimes(d, at('00:00'), at('15:40'))).join('\n');
    expect(plans).toMatch(/SEARCH progress_snapshots USING INDEX snapshots_by_time/);
    expect(plans).not.toMatch(/SCAN progress_snapshots/);
  });

  it('a whole series named gives the same figures as the same series read among all', () => {
    const db = store();
    const [from, to] = [at('00:00', 22), at('15:40')];
    const all = speedsOver(db, from, to);
    const latest = latestSnapshots(db, from, to);
    const finished = finishTimes(db, from, to);
    for (const p of allSeries(db)) {
      const one = { site: [p.site], process: [p.process], business: [p.businessId] };
      expect(speedOver(db, p, from, to)).toBe(all.get(seriesKey(p)));
      expect(latestSnapshots(db, from, to, one)).toEqual(latest.filter((s) => seriesKey(s) === seriesKey(p)));
      expect(finishTimes(db, from, to, one).get(seriesKey(p))).toBe(finished.get(seriesKey(p)));
    }
    // Two sites and one process: the general filter, the same rows.
    const two = { site: ['札幌', '大阪'], process: ['エントリ1'] };
    expect([...speedsOver(db, from, to, two).keys()]).toEqual(['大阪|エントリ1|523201', '札幌|エントリ1|10', '札幌|エントリ1|523201']);
  });
});
