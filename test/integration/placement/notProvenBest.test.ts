import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../main/config/config.js';
import { placementSituation } from '../../../main/placement/placementSituation.js';
import { moveWhatIf } from '../../../main/placement/moveWhatIf.js';
import { proposePlacement } from '../../../main/placement/proposePlacement.js';
import { migrate } from '../../../main/store/migration.js';

/**
 * How the callers say that the optimizer stopped at its node limit. The limit itself is run for
 * real in test/unit/placement/placementSolver.test.ts; here the solver's real answer is only
 * marked as stopped there, so that the proposal and the what-if can be read for it.
 */
const stopped = vi.hoisted(() => ({ on: false }));
vi.mock('../../../main/placement/placementSolver.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../main/placement/placementSolver.js')>();
  return {
    ...real,
    solveMoves: async (...args: Parameters<typeof real.solveMoves>) => {
      const r = await real.solveMoves(...args);
      return stopped.on && r.status === 'optimal' ? { ...r, status: 'limited' as const } : r;
    },
  };
});

const at = (hm: string): number => Date.parse(`2025-10-23T${hm}:00+09:00`);
const cfg = defaultConfig();
let db: Database.Database;

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
  for (const [i, name] of ['札幌', '盛岡'].entries()) db.prepare('INSERT INTO locations VALUES (?, ?)').run(i + 1, name);
  // 札幌 エントリ1: 120 left at 15:40 for 16:00 at 5/min: 4 minutes late.
  for (const hm of ['15:00', '15:10', '15:20', '15:30', '15:40']) {
    const before = (at('15:40') - at(hm)) / 60_000;
    db.prepare(
      `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count)
      VALUES (?, '札幌', '523201', 'エントリ1', ?, ?, ?)`,
    ).run(at(hm), at('16:00'), 120 + 5 * before, 5 * (40 - before));
  }
  for (let id = 1; id <= 4; id++) {
    db.prepare("INSERT INTO operators (operator_id, operator_name, location_name, is_valid, updated_at) VALUES (?, ?, '盛岡', 1, 0)").run(id, `op${id}`);
    db.prepare(
      "INSERT INTO operator_process_capabilities (operator_id, process_name, skill_level, experience_months, average_speed, updated_at) VALUES (?, 'エントリ1', 4, 40, 40, 0)",
    ).run(id);
  }
});

const situation = () =>
  placementSituation(
    db,
    { now: at('15:40'), timeZone: 'Asia/Tokyo', ...cfg.overview, policy: cfg.placement },
    { site: '札幌', process: 'エントリ1', businessId: null },
  )!;
const options = (lang: 'ja' | 'en') => ({
  policy: cfg.placement,
  distancesKm: {},
  timeZone: 'Asia/Tokyo',
  lang,
  now: at('15:40'),
  atRiskSlackMinutes: 15,
  businessNames: {},
});

describe('a move search stopped at its node limit is said to be so', () => {
  it("the proposal's reason says its moves are not proven the best; a proven one says nothing of it", async () => {
    stopped.on = false;
    const proven = await proposePlacement(situation(), options('en'));
    expect(proven.proposal!.reason).not.toContain('not proven');
    stopped.on = true;
    const limited = await proposePlacement(situation(), options('en'));
    expect(limited.proposal!.operators).toEqual(proven.proposal!.operators);
    expect(limited.proposal!.reason).toMatch(/The optimizer stopped at its search limit: this is the best plan it found, not proven the best\.$/);
    expect((await proposePlacement(situation(), options('ja'))).proposal!.reason).toMatch(/最善とは証明されていません。$/);
  });

  it('the what-if carries it, for its text to say', async () => {
    stopped.on = false;
    expect((await moveWhatIf(situation(), { people: 2, from: null }, { ...options('ja'), atRiskSlackMinutes: 15 })).notProvenBest).toBe(false);
    stopped.on = true;
    const w = await moveWhatIf(situation(), { people: 2, from: null }, { ...options('ja'), atRiskSlackMinutes: 15 });
    expect(w.notProvenBest).toBe(true);
    expect(w.movers).toHaveLength(2);
  });
});
