import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult, Proposal } from '../../../main/api/assistantTypes.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { formatHm } from '../../../main/config/zonedTime.js';
import { approvedMoves, approvedMovesText } from '../../../main/placement/approvedMoves.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';
import { speedFigure } from '../../../main/api/figures.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const NOW = Date.parse(ANCHOR);
const TZ = 'Asia/Tokyo';
const QUESTION = '札幌のエントリ1に誰を回せばいい？';
const hm = (ms: number): string => formatHm(ms, TZ);

/**
 * A move approved for 札幌 エントリ1, then the same request again, on the demo company through
 * the app's own ask and decide (what `genba ask` and `genba approve` call).
 */
describe('a move approved, then asked for again', () => {
  const dir = tempDir();
  let app: GenbaApp;
  let db: Database.Database;
  let first: Proposal;
  let again: AskResult;

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: NOW });
    await app.start();
    first = (await app.assistant.ask(QUESTION)).proposal!;
    await app.assistant.decideAndDeliver(first.id, { action: 'approved', reason: null, user: 'tanaka' }, 5_000);
    again = await app.assistant.ask(QUESTION);
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  }, 300_000);
  afterAll(async () => {
    db?.close();
    await app?.stop();
    dir.remove();
  });

  it('the first proposal sends 3 people for a shortage of 1.1 items/min', () => {
    expect(first).toMatchObject({ site: '札幌', process: 'エントリ1', businessId: '523201' });
    expect(first.operators).toHaveLength(3);
    expect(first.facts.deficitPerMinute).toBeCloseTo(1.11, 2);
  });

  it('asked again, the approved movers are counted: no second set of people for the same shortage', () => {
    // Once the 3 approved people are on the line (from 15:40 + the switch-over), nothing is short.
    const ids = new Set(first.operators.map((o) => o.id));
    const second = again.proposal;
    if (second) {
      expect(second.operators.some((o) => ids.has(o.id))).toBe(false);
      expect(second.operators.length).toBeLessThan(first.operators.length);
      expect(second.facts.deficitPerMinute).toBeLessThan(first.facts.deficitPerMinute - first.facts.addedPerMinute + 1e-9);
    }
    expect(second ?? null).toBeNull();
    // Only one proposal was stored for the work today: the approved one.
    const stored = db
      .prepare(
        "SELECT status, COUNT(*) AS n FROM proposals WHERE json_extract(proposal, '$.site') = '札幌' AND json_extract(proposal, '$.process') = 'エントリ1' GROUP BY status",
      )
      .all() as { status: string; n: number }[];
    expect(stored).toEqual([{ status: 'approved', n: 1 }]);
  });

  it('the approved move, with its figures checked against the store, and said in both languages', () => {
    const moves = approvedMoves(db, { site: '札幌', process: 'エントリ1', businessId: null }, { now: NOW, timeZone: TZ });
    expect(moves).toHaveLength(1);
    const m = moves[0]!;
    const decided = db.prepare('SELECT decided_at, action_user FROM approval_outbox WHERE suggestion_id = ?').get(first.id) as {
      decided_at: number;
      action_user: string;
    };
    const names = (
      db.prepare("SELECT json_extract(value, '$.name') AS name FROM proposals, json_each(proposal, '$.operators') WHERE suggestion_id = ?").all(first.id) as {
        name: string;
      }[]
    ).map((r) => r.name);
    const latest = db
      .prepare(
        `SELECT snapshot_time AS at, total_waiting AS remaining FROM progress_snapshots WHERE location_name = '札幌' AND process_name = 'エントリ1'
          AND business_id = '523201' AND snapshot_time <= ? ORDER BY snapshot_time DESC LIMIT 1`,
      )
      .get(NOW) as { at: number; remaining: number };
    expect(m).toMatchObject({ suggestionId: first.id, action: 'approved', decidedAt: decided.decided_at, user: decided.action_user, moved: 3, latest });
    expect(m.movers.map((x) => x.name)).toEqual(names);
    expect(m.promised.finish).toBe(first.facts.projectedFinish);
    expect(m.addedPerMinute).toBeCloseTo(first.facts.addedPerMinute, 9);
    // Decided at 15:40 on the 15:40 snapshot: the movers start after the switch-over, too soon to measure.
    expect(m.startsAt).toBe(latest.at + first.facts.switchMinutes * 60_000);
    expect(m.pending).toBe(true);

    const from = first.changes.map((c) => `${c.from}から${c.count}名（${c.operators.join('、')}）`).join('、');
    const text = approvedMovesText(moves, TZ);
    expect(text.ja).toBe(
      `${hm(decided.decided_at)}に承認済み（tanaka）: ${from}。約束: ${hm(first.facts.projectedFinish!)}完了（毎分${speedFigure(first.facts.currentPerMinute + first.facts.addedPerMinute)}件）` +
        ` / 実測: 残り${latest.remaining}件（${hm(latest.at)}時点）、速度は計測中（移動者は${hm(m.startsAt)}から作業）`,
    );
    expect(text.en).toContain(`Approved at ${hm(decided.decided_at)} (tanaka): ${first.changes[0]!.count} from ${first.changes[0]!.from}`);
    expect(text.en).toContain(`${latest.remaining} items left (at ${hm(latest.at)})`);
    expect(text.en).not.toMatch(/[ぁ-んァ-ン]/);
  });
});
