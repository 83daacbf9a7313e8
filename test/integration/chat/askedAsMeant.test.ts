import { describe, expect, it } from 'vitest';
import { useDemoAssistant } from '../../helpers/demoAssistant.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const NOW = Date.parse(ANCHOR);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TODAY0 = Date.parse('2025-10-23T00:00+09:00');

/**
 * Questions read as a manager means them, on the demo company at 15:40 (the kinds a blind set found answered with a
 * neighbouring figure): a yes/no that asks whether there is trouble, a deadline missed in the past, last week as the
 * calendar week, lunchtime as a time, "where" as a split, a total with its parts, one person's day, the open alerts
 * behind a count, a number of people in words, and an order to change a record. Figures are checked against plain
 * SELECTs of the same store, worked out here.
 */
describe('asked as meant', () => {
  const demo = useDemoAssistant(NOW);
  const ask = (question: string, conversationId: string | null = null) => demo.ask(question, conversationId);

  it('a yes/no that names trouble ("any lines at risk?") is yes when there is some; "will it make it?" the opposite', async () => {
    const risk = await ask("Any lines at risk of missing today's deadlines?");
    expect(risk.query!.read).toMatchObject({ op: 'check', measure: 'slack', status: 'at_risk' });
    expect(risk.answer).toMatch(/^Yes\. .*1 of 52 series late/);
    expect((await ask('遅れそうな工程ある？')).answer).toMatch(/^はい。/);
    expect((await ask('Will 札幌 エントリ1 SS make the 16:00 deadline?')).answer).toMatch(/^No\. .*4 min late/);
    // A yes says the figure it rests on.
    expect((await ask('大阪は間に合う？')).answer).toMatch(/^はい。 大阪は納期に間に合う見込みです。12系列中遅れなし.*余裕 \d+分/);
  });

  it('a deadline missed is counted from the snapshots at each passed deadline; last week is the calendar week before this one', async () => {
    // Each series' deadline on a day, and the newest snapshot at or before it that day: work left there is a miss.
    const rows = demo.db
      .prepare(
        `SELECT location_name AS site, business_id AS b, process_name AS p, snapshot_time AS t, expected_completion_time AS d, total_waiting AS left
         FROM progress_snapshots WHERE expected_completion_time IS NOT NULL`,
      )
      .all() as { site: string; b: string; p: string; t: number; d: number; left: number }[];
    const last = new Map<string, { t: number; left: number; site: string; d: number }>();
    for (const r of rows) {
      if (r.t > r.d || r.t <= r.d - DAY) continue;
      const k = `${r.site}|${r.b}|${r.p}|${r.d}`;
      if ((last.get(k)?.t ?? -1) < r.t) last.set(k, { t: r.t, left: r.left, site: r.site, d: r.d });
    }
    const missed = (from: number, to: number, site?: string): number =>
      [...last.values()].filter((x) => x.left > 0 && x.d >= from && x.d < to && (site === undefined || x.site === site)).length;
    // Today is Thursday 10/23: last week is Monday 10/13 to Sunday 10/19.
    const [mon, nextMon] = [Date.parse('2025-10-13T00:00+09:00'), Date.parse('2025-10-20T00:00+09:00')];
    const week = await ask('先週は納期遅れが何件ありましたか？');
    expect(week.query!.read).toMatchObject({ op: 'value', measure: 'missed_deadlines', time: 'last_week' });
    expect(week.answer).toContain('先週（10/13〜10/19）');
    expect(week.answer).toContain(`全体: ${missed(mon, nextMon)} 件`);
    const osaka = await ask('How many deadlines did Osaka miss last week?');
    expect(osaka.query!.read).toMatchObject({ measure: 'missed_deadlines', site: ['大阪'] });
    expect(osaka.answer).toContain(`Osaka: ${missed(mon, nextMon, '大阪')} deadline`);
    const yesterday = await ask('Did we miss any deadlines yesterday?');
    expect(yesterday.answer).toMatch(new RegExp(`everything: ${missed(TODAY0 - DAY, TODAY0)} deadlines?\\b`));
    // A deadline still ahead is no miss: 「遅れそう」 is today's slack, not the record.
    expect((await ask('納期遅れになりそうな工程は？')).query!.read.measure).toBe('slack');
  });

  it('lunchtime is a time, "break it down" a split, and "where" the places', async () => {
    const lunch = await ask('What happened in the logs yesterday around lunchtime?');
    expect(lunch.query!.read).toMatchObject({ measure: 'incidents', time: 'yesterday' });
    expect(lunch.answer).toMatch(/10\/22 12:/);
    const split = await ask('医療レセプト、全体で残り何件? break it down by site pls');
    expect(split.query!.read).toMatchObject({ measure: 'remaining', by: 'site' });
    // Where the correction queue is: each site, the largest first, each equal to its newest snapshots' sum.
    const where = await ask('補正待ちはどこに何件たまってる？');
    expect(where.query!.read).toMatchObject({ measure: 'correction_waiting', by: 'site' });
    const bySite = demo.db
      .prepare(
        `SELECT s.location_name AS site, SUM(s.correction_waiting) AS n FROM progress_snapshots s
         WHERE s.snapshot_time = (SELECT MAX(x.snapshot_time) FROM progress_snapshots x WHERE x.location_name = s.location_name
           AND x.process_name = s.process_name AND x.business_id = s.business_id AND x.snapshot_time BETWEEN ? AND ?)
         GROUP BY s.location_name ORDER BY n DESC`,
      )
      .all(TODAY0, NOW) as { site: string; n: number }[];
    expect(where.answer.split('\n')[1]).toBe(`- ${bySite[0]!.site}: ${bySite[0]!.n} 件`);
    for (const r of bySite) expect(where.answer).toContain(`- ${r.site}: ${r.n} 件`);
  });

  it('a total of everything comes with its parts, and a count of alerts with the open alerts, critical first', async () => {
    const errors = await ask('How many errors today?');
    const parts = demo.db
      .prepare(
        `SELECT service, SUM(lines) AS n FROM app_logs WHERE level IN ('ERROR', 'FATAL', 'CRITICAL') AND ts >= ? AND ts < ?
         GROUP BY service ORDER BY n DESC`,
      )
      .all(TODAY0, NOW) as { service: string; n: number }[];
    expect(parts.length).toBeGreaterThan(1);
    expect(errors.answer).toContain(`everything: ${parts.reduce((s, p) => s + p.n, 0).toLocaleString('en-US')} lines`);
    expect(errors.answer).toContain(`of which: ${parts.map((p) => `${p.service} ${p.n.toLocaleString('en-US')}`).join(', ')}`);
    const alerts = await ask('今アラート何件出てる？');
    const open = demo.db.prepare(`SELECT severity FROM alerts WHERE status = 'open'`).all() as { severity: string }[];
    expect(alerts.answer).toContain(`未対応のアラートは${open.length}件です`);
    const listed = alerts.answer.split('\n').filter((l) => /^- (?:重大|注意):/.test(l));
    expect(listed.length).toBe(Math.min(5, open.length));
    expect(listed.map((l) => l.startsWith('- 重大'))).toEqual([...listed.map((l) => l.startsWith('- 重大'))].sort((a, b) => Number(b) - Number(a)));
  });

  it('one named person is their day in the attendance records, not "0 people"', async () => {
    // Someone absent today with one record of the day (no choice between rows to make).
    const person = demo.db
      .prepare(
        `SELECT o.operator_name AS name, o.location_name AS site FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
         WHERE a.attendance_date = '2025-10-23' AND o.is_valid = 1 GROUP BY a.operator_id
         HAVING COUNT(*) = 1 AND MAX(a.attendance_status) = 'absent' ORDER BY o.operator_name LIMIT 1`,
      )
      .get() as { name: string; site: string };
    const r = await ask(`${person.name}さんは今日来てる？`);
    expect(r.query!.read.operator).toEqual([person.name]);
    expect(r.answer).toContain(`- ${person.name}（${person.site}）: 欠勤`);
    expect(r.answer).not.toMatch(/: 0 人$/m);
  });

  it('years of experience filter the people counted, like a skill level, and a follow-up narrows by them', async () => {
    const people = (site: string, process: string, level: number, months: number): string[] =>
      (
        demo.db
          .prepare(
            `SELECT DISTINCT o.operator_name AS name FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
             WHERE o.is_valid = 1 AND o.location_name = ? AND c.process_name = ? AND c.skill_level >= ? AND c.experience_months >= ?`,
          )
          .all(site, process, level, months) as { name: string }[]
      ).map((r) => r.name);
    const n = await ask('大阪でエントリ1がスキル3以上かつ経験2年以上の人は何人？');
    expect(n.query!.read).toMatchObject({ measure: 'headcount', level: 3, experience: 24 });
    expect(n.answer).toContain(`大阪 · エントリ1: ${people('大阪', 'エントリ1', 3, 24).length} 人`);
    expect(n.answer).toContain('（経験2年以上）');
    const first = await ask('盛岡でエントリ1のスキル4以上の人は？');
    const narrowed = await ask('その中で経験5年以上は？', first.conversationId ?? null);
    expect(narrowed.query!.read).toMatchObject({ site: ['盛岡'], process: ['エントリ1'], level: 4, experience: 60 });
    const want = people('盛岡', 'エントリ1', 4, 60);
    expect(want.length).toBeGreaterThan(0);
    for (const name of want) expect(narrowed.answer).toContain(`- ${name}:`);
    expect(narrowed.answer.split('\n').filter((l) => l.startsWith('- ')).length).toBe(want.length);
    // A measure with no people's skills behind it says it cannot be filtered so, in words.
    expect((await ask('経験2年以上の人の残件は？')).answer).toMatch(/経験年数で絞った値は出せません/);
  });

  it('people asked about are named: who came in late today, and whose overtime is nearest the monthly limit (the top, then how many more)', async () => {
    const late = (
      demo.db
        .prepare(
          `SELECT o.operator_name AS name FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
           WHERE a.attendance_date = '2025-10-23' AND a.attendance_status = 'late' AND o.is_valid = 1`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    expect(late.length).toBeGreaterThan(0);
    const lateAnswer = (await ask('今日遅刻した人いる？')).answer;
    // Late arrivals are their own measure (the records' status «late»): the count, then who.
    // Asked whether there are any: yes, then the count and who.
    for (const name of late) expect(lateAnswer).toMatch(new RegExp(`^はい。\\n遅刻（10/23）: ${late.length} 人\\n.*${name}`));
    const minutes = demo.db
      .prepare(
        `SELECT o.operator_name AS name, SUM((a.actual_end - a.planned_end) / 60000.0) AS m FROM attendance_records a
         JOIN operators o ON o.operator_id = a.operator_id
         WHERE a.attendance_date >= '2025-10-01' AND a.attendance_date <= '2025-10-23' AND o.is_valid = 1
           AND a.actual_end IS NOT NULL AND a.planned_end IS NOT NULL AND a.actual_end > a.planned_end
         GROUP BY o.operator_id ORDER BY m DESC, o.operator_name`,
      )
      .all() as { name: string; m: number }[];
    const r = await ask('今月の残業、上限に近い人はいる？');
    expect(r.query!.read).toMatchObject({ measure: 'overtime', by: 'operator', time: 'this_month' });
    const top = Math.round(minutes[0]!.m);
    expect(r.answer.split('\n')[1]).toMatch(new RegExp(`^- .+: ${top} 分（月の上限45時間の${Math.round((top / 2700) * 100)}%）$`));
    expect(r.answer).toContain(`ほか${minutes.length - 10}件（すべて表にあります）`);
    expect(r.table?.rows.length).toBe(minutes.length);
  });

  it('a speed needed is said beside the speed now; a matter pointed at with nothing before is asked about, not guessed', async () => {
    const r = await ask('札幌 SS エントリ1 — how many per minute do we need to hit 16:00?');
    expect(r.query!.read.measure).toBe('needed_speed');
    expect(r.answer).toMatch(/Sapporo · Entry 1 · SS: \d+(?:\.\d)? items\/min \(now \d+(?:\.\d)?\/min\)/);
    for (const q of ['あの件 update ある？', 'Any news on that issue?']) {
      const back = await ask(q);
      expect(back.clarify?.options.length, q).toBeGreaterThan(1);
      expect(back.query!.answeredBy, q).not.toBe('outside');
    }
  });

  it('a host named filters the logs: its error lines, and its own incidents only', async () => {
    const n = (
      demo.db
        .prepare(`SELECT SUM(lines) AS n FROM app_logs WHERE host = 'dbp-01' AND level IN ('ERROR', 'FATAL', 'CRITICAL') AND ts >= ? AND ts < ?`)
        .get(TODAY0 - DAY, TODAY0) as { n: number }
    ).n;
    const errors = await ask('dbp-01 のエラーは昨日何件？');
    expect(errors.query!.read).toMatchObject({ measure: 'error_lines', host: ['dbp-01'], time: 'yesterday' });
    expect(errors.answer).toContain(`dbp-01: ${n} 行`);
    const incident = await ask('ocr-morioka-01 の障害って先週いつだった？');
    expect(incident.query!.read.host).toEqual(['ocr-morioka-01']);
    const lines = incident.answer.split('\n').filter((l) => /^- .*の障害: /.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toContain('ocr-morioka-01');
    // A host with no incident today shows no other service's anomalies either.
    const quiet = await ask('dbp-01 で今日何かあった？');
    // The all-clear names the host it is about: none on dbp-01 is not none at all. It counts errors, and says today's
    // warnings beside it (locked-1129h), as many as the store holds for today.
    const warned = (
      demo.db.prepare(`SELECT SUM(lines) AS n FROM app_logs WHERE host = 'dbp-01' AND level = 'WARN' AND ts >= ? AND ts < ?`).get(TODAY0, NOW) as {
        n: number;
      }
    ).n;
    expect(warned).toBeGreaterThan(0);
    expect(quiet.answer).toMatch(new RegExp(`^ログの障害（エラー）はありません（dbp-01）。ただし警告が${warned}行あります（\\d\\d:\\d\\dから`));
    expect(quiet.answer).not.toContain('ocr-worker');
  });

  it('a speed change of many lines names the ones furthest below their own speed then, which the sum hides', async () => {
    const r = await ask('いつもより遅いラインは？');
    expect(r.query!.read).toMatchObject({ op: 'change', measure: 'speed', against: 'usual' });
    // The company's sum is within a few percent of usual; the OCR incident at 札幌 slowed its entry 1 lines (from 13:50).
    const below = r.answer.split('\n').find((l) => l.startsWith('比べた時より遅い系列: '));
    expect(below).toMatch(/^比べた時より遅い系列: 札幌 エントリ1 医療レセプト 毎分[\d.]+件（比べた時は[\d.]+件、\d+%）、札幌 エントリ1 SS /);
  });

  it('an English know-how question quotes the English version of the section Genba ships, not only its title', async () => {
    const r = await ask("Is it ok to send just 1 or 2 people to a line that's 20 min from deadline?");
    expect(r.query!.read.op).toBe('knowhow');
    expect(r.answer).toContain('"When to move staff (managers\' know-how) / Adding people just before a deadline"');
    expect(r.answer).toContain('3 or more people');
    expect(r.answer).not.toMatch(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u);
  });

  it('"three people" is a number, and an order to change a record is declined in words, storing nothing', async () => {
    const first = await ask('Will 札幌 エントリ1 SS make the 16:00 deadline?');
    const what = await ask('What if we add three people?', first.conversationId ?? null);
    expect(what.query!.read.move).toMatchObject({ count: 3 });
    expect(what.answer).toMatch(/^Moving 3 to Sapporo Entry 1 \(SS\)/);
    const change = await ask("Change 清水 香織's attendance today to present");
    expect(change.query!.answeredBy).toBe('outside');
    expect(change.answer).toContain('changes no records');
    expect(change.proposal).toBeNull();
    // In Japanese too, and a message to send is no plan to store, whatever it is about.
    for (const q of ['小林 直樹さんの今日の勤怠を出勤に書き換えておいて', '全員にLINEで明日のシフト送っといて', "Notify everyone about tomorrow's shifts"]) {
      const r = await ask(q);
      expect(r.query!.answeredBy, q).toBe('outside');
      expect(r.plan ?? null, q).toBeNull();
      expect(r.proposal, q).toBeNull();
    }
    const move = await ask('人を動かして');
    expect(move.query!.read.op).toBe('propose');
    expect(move.clarify?.options.length).toBeGreaterThan(0);
  });
});
