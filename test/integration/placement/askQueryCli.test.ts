import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../main/api/assistantTypes.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const NOW = Date.parse(ANCHOR);

/**
 * The shapes the planner answers (issue 27), through the built `genba ask --json` on the demo
 * company: each answer's query, and its figures against SQL of the same store.
 */
describe('genba ask --json: comparisons, rankings, yes/no, status and missing data, figures checked against SQL', () => {
  const dir = tempDir();
  let db: Database.Database;
  const ask = (question: string, lang = 'ja'): AskResult => {
    const r = runGenba(['ask', question, '--json', '--lang', lang, '--data-dir', dir.path, '--now', ANCHOR]);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as AskResult;
  };
  /** Each series' newest snapshot of the anchor's day, at or before now. */
  const latest = (where = '1 = 1', ...args: unknown[]): { site: string; process: string; business: string; left: number; done: number }[] =>
    db
      .prepare(
        `SELECT s.location_name AS site, s.process_name AS process, s.business_id AS business, s.total_waiting AS left, s.entry_count AS done
         FROM progress_snapshots s JOIN (SELECT location_name, process_name, business_id, MAX(snapshot_time) AS t FROM progress_snapshots
           WHERE snapshot_time <= @now AND snapshot_time > @now - 86400000 GROUP BY 1, 2, 3) l
           ON l.location_name = s.location_name AND l.process_name = s.process_name AND l.business_id = s.business_id AND l.t = s.snapshot_time
         WHERE ${where}`,
      )
      .all({ now: NOW }, ...args) as { site: string; process: string; business: string; left: number; done: number }[];

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  it('a two-site comparison: both sites, the share done of each from SQL, the leader first', () => {
    const r = ask('大阪と品川はどっちが進んでる？');
    expect(r.query).toMatchObject({ read: { op: 'compare', measure: 'progress', site: ['品川', '大阪'], by: 'site' }, answeredBy: 'planner' });
    const share = (site: string): number => {
      const rows = latest().filter((x) => x.site === site);
      const done = rows.reduce((s, x) => s + x.done, 0);
      return Math.round((done / (done + rows.reduce((s, x) => s + x.left, 0))) * 1000) / 10;
    };
    expect(r.table!.rows).toEqual(
      expect.arrayContaining([
        ['大阪', share('大阪')],
        ['品川', share('品川')],
      ]),
    );
    expect(r.answer).toContain(`大阪: ${share('大阪')}%`);
    expect(r.answer).toContain(`品川: ${share('品川')}%`);
    expect(r.answer).toContain('15:40時点');
  });

  it('a ranking: the fastest operator is the one with the highest registered speed in SQL', () => {
    const r = ask('一番速いオペレーターは？');
    expect(r.query!.read).toMatchObject({ op: 'rank', measure: 'operator_speed', by: 'operator', rank: { order: 'top', n: 1 } });
    const top = db
      .prepare(
        `SELECT o.operator_name AS name, c.average_speed AS v FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
         WHERE o.is_valid = 1 ORDER BY c.average_speed DESC LIMIT 1`,
      )
      .get() as { name: string; v: number };
    expect(r.answer).toContain(`1. ${top.name}`);
    expect(r.answer).toContain(`${Math.round(top.v * 10) / 10} 件/時`);
  });

  it('a business by id: 「業務611040はもう終わった？」 says no, with the items left from SQL, by its name', () => {
    const r = ask('業務611040はもう終わった？');
    expect(r.query!.read).toMatchObject({ op: 'check', measure: 'remaining', business: ['611040'] });
    const left = latest('s.business_id = ?', '611040').reduce((s, x) => s + x.left, 0);
    expect(left).toBeGreaterThan(0);
    // A yes or no says when it holds.
    expect(r.answer).toBe(`いいえ。 医療レセプトはまだ終わっていません（残件${left}件）。（15:40時点）`);
  });

  it("a service's yes/no check reads the logs, not the floor's speed", () => {
    const r = ask('entry-api 落ちてない？');
    expect(r.query).toMatchObject({ read: { op: 'check', measure: 'incidents', service: ['entry-api'] }, answeredBy: 'planner' });
    // The demo's one incident today is ocr-worker's (13:50, 札幌): entry-api has none, and the answer is about entry-api alone.
    // No incident is not all clear: its warnings and errors of the day are said with it, counted as SQL counts them.
    const warned = db
      .prepare(`SELECT SUM(lines) AS n FROM app_logs WHERE service = 'entry-api' AND level IN ('WARN', 'ERROR', 'FATAL', 'CRITICAL') AND ts >= ? AND ts < ?`)
      .get(NOW - 15 * 3_600_000 - 40 * 60_000, NOW) as { n: number };
    expect(warned.n).toBeGreaterThan(0);
    expect(r.answer).toMatch(
      new RegExp(
        `^entry-apiに障害は見つかっていません（今日（00:00〜15:40））。ただし警告・エラーが${warned.n.toLocaleString('en-US')}行あります: (?:WARN|ERROR) \\d+行「`,
      ),
    );
    expect(r.answer).not.toContain('ocr-worker');
    const errors = db
      .prepare(`SELECT COUNT(*) AS n FROM app_logs WHERE service = 'ocr-worker' AND level IN ('ERROR', 'FATAL', 'CRITICAL') AND ts >= ? AND ts < ?`)
      .get(NOW - 15 * 3_600_000 - 40 * 60_000, NOW) as { n: number };
    expect(ask('ocr-worker 今日エラー何行？').answer).toContain(`ocr-worker: ${errors.n} 行`);
  });

  it('a status summary counts the series by state as the overview does, and names the late one', () => {
    const r = ask('全体どんな感じ？');
    expect(r.query!.read.op).toBe('status');
    const n = latest().length;
    expect(r.answer).toContain(`${n}系列のうち遅延1`);
    expect(r.answer).toContain('札幌 · エントリ1 · SS: 120 件 — 納期に4分遅れる見込み');
  });

  it('attendance is answered from the records: tomorrow\'s roster in ja, today\'s absences at a site in en (no longer "not synced")', () => {
    const ja = ask('明日の出勤予定は？');
    expect(ja.query!.read).toMatchObject({ op: 'value', measure: 'attendance', time: 'tomorrow' });
    expect(ja.answer).toContain('10/24（金）の出勤状況');
    expect(ja.answer).not.toContain('同期されていない');
    expect(ja.answer).not.toContain('天気');
    const en = ask('Who is absent today at Osaka?', 'en');
    expect(en.query!.read.measure).toBe('absence');
    expect(en.answer).toContain('Attendance on Thu 10/23');
    expect(en.answer).not.toContain('not synced');
  });

  it('a why whose cause is an incident cites the know-how about that service first, and says whom to tell', () => {
    const r = ask('Why is Sapporo Entry 1 late?', 'en');
    expect(r.query).toMatchObject({ read: { op: 'why', site: ['札幌'], process: ['エントリ1'] }, answeredBy: 'explain' });
    expect(r.answer).toContain('Cause: an incident on ocr-worker');
    expect(r.answer).toContain('first report the ocr-worker incident');
    // The stored rule that names the service, as the knowledge table holds it.
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const rule = db.prepare("SELECT heading FROM knowledge_chunks WHERE text LIKE '%ocr-worker%'").all() as { heading: string }[];
    db.close();
    expect(rule.map((x) => x.heading)).toContain(r.citations[0]!.heading);
  });

  it('a statistic no operation computes is not answered with another figure: it says what Genba can do with that measure', () => {
    const ja = ask('札幌の残件の標準偏差は？');
    expect(ja.query!.read).toMatchObject({ op: 'outside', measure: 'remaining', site: ['札幌'] });
    expect(ja.answer).toContain('残件の統計値（標準偏差・相関など）はGenbaでは計算しません');
    expect(ja.answer).not.toMatch(/\d+ 件/);
    const en = ask('What is the correlation between speed and errors?', 'en');
    expect(en.query!.read.op).toBe('outside');
    expect(en.answer).toContain('Genba does not compute statistics');
    expect(en.answer).not.toContain('weather');
  });

  it('the late list by site: the sites whose series are late in the overview', () => {
    const r = ask('遅れている拠点はどこ？');
    expect(r.query!.read).toMatchObject({ op: 'list', measure: 'slack', status: 'late', by: 'site' });
    expect(r.table!.rows.map((x) => x[0])).toEqual(['札幌']);
    expect(r.query!.answeredBy).toBe('planner');
    expect(r.answer).toContain('札幌: 4分遅れ');
  });
});

