import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAskCases } from '../../../main/chat/query/queryEval.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const SET = 'test/fixtures/ask/figures.jsonl';

interface Line {
  q: string;
  lang: string;
  figures: { value: number; unit: string; tol: number; what: string }[];
  stores?: boolean;
  sql?: string;
}

/**
 * The figure set (test/fixtures/ask/figures.jsonl): each line's figures are the cells of its
 * own SQL on the demo store, so a reviewer can re-derive every one; and `genba eval ask`
 * scores the figures of the app's own answers, not only the query it read.
 */
describe('the figure set: figures from SQL, scored in the answers by genba eval ask', () => {
  const dir = tempDir();
  let db: Database.Database;
  const lines = readFileSync(SET, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db.close();
    dir.remove();
  });

  it('has at least 220 labelled lines, about half English, each with figures or a stores flag', () => {
    expect(parseAskCases(readFileSync(SET, 'utf8'))).toHaveLength(lines.length);
    expect(lines.length).toBeGreaterThanOrEqual(220);
    const en = lines.filter((l) => l.lang === 'en').length;
    expect(en / lines.length).toBeGreaterThan(0.4);
    for (const l of lines) expect(l.figures.length > 0 ? l.sql : l.stores, l.q).toBeDefined();
  });

  it("every expected figure is its line's SQL on the demo store, cell by cell", () => {
    for (const l of lines.filter((x) => x.sql)) {
      const cells = (db.prepare(l.sql!).raw().all() as unknown[][]).flat();
      const values = cells.map((c, i) => (l.figures[i]?.unit === 'hh:mm' ? Number(String(c).slice(0, 2)) * 60 + Number(String(c).slice(3, 5)) : Number(c)));
      expect(values, l.q).toEqual(l.figures.map((f) => f.value));
    }
  });

  it("genba eval ask answers each figure line with the app's ask() and finds or misses its figures", () => {
    const left = (
      db.prepare('SELECT SUM(total_waiting) AS n FROM progress_snapshots WHERE location_name = ? AND snapshot_time = ?').get('札幌', Date.parse(ANCHOR)) as {
        n: number;
      }
    ).n;
    const file = join(dir.path, 'three.jsonl');
    const fig = (value: number, what: string) => ({ value, unit: 'items', tol: 0, what });
    writeFileSync(
      file,
      [
        { q: '札幌の残件は何件？', lang: 'ja', query: { op: 'value', measure: 'remaining', site: ['札幌'] }, figures: [fig(left, 'left')] },
        // A figure no answer states: it must be counted as missed, not found.
        {
          q: 'How many items are left in Sapporo?',
          lang: 'en',
          query: { op: 'value', measure: 'remaining', site: ['札幌'] },
          figures: [fig(left + 987_654, 'wrong')],
        },
        { q: '明日の天気は？', lang: 'ja', query: { op: 'outside' }, figures: [], stores: false },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    const r = runGenba(['eval', 'ask', file, '--json', '--data-dir', dir.path, '--now', ANCHOR]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      perLang: { lang: string; n: number }[];
      answers: {
        figures: { expected: number; found: number };
        lines: { withFigures: number; allRight: number };
        perLang: { key: string; expected: number; found: number }[];
        storesChecked: number;
        storesViolations: unknown[];
        misses: { q: string }[];
      };
    };
    expect(report.answers.figures).toEqual({ expected: 2, found: 1 });
    expect(report.answers.lines).toEqual({ withFigures: 2, allRight: 1 });
    expect(report.answers.misses.map((m) => m.q)).toEqual(['How many items are left in Sapporo?']);
    expect(report.answers.perLang).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'ja', expected: 1, found: 1 })]));
    expect(report.answers.storesChecked).toBe(3);
    expect(report.answers.storesViolations).toEqual([]);
    expect(report.perLang.map((p) => [p.lang, p.n])).toEqual([
      ['en', 1],
      ['ja', 2],
    ]);
    const text = runGenba(['eval', 'ask', file, '--data-dir', dir.path, '--now', ANCHOR, '--lang', 'en']);
    expect(text.stdout).toContain('figures in the answers: 1 of 2 found (50.0%)');
  });
});
