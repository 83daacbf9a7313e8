import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyRefinement } from '../../../main/logs/applyRefinement.js';
import type { MinedTemplate } from '../../../main/logs/minedTemplate.js';
import type { TemplateMiner } from '../../../main/logs/templateMiner.js';
import { compactStore } from '../../../main/store/compactStore.js';
import { migrate } from '../../../main/store/migration.js';
import { shapeText } from '../../../main/sync/logShapeSql.js';
import { writeGroups, type MinuteGroup } from '../../helpers/groupedLogRows.js';

const ZONE = 'Asia/Tokyo';
const MINUTE = 60_000;
const NOW = Date.parse('2026-11-23T10:00+09:00');
const OLD = Date.parse('2026-11-20T09:00+09:00');
const RECENT = Date.parse('2026-11-23T08:00+09:00');

const template = (id: number, tokens: string[]): MinedTemplate => ({ id, tokens, count: 0, values: {} });

/**
 * A miner whose refinement replaces template 1: `into` says which template each message goes to, and what the old
 * template's own tokens match (a fold: the template it was folded into; a split: none).
 */
function minerReplacing(templates: MinedTemplate[], into: (tokens: string[]) => MinedTemplate | null): TemplateMiner {
  return {
    templates,
    refine: () => [1],
    match: into,
    observe: () => {},
  } as unknown as TemplateMiner;
}

/** Template 1's lines: an hour of 11/20 (folded after compaction) and an hour of today (rows of a minute), in two shapes. */
function lines(): MinuteGroup[] {
  const out: MinuteGroup[] = [];
  for (const start of [OLD, RECENT])
    for (let m = 0; m < 60; m += 5) {
      out.push({ ts: start + m * MINUTE, service: 's', host: 'h', level: 'ERROR', message: `lock wait ${m} ms`, template: 1, lines: 2 });
      out.push({ ts: start + m * MINUTE + 1000, service: 's', host: 'h', level: 'INFO', message: `lock held ${m} ms`, template: 1, lines: 3 });
    }
  return out;
}

async function folded(): Promise<Database.Database> {
  const db = new Database(':memory:');
  migrate(db);
  writeGroups(db, lines());
  db.prepare('UPDATE log_templates SET tokens = \'["lock","<*>","<*>","ms"]\' WHERE template_id = 1').run();
  await compactStore(
    db,
    NOW,
    { keepRawDays: 7, keepAggregateDays: 90, keepSnapshotDays: 90, timeZone: ZONE, keepMinuteDays: 1, foldShape: (m) => shapeText(m) },
    () => Promise.resolve(),
  );
  expect((db.prepare('SELECT COUNT(*) AS n FROM app_logs WHERE folded = 1').get() as { n: number }).n).toBe(2);
  return db;
}

/** Per template: its rows' lines, and its per-minute counts' (every line is counted once, by both). */
const byTemplate = (db: Database.Database) =>
  db
    .prepare(
      `SELECT r.template_id AS id, r.n AS rows, m.n AS minutes, m.e AS errors FROM (SELECT template_id, SUM(lines) AS n FROM app_logs GROUP BY 1) r
       FULL JOIN (SELECT template_id, SUM(count) AS n, SUM(errors) AS e FROM log_template_minutes GROUP BY 1) m USING (template_id) ORDER BY 1`,
    )
    .all() as { id: number; rows: number | null; minutes: number | null; errors: number }[];

describe('a template refined after part of its rows were folded to hours', () => {
  it('folded into another: its folded rows go with its counts to that template', async () => {
    const db = await folded();
    const target = template(7, ['lock', '<*>', '<*>', 'ms']);
    applyRefinement(
      db,
      minerReplacing([target], () => target),
      NOW,
    );
    expect(byTemplate(db)).toEqual([{ id: 7, rows: 12 * 2 * 5, minutes: 12 * 2 * 5, errors: 12 * 2 * 2 }]);
    // Every minute of the old hour is where it was: the folded rows' lines were not put into their first minutes.
    const minute = (t: number): number => (db.prepare('SELECT SUM(count) AS n FROM log_template_minutes WHERE minute = ?').get(t) as { n: number }).n;
    for (let m = 0; m < 60; m += 5) expect(minute(OLD + m * MINUTE)).toBe(5);
    expect(db.prepare('SELECT DISTINCT template_id AS id FROM app_logs').all()).toEqual([{ id: 7 }]);
  });

  it('split in two: today’s rows move by their message, the folded hour stays with the old template, retired, its minutes exact', async () => {
    const db = await folded();
    const [wait, held] = [template(8, ['lock', 'wait', '<*>', 'ms']), template(9, ['lock', 'held', '<*>', 'ms'])];
    applyRefinement(
      db,
      minerReplacing([wait, held], (tokens) => (tokens[1] === 'wait' ? wait : tokens[1] === 'held' ? held : null)),
      NOW,
    );
    expect(byTemplate(db)).toEqual([
      { id: 1, rows: 12 * 5, minutes: 12 * 5, errors: 12 * 2 },
      { id: 8, rows: 12 * 2, minutes: 12 * 2, errors: 12 * 2 },
      { id: 9, rows: 12 * 3, minutes: 12 * 3, errors: 0 },
    ]);
    expect(db.prepare('SELECT retired_at AS at FROM log_templates WHERE template_id = 1').get()).toEqual({ at: NOW });
    expect(db.prepare('SELECT ts FROM app_logs WHERE template_id = 1 ORDER BY ts').all()).toEqual([{ ts: OLD }, { ts: OLD + 1000 }]);
  });
});