describe('genba eval ask: the request sets read as queries', () => {
  const dir = tempDir();
  beforeAll(async () => {
    await copyDemoStore(dir.path);
  });
  afterAll(() => dir.remove());

  it('scores the open development set field by field, per pattern and leaving one operation out; a bad line is named', () => {
    const r = runGenba(['eval', 'ask', 'test/fixtures/ask/dev-ja.jsonl', '--json', '--data-dir', dir.path, '--now', ANCHOR]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as {
      requests: number;
      all: { exact: number; fields: Record<string, number>; perOp: { op: string; n: number }[] };
      perPattern: { pattern: string; n: number }[];
      leaveOneOpOut: { op: string; honest: number; wrongOp: number }[];
    };
    expect(report.requests).toBe(240);
    expect(report.all.perOp.map((p) => p.op)).toHaveLength(14);
    expect(report.perPattern.reduce((s, p) => s + p.n, 0)).toBe(240);
    for (const p of report.leaveOneOpOut) expect(p.honest + p.wrongOp).toBeCloseTo(1, 6);
    // The figure of this session's parser on the set it was tuned on (66.7 %, op 93.8 %): a fall is a regression to look at.
    expect(report.all.exact).toBeGreaterThan(0.6);
    expect(report.all.fields.op).toBeGreaterThan(0.9);
    const bad = join(dir.path, 'bad.jsonl');
    writeFileSync(bad, '{"q":"札幌の残件","query":{"op":"value","measure":"remaining"}}\n{"q":"x","query":{"op":"guess"}}\n');
    const refused = runGenba(['eval', 'ask', bad, '--data-dir', dir.path, '--now', ANCHOR]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('2行目の query.op が不正です');
  });
});

describe("genba ask: one open proposal per problem, a conversation from the CLI, the question's language", () => {
  const dir = tempDir();
  beforeAll(async () => {
    await copyDemoStore(dir.path);
  });
  afterAll(() => dir.remove());
  const ask = (args: string[]): AskResult => {
    const r = runGenba(['ask', ...args, '--json', '--data-dir', dir.path, '--now', ANCHOR]);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as AskResult;
  };

  it('asking again about the same late process refreshes the open proposal instead of adding another', () => {
    const first = ask(['札幌のエントリ1工程が遅延しています']);
    const again = ask(['札幌のエントリ1に誰を回せばいい？']);
    expect(first.proposal).not.toBeNull();
    expect(again.proposal!.id).toBe(first.proposal!.id);
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const open = db.prepare(`SELECT COUNT(*) AS n, MAX(question) AS q FROM proposals WHERE status = 'open'`).get() as { n: number; q: string };
    db.close();
    expect(open).toEqual({ n: 1, q: '札幌のエントリ1に誰を回せばいい？' });
  });

  it('--conversation new keeps the turn; --conversation ID reads a follow-up in its context; a bad id is refused', () => {
    const first = ask(['札幌の補正待ちは何件？', '--conversation', 'new']);
    expect(first.conversationId).toMatch(/^C\d{8}-[0-9A-F]{8}$/);
    const next = ask(['盛岡は？', '--conversation', first.conversationId!]);
    expect(next.conversationId).toBe(first.conversationId);
    expect(next.followUp).toMatchObject({ from: '札幌の補正待ちは何件？' });
    expect(next.answer).toContain('盛岡');
    const bad = runGenba(['ask', '盛岡は？', '--conversation', 'x1', '--data-dir', dir.path, '--now', ANCHOR]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--conversation');
  });

  it('an English question is answered in English without --lang; --lang ja keeps Japanese', () => {
    const en = ask(['Which site has the most items left?']);
    expect(en.answer).toMatch(/^Top 1 by items left \(as of 15:40\):/);
    const ja = ask(['Which site has the most items left?', '--lang', 'ja']);
    expect(ja.answer).toMatch(/^残件（15:40時点）の上位1:/);
  });
});
