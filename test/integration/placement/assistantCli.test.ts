import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../main/api/assistantTypes.js';
import type { Overview } from '../../../main/api/types.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const NOW = Date.parse(ANCHOR);
const HOUR = 3_600_000;

/**
 * Two questions per intent through the built `genba ask --json`, as a deployment would run
 * them, each answer's figures checked against the SQL of the same store.
 */
describe('genba ask --json: two questions per intent, figures checked against SQL', () => {
  const dir = tempDir();
  let db: Database.Database;
  const ask = (question: string): AskResult => {
    const r = runGenba(['ask', question, '--json', '--data-dir', dir.path, '--now', ANCHOR]);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as AskResult;
  };
  const one = <T>(sql: string, ...args: unknown[]): T => db.prepare(sql).get(...args) as T;
  /** The items left of a series in its newest snapshot at or before now. */
  const remaining = (site: string, process: string, business: string): number =>
    one<{ n: number }>(
      `SELECT total_waiting AS n FROM progress_snapshots WHERE location_name = ? AND process_name = ? AND business_id = ? AND snapshot_time <= ?
       ORDER BY snapshot_time DESC LIMIT 1`,
      site,
      process,
      business,
      NOW,
    ).n;
  const round1 = (x: number): number => Math.round(x * 10) / 10;

  beforeAll(async () => {
    // The demo company as its first build leaves it; the alert check fills the history.
    await copyDemoStore(dir.path);
    expect(runGenba(['alerts', 'check', '--data-dir', dir.path, '--now', ANCHOR]).code).toBe(0);
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  it('genba overview: the most urgent first (札幌 エントリ1, 523201, 4 minutes late), in JSON and for people', () => {
    const json = runGenba(['overview', '--json', '--data-dir', dir.path, '--now', ANCHOR]);
    expect(json.code).toBe(0);
    const o = JSON.parse(json.stdout) as Overview;
    expect(o.urgent[0]).toMatchObject({ site: '札幌', process: 'エントリ1', businessId: '523201', minutesLate: 4, status: 'late' });
    expect(o.urgent[0]!.remaining).toBe(remaining('札幌', 'エントリ1', '523201'));
    expect(o.sites[0]!.site).toBe('札幌');
    expect(o.businessNames['523201']).toBe('SS');
    const text = runGenba(['overview', '--data-dir', dir.path, '--now', ANCHOR]).stdout.split('\n');
    expect(text[1]).toBe('  1. 札幌 エントリ1（SS）: 残り120件、4分遅れ、納期16:00まで20分、毎分5.0件（必要6.0件）');
    const en = runGenba(['overview', '--lang', 'en', '--data-dir', dir.path, '--now', ANCHOR]).stdout;
    expect(en).toContain('1. 札幌 エントリ1 (SS): 120 items left, 4 min late, 20 min to the 16:00 deadline, 5.0/min (needs 6.0)');
  });

  it('deadline_optimization: a proposal for the late process, its figures from the snapshot', () => {
    for (const q of ['札幌のエントリ1工程が遅延しています', '札幌E1やばい、誰か回せる？']) {
      const r = ask(q);
      expect(r.query!.answeredBy).toBe('propose');
      expect(r.proposal!.facts.remaining).toBe(remaining('札幌', 'エントリ1', '523201'));
      expect(r.answer).toContain(`残り${remaining('札幌', 'エントリ1', '523201')}件`);
      for (const op of r.proposal!.operators) {
        const row = one<{ valid: number; skill: number }>(
          `SELECT o.is_valid AS valid, c.skill_level AS skill FROM operators o JOIN operator_process_capabilities c USING (operator_id)
           WHERE o.operator_id = ? AND c.process_name = 'エントリ1'`,
          op.id,
        );
        expect(row.valid).toBe(1);
        expect(row.skill).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('delay_risk_detection: the late process, and a business by a time', () => {
    const risk = ask('遅延リスクのある工程は？');
    expect(risk.query!.answeredBy).toBe('risk');
    expect(risk.answer).toContain(`札幌 エントリ1（SS）: 残り${remaining('札幌', 'エントリ1', '523201')}件`);
    const by17 = ask('医療レセプトで17時に間に合わない拠点は？');
    expect(by17.query!.read.business).toEqual(['611040']);
    const open = db
      .prepare(
        `SELECT location_name AS site, process_name AS process, total_waiting AS n FROM progress_snapshots s
         WHERE business_id = '611040' AND snapshot_time = (SELECT MAX(snapshot_time) FROM progress_snapshots t WHERE t.location_name = s.location_name
           AND t.process_name = s.process_name AND t.business_id = s.business_id AND t.snapshot_time <= ?) AND total_waiting > 0`,
      )
      .all(NOW) as { site: string; process: string; n: number }[];
    expect(open.length).toBeGreaterThan(0);
    for (const p of open) expect(by17.answer).toContain(`${p.site} ${p.process}（医療レセプト）: 残り${p.n}件`);
  });

  it("impact_analysis on the proposal's model: the people who would move, their registered speeds, both sides' finish from SQL", () => {
    const hm = (t: number): string =>
      new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
    // Finishes are shown at the next whole minute (finishMinute).
    const up = (t: number): number => Math.ceil(t / 60_000) * 60_000;
    /** A series' newest snapshot and its speed over the 30 minutes before it, from SQL. */
    const at = (site: string, business: string): { t: number; n: number; speed: number } => {
      const last = one<{ t: number; n: number; done: number }>(
        `SELECT snapshot_time AS t, total_waiting AS n, entry_count AS done FROM progress_snapshots
         WHERE location_name = ? AND process_name = 'エントリ1' AND business_id = ? AND snapshot_time <= ? ORDER BY snapshot_time DESC LIMIT 1`,
        site,
        business,
        NOW,
      );
      const first = one<{ t: number; done: number }>(
        `SELECT snapshot_time AS t, entry_count AS done FROM progress_snapshots
         WHERE location_name = ? AND process_name = 'エントリ1' AND business_id = ? AND snapshot_time >= ? ORDER BY snapshot_time LIMIT 1`,
        site,
        business,
        last.t - 30 * 60_000,
      );
      return { t: last.t, n: last.n, speed: (last.done - first.done) / ((last.t - first.t) / 60_000) };
    };
    const move = ask('大阪のエントリ1から札幌に2名移したらどうなる？');
    expect(move.query!.answeredBy).toBe('whatif');
    expect(move.answer).toMatch(/^大阪から札幌 エントリ1（SS）へ2名移した場合（切替2分のあと/);
    // The two who move: valid 大阪 operators able to do エントリ1 at the policy's skill, at their registered speed there.
    const movers = [.../移る人: (.*)/.exec(move.answer)![1]!.matchAll(/([^、（]+)（大阪、スキル(\d)、毎時([\d.]+)件）/g)].map((m) => ({
      name: m[1]!,
      skill: Number(m[2]),
      perHour: Number(m[3]),
    }));
    expect(movers).toHaveLength(2);
    const main = movers.map((m) => {
      const row = one<{ skill: number; v: number; main: string; mainV: number }>(
        `SELECT c.skill_level AS skill, c.average_speed AS v,
           (SELECT m.process_name FROM operator_process_capabilities m WHERE m.operator_id = o.operator_id
             ORDER BY m.experience_months DESC, m.skill_level DESC, m.capability_id LIMIT 1) AS main,
           (SELECT m.average_speed FROM operator_process_capabilities m WHERE m.operator_id = o.operator_id
             ORDER BY m.experience_months DESC, m.skill_level DESC, m.capability_id LIMIT 1) AS mainV
         FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
         WHERE o.operator_name = ? AND o.location_name = '大阪' AND o.is_valid = 1 AND c.process_name = 'エントリ1'`,
        m.name,
      );
      expect(row.skill).toBe(m.skill);
      expect(row.skill).toBeGreaterThanOrEqual(3);
      expect(round1(row.v)).toBe(m.perHour);
      return row;
    });
    // Receiving: its speed until the switch-over, then theirs added.
    const target = at('札幌', '523201');
    const added = main.reduce((s, r) => s + r.v / 60, 0);
    const finish = up(target.t + (2 + (target.n - target.speed * 2) / (target.speed + added)) * 60_000);
    expect(move.answer).toContain(`- 完了見込み ${hm(up(target.t + (target.n / target.speed) * 60_000))} → ${hm(finish)}（納期16:00、`);
    // Giving: 大阪 エントリ1 loses the speed there of those whose own process it is.
    const donor = at('大阪', '611040');
    const lost = main.filter((r) => r.main === 'エントリ1').reduce((s, r) => s + r.mainV / 60, 0);
    expect(move.answer).toContain(
      `大阪 エントリ1（医療レセプト、送り出し）: 完了見込み ${hm(up(donor.t + (donor.n / donor.speed) * 60_000))} → ${hm(up(donor.t + (donor.n / (donor.speed - lost)) * 60_000))}`,
    );
    // Adding people without naming where from is the optimizer's own what-if: the proposal's figure for the same count.
    const proposal = ask('札幌のエントリ1が遅れてる、誰を回せばいい？').proposal!;
    const two = proposal.whatIf.find((w) => w.moves === 2)!;
    const add = ask('札幌E1に2名追加したら？');
    expect(add.answer).toContain(`札幌 エントリ1（SS）へ2名移した場合`);
    expect(add.answer).toContain(`→ ${hm(two.projectedFinish!)}（納期16:00、`);
    const three = ask('札幌のエントリ1に3人追加したら？');
    expect(three.answer).toContain(`→ ${hm(proposal.facts.projectedFinish!)}（納期16:00、`);
    // A speed what-if: the items left at the new speed from the snapshot.
    const speed = ask('札幌のエントリ1が毎分7件に戻ったら間に合う？');
    expect(speed.query!.answeredBy).toBe('whatif');
    expect(speed.answer).toContain(`の速度が毎分7.0件になった場合（残り${target.n}件`);
    expect(speed.answer).toContain(`→ ${hm(up(target.t + (target.n / 7) * 60_000))}（納期16:00、`);
    const en = ask('What if Sapporo Entry 1 went back to 7 items per minute?');
    expect(en.answer).toContain(`If Sapporo Entry 1 (SS) ran at 7.0/min (${target.n} items left`);
  });

  it('productivity_analysis: the OCR incident as the cause, the window asked for, and the spread between people', () => {
    const why = ask('札幌の生産性が落ちている理由は？');
    expect(why.query!.answeredBy).toBe('speed');
    expect(why.answer).toContain('ocr-sapporo-01（ocr-worker）の障害: 13:50から');
    const spread = one<{ n: number; lo: number; hi: number }>(
      `SELECT COUNT(*) AS n, MIN(v) AS lo, MAX(v) AS hi FROM (SELECT MAX(c.average_speed) AS v FROM operators o JOIN operator_process_capabilities c USING (operator_id)
       WHERE o.location_name = '札幌' AND o.is_valid = 1 AND c.process_name = 'エントリ1' GROUP BY o.operator_id)`,
    );
    expect(why.answer).toContain(`担当できる${spread.n}名の登録速度: 毎時${spread.lo.toFixed(1)}〜${spread.hi.toFixed(1)}件`);
    const since = ask('14時ごろから札幌の生産性はどう？');
    const w = one<{ a: number; b: number; lo: number; hi: number }>(
      `SELECT MIN(snapshot_time) AS a, MAX(snapshot_time) AS b, MIN(entry_count) AS lo, MAX(entry_count) AS hi FROM progress_snapshots
       WHERE location_name = '札幌' AND process_name = 'エントリ1' AND business_id = '523201' AND snapshot_time BETWEEN ? AND ?`,
      Date.parse('2025-10-23T14:00+09:00'),
      NOW,
    );
    expect(since.answer).toContain(`札幌 エントリ1（SS）: 14:00から 毎分${((w.hi - w.lo) / ((w.b - w.a) / 60_000)).toFixed(1)}件`);
  });

  it('simple_query: 補正待ち and who can do a process', () => {
    const waiting = one<{ n: number }>(
      `SELECT SUM(correction_waiting) AS n FROM progress_snapshots s WHERE location_name = '札幌' AND snapshot_time = (
         SELECT MAX(snapshot_time) FROM progress_snapshots t WHERE t.location_name = s.location_name AND t.process_name = s.process_name
           AND t.business_id = s.business_id AND t.snapshot_time <= ? AND t.snapshot_time > ? - 86400000)`,
      NOW,
      NOW,
    ).n;
    const correction = ask('札幌の補正待ちは何件？').answer;
    expect(correction).toBe(`補正待ち（15:40時点）:\n- 札幌: ${waiting} 件`);
    // Split by business, each by its name (the demo company names all of them), never its code.
    const byBusiness = ask('札幌の補正待ちを業務ごとに').answer;
    expect(byBusiness).toMatch(/^- (?:SS|医療レセプト|顧客アンケート): \d+ 件$/m);
    expect(byBusiness).not.toMatch(/業務\d|523201|611040|704518/);
    const qualified = one<{ n: number }>(
      `SELECT COUNT(DISTINCT o.operator_id) AS n FROM operators o JOIN operator_process_capabilities c USING (operator_id)
       WHERE o.location_name = '盛岡' AND o.is_valid = 1 AND c.process_name = 'エントリ1' AND c.skill_level >= 3`,
    ).n;
    // Who 「can do」 a process is who placement may put on it: valid, at placement.minSkill (3) or above.
    expect(ask('盛岡でエントリ1ができる人は何人いる？').answer).toBe(`人数（スキル3以上）（マスタの登録値）:\n- 盛岡 · エントリ1: ${qualified} 人`);
  });

  it('alert_improvement: the history of the site asked about, counted from the alerts table', () => {
    const count = (site: string): number =>
      one<{ n: number }>(`SELECT COUNT(*) AS n FROM alerts WHERE site = ? AND first_seen >= ?`, site, NOW - 7 * 24 * HOUR).n;
    const sapporo = ask('札幌のアラートが多すぎる。しきい値を見直して');
    expect(sapporo.query!.answeredBy).toBe('alertHistory');
    expect(count('札幌')).toBeGreaterThan(0);
    expect(sapporo.answer).toContain(`札幌の直近7日のアラート: ${count('札幌')}件`);
    expect(count('横浜')).toBe(0);
    expect(ask('横浜拠点のアラートを改善して').answer).toContain('横浜の直近7日のアラートはありません。');
  });

  it('log_investigation: errors of the last hour and of yesterday, counted from the log lines', () => {
    const errors = (service: string, from: number, to: number): number =>
      one<{ n: number }>(`SELECT COUNT(*) AS n FROM app_logs WHERE service = ? AND level = 'ERROR' AND ts >= ? AND ts < ?`, service, from, to).n;
    const ocr = ask('札幌のOCRサーバーで何が起きている？');
    expect(ocr.query!.answeredBy).toBe('logs');
    expect(ocr.answer).toContain(`ocr-worker のエラーが直近1時間で${errors('ocr-worker', NOW - HOUR, NOW)}件`);
    const dayStart = Date.parse('2025-10-23T00:00+09:00');
    const yesterday = ask('昨日のログで何があった？');
    expect(yesterday.answer).toContain(`db-proxy のエラーが昨日で${errors('db-proxy', dayStart - 24 * HOUR, dayStart)}件`);
  });

  it('genba logs incidents and timeline name the business whose speed fell (SS), and keep its id in --json', () => {
    const logs = (...args: string[]) => runGenba(['logs', ...args, '--site', '札幌', '--data-dir', dir.path, '--now', ANCHOR]);
    const incidents = logs('incidents');
    expect(incidents.code, incidents.stderr).toBe(0);
    expect(incidents.stdout).toMatch(/^ {4}→ 札幌 エントリ1（SS）の速度 毎分[\d.]+ → [\d.]+件（13:50から）$/m);
    expect(incidents.stdout).not.toMatch(/業務\d/);
    expect(logs('incidents', '--lang', 'en').stdout).toMatch(/^ {4}→ 札幌 エントリ1 \(SS\) speed [\d.]+ → [\d.]+ items\/min \(from 13:50\)$/m);
    const json = JSON.parse(logs('incidents', '--json').stdout) as { incidents: { affects: { businessId: string }[] }[] };
    expect(json.incidents[0]!.affects.map((a) => a.businessId)).toContain('523201');
    const timeline = logs('timeline', '--from', '2025-10-23T13:00+09:00');
    expect(timeline.code, timeline.stderr).toBe(0);
    expect(timeline.stdout).toMatch(/^ {2}エントリ1 \(SS\) 件\/分: /m);
    expect(timeline.stdout).toMatch(/^ {2}エントリ1 \(医療レセプト\) 件\/分: /m);
    expect(logs('timeline', '--from', '2025-10-23T13:00+09:00', '--lang', 'en').stdout).toMatch(/^ {2}エントリ1 \(SS\) items\/min: /m);
  });

  it('knowledge_query: the rule asked for, as stored', () => {
    for (const [q, heading] of [
      ['納期直前の増員ルールは？', '納期直前の増員'],
      ['移動元はどう選ぶ決まり？', '移動元の選び方'],
    ] as const) {
      const r = ask(q);
      expect(r.query!.answeredBy).toBe('knowhow');
      const chunk = one<{ text: string }>(`SELECT text FROM knowledge_chunks WHERE heading = ?`, heading);
      expect(r.answer).toContain(chunk.text.split('\n').at(-1)!);
    }
  });

  it('other: what Genba can do, no progress list', () => {
    for (const q of ['今日の天気は？', '俳句を作って']) {
      const r = ask(q);
      expect(r.query!.answeredBy).toBe('outside');
      expect(r.answer).toContain('Genba は現場の運営についてお答えします');
      expect(r.answer).not.toContain('残り');
    }
  });
});
