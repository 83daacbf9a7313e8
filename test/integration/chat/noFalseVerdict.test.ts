import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useDemoAssistant } from '../../helpers/demoAssistant.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const DAY = 86_400_000;
const TODAY0 = Date.parse('2025-10-23T00:00+09:00');

/**
 * Issue 60: no yes, no or all-clear that Genba's own facts contradict, on the demo company at 15:40. Each case is a kind
 * of confident wrong statement a blind set found: a verdict on a reading that left a word out, today's state given for
 * an earlier day, an all-clear for a host that warns all day, a practice the rules forbid answered from the floor, a
 * move read the wrong way round or onto the wrong business, and the base of a comparison taken for the day asked.
 * Figures are checked against plain SELECTs of the same store.
 */
describe('no verdict the facts contradict', () => {
  const demo = useDemoAssistant(NOW);
  const ask = (question: string, conversationId: string | null = null) => demo.ask(question, conversationId);
  /** A person's registered skills, highest first, as the masters hold them. */
  const skillsOf = (name: string): { p: string; l: number }[] =>
    demo.db
      .prepare(
        `SELECT c.process_name AS p, c.skill_level AS l FROM operator_process_capabilities c JOIN operators o ON o.operator_id = c.operator_id
          WHERE o.operator_name = ? ORDER BY c.skill_level DESC, c.process_name`,
      )
      .all(name) as { p: string; l: number }[];

  it('a check whose reading leaves a word unread says the word and gives no yes or no', async () => {
    const r = await ask('Will Sapporo make it in time for the quarterly audit?');
    expect(r.query!.read).toMatchObject({ op: 'check', measure: 'slack' });
    expect((r.query!.unused ?? []).map((u) => u.word)).toEqual(expect.arrayContaining(['quarterly', 'audit']));
    expect(r.answer).toMatch(/^Note: I could not read "[^"]+"/);
    expect(r.answer).not.toMatch(/\b(?:Yes|No)\./);
    // The same question without the unread words keeps its verdict.
    expect((await ask('Will Sapporo make it in time?')).answer).toMatch(/^No\. /);
    expect((await ask('札幌は監査までに間に合う？')).answer).toMatch(/^※ 質問の「監査」を読み取れず.*\n札幌: 8系列中1系列が遅れ/);
  });

  it('an all-clear about a host counts its errors and says the warnings it has logged since when (locked-1129h)', async () => {
    const warn = demo.db.prepare(`SELECT SUM(lines) AS n, MIN(ts) AS first FROM app_logs WHERE level = 'WARN' AND host = 'export-01'`).get() as {
      n: number;
      first: number;
    };
    expect(warn.n).toBeGreaterThan(0);
    const first = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Tokyo',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(warn.first)
      .reduce((m, p) => ({ ...m, [p.type]: p.value }), {} as Record<string, string>);
    const r = await ask('export-01のdisk warning、いつから出てる？');
    expect(r.answer).toContain(
      `ログの障害（エラー）はありません（export-01）。ただし警告が${warn.n}行あります（${first.month}/${first.day} ${first.hour}:${first.minute}から`,
    );
    expect(r.answer).not.toMatch(/^ログの障害はありません/);
  });

  it('whether anyone was moved in a month gone is the record of moves approved, not the deadlines missed then', async () => {
    const approved = (demo.db.prepare(`SELECT COUNT(*) AS n FROM proposals WHERE status IN ('approved', 'modified')`).get() as { n: number }).n;
    expect(approved).toBe(0);
    const r = await ask('have we moved anyone between sites in the last month?');
    expect(r.query!.read).toMatchObject({ op: 'history', time: 'last_month' });
    expect(r.answer.startsWith('Genba has no record of a move being approved')).toBe(true);
    expect(r.answer).toContain('September 2025');
    expect(r.answer).not.toMatch(/Missed deadlines/);
  });

  it('who may do something is asked with the rule, never answered yes or no', async () => {
    const r = await ask('remind me of the rule for verification final checks, and who at sapporo can do it?');
    expect(r.query!.read.asks).not.toContain('permission');
    expect(r.answer).not.toMatch(/^(?:Yes|No)\b/);
    expect(r.answer).toContain('skill level 4 or above');
    // The same rule asked as a permission keeps its verdict.
    expect((await ask('Can a helper from another site do the final check in Verification?')).answer).toMatch(/^No\. /);
  });

  it('the most urgent work is the least slack: the business with the late line, not the one with the most time to spare', async () => {
    // The one series whose newest snapshot's items cannot be done by its deadline at its pace: 札幌 エントリ1 SS (120 left at 16:00).
    const late = demo.db
      .prepare(`SELECT location_name AS site, business_id AS b, total_waiting AS left FROM progress_snapshots WHERE snapshot_time = ? AND total_waiting > 0`)
      .all(NOW) as { site: string; b: string; left: number }[];
    expect(late).toContainEqual({ site: '札幌', b: '523201', left: 120 });
    const r = await ask('今いちばん急ぎの案件はどれ？');
    expect(r.query!.read).toMatchObject({ op: 'rank', measure: 'slack', rank: { order: 'bottom', n: 1 } });
    expect(r.answer).toContain('\n1. SS: ');
    expect(r.answer).toContain('札幌 エントリ1 SS: 4分');
  });

  it("items done over several days are each day's items done summed, never the last day's count as the period's", async () => {
    // Each series' newest snapshot of each day from Monday 10/20 to now: its items done that day; summed over series and days.
    const MON = TODAY0 - 3 * DAY;
    const days = demo.db
      .prepare(
        `SELECT d, SUM(done) AS n FROM (
           SELECT CAST((s.snapshot_time - ?) / ? AS INTEGER) AS d, s.entry_count AS done
           FROM progress_snapshots s JOIN (
             SELECT location_name, process_name, business_id, CAST((snapshot_time - ?) / ? AS INTEGER) AS d, MAX(snapshot_time) AS t
             FROM progress_snapshots WHERE snapshot_time >= ? AND snapshot_time <= ? GROUP BY 1, 2, 3, 4) l
           ON l.location_name = s.location_name AND l.process_name = s.process_name AND l.business_id = s.business_id AND l.t = s.snapshot_time)
         GROUP BY d ORDER BY d`,
      )
      .all(MON, DAY, MON, DAY, MON, NOW) as { d: number; n: number }[];
    expect(days.map((x) => x.d)).toEqual([0, 1, 2, 3]);
    const total = days.reduce((s, x) => s + x.n, 0);
    const r = await ask('how many items have we processed this week so far?');
    expect(r.query!.read).toMatchObject({ op: 'value', measure: 'done', time: 'this_week' });
    expect(r.answer.startsWith(`Items done (this week (10/20–10/23)): ${total.toLocaleString('en-US')} items in all`)).toBe(true);
    // Each day's own count; today's is today so far, said with its time.
    for (const [k, x] of days.entries()) expect(r.answer).toContain(`- 10/${20 + k}${k === 3 ? ' (as of 15:40)' : ''}: ${x.n.toLocaleString('en-US')} items`);
    expect(r.answer).not.toMatch(/^Items done \(as of/);
  });

  it('lateness on an earlier day is the record of deadlines missed that day, not the state now; a speed of an earlier day is declined', async () => {
    // Each series' deadline on 10/21, and the newest snapshot at or before it that day: work left there is a miss.
    const [from, to] = [TODAY0 - 2 * DAY, TODAY0 - DAY];
    const rows = demo.db
      .prepare(
        `SELECT location_name || business_id || process_name AS k, snapshot_time AS t, expected_completion_time AS d, total_waiting AS left
         FROM progress_snapshots WHERE expected_completion_time >= ? AND expected_completion_time < ? AND snapshot_time <= expected_completion_time
           AND snapshot_time > expected_completion_time - ?`,
      )
      .all(from, to, DAY) as { k: string; t: number; d: number; left: number }[];
    const last = new Map<string, { t: number; left: number }>();
    for (const r of rows) if ((last.get(`${r.k}|${r.d}`)?.t ?? -1) < r.t) last.set(`${r.k}|${r.d}`, r);
    const missed = [...last.values()].filter((x) => x.left > 0).length;
    const r = await ask('１０月２１日（火）に納期遅れはあった？');
    expect(r.query!.read).toMatchObject({ op: 'check', measure: 'slack', time: 'date_10-21' });
    expect(r.answer).toContain('10/21');
    expect(r.answer).toContain(`全体: ${missed} 件`);
    expect(r.answer).not.toMatch(/15:40時点|^はい|^いいえ/);
    // The weekday beside its date restates the date: nothing is said to be unread.
    expect(r.query!.unused).toEqual([]);
    const speed = await ask('How fast was Sapporo entry 1 yesterday?');
    expect(speed.answer).toMatch(/only for today/);
    expect(speed.answer).not.toMatch(/\d+\.\d items\/min/);
  });

  it('a host with no incident but warnings all day is not all clear: its warning lines are said, counted as SQL counts them', async () => {
    const warned = demo.db
      .prepare(`SELECT SUM(lines) AS n, MAX(ts) AS last FROM app_logs WHERE host = 'export-01' AND level IN ('WARN', 'ERROR') AND ts >= ? AND ts < ?`)
      .get(TODAY0, NOW) as { n: number; last: number };
    expect(warned.n).toBeGreaterThan(0);
    const r = await ask('export-01のdisk、大丈夫？');
    expect(r.query!.read).toMatchObject({ op: 'check', measure: 'incidents', host: ['export-01'] });
    const last = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(warned.last);
    expect(r.answer).toContain(`ただし警告・エラーが${warned.n}行あります`);
    expect(r.answer).toContain(`最新 ${last}`);
    expect(r.answer).toContain('Disk usage');
  });

  it('whether a helper may do a kind of work is answered by the rule that forbids it, in English as in Japanese', async () => {
    for (const q of [
      "Can the helpers from Morioka do the final check on Sapporo's verification?",
      '盛岡からの応援者に札幌の検証の最終チェックを任せてもいい？',
    ]) {
      const r = await ask(q);
      expect(r.query!.read.op, q).toBe('knowhow');
      expect(r.answer, q).toMatch(/^(?:No\.|いいえ。)/);
      expect(r.citations.map((c) => c.heading).join(' '), q).toMatch(/Verification|検証工程/);
    }
  });

  it('a kind of person asked of: a site before it, a new hire sent elsewhere; a rule shares words of the matter, not «with» (locked-1128e)', async () => {
    const helper = await ask('can the 品川 helper do the final verification check at sapporo?');
    expect(helper.query!.read.op).toBe('knowhow');
    expect(helper.answer).toMatch(
      /^No\. The company's rule \(Rules for quality and training\) says: "Helpers from other sites are never given the final check\."/,
    );
    for (const q of ['can we send a new hire to help 札幌?', '新人を札幌の応援に出していい？']) {
      const r = await ask(q);
      expect(r.query!.read.op, q).toBe('knowhow');
      expect(r.answer, q).toMatch(
        /^(?:No\. The company's rule \(Rules for quality and training\) says: "Operators with less than 6 months|いいえ。会社のルール（品質と教育のルール）で「経験6か月未満)/,
      );
    }
    // Helping at their own site is not what the rule forbids: no «No» from the words «help» and «with» alone.
    expect((await ask("Can new hires help with Sapporo's entry?")).answer).not.toMatch(/^No\./);
    // A count is no kind of person: «can we send 3 people» is a move weighed, not a question of the rules.
    expect((await ask('can we send 3 people to Sapporo?')).query!.read).toMatchObject({ op: 'whatif', move: { count: 3, to: '札幌' } });
  });

  it('a person named with their site leaves it for the site named with に; the person named is the one moved', async () => {
    const r = await ask('Shinagawaの上野さん1人だけ札幌にmoveしたら間に合う？');
    expect(r.query!.read.move).toMatchObject({ count: 1, from: '品川', to: '札幌' });
    expect(r.answer).toMatch(/^品川から札幌 エントリ1（SS）へ1名移した場合/);
    expect(r.answer).toContain('移る人: 上野 由香利（品川');
    const en = await ask('What if Ueno from Shinagawa goes to Sapporo entry 1?');
    expect(en.query!.read.move).toMatchObject({ count: 1, from: '品川', to: '札幌', process: 'エントリ1' });
    expect(en.answer).toContain('Who moves: Ueno Yukari (Shinagawa');
  });

  it('a move between two businesses of one process gives to one and takes from the other; one business named is the only one changed', async () => {
    const between = await ask("What if I move 2 people from Sapporo's Medical claims Entry 1 to SS Entry 1?");
    expect(between.query!.read.move).toMatchObject({ count: 2, from: '札幌', process: 'エントリ1', fromBusiness: '611040' });
    const lines = between.answer.split('\n');
    expect(lines[0]).toBe('Moving 2 from Sapporo Entry 1 (Medical claims) to Sapporo Entry 1 (SS):');
    expect(lines.find((l) => l.includes('(SS, receiving)'))).toBeDefined();
    expect(lines.find((l) => l.includes('(Medical claims, giving)'))).toBeDefined();
    const removal = await ask('札幌エントリ1（SS）から2人抜いたらどうなる？');
    expect(removal.answer.split('\n')[0]).toBe('札幌 エントリ1（SS）から2名減らした場合:');
    expect(removal.answer).not.toContain('医療レセプト');
  });

  it('the time named as the base of a comparison is the base: today against last Thursday, from the arrivals table', async () => {
    const sum = (date: string): number => (demo.db.prepare('SELECT SUM(items) AS n FROM arrivals WHERE arrival_date = ?').get(date) as { n: number }).n;
    const r = await ask('先週の木曜と比べて今日の入荷はどう？');
    expect(r.query!.read).toMatchObject({ op: 'change', measure: 'arrivals', against: 'last_week', time: 'today' });
    expect(r.answer).toContain(`今 ${sum('2025-10-23').toLocaleString('en-US')} 件`);
    expect(r.answer).toContain(`（10/16）の同時刻 ${sum('2025-10-16').toLocaleString('en-US')} 件`);
  });

  it('"is it done?" is whether work is left, each thing named with its own state; today\'s overtime is not "none" before its end times are in', async () => {
    const left = (site: string): number =>
      (
        demo.db
          .prepare(
            `SELECT SUM(total_waiting) AS n FROM progress_snapshots s WHERE location_name = ? AND snapshot_time = (SELECT MAX(x.snapshot_time)
               FROM progress_snapshots x WHERE x.location_name = s.location_name AND x.business_id = s.business_id AND x.process_name = s.process_name AND x.snapshot_time <= ?)`,
          )
          .get(site, NOW) as { n: number }
      ).n;
    expect(left('横浜')).toBe(0);
    expect((await ask('Is Sapporo done for the day?')).answer).toBe(`No. Sapporo is not finished yet (${left('札幌')} items left). (as of 15:40)`);
    const both = await ask('横浜と札幌はもう終わってる？');
    expect(both.answer).toContain('横浜は終わっています（残件0件）');
    expect(both.answer).toContain(`札幌はまだ終わっていません（残件${left('札幌')}件）`);
    // Its people asked for once it is done is a move asked for: the proposal is the reading offered first, the state beside it.
    const send = await ask('横浜はもう終わってるなら横浜の人を札幌に回せない？');
    expect(send.clarify?.options.map((o) => o.reading?.op).slice(0, 2)).toEqual(['propose', 'check']);
    // 「やばい？」 names trouble: yes, there is some.
    expect((await ask('やばい？')).answer).toMatch(/^はい。 全体: 52系列中1系列が遅れ/);
    const ends = demo.db.prepare("SELECT COUNT(*) AS n FROM attendance_records WHERE attendance_date = '2025-10-23' AND actual_end IS NOT NULL").get() as {
      n: number;
    };
    expect(ends.n).toBe(0);
    const today = await ask('今日の残業は？');
    expect(today.answer).toContain('「残業なし」とは言えません');
    expect(today.answer).not.toMatch(/残業はありません/);
    const showed = await ask('Did everyone show up today?');
    expect(showed.query!.read.measure).toBe('attendance');
  });

  it('a follow-up that only excludes a site, names the day before, or says "that day" narrows the turn before', async () => {
    const who = await ask('札幌SSエントリ1に誰を回せる？');
    const notMorioka = await ask('盛岡からは出さないで', who.conversationId ?? null);
    expect(notMorioka.query!.read).toMatchObject({ op: 'propose', notFrom: ['盛岡'], site: ['札幌'] });
    expect(notMorioka.proposal).not.toBeNull();
    expect(notMorioka.proposal!.operators.map((o) => o.from)).not.toContain('盛岡');
    const arrived = (date: string): number =>
      (demo.db.prepare("SELECT SUM(items) AS n FROM arrivals WHERE arrival_date = ? AND location_name = '大阪'").get(date) as { n: number }).n;
    const first = await ask('大阪の昨日の入荷は？');
    const before = await ask('その前の日は？', first.conversationId ?? null);
    expect(before.query!.read).toMatchObject({ measure: 'arrivals', site: ['大阪'], time: 'ago_2d' });
    expect(before.answer).toContain(`大阪: ${arrived('2025-10-21').toLocaleString('en-US')} 件`);
    const day = await ask('What happened on Tuesday the 14th?');
    const overtime = await ask('How much overtime did Sasebo do that day?', day.conversationId ?? null);
    expect(overtime.query!.read).toMatchObject({ measure: 'overtime', site: ['佐世保'] });
    expect(overtime.answer).toContain('Tue 10/14');
    // A weekday alone after a day gone is the last one before today: Monday's records, not next Monday's plan (locked-1128e).
    const misses = await ask('yesterday any deadline misses?');
    const monday = await ask('and on monday?', misses.conversationId ?? null);
    expect(monday.query!.read).toMatchObject({ measure: misses.query!.read.measure, time: 'past_mon' });
    expect(monday.answer.split('\n').slice(0, 3)).toEqual((await ask('How many deadlines were missed on Monday?')).answer.split('\n').slice(0, 3));
    expect(monday.answer).toContain('(Monday (10/20))');
  });

  it('"anything left?" is yes when work is left, "finished?" when none is; the exclusion of two sites holds in a what-if', async () => {
    expect((await ask('does shinagawa have anything left today?')).answer).toMatch(/^No\. Shinagawa is finished \(0 items left\)/);
    expect((await ask('佐世保ってまだ残ってる？')).answer).toMatch(/^はい。 佐世保はまだ終わっていません/);
    expect((await ask('Is Yokohama finished?')).answer).toMatch(/^Yes\. Yokohama is finished/);
    const r = await ask('盛岡と品川からは出さずに、札幌のSSエントリ1に3人出すなら誰？');
    expect(r.query!.read.notFrom).toEqual(['品川', '盛岡']);
    expect(r.answer.split('\n')[0]).toBe('品川・盛岡からは人を出さない条件で探しました。');
    const who = r.answer.split('\n').find((l) => l.includes('移る人'))!;
    expect(who).not.toMatch(/（(?:盛岡|品川)、/);
    // An all-clear names all it searched by: Yokohama's ocr-worker, not ocr-worker (whose incident is Sapporo's).
    expect((await ask('Yokohamaもocrの影響受けてる？')).answer).toContain('横浜のocr-workerに障害は見つかっていません');
  });

  it("a day gone is answered from its records, never today's state; items done over hours of today is the count between them", async () => {
    const why = await ask('10月14日、なんであんなに遅れたの？');
    const arrived = (demo.db.prepare("SELECT SUM(items) AS n FROM arrivals WHERE arrival_date = '2025-10-14'").get() as { n: number }).n;
    expect(why.answer.split('\n')[0]).toMatch(/^10月14日（10\/14）について記録にあること/);
    expect(why.answer).toContain(`10/14 ${arrived.toLocaleString('en-US')} 件`);
    expect(why.answer).not.toMatch(/15:40|ocr-sapporo-01/);
    const doneAt = (t: string): number =>
      (
        demo.db
          .prepare(
            `SELECT SUM(entry_count) AS n FROM progress_snapshots s WHERE location_name = '札幌' AND process_name = 'エントリ1' AND snapshot_time = (
               SELECT MAX(x.snapshot_time) FROM progress_snapshots x WHERE x.location_name = s.location_name AND x.business_id = s.business_id
                 AND x.process_name = s.process_name AND x.snapshot_time <= ? AND x.snapshot_time >= ?)`,
          )
          .get(Date.parse(`2025-10-23T${t}+09:00`), TODAY0) as { n: number }
      ).n;
    const hours = await ask('今日の13時から14時、札幌エントリ1で何件処理した？');
    expect(hours.answer).toContain(`札幌 · エントリ1: ${(doneAt('14:00') - doneAt('13:00')).toLocaleString('en-US')} 件`);
    const since = await ask('since 13:50, how many has sapporo E1 done?');
    expect(since.query!.read.time).toBe('since_13m50');
    expect(since.answer).toContain(`Sapporo · Entry 1: ${(doneAt('15:40') - doneAt('13:50')).toLocaleString('en-US')} items`);
  });

  it("a move from a site to no line named is to the turn before's line, and a bare number after it is the same move of that many", async () => {
    const first = await ask('sapporo E1 SS, how far behind?');
    const three = await ask('ok if I send 3 from shinagawa?', first.conversationId ?? null);
    expect(three.query!.read.move).toMatchObject({ count: 3, from: '品川', to: '札幌' });
    expect(three.answer).toMatch(/^Moving 3 from Shinagawa to Sapporo Entry 1 \(SS\)/);
    const two = await ask('and if only 2?', three.conversationId ?? null);
    expect(two.query!.read.move).toMatchObject({ count: 2, from: '品川' });
    expect(two.answer).toMatch(/^Moving 2 from Shinagawa to Sapporo Entry 1 \(SS\)/);
    // «just» or «only» between the verb and its count (locked-1128e).
    const just = await ask('what if we send just 2 from shinagawa to sapporo entry 1?');
    expect(just.query!.read.move).toMatchObject({ count: 2, from: '品川', to: '札幌', process: 'エントリ1' });
    expect(just.answer).toMatch(/^Moving 2 from Shinagawa to Sapporo Entry 1/);
  });

  it("a message first seen in the records' first hours is not new: last month's incidents at Sasebo are its one real one", async () => {
    const first = (demo.db.prepare('SELECT MIN(ts) AS t FROM app_logs').get() as { t: number }).t;
    const r = await ask('先月末の佐世保の障害って何だった？');
    expect(r.answer.split('\n')[0]).toBe('ログの障害: 1件');
    expect(r.answer).toContain('sync-sasebo-01（sync-agent）の障害: 9/30 12:50から');
    const md = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', month: 'numeric', day: 'numeric' }).format(first);
    expect(r.answer).not.toContain(`${md} 00:`);
    // 「OKだっけ？」 asks the rules, not for a move at the person's own site.
    const ishii = await ask('石井 久美子さん（大阪）、札幌のエントリ1応援OKだっけ？');
    expect(ishii.query!.read.op).toBe('knowhow');
    // …and held against the conditions Genba applies when it moves people, from her capabilities as the store has them.
    const cap = demo.db
      .prepare(
        `SELECT c.skill_level AS skill, c.experience_months AS months FROM operators o JOIN operator_process_capabilities c USING (operator_id)
          WHERE o.operator_name = '石井 久美子' AND c.process_name = 'エントリ1'`,
      )
      .get() as { skill: number; months: number };
    expect(ishii.answer.split('\n')[0]).toBe(
      `- 石井 久美子（大阪）: エントリ1 スキル${cap.skill}、経験${cap.months}か月。移動の条件（スキル3以上）を${cap.skill >= 3 ? '満たします' : '満たしません'}。エントリ1で優先する経験（24か月以上）を${cap.months >= 24 ? '満たします' : '満たしません'}。`,
    );
    expect(ishii.answer).not.toMatch(/^はい/m);
    // "Can <a person> help <a line>?" asks the same in English.
    const kobayashi = await ask('Can 小林 健太 from Morioka help Sapporo Entry 1?');
    expect(kobayashi.query!.read).toMatchObject({ op: 'knowhow', operator: ['小林 健太'] });
    const k = demo.db
      .prepare(
        `SELECT c.skill_level AS skill FROM operators o JOIN operator_process_capabilities c USING (operator_id) WHERE o.operator_name = '小林 健太' AND c.process_name = 'エントリ1'`,
      )
      .get() as { skill: number };
    expect(kobayashi.answer).toMatch(new RegExp(`^- Kobayashi Kenta \\(Morioka\\): Entry 1 skill ${k.skill}, `));
    expect(kobayashi.answer).not.toMatch(/^Yes/m);
  });

  it('a check on a measure no word named gives no yes or no; "most late" this month is the most deadlines missed; one site\'s total is not «all sites»', async () => {
    const guessed = await ask('同じ人ばっかり応援に出してない？');
    expect(guessed.answer).not.toMatch(/^(?:はい|いいえ)/);
    const most = await ask('今月、納期遅れが一番多い拠点は？');
    const bySite = demo.db
      .prepare(
        `SELECT location_name AS site FROM progress_snapshots s WHERE expected_completion_time >= ? AND expected_completion_time < ? AND total_waiting > 0
           AND snapshot_time = (SELECT MAX(x.snapshot_time) FROM progress_snapshots x WHERE x.location_name = s.location_name AND x.business_id = s.business_id
             AND x.process_name = s.process_name AND x.expected_completion_time = s.expected_completion_time AND x.snapshot_time <= s.expected_completion_time
             AND x.snapshot_time > s.expected_completion_time - ?)
         GROUP BY location_name ORDER BY COUNT(*) DESC LIMIT 1`,
      )
      .get(Date.parse('2025-10-01T00:00+09:00'), NOW, DAY) as { site: string };
    expect(most.answer).toMatch(new RegExp(`上位1:\\n1\\. ${bySite.site}: \\d+ 件`));
    const one = await ask('盛岡で今月いちばん欠勤多い人は？');
    expect(one.answer).not.toContain('全拠点');
  });

  it('a misspelt word of the vocabulary is read as the word; a real English word near one is not', async () => {
    expect((await ask('any overtiem this week?')).query!.read).toMatchObject({ measure: 'overtime', time: 'this_week' });
    expect((await ask('which processes are failing?')).query!.read.measure).not.toBe('overtime');
    // Words of the floor as managers say them: who was off (休んだ), how much came in (work) against who came in (people),
    // and since when an error shows (a start, which an incident has).
    expect((await ask('昨日休んだ人だれ？')).query!.read).toMatchObject({ measure: 'absence', time: 'yesterday' });
    expect((await ask('how much came in today?')).query!.read.measure).toBe('arrivals');
    expect((await ask('who came in today?')).query!.read.measure).toBe('attendance');
    const since = await ask('ocr-sapporo-01 のエラー、いつから出てる？');
    expect(since.query!.read).toMatchObject({ measure: 'incidents', host: ['ocr-sapporo-01'] });
    expect(since.answer).toMatch(/ocr-sapporo-01（ocr-worker）の障害: \d{1,2}:\d{2}から/);
    // A contraction typed without its apostrophe is the contraction.
    expect((await ask('whos off on tuesday?')).query!.read.measure).toBe('absence');
    // Five letters, one edit from both "error" and "errors": one word.
    expect((await ask('any erros on ocr-osaka-01 this week?')).query!.read).toMatchObject({ measure: 'error_lines', host: ['ocr-osaka-01'] });
  });

  it('people taken from the work named with their site come from that work today; the team and the impact are read with the move', async () => {
    const team = (
      demo.db
        .prepare(
          `SELECT o.operator_name AS name FROM daily_assignments a JOIN operators o ON o.operator_id = a.operator_id
            WHERE a.assignment_date = '2025-10-23' AND a.location_name = '盛岡' AND a.process_name = '検証'`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const r = await ask('盛岡の検証チームから3人、札幌に回したらどうなる？');
    expect(r.query!.read.move).toMatchObject({ count: 3, from: '盛岡', to: '札幌', fromProcess: '検証' });
    expect(r.answer).not.toContain('読み取れず');
    expect(r.answer).toContain('盛岡 検証から札幌');
    const movers = [.../- 移る人: (.*)/.exec(r.answer)![1]!.matchAll(/(?:^|）、)([^（]+)（/g)].map((m) => m[1]!);
    expect(movers.length).toBeGreaterThan(0);
    for (const m of movers) expect(team).toContain(m);
    // Osaka's verifiers: none of them can do Entry 1, said so, and nobody from another line of Osaka is moved instead.
    const osaka = await ask('大阪の検証から2名を札幌のエントリ1に移したら大阪への影響は？');
    expect(osaka.answer).toMatch(/^大阪 検証でエントリ1ができる人（[^）]*）は0名/);
    expect(osaka.answer).not.toContain('移る人');
  });

  it('a weekday asked about in the past tense is the last one before today, and how it went is its record', async () => {
    const arrived = (demo.db.prepare(`SELECT SUM(items) AS n FROM arrivals WHERE arrival_date = '2025-10-20'`).get() as { n: number }).n;
    for (const question of ['how did Monday go?', '月曜はどうだった？']) {
      const r = await ask(question);
      expect(r.query!.read).toMatchObject({ op: 'status', time: 'past_mon' });
      expect(r.answer).toContain(question.startsWith('how') ? 'Monday (10/20)' : '月曜（10/20）');
      expect(r.proposal ?? null).toBeNull();
      expect(r.plan ?? null).toBeNull();
    }
    expect((await ask('how did Monday go?')).answer).toContain(`${arrived.toLocaleString('en-US')} items on 10/20`);
    // A request for Monday's plan stays ahead: no past tense, the next Monday.
    expect((await ask('月曜の配置を提案して')).query!.read.time).toBe('on_mon');
  });

  it("people taken off a line take today's pace per person with them, not their registered speed", async () => {
    const n = (
      demo.db
        .prepare(
          `SELECT COUNT(DISTINCT operator_id) AS n FROM daily_assignments WHERE assignment_date = '2025-10-23' AND location_name = '札幌'
             AND process_name = 'エントリ1' AND business_id = '611040' AND start_time <= ? AND end_time > ?`,
        )
        .get(NOW, NOW) as { n: number }
    ).n;
    const r = await ask('札幌のレセE1から2人抜けたら17時に間に合う？');
    const [, before, after] = /毎分([\d.]+) → ([\d.]+)件/.exec(r.answer)!;
    expect(r.answer).toContain(`今日の配置${n}名で割った値`);
    // Two of n leave: the line keeps (n − 2) / n of its speed now (each figure said to one decimal).
    expect(Number(after)).toBeCloseTo((Number(before) * (n - 2)) / n, 0);
    expect(Number(after)).toBeGreaterThan(Number(before) - 1);
  });

  it("a week's incidents are each day's own bursts; a host whose lines are routine has none; the morning is the working morning", async () => {
    const errors = (host: string | null, from: string, to: string): number =>
      (
        demo.db
          .prepare(`SELECT COALESCE(SUM(lines), 0) AS n FROM app_logs WHERE level = 'ERROR' AND (? IS NULL OR host = ?) AND ts >= ? AND ts < ?`)
          .get(host, host, Date.parse(`${from}+09:00`), Date.parse(`${to}+09:00`)) as { n: number }
      ).n;
    // Last week: the OCR failures at Yokohama (10/15) and Morioka (10/17) are incidents of their own host. The weekend
    // and the holiday (10/13) had no trouble, and were not compared with working days to look like one.
    const week = await ask('先週の障害は？');
    const lines = week.answer.split('\n').filter((l) => /^- .*の障害: /.test(l));
    expect(lines.find((l) => l.includes('10/15'))).toMatch(/^- ocr-yokohama-01（ocr-worker）の障害: 10\/15 /);
    expect(lines.find((l) => l.includes('10/17'))).toMatch(/^- ocr-morioka-01（ocr-worker）の障害: 10\/17 /);
    for (const day of ['10/13', '10/18', '10/19']) expect(lines.join('\n')).not.toContain(`${day} `);
    expect(errors(null, '2025-10-18T00:00', '2025-10-20T00:00')).toBeLessThan(10);
    // A host with no error this week is not listed under incidents other hosts had.
    expect(errors('ocr-osaka-01', '2025-10-20T00:00', '2025-10-23T15:40')).toBe(0);
    expect((await ask('any incidents on ocr-osaka-01 this week?')).answer).toMatch(/^No incident found for ocr-osaka-01 /);
    // "This morning" is 9:00 to 12:00: the night batch's errors are last night's.
    const morning = await ask('what errors did we get this morning?');
    expect(morning.answer).toContain('this morning (09:00–12:00)');
    expect(morning.answer).toContain(`everything: ${errors(null, '2025-10-23T09:00', '2025-10-23T12:00')} lines`);
    expect(errors(null, '2025-10-23T00:00', '2025-10-23T12:00')).toBeGreaterThan(errors(null, '2025-10-23T09:00', '2025-10-23T12:00'));
  });

  it("a count of people with a word of who unread says the word first (「手が空いてる」 is not the master's headcount) (locked-1128d)", async () => {
    const r = await ask('盛岡で手が空いてる人、何人くらい？');
    expect(r.answer).toMatch(/^※ 質問の「空」を読み取れず、この答えには反映していません。\n/);
    // A count whose every word was read has no note.
    expect((await ask('今日大阪に何人いる？')).answer).not.toContain('※');
  });

  it('the days a business was late over 30 days are the deadlines missed day by day, with the business named in English ("medical") (locked-1128d)', async () => {
    const r = await ask('過去30日で、Sapporo の medical が late だった日は？');
    expect(r.query!.read).toMatchObject({ measure: 'missed_deadlines', by: 'day', site: ['札幌'], business: ['611040'], time: 'last_30d' });
    // Per day: the series of 札幌 医療レセプト whose deadline passed with work left (the newest snapshot at or before it).
    const rows = demo.db
      .prepare(
        `SELECT process_name AS p, snapshot_time AS t, expected_completion_time AS d, total_waiting AS left FROM progress_snapshots
         WHERE location_name = '札幌' AND business_id = '611040' AND expected_completion_time >= ? AND expected_completion_time < ?
           AND snapshot_time <= expected_completion_time AND snapshot_time > expected_completion_time - ?`,
      )
      .all(TODAY0 - 29 * DAY, NOW, DAY) as { p: string; t: number; d: number; left: number }[];
    const last = new Map<string, { t: number; d: number; left: number }>();
    for (const x of rows) if ((last.get(`${x.p}|${x.d}`)?.t ?? -1) < x.t) last.set(`${x.p}|${x.d}`, x);
    const perDay = new Map<string, number>();
    for (const x of last.values())
      if (x.left > 0) {
        const day = new Date(x.d + 9 * 3_600_000);
        const key = `${day.getUTCMonth() + 1}/${day.getUTCDate()}`;
        perDay.set(key, (perDay.get(key) ?? 0) + 1);
      }
    expect(perDay.size).toBeGreaterThan(0);
    for (const [day, n] of perDay) expect(r.answer).toContain(`- ${day}: ${n} 件`);
  });

  it('throughput against usual is the speed, not the items done so far (locked-1128d)', async () => {
    const r = await ask('札幌のEntry 1、普段と比べてthroughputどれくらい落ちてる？');
    expect(r.query!.read).toMatchObject({ op: 'change', measure: 'speed', site: ['札幌'], process: ['エントリ1'] });
    expect(r.answer).toContain('件/分');
  });

  it("a person named leaving is taken from the line today's assignment puts them on, at that line's pace per person (locked-1128d)", async () => {
    const line = demo.db
      .prepare(
        `SELECT a.location_name AS site, a.process_name AS process, a.business_id AS business FROM daily_assignments a
           JOIN operators o ON o.operator_id = a.operator_id
          WHERE o.operator_name = '小川 優子' AND a.assignment_date = '2025-10-23' AND a.start_time <= ? AND a.end_time > ?`,
      )
      .get(NOW, NOW) as { site: string; process: string; business: string };
    const people = (
      demo.db
        .prepare(
          `SELECT COUNT(DISTINCT operator_id) AS n FROM daily_assignments WHERE assignment_date = '2025-10-23' AND location_name = ?
             AND process_name = ? AND start_time <= ? AND end_time > ? AND (business_id IS NULL OR business_id = ?)`,
        )
        .get(line.site, line.process, NOW, NOW, line.business) as { n: number }
    ).n;
    const r = await ask('小川 優子さんが今帰ったら？');
    expect(r.query!.read).toMatchObject({ op: 'whatif', measure: 'slack', operator: ['小川 優子'] });
    expect(r.answer).toContain(`小川 優子さんは今日の配置で今 ${line.site} ${line.process}にいます。`);
    expect(r.answer).toContain(`今日の配置${people}名で割った値`);
    const en = await ask("What if Morioka's medical verification team loses one person now?");
    expect(en.query!.read.move).toMatchObject({ count: 1, from: '盛岡', to: null, process: '検証' });
    expect(en.answer).toMatch(/^Taking 1 from Morioka Verification \(Medical claims\):/);
  });

  it("a person named under the rule's months is refused by it, with their months; a person over them is not; no card either way", async () => {
    const months = (name: string): number =>
      (
        demo.db
          .prepare(
            `SELECT MAX(c.experience_months) AS m FROM operators o JOIN operator_process_capabilities c USING (operator_id)
              WHERE o.operator_name = ? AND o.is_valid = 1`,
          )
          .get(name) as { m: number }
      ).m;
    expect(months('小林 健太')).toBeLessThan(6);
    const cards = (): number => (demo.db.prepare('SELECT COUNT(*) AS n FROM proposals').get() as { n: number }).n;
    const before = cards();
    const rookie = await ask('小林 健太さんを札幌の応援に出していい？');
    expect(rookie.answer).toMatch(
      new RegExp(
        `^いいえ。会社のルール（品質と教育のルール）で「経験6か月未満のオペレータは拠点間の応援に出さない。」とされています。小林 健太さんの経験は${months('小林 健太')}か月です。`,
      ),
    );
    expect((await ask('Can 小林 健太 go help Sapporo?')).answer).toMatch(
      /^No\. The company's rule \(Rules for quality and training\) says: "Operators with less than 6 months/,
    );
    expect(months('坂本 聡')).toBeGreaterThanOrEqual(6);
    expect((await ask('坂本 聡さんを札幌の応援に出していい？')).answer).not.toMatch(/^いいえ/);
    expect(cards()).toBe(before);
  });

  it('people who can do work a rule ties to a level («最終確認») are counted at that level, the rule said first (locked-1128d)', async () => {
    const atLeast = (site: string, level: number): number =>
      (
        demo.db
          .prepare(
            `SELECT COUNT(*) AS n FROM operators o JOIN operator_process_capabilities c USING (operator_id)
              WHERE o.location_name = ? AND o.is_valid = 1 AND c.process_name = '検証' AND c.skill_level >= ?`,
          )
          .get(site, level) as { n: number }
      ).n;
    const r = await ask('盛岡に検証の最終確認できる人いる？');
    expect(r.query!.read.level).toBe(4);
    expect(r.answer).toMatch(
      /^会社のルール（品質と教育のルール）で「検証工程はスキルレベル4以上の担当者が最終確認を行う。」とされているため、スキル4以上で数えました。\n/,
    );
    expect(r.answer).toContain(`盛岡 · 検証: ${atLeast('盛岡', 4)} 人`);
    expect(atLeast('盛岡', 3)).toBeGreaterThan(atLeast('盛岡', 4));
    const en = await ask('How many people in Yokohama can do the final check in verification?');
    expect(en.answer).toContain(`Yokohama · Verification: ${atLeast('横浜', 4)} `);
    expect(en.query!.unused ?? []).toEqual([]);
    // «Can anyone …» asks whether such a person exists: a count at the rule's level, never a verdict on a rule.
    const anyone = await ask('Can anyone in Yokohama do the final check in verification?');
    expect(anyone.answer).toMatch(/^Counted at skill level 4 or above/);
    expect(anyone.answer).toContain(`Yokohama · Verification: ${atLeast('横浜', 4)} `);
    expect((await ask('Can helpers from another site do the final check in verification?')).answer).toMatch(/^No\. /);
  });

  it("a plan asked for a span ahead says it is its first working day's; «何件くる» is the forecast, «came in» with 入荷 the arrivals (locked-1128e)", async () => {
    // «何件くる» is what will come: the forecast, every working day of the span it can see (not a plan of one day).
    const month = await ask('来月レセ何件くる？');
    expect(month.query).toMatchObject({ read: { measure: 'forecast_volume', business: ['611040'], time: 'next_month' }, answeredBy: 'planner' });
    expect(month.answer).toContain('10営業日先の11/7（金）まで');
    const week = await ask("next week's staffing plan?");
    expect(week.answer).toMatch(
      /^Note: a staffing plan is made a day at a time, so this is not a plan for next week as a whole but for its first working day \(10\/27\) only\.\nA staffing plan for Mon 10\/27/,
    );
    // One day ahead is the day itself: no note.
    expect((await ask('明日レセ何件くる？')).answer).toMatch(/^10\/24（金）の物量予測/);
    const arrived = (demo.db.prepare(`SELECT SUM(items) AS n FROM arrivals WHERE arrival_date = '2025-10-23'`).get() as { n: number }).n;
    const came = await ask('how many came in today vs usual? 入荷');
    expect(came.query!.read.measure).toBe('arrivals');
    expect(came.answer).toContain(`${arrived.toLocaleString('en-US')} 件`);
  });

  it('why someone is off is in no record: said first, then their record, never a diagnosis of the floor (locked-1128e)', async () => {
    const status = (
      demo.db
        .prepare(
          `SELECT a.attendance_status AS s FROM attendance_records a JOIN operators o USING (operator_id) WHERE o.operator_name = '清水 香織' AND a.attendance_date = '2025-10-23'`,
        )
        .get() as { s: string }
    ).s;
    expect(status).toBe('absent');
    const ja = await ask('清水香織さん、なんで休み？');
    expect(ja.answer).toMatch(/^※ 休みや遅刻の理由は勤怠記録にありません（記録にあるのは区分と時刻だけです）。記録にあることをお伝えします。\n/);
    expect(ja.answer).toContain('- 清水 香織（札幌）: 欠勤');
    expect(ja.answer).not.toMatch(/原因|ocr-worker/);
    const en = await ask('Why is Shimizu Kaori off today?');
    expect(en.answer).toMatch(/^Note: the attendance records hold no reasons for absence or lateness/);
    expect(en.answer).toContain('Shimizu Kaori (Sapporo): absent');
  });

  it('«じゃあ盛岡から誰なら出せる？» after a refusal about 札幌: who 盛岡 can send to 札幌, a proposal from 盛岡 only (locked-1128e)', async () => {
    const refused = await ask('伊藤美穂さんを札幌の応援に出してもいい？');
    expect(refused.answer).toMatch(/^いいえ。/);
    const who = await ask('じゃあ盛岡から誰なら出せる？', refused.conversationId ?? null);
    expect(who.query!.read).toMatchObject({ op: 'propose', site: ['札幌'], from: ['盛岡'], operator: [] });
    expect(who.proposal).not.toBeNull();
    expect(who.proposal!.operators.length).toBeGreaterThan(0);
    expect(new Set(who.proposal!.operators.map((o) => o.from))).toEqual(new Set(['盛岡']));
    expect(who.proposal!.operators.map((o) => o.name)).not.toContain('伊藤 美穂');
    expect(who.answer).toMatch(/^盛岡の人だけから探しました。\n札幌 /);
  });

  it('profit and per-person entry mistakes are figures Genba keeps none of; an ask-back names a business, never its id (locked-1128e)', async () => {
    for (const q of ['SSのthis month profit いくら？', 'who makes the most typos? per-person error rate pls', '入力ミスが多いのは誰？']) {
      const r = await ask(q);
      expect(r.query!.read.measure, q).toBe('unknown');
      expect(r.answer, q).toMatch(
        /^(?:そのデータ（給与・コスト・品質スコアなど）はGenbaの持つデータ|That data \(pay, cost, quality scores …\) is not among what Genba holds)/,
      );
    }
    const unsure = await ask('all clear for SS 4pm?');
    expect(unsure.clarify).toBeTruthy();
    expect(unsure.answer).not.toMatch(/523201|business \d/);
    expect(unsure.answer).toContain(' · SS');
  });

  it('a person named arriving is their clock-in, with their planned start, as the attendance records hold them (locked-1128e)', async () => {
    const row = demo.db
      .prepare(
        `SELECT a.attendance_status AS s, a.planned_start AS p, a.actual_start AS a FROM attendance_records a JOIN operators o USING (operator_id)
          WHERE o.operator_name = '中村 恵美' AND a.attendance_date = '2025-10-23'`,
      )
      .get() as { s: string; p: number; a: number };
    const hm = (t: number): string => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(t);
    expect(row.s).toBe('late');
    const ja = await ask('中村恵美さん何時に来た？');
    expect(ja.query!.read).toMatchObject({ measure: 'attendance', operator: ['中村 恵美'] });
    expect(ja.answer).toContain(`- 中村 恵美（盛岡）: 遅刻（予定 ${hm(row.p)}、出勤 ${hm(row.a)}）`);
    const en = await ask('What time did Nakamura Emi arrive?');
    expect(en.query!.read.measure).toBe('attendance');
    expect(en.answer).toContain(`Nakamura Emi (Morioka): late (due ${hm(row.p)}, clocked in ${hm(row.a)})`);
  });

  it("what's going on at a site is its summary; the state of a service is its incidents, and none of them names the service (locked-1128e)", async () => {
    const going = await ask("what's going on in sapporo right now?");
    expect(going.query!.read).toMatchObject({ op: 'status', site: ['札幌'] });
    expect(going.answer).toContain('Entry 1');
    const service = await ask('entry-apiのstatus見せて');
    expect(service.query!.answeredBy).toBe('logs');
    // No incident names it; its warnings are said beside the all-clear, which counts errors (locked-1129h).
    expect(service.answer).toMatch(/^ログの障害（エラー）はありません（entry-api）。ただし警告が[\d,]+行あります（\d+\/\d+ \d\d:\d\dから/);
    const ocr = await ask("what's happening with ocr-worker?");
    expect(ocr.query!.answeredBy).toBe('logs');
    expect(ocr.answer).toMatch(/^Log incidents: 1\n- Incident on ocr-sapporo-01 \(ocr-worker\)/);
  });

  it('people on a process now are the assignments covering this minute, by the business named; per person there is attendance (locked-1128e)', async () => {
    const onIt = (business: string | null): number =>
      (
        demo.db
          .prepare(
            `SELECT COUNT(DISTINCT operator_id) AS n FROM daily_assignments WHERE assignment_date = '2025-10-23' AND location_name = '札幌'
              AND process_name = 'エントリ1' AND (? IS NULL OR business_id = ?) AND start_time <= ? AND ? < end_time`,
          )
          .get(business, business, NOW, NOW) as { n: number }
      ).n;
    const r = await ask('札幌のSSエントリ1に今何人ついてる？');
    expect(r.query!.read).toMatchObject({ measure: 'planned_staff', business: ['523201'], time: 'now' });
    expect(r.answer).toContain('15:40に担当している人');
    expect(r.answer).toContain(`- 札幌 エントリ1（SS）: ${onIt('523201')}名`);
    expect(onIt(null)).toBeGreaterThan(onIt('523201'));
  });

  it('a count whose reading left words unread says them first: a total of every incident is no count of «db pool» ones (locked-1128e)', async () => {
    const r = await ask('how many db pool incidents this month');
    expect(r.query!.read.asks).toContain('count');
    expect(r.answer).toMatch(/^Note: I could not read "db", "pool" in your question; this answer does not take it into account\.\n/);
    // A count every word of which was read says nothing before its figure.
    expect((await ask('札幌の残件は何件？')).answer).toMatch(/^残件（15:40時点）:/);
  });

  it('«回せる人いる？» asks for the people, never a verdict on the sending site; the worst of a measure where more is worse is its most (locked-1128f)', async () => {
    const first = await ask('札幌やばい？');
    const spare = await ask('じゃあ盛岡から回せる人いる？', first.conversationId ?? null);
    expect(spare.query!.read).toMatchObject({ op: 'propose', site: ['札幌'], from: ['盛岡'] });
    expect(spare.answer).not.toMatch(/^いいえ/);
    expect(new Set(spare.proposal!.operators.map((o) => o.from))).toEqual(new Set(['盛岡']));
    // The most misses of last week, as the record of misses gives them site by site («内訳: 大阪 15、…», largest first).
    const split = /内訳: ([^ ]+) (\d+)/.exec((await ask('先週の納期遅れは？')).answer)!;
    const lastWeek = await ask('先週って遅延多かった？');
    const worst = await ask('どこが一番ひどかった？', lastWeek.conversationId ?? null);
    expect(worst.query!.read.rank).toMatchObject({ order: 'bottom', n: 1 });
    expect(worst.answer).toContain(`の上位1:\n1. ${split[1]}: ${split[2]} 件`);
  });

  it('a time the reading left out is said with the period the figures are of; a day of month in the past tense is the last one (locked-1129h)', async () => {
    const r = await ask('September vs October on-time performance?');
    // September is read (month_09); October, the month compared with, is said left out.
    expect(r.answer).toMatch(/^Note: I could not read "october" in your question as a time; the figures below are for September 2025/);
    const first = await ask('How did the first of the month go?');
    expect(first.query!.read.time).toBe('dom_01_past');
    expect(first.answer).toMatch(/^What the records say about Wednesday the 1st \(10\/1\)/);
    expect(first.plan).toBeUndefined();
  });

  it('days ranked are the days, against SQL; «rank the sites» ranks every one; absences per person are their days off (locked-1129h)', async () => {
    const days = demo.db
      .prepare(
        `SELECT arrival_date AS d, SUM(items) AS n FROM arrivals WHERE arrival_date BETWEEN '2025-10-01' AND '2025-10-23' GROUP BY 1 ORDER BY 2 DESC LIMIT 3`,
      )
      .all() as { d: string; n: number }[];
    const md = (d: string): string => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
    const r = await ask('Top 3 heaviest days this month by incoming volume?');
    expect(r.answer).toContain(days.map((x, i) => `${i + 1}. ${md(x.d)}: ${x.n.toLocaleString('en-US')} items`).join('\n'));
    const sites = demo.db.prepare(`SELECT COUNT(DISTINCT location_name) AS n FROM operators WHERE is_valid = 1`).get() as { n: number };
    expect((await ask('rank the sites by items processed today')).answer).toMatch(new RegExp(`^Top ${sites.n} by items done`));
    const off = demo.db
      .prepare(
        `SELECT o.operator_name AS name, COUNT(DISTINCT a.attendance_date) AS n FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
          WHERE o.is_valid = 1 AND a.attendance_status IN ('absent', 'paid_leave') AND a.attendance_date BETWEEN '2025-09-24' AND '2025-10-23'
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2`,
      )
      .all() as { name: string; n: number }[];
    expect(off[0]!.n).toBeGreaterThan(off[1]!.n);
    expect((await ask('過去30日で休みが一番多い人は？')).answer).toContain(`1. ${off[0]!.name}: ${off[0]!.n} 日`);
  });

  it('a ranking whose figure the words do not name ranks nothing and says what it can rank by (locked-1129h)', async () => {
    const r = await ask('Which operator made the most blunders this week?');
    expect(r.answer).toMatch(/^I could not tell which figure ".*blunders.*" means, so I have not ranked anything/);
    expect(r.answer).not.toMatch(/^1\. /m);
    // Keying mistakes are a figure Genba holds none of: said so.
    expect((await ask('Which operator made the most keying mistakes this week?')).query!.read.measure).toBe('unknown');
  });

  it('taking more people than a line has says so and weighs all of them leaving: the line stops and misses its deadline (locked-1129h)', async () => {
    const r = await ask("What if I take 4 people off Osaka's medical correction to help elsewhere?");
    const left = demo.db
      .prepare(
        `SELECT total_waiting AS n FROM progress_snapshots WHERE location_name = '大阪' AND process_name = '補正' AND business_id = '611040'
          AND snapshot_time <= ? ORDER BY snapshot_time DESC LIMIT 1`,
      )
      .get(NOW) as { n: number };
    expect(r.answer).toMatch(/^Only 3 people are on Osaka Correction today, so 4 cannot be taken; here is all 3 leaving\.\nTaking 3 from Osaka Correction/);
    expect(r.answer).toContain(`the work stops, and its ${left.n} items left miss the 17:00 deadline`);
  });

  it('logs of a day ahead are not there: no all-clear and no count of its anomalies (locked-1129h)', async () => {
    const r = await ask('明日のSS、clientから何時ごろbatch来るか分かる？');
    expect(r.query!.read).toMatchObject({ service: ['batch-scheduler'], time: 'tomorrow' });
    expect(r.answer).toMatch(/^明日のログはまだありません/);
    expect(r.answer).not.toMatch(/障害はありません|異常: 0件/);
  });

  it('whether tomorrow is set up is what is settled for it, and asking stores no plan (locked-1129h)', async () => {
    const plans = (): number => (demo.db.prepare(`SELECT COUNT(*) AS n FROM plans WHERE plan_date = '2025-10-24'`).get() as { n: number }).n;
    const rows = (demo.db.prepare(`SELECT COUNT(*) AS n FROM daily_assignments WHERE assignment_date = '2025-10-24'`).get() as { n: number }).n;
    expect(rows).toBe(0);
    const before = plans();
    const r = await ask("Tomorrow's assignments are already set up, right?");
    expect(r.query!.read).toMatchObject({ op: 'check', measure: 'planned_staff', time: 'tomorrow' });
    expect(r.answer).toMatch(/^No\. Nothing is set up for 10\/24 yet: the company's records hold no assignments for it/);
    expect(plans()).toBe(before);
  });

  it('a person named who is inactive in the master is said to be, before any answer about them (locked-1129h)', async () => {
    const gone = demo.db.prepare(`SELECT operator_name AS name FROM operators WHERE is_valid = 0 ORDER BY operator_id LIMIT 1`).get() as { name: string };
    const r = await ask(`${gone.name.replace(' ', '')}さんに大阪の最終確認お願いしていい？`);
    expect(r.answer).toMatch(new RegExp(`^※ ${gone.name}さんはオペレーターマスタで無効`));
  });

  it('people of a site named with another site to go to leave the first (locked-1129h)', async () => {
    const r = await ask('品川の人で今すぐ札幌に回せる人いる？');
    expect(r.query!.read).toMatchObject({ op: 'propose', site: ['札幌'], from: ['品川'] });
    if (r.proposal) expect(new Set(r.proposal.operators.map((o) => o.from))).toEqual(new Set(['品川']));
  });

  it('whether someone is there tomorrow is no question of whether the plan is settled; a place is finished only when all its lines are (locked-1129i)', async () => {
    const r = await ask('札幌で検証の最終確認できる人、明日もいる？');
    expect(r.query!.read.asks).not.toContain('settled');
    expect(r.answer).not.toMatch(/配置はまだ決まっていません/);
    const open = demo.db
      .prepare(
        `SELECT DISTINCT location_name AS site FROM progress_snapshots p WHERE business_id = '523201' AND snapshot_time = (SELECT MAX(snapshot_time) FROM progress_snapshots WHERE snapshot_time <= ?) AND total_waiting > 0`,
      )
      .all(NOW) as { site: string }[];
    expect(open.map((x) => x.site)).toEqual(['札幌']);
    const done = await ask('which site finished SS earliest today?');
    expect(done.answer).not.toMatch(/Sapporo/);
    expect(done.answer).toMatch(/Osaka: 0 items/);
  });

  it('no error lines on a server named is said with its warnings, counted as SQL counts them (locked-1129i)', async () => {
    const warn = demo.db
      .prepare(`SELECT SUM(lines) AS n FROM app_logs WHERE service = 'export-worker' AND level = 'WARN' AND ts >= ? AND ts < ?`)
      .get(TODAY0, NOW) as { n: number };
    expect(warn.n).toBeGreaterThan(0);
    const r = await ask('any errors on the export server?');
    expect(r.answer).toContain('- export-worker: 0 lines');
    expect(r.answer).toContain(`But it logged ${warn.n} warning or error lines`);
  });

  it('when trouble happened, with no period named, is looked for over the last 7 days, and an all-clear names them (locked-1129i)', async () => {
    const r = await ask('when was the Sasebo network trouble?');
    expect(r.query!.read).toMatchObject({ measure: 'incidents', site: ['佐世保'], time: 'last_7d' });
    expect(r.answer).toMatch(/^No log incident in the last 7 days touching Sasebo\./);
  });

  it('someone "out" today is off: why is the record, never a diagnosis of a line (locked-1129i)', async () => {
    const r = await ask('why is 清水 香織 out today?');
    expect(r.query!.read).toMatchObject({ measure: 'absence', operator: ['清水 香織'] });
    expect(r.answer).not.toMatch(/Cause: an incident/);
  });

  it("who came in late is the records' late arrivals, never everyone at work (locked-1129i)", async () => {
    const late = (from: string, to: string): string[] =>
      (
        demo.db
          .prepare(
            `SELECT DISTINCT o.operator_name AS name FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
              WHERE o.is_valid = 1 AND a.attendance_status = 'late' AND a.attendance_date BETWEEN ? AND ? ORDER BY 1`,
          )
          .all(from, to) as { name: string }[]
      ).map((x) => x.name);
    const today = late('2025-10-23', '2025-10-23');
    expect(today.length).toBeGreaterThan(0);
    const r = await ask('今日遅刻した人は？');
    expect(r.answer).toMatch(new RegExp(`^遅刻（10/23）: ${today.length} 人\n${today.join('、')}`));
    expect((await ask('今月の遅刻は？')).answer).toContain(`- 全体: ${late('2025-10-01', '2025-10-23').length} 人`);
  });

  it('where a person named is: their day in the records and the line they are on now, by SQL of the same store (locked-1129i)', async () => {
    const row = demo.db
      .prepare(
        `SELECT o.location_name AS home, a.location_name AS site, a.process_name AS process, b.name AS business
           FROM daily_assignments a JOIN operators o ON o.operator_id = a.operator_id LEFT JOIN business_names b ON b.business_id = a.business_id
          WHERE o.operator_name = '上野 由香利' AND a.assignment_date = '2025-10-23' AND a.start_time <= ? AND a.end_time > ?
          ORDER BY a.start_time DESC LIMIT 1`,
      )
      .get(NOW, NOW) as { home: string; site: string; process: string; business: string };
    const r = await ask('上野さんは今どこ？');
    expect(r.answer).toContain(`- 上野 由香利（${row.home}）: 出勤`);
    expect(r.answer).toContain(`- 上野 由香利: 15:40は ${row.site} ${row.process}（${row.business}） の配置です`);
  });

  it('a period before the records begin says where they start; a host named without its number is that host (locked-1129j)', async () => {
    const first = (demo.db.prepare(`SELECT MIN(ts) AS t FROM app_logs`).get() as { t: number }).t;
    const day = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', month: 'numeric', day: 'numeric' }).format(first);
    const sept = demo.db
      .prepare(`SELECT SUM(lines) AS n FROM app_logs WHERE level IN ('ERROR', 'FATAL') AND ts >= ? AND ts < ?`)
      .get(Date.parse('2025-09-01T00:00+09:00'), Date.parse('2025-10-01T00:00+09:00')) as { n: number };
    const r = await ask('先月のエラー件数は？');
    expect(r.answer).toMatch(new RegExp(`^※ 記録は${day}からです。それより前の日の分は含まれていません。\\n`));
    expect(r.answer).toContain(`- 全体: ${sept.n} 行`);
    const host = await ask('any errors on ocr-osaka today?');
    expect(host.query!.read.host).toEqual(['ocr-osaka-01']);
    expect(host.answer).toContain('- ocr-osaka-01: 0 lines');
  });

  it("one person's skill is a level per process, never their average; what happened on a day gone is its record (locked-1129j)", async () => {
    const rows = skillsOf('上野 由香利');
    expect(rows.length).toBeGreaterThan(1);
    const r = await ask('品川の上野 由香利さんのスキルは？');
    for (const x of rows) expect(r.answer).toContain(`- ${x.p}: ${x.l} レベル`);
    const day = await ask('What happened on the 1st?');
    expect(day.answer).toMatch(/^What the records say about Wednesday the 1st \(10\/1\)/);
    expect(day.answer).toContain('Missed deadlines');
  });

  it('whether everybody came in on time is a yes or no on the late arrivals; everybody in, on the people off (locked-1129k)', async () => {
    const count = (site: string, status: string): number =>
      (
        demo.db
          .prepare(
            `SELECT COUNT(DISTINCT a.operator_id) AS n FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
              WHERE o.is_valid = 1 AND o.location_name = ? AND a.attendance_date = '2025-10-23' AND a.attendance_status IN (${status})`,
          )
          .get(site) as { n: number }
      ).n;
    const late = count('盛岡', "'late'");
    expect(late).toBeGreaterThan(0);
    const r = await ask('Did everybody at Morioka make it in on time this morning?');
    expect(r.query!.read).toMatchObject({ op: 'check', measure: 'late_arrivals', site: ['盛岡'] });
    expect(r.answer).toMatch(new RegExp(`^No\\.\\nLate arrivals \\(10/23\\):\\n- Morioka: ${late} person`));
    // Asked the other way round, the same records give the other word.
    expect((await ask('was anyone late at Morioka today?')).answer).toMatch(/^Yes\.\n/);
    const sapporoLate = count('札幌', "'late'");
    expect((await ask('was anyone late at Sapporo today?')).answer).toMatch(sapporoLate === 0 ? /^No\. Nobody came in late\.\n/ : /^Yes\.\n/);
    const off = count('大阪', "'absent', 'paid_leave'");
    expect(off).toBeGreaterThan(0);
    const everyone = await ask('is everybody in at Osaka today?');
    expect(everyone.query!.read).toMatchObject({ op: 'check', measure: 'absence', asks: ['everyone'] });
    expect(everyone.answer).toMatch(new RegExp(`^No\\.\\n[^\\n]*\\n- Osaka: of \\d+ rostered, \\d+ at work, ${off} off`));
  });

  it('a word misspelt with a letter doubled elsewhere is read; inside another word a short phrase is only letters (locked-1129k)', async () => {
    const r = await ask("Who's off tommorow?");
    expect(r.query!.read).toMatchObject({ measure: 'absence', time: 'tomorrow' });
    expect(r.answer).not.toContain('(10/23)');
  });

  it("a place's other spelling names its site: 大坂 is 大阪, never dropped from a comparison (locked-1129k)", async () => {
    const r = await ask('せんしゅうの残業　大坂と札幌どっちが多い？');
    expect(r.query!.read).toMatchObject({ op: 'compare', measure: 'overtime', site: ['大阪', '札幌'] });
    expect(r.answer).toContain('- 大阪:');
  });

  it('a move between two businesses until a time: taken from the one left, and the rest goes on at the speed before (locked-1129k)', async () => {
    const r = await ask("What if I pull 3 people out of Sapporo's medical entry 1 and put them on SS entry 1 until 16:00?");
    expect(r.query!.read.move).toMatchObject({ count: 3, from: '札幌', fromBusiness: '611040', until: '16:00' });
    expect(r.answer).toMatch(/^Moving 3 from Sapporo Entry 1 \(Medical claims\) to Sapporo Entry 1 \(SS\) \(until 16:00, then the speed before\):/);
    // Medical's 232 items: 20 minutes at its speed less the 3, then the rest at its speed now, not the day at the lower speed.
    const medical = /Sapporo Entry 1 \(Medical claims, giving\): finish (\d\d:\d\d) → (\d\d:\d\d)/.exec(r.answer)!;
    const [before, after] = [medical[1]!, medical[2]!];
    const allDay = await ask("What if I pull 3 people out of Sapporo's medical entry 1 and put them on SS entry 1?");
    const allDayAfter = /Sapporo Entry 1 \(Medical claims, giving\): finish \d\d:\d\d → (\d\d:\d\d)/.exec(allDay.answer)![1]!;
    expect(after > before && after < allDayAfter).toBe(true);
    // Where the proposal's model weighs the move, the return time is said as not weighed.
    expect((await ask('What if we send 2 from Morioka to Sapporo entry 1 until 16:00?')).answer).toMatch(/^Their return at 16:00 is not weighed here/);
  });

  it("people of a site's process and business leave that process; a site that can help another sends (locked-1129k)", async () => {
    const r = await ask('盛岡の医療レセプト検証から2人抜いて札幌に回したら？');
    expect(r.query!.read.move).toMatchObject({ from: '盛岡', to: '札幌', fromProcess: '検証' });
    const help = await ask("Osaka can help Sapporo — but don't touch anyone still working on an open Osaka line.");
    expect(help.query!.read).toMatchObject({ op: 'propose', from: ['大阪'] });
    expect(help.proposal ?? null).toBeNull();
    expect(help.answer).not.toMatch(/No incident/);
  });

  it('people of finished lines asked for within a site are a proposal from that site, never a yes or no on its progress (locked-1129k)', async () => {
    const r = await ask('札幌の中で、もう終わった工程の人をエントリ1に回せない？');
    expect(r.query!.read).toMatchObject({ op: 'propose', site: ['札幌'], from: ['札幌'] });
    expect(r.answer).not.toMatch(/^いいえ。/);
    expect(r.answer).toMatch(/^札幌の人だけから探しました。/);
  });

  it("keying accuracy per person is a figure Genba does not hold, never the logs' error lines (locked-1129k)", async () => {
    const r = await ask("What's each operator's error rate / accuracy this month?");
    expect(r.query!.read.measure).toBe('unknown');
    expect(r.answer).not.toMatch(/Error lines/);
  });

  it('sites left out with ナシ are never where help goes; what came in is the arrivals (locked-1129l)', async () => {
    const r = await ask('盛岡と品川はナシで、札幌エントリ1に応援出せる？');
    expect(r.query!.read).toMatchObject({ op: 'propose', site: ['札幌'], notFrom: ['品川', '盛岡'] });
    expect(r.answer).not.toMatch(/移動は不要/);
    const arrived = demo.db
      .prepare(
        `SELECT COALESCE(SUM(a.items), 0) AS n FROM arrivals a JOIN business_names b ON b.business_id = a.business_id
          WHERE b.name LIKE '%アンケート%' AND a.arrival_date = '2025-10-23'`,
      )
      .get() as { n: number };
    const came = await ask('今日アンケートは何件来てた？拠点別で');
    expect(came.query!.read.measure).toBe('arrivals');
    const shown = [...came.answer.matchAll(/^- .+: ([\d,]+) 件$/gm)].reduce((n, m) => n + Number(m[1]!.replace(/,/g, '')), 0);
    expect(shown).toBe(arrived.n);
  });

  it("what the insurer did with the claims is not Genba's data, never the cards' decisions (locked-1129l)", async () => {
    const r = await ask('how many claims did the insurer reject last month');
    expect(r.query!.read.measure).toBe('unknown');
    expect(r.answer).not.toMatch(/Decisions/);
  });

  it('people named keep their skills whatever site is named beside them; the most experienced is by months (locked-1129l)', async () => {
    const skills = skillsOf('竹下 朱美');
    expect(skills.length).toBeGreaterThan(0);
    const r = await ask("can 竹下 朱美 go to sapporo? she's only 2 yrs");
    expect(r.query!.read.site).toEqual([]);
    for (const x of skills) expect(r.answer).toMatch(new RegExp(`- .+: ${x.l} level`));
    const longest = demo.db
      .prepare(
        `SELECT o.operator_name AS name, MAX(c.experience_months) AS m FROM operator_process_capabilities c JOIN operators o ON o.operator_id = c.operator_id
          WHERE o.is_valid = 1 AND o.location_name = '札幌' AND c.process_name = 'エントリ1' GROUP BY o.operator_id ORDER BY m DESC LIMIT 1`,
      )
      .get() as { name: string; m: number };
    const most = await ask('札幌のエントリ1スキル持ちで一番経験長いのは？');
    expect(most.query!.read).toMatchObject({ op: 'rank', measure: 'skill', by: 'operator', asks: ['experience'] });
    expect(most.answer).toContain(`1. ${longest.name}: ${longest.m} か月`);
  });

  it('people ranked with no figure named are asked which; a weekday said as a habit is never the next one (locked-1129l)', async () => {
    const r = await ask('top 3 hosei (correction) people overall');
    expect(r.answer).toMatch(/^The question names no figure to rank by, so I have not ranked anything\. I can rank by operator: /);
    const habit = await ask('月曜はいつも遅れてる？');
    expect(habit.query!.read.time).toBe('past_mon');
    expect(habit.plan ?? null).toBeNull();
  });

  it('volumes of a Friday against the Friday before are the arrivals of both days (locked-1129l)', async () => {
    const day = (d: string): number => (demo.db.prepare('SELECT COALESCE(SUM(items), 0) AS n FROM arrivals WHERE arrival_date = ?').get(d) as { n: number }).n;
    const r = await ask('last friday vs the friday before — volumes');
    expect(r.query!.read).toMatchObject({ op: 'change', measure: 'arrivals', time: 'past_fri', against: 'last_week' });
    expect(r.answer).toContain(
      `${day('2025-10-17').toLocaleString('en-US')} items on 10/17, ${day('2025-10-10').toLocaleString('en-US')} items the same weekday a week before (10/10)`,
    );
  });

  it('chat shorthand and a clock time with pm are read: «gonna make teh 4pm cutoff» is a yes or no on the slack (locked-1129l)', async () => {
    const r = await ask('sapporo E1 gonna make teh 4pm cutoff?');
    expect(r.query!.read).toMatchObject({ op: 'check', measure: 'slack', site: ['札幌'], process: ['エントリ1'] });
    expect(r.query!.unused ?? []).toEqual([]);
    expect(r.answer).toMatch(/^No\. Sapporo · Entry 1: 1 of 2 series late/);
    const leave = await ask("tmrw who's on leave");
    expect(leave.query!.read.time).toBe('tomorrow');
    expect(leave.answer).toMatch(/^Attendance on Fri 10\/24/);
  });

  it('a figure recalled is the figure; data Genba does not hold is said, never a neighbour answered (locked-1129l)', async () => {
    const people = (demo.db.prepare('SELECT COUNT(*) AS n FROM operators WHERE is_valid = 1').get() as { n: number }).n;
    expect((await ask('オペレータ何人いるんだっけ')).answer).toContain(`- 全体: ${people} 人`);
    for (const q of ['高山さんの電話番号教えて', '辞めそうな人って分かる？']) expect((await ask(q)).query!.read.measure).toBe('unknown');
  });

  it('more people off on a weekday is their figures, never a yes on whether anyone was off; a habit is days gone (locked-1129l)', async () => {
    const r = await ask('do mondays have more no-shows?');
    expect(r.query!.read).toMatchObject({ measure: 'absence', time: 'past_mon' });
    expect(r.answer).not.toMatch(/^(?:Yes|No)\./);
    expect(r.plan ?? null).toBeNull();
  });

  it('a business is named by the words of its name and its clipped loanword: レセ is 医療レセプト (locked-1129l)', async () => {
    const r = await ask('盛岡のレセ検証、あと何件？');
    expect(r.query!.read).toMatchObject({ site: ['盛岡'], process: ['検証'], business: ['611040'] });
  });

  it('«last Monday» is the Monday just gone, not a holiday a week before; «sapp» is Sapporo (locked-1129m)', async () => {
    const missed = await ask('deadline misses last monday');
    expect(missed.query!.read.time).toBe('past_mon');
    expect(missed.answer).toMatch(/^Missed deadlines \(work left at a passed deadline\) \(Monday \(10\/20\)\):/);
    const sapp = await ask('how often did sapp SS entry1 miss this month');
    expect(sapp.query!.read).toMatchObject({ measure: 'missed_deadlines', site: ['札幌'], process: ['エントリ1'], business: ['523201'] });
  });

  it('how many run a line now stores no card; days counted off are no date; each biz is each business (locked-1129m)', async () => {
    const r = await ask('SS 札幌エントリ1 今何人で回してる？1人あたりの速度は？');
    expect(r.query!.read.op).not.toBe('propose');
    expect(r.proposal ?? null).toBeNull();
    expect((await ask('池田拓也さんはなんで2日休んでるの？')).query!.read.time).toBeNull();
    expect((await ask('whats the deadline for each biz again')).query!.read.by).toBe('business');
  });

  it('whether a site is the worst is every site shown, never a yes on that site alone (locked-1129m)', async () => {
    const r = await ask('osaka is our worst site for deadlines right?');
    expect(r.query!.read).toMatchObject({ op: 'value', site: [], by: 'site' });
    expect(r.answer).not.toMatch(/^(?:Yes|No)\./);
    for (const site of ['Osaka', 'Sapporo', 'Sasebo']) expect(r.answer).toContain(`- ${site}: `);
  });

  it('who can do a process tomorrow is the register, said so, and stores no plan card (locked-1129n)', async () => {
    const capable = (
      demo.db
        .prepare(
          `SELECT COUNT(DISTINCT o.operator_id) AS n FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
            WHERE o.is_valid = 1 AND o.location_name = '札幌' AND c.process_name = 'エントリ1' AND c.skill_level >= 3`,
        )
        .get() as { n: number }
    ).n;
    const r = await ask('明日の札幌、エントリ1できる人何人いる？');
    expect(r.query!.read).toMatchObject({ measure: 'headcount', time: 'tomorrow' });
    expect(r.plan ?? null).toBeNull();
    expect(r.answer).toMatch(/^※ マスタに登録された人数です。明日の休み（有給・欠勤の予定）は差し引いていません。\n/);
    expect(r.answer).toContain(`- 札幌 · エントリ1: ${capable} 人`);
  });

  it('OT is overtime, and people late are the late arrivals (locked-1129n)', async () => {
    expect((await ask('OT last week by site')).query!.read).toMatchObject({ measure: 'overtime', by: 'site', time: 'last_week' });
    expect((await ask('osaka no late ppl today right?')).query!.read.measure).toBe('late_arrivals');
  });

  it("a part of today already over is its course over those hours, never the speed now labelled as the morning's (locked-1129n)", async () => {
    const r = await ask('sapporo E1 pace this morning?');
    expect(r.query!.read).toMatchObject({ measure: 'speed', time: 'this_morning' });
    expect(r.answer).toMatch(/^Speed for Sapporo · Entry 1, this morning \(09:00–12:00\), every 10 min:/);
    expect(r.answer).not.toMatch(/as of 15:40/);
  });

  it('a move between two processes of one site is weighed on both lines of that site, never as help from elsewhere into the process left', async () => {
    const ja = await ask('札幌の補正の人をエントリ1に2人回したら？');
    expect(ja.query!.read.move).toMatchObject({ count: 2, from: '札幌', to: '札幌', process: 'エントリ1', fromProcess: '補正' });
    expect(ja.answer).toMatch(/^札幌 補正から札幌 エントリ1へ2名移した場合/);
    expect(ja.answer).toMatch(/札幌 エントリ1（SS、受け入れ）/);
    expect(ja.answer).toMatch(/- 札幌 補正/);
    expect(ja.answer).not.toMatch(/盛岡|移る人/);
    const en = await ask('move 2 from sapporo verification to entry 1, what happens?');
    expect(en.query!.read.move).toMatchObject({ count: 2, from: '札幌', to: '札幌', process: 'エントリ1', fromProcess: '検証' });
    expect(en.answer).toMatch(/^Moving 2 from Sapporo Verification to Sapporo Entry 1:/);
    expect(en.answer).toMatch(/Sapporo Verification \(Medical claims, giving\)/);
    // Two processes named with no direction are no move.
    expect((await ask('札幌のエントリ1と検証、どっちが遅れてる？')).query!.read.move).toBeNull();
  });

  it('a count of the people scheduled tomorrow stores no plan and shows no card (locked-1129o)', async () => {
    const plans = () => (demo.db.prepare('SELECT COUNT(*) AS n FROM plans').get() as { n: number }).n;
    const before = plans();
    const count = await ask('明日のstaffing、各拠点何人scheduled?');
    expect(count.query!.read).toMatchObject({ measure: 'planned_staff', time: 'tomorrow', asks: ['count'] });
    expect(count.plan).toBeUndefined();
    expect(plans()).toBe(before);
  });

  it("a site's all-clear says an incident on the hosts every site shares, with its start from the log lines (locked-1129o)", async () => {
    const first = demo.db
      .prepare(`SELECT MIN(ts) AS ts FROM app_logs WHERE service = 'db-proxy' AND level = 'ERROR' AND ts >= ? AND ts < ?`)
      .get(Date.parse('2025-10-03T00:00+09:00'), Date.parse('2025-10-04T00:00+09:00')) as { ts: number };
    const hm = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(first.ts);
    const r = await ask('3日の盛岡、何があった？');
    expect(r.answer).toContain('盛岡のホストに障害は見つかっていません（金曜3日（10/3））。ただし全拠点で共用のサービスに障害がありました');
    expect(r.answer).toContain(`db-proxy: 10/3（金）${hm}から障害`);
    expect(r.answer).not.toContain('盛岡に障害は見つかっていません');
  });

  it("a day gone asked with nothing supposed is that day's record; a weekday beside its bracketed date is no word left out (locked-1129o)", async () => {
    const misses = await ask('10/20の納期落ちしたライン数は？');
    expect(misses.query!.read).toMatchObject({ op: 'value', measure: 'missed_deadlines', time: 'date_10-20' });
    const volume = await ask('月曜(10/20)のvolumeは？');
    expect(volume.query!.read).toMatchObject({ measure: 'arrivals', time: 'date_10-20' });
    expect(volume.answer).not.toMatch(/読み取れ/);
    const arrivals = demo.db.prepare(`SELECT SUM(items) AS n FROM arrivals WHERE arrival_date = '2025-10-20'`).get() as { n: number };
    expect(volume.answer).toContain(`${arrivals.n.toLocaleString('ja-JP')} 件`);
    expect((await ask('how much did we key in this morning, all sites together?')).query!.read).toMatchObject({ measure: 'done', time: 'this_morning' });
  });

  it('sites left out in brackets, with a slash or with 「も」, are all left out; who to send from a site is a proposal (locked-1129o)', async () => {
    const r = await ask('send 3 to sapporo but 関東(品川/横浜)は使わない、大阪・佐世保もなし — who?');
    expect(r.query!.read).toMatchObject({ op: 'propose', notFrom: ['佐世保', '品川', '大阪', '横浜'] });
    expect(r.answer).toMatch(/札幌 エントリ1へ、盛岡から3名/);
    const who = await ask('高山さん抜きで、盛岡から3人出すなら who?');
    expect(who.query!.read).toMatchObject({ op: 'propose', from: ['盛岡'], notWho: ['高山 麻由子'] });
    expect(who.proposal!.operators).toHaveLength(3);
    expect(who.proposal!.operators.every((o) => o.from === '盛岡' && o.name !== '高山 麻由子')).toBe(true);
  });

  it('a what-if with nothing Genba can weigh says so; people taken away in a follow-up leave the site before (locked-1129o)', async () => {
    const ocr = await ask('what if OCR sapporo comes back right now?');
    expect(ocr.answer).toMatch(/^Genba cannot weigh that supposition/);
    const status = await ask('大阪 status は？');
    const out = await ask('what if 補正から2人抜いたら？', status.conversationId ?? null);
    expect(out.query!.read.move).toMatchObject({ count: 2, from: '大阪', to: null, process: '補正' });
    expect(out.answer).toMatch(/^大阪 補正から2名減らした場合:/);
    // Said off, a person is never kept on a process in the plan's conditions.
    const off = await ask("tomorrow with 鈴木 彩 on leave, is sapporo レセ entry1 ok if we keep today's line-up?");
    expect(off.query!.read.conditions?.keep).toBeUndefined();
  });

  it("who is on a line today is named from the day's assignments; a line nobody is on is never a day with nothing recorded (locked-1129o)", async () => {
    const people = (
      demo.db
        .prepare(
          `SELECT DISTINCT o.operator_name AS name FROM daily_assignments a JOIN operators o ON o.operator_id = a.operator_id
            WHERE a.assignment_date = '2025-10-23' AND a.location_name = '大阪' AND a.process_name = '検証' ORDER BY o.operator_name`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const who = await ask('大阪の検証、今日誰が入ってる？');
    expect(who.query!.read).toMatchObject({ measure: 'planned_staff', asks: ['names'] });
    expect(who.answer).toContain(`- 大阪 検証: ${people.length}名（${people.join('、')}）`);
    // 大阪 検証 works no レセ today: said, with who is on it under the other businesses.
    const rece = demo.db
      .prepare(
        `SELECT COUNT(*) AS n FROM daily_assignments WHERE assignment_date = '2025-10-23' AND location_name = '大阪' AND process_name = '検証' AND business_id = '611040'`,
      )
      .get() as { n: number };
    expect(rece.n).toBe(0);
    const none = await ask('大阪のレセ検証、今日誰が入ってる？');
    expect(none.answer).toMatch(/^10\/23（木）の日次アサイン表で大阪 検証 医療レセプトに配置された人はいません。/);
    expect(none.answer).not.toContain('まだ登録されていません');
  });

  it('data the company does not hold is said not held; a person asked late is their arrival; 件数 alone is the work done (locked-1129o)', async () => {
    for (const q of ['customer satisfaction scores for the survey business?', 'Yokohama に空いてるPC/席は何台？', '来月の採用予定って何人？'])
      expect((await ask(q)).query!.read.measure).toBe('unknown');
    const late = await ask("is morioka's 中村 恵美 late today?");
    expect(late.query!.read.measure).toBe('late_arrivals');
    const status = demo.db
      .prepare(
        `SELECT a.attendance_status AS s FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
          WHERE o.operator_name = '中村 恵美' AND a.attendance_date = '2025-10-23'`,
      )
      .get() as { s: string };
    expect(late.answer).toMatch(status.s === 'late' ? /^Yes\./ : /^No\./);
    // Items counted with nothing else said are the work done, and the answer says so.
    const counted = await ask('先週の件数見せて');
    expect(counted.query!.read).toMatchObject({ measure: 'done', time: 'last_week' });
    expect(counted.answer).toMatch(/^処理済み件数（先週/);
  });

  it('PTO is leave; «who is on» a line, 担当 and "already in" are read; a newcomer sent to help is the rules\' no; "alone" and a business Genba lacks are said unread (locked-1129p)', async () => {
    expect((await ask("who's on PTO tomorrow")).query!.read).toMatchObject({ measure: 'absence', time: 'tomorrow' });
    expect((await ask("who's on sapporo SS entry1 today")).query!.read).toMatchObject({ measure: 'planned_staff', asks: ['names'] });
    expect((await ask('大阪のレセ検証、今日担当ついてる?')).answer).toMatch(/^10\/23（木）の日次アサイン表で大阪 検証 医療レセプトに配置された人はいません。/);
    const settled = await ask("is tomorrow's assignment plan already in?");
    expect(settled.query!.read.asks).toContain('settled');
    expect(settled.answer).toMatch(/^No\. Nothing is set up for 10\/24 yet/);
    const rule = demo.db.prepare(`SELECT text FROM knowledge_documents WHERE text LIKE '%6か月未満%'`).get() as { text: string } | undefined;
    expect(rule).toBeDefined();
    const newcomer = await ask('新人を札幌の応援に出しても大丈夫?');
    expect(newcomer.answer).toMatch(/^いいえ。会社のルール（[^）]+）で「経験6か月未満のオペレータは拠点間の応援に出さない。」/);
    expect(newcomer.proposal).toBeFalsy();
    const alone = await ask('send 3 from yokohama to sapporo but leave the survey team alone');
    // «the survey team» is not read either: a proposal stands on every word, and says both.
    expect(alone.answer).toMatch(/^Note: I could not read "survey", "alone"/);
    expect(alone.proposal).toBeFalsy();
    expect((await ask('自動車保険の業務、今日の volume は?')).answer).toMatch(/^※ 質問の「自動車保険」を読み取れず/);
  });

  it("the average speed of a process by site is the mean of its people's registered speeds, never a line's pace now (locked-1129o, 1129p)", async () => {
    const r = await ask('avg 補正 speed by site?');
    expect(r.query!.read).toMatchObject({ measure: 'operator_speed', by: 'site', process: ['補正'], asks: ['average'] });
    const rows = demo.db
      .prepare(
        `SELECT o.location_name AS site, AVG(c.average_speed) AS v FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
          WHERE o.is_valid = 1 AND c.process_name = '補正'
          GROUP BY o.location_name ORDER BY v DESC, o.location_name`,
      )
      .all() as { site: string; v: number }[];
    expect(r.answer).toMatch(/^Average operator's registered speed/);
    const names: Record<string, string> = { 札幌: 'Sapporo', 盛岡: 'Morioka', 品川: 'Shinagawa', 横浜: 'Yokohama', 大阪: 'Osaka', 佐世保: 'Sasebo' };
    // Each site's mean to its one decimal (a mean ending in 5 rounds either way by the float the sum left).
    for (const x of rows) {
      const shown = new RegExp(`- ${names[x.site]}: (\\d+\\.\\d) items/h`).exec(r.answer);
      expect(Math.abs(Number(shown![1]) - x.v)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    // Asked of now, it stays the line's pace.
    expect((await ask('札幌エントリ1の今の平均速度は？')).query!.read.measure).toBe('speed');
  });

  it('the fastest keyer is the person with the highest registered speed, never a site by items done (locked-1129p)', async () => {
    const top = demo.db
      .prepare(
        `SELECT o.operator_name AS name, c.average_speed AS v FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
          WHERE o.is_valid = 1 AND c.process_name = 'エントリ1' ORDER BY c.average_speed DESC LIMIT 1`,
      )
      .get() as { name: string; v: number };
    const r = await ask('fastest entry1 keyer in the company?');
    expect(r.query!.read).toMatchObject({ op: 'rank', measure: 'operator_speed', by: 'operator', process: ['エントリ1'] });
    expect(r.answer).toMatch(new RegExp(`^Top 1 by operator's registered speed[^\\n]*\\n1\\. [^:]+: ${top.v.toFixed(1)} items/h`));
  });

  it('a person asked whether they are in is their attendance; items «coming in tomorrow» stay the forecast (locked-1129o)', async () => {
    expect((await ask('is 鈴木 彩 in tomorrow?')).query!.read).toMatchObject({ measure: 'attendance', operator: ['鈴木 彩'], time: 'tomorrow' });
    const items = await ask('how many items coming in tomorrow?');
    expect(items.query!.read).toMatchObject({ measure: 'arrivals', time: 'tomorrow' });
    expect(items.answer).toMatch(/^Forecast items for Fri 10\/24/);
  });

  it('a moment of today is obeyed: the state then, the work up to it, a moment ahead its projection (locked-1129p)', async () => {
    const at = (hm: string): number => Date.parse(`2025-10-23T${hm}+09:00`);
    const state = (t: number, site: string, process: string | null): { left: number; done: number } =>
      demo.db
        .prepare(
          `SELECT SUM(total_waiting) AS left, SUM(entry_count) AS done FROM progress_snapshots
            WHERE snapshot_time = ? AND location_name = ? AND (? IS NULL OR process_name = ?)`,
        )
        .get(t, site, process, process) as { left: number; done: number };
    const noon = await ask('正午時点の札幌エントリ1の残件は？');
    expect(noon.query!.read).toMatchObject({ measure: 'remaining', time: 'at_12' });
    expect(noon.query!.unused ?? []).toEqual([]);
    expect(noon.answer).toContain(`残件（12:00時点）:\n- 札幌 · エントリ1: ${state(at('12:00'), '札幌', 'エントリ1').left.toLocaleString('en-US')} 件`);
    const half = await ask('Osaka remaining as of 12:30');
    expect(half.answer).toContain(`Items left (as of 12:30):\n- Osaka: ${state(at('12:30'), '大阪', null).left.toLocaleString('en-US')} items`);
    const done = await ask('how many items had sapporo entered by noon?');
    expect(done.query!.read).toMatchObject({ measure: 'done', time: 'at_12' });
    expect(done.answer).toContain(`Sapporo: ${state(at('12:00'), '札幌', null).done.toLocaleString('en-US')} items`);
    expect((await ask('札幌で今日何件入力した？')).query!.read.measure).toBe('done');
    // Ahead of now (15:40), a moment is what will be done by then; a line late for its own 16:00 is never cleared.
    const ahead = await ask('札幌の17時時点の残件は？');
    expect(ahead.query!.answeredBy).toBe('risk');
    expect(ahead.answer.split('\n')[0]).toMatch(/ただし1件は17:00より前の自分の納期に間に合わない見込みです。$/);
    // A deadline named with its clock time stays the line's deadline, not a moment.
    expect(String((await ask('will sapporo make the 4pm deadline?')).query!.read.time)).not.toMatch(/^at_/);
  });

  it('a kind asked by name that a measure is not recorded by is declined, never ranked by another kind (locked-1129p)', async () => {
    expect((await ask('Which operator keyed the most items yesterday?')).answer).toBe(
      'Genba cannot rank items done by operator: progress is recorded per site, process and business.',
    );
    expect((await ask('Which site has the most DB errors today?')).answer).toBe(
      'Genba cannot rank error lines by site: logs are recorded per service and host.',
    );
    // «Who has the most left» asks where the work is: the sites are ranked.
    expect((await ask('who has the most items left?')).query!.read).toMatchObject({ op: 'rank', measure: 'remaining', by: null });
  });

  it("how far sites are is the placement's table of km, nearest first, never a ranking of another figure (locked-1129p)", async () => {
    const table = (JSON.parse(readFileSync('resources/demo/company.json', 'utf8')) as { distancesKm: Record<string, Record<string, number>> }).distancesKm;
    const km = (a: string, b: string): number => (table[a]?.[b] ?? table[b]![a])!;
    const fromMorioka = ['札幌', '品川', '横浜', '大阪', '佐世保'].map((s) => ({ s, km: km('盛岡', s) })).sort((x, y) => x.km - y.km);
    const r = await ask('盛岡から一番近い拠点は？');
    expect(r.answer.split('\n').slice(1)).toEqual(fromMorioka.map((x) => `- ${x.s}: ${x.km.toLocaleString('en-US')} km`));
    expect((await ask('how far is Morioka from Sapporo?')).answer).toBe(
      `Sapporo to Morioka: ${km('札幌', '盛岡')} km (the placement's table, placement.distancesKm)`,
    );
    // How far behind a line is stays its slack; help from the nearest site stays a proposal.
    expect((await ask('how far behind is Sapporo?')).query!.read.measure).toBe('slack');
    expect((await ask('send help to Sapporo from the nearest site')).query!.read.op).toBe('propose');
  });

  it('whether a person is in on a day ahead is their own record with a yes or no, never every site listed (locked-1129p)', async () => {
    const record = (name: string): string =>
      (
        demo.db
          .prepare(
            `SELECT a.attendance_status AS status FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id WHERE o.operator_name = ? AND a.attendance_date = '2025-10-24'`,
          )
          .get(name) as { status: string }
      ).status;
    expect(record('鈴木 彩')).toBe('paid_leave');
    const off = await ask('is 鈴木 彩 in tomorrow?');
    expect(off.answer.split('\n')).toEqual([
      'No. Attendance on 10/24 (attendance records): attendance 0 / 1 person',
      '- Suzuki 彩 (Sapporo): paid leave',
      'For days ahead only leave known in advance is recorded; unplanned absence is not.',
    ]);
    expect(record('坂本 聡')).toBe('scheduled');
    expect((await ask('Is 坂本 聡 working tomorrow?')).answer).toMatch(
      /^Yes\. Attendance on 10\/24 \(attendance records\): attendance 1 \/ 1 person\n- Sakamoto Satoshi \(Morioka\): scheduled/,
    );
  });

  it('a span of dates and a month named are obeyed, with figures from SQL; items expected ahead are the forecast (locked-1129p)', async () => {
    const arrived = (
      demo.db.prepare(`SELECT SUM(items) AS n FROM arrivals WHERE location_name = '札幌' AND arrival_date BETWEEN '2025-10-01' AND '2025-10-10'`).get() as {
        n: number;
      }
    ).n;
    const en = await ask('What were arrivals between Oct 1 and Oct 10 for Sapporo?');
    expect(en.query!.unused ?? []).toEqual([]);
    expect(en.answer).toBe(`Items arrived (10/1–10/10):\n- Sapporo: ${arrived.toLocaleString('en-US')} items`);
    expect((await ask('10/1〜10/10の札幌の入荷')).answer).toBe(`到着件数（10/1〜10/10）:\n- 札幌: ${arrived.toLocaleString('en-US')} 件`);
    // A month's absence is the register's rate over its working days, as last month's is.
    const sept = demo.db
      .prepare(
        `SELECT SUM(a.attendance_status = 'absent') AS absent, SUM(a.attendance_status = 'paid_leave') AS leave, COUNT(*) AS n
           FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
          WHERE o.is_valid = 1 AND o.location_name = '札幌' AND a.attendance_date BETWEEN '2025-09-01' AND '2025-09-30'`,
      )
      .get() as { absent: number; leave: number; n: number };
    const month = await ask('9月の札幌の欠勤率は？');
    expect(month.query!.read.time).toBe('month_09');
    expect(month.answer).toContain(`- 札幌: 欠勤 ${sept.absent}人日・有給 ${sept.leave}人日（延べ ${sept.n.toLocaleString('en-US')}人日`);
    const ahead = await ask('how many items are expected next week?');
    expect(ahead.query!.read).toMatchObject({ measure: 'forecast_volume', time: 'next_week' });
    expect(ahead.answer).toMatch(/^Forecast items for Mon 10\/27/);
  });

  it("two questions in one are both answered, the second keeping the first one's site and day (locked-1129o)", async () => {
    const left = (
      demo.db.prepare(`SELECT SUM(total_waiting) AS n FROM progress_snapshots WHERE location_name = '大阪' AND snapshot_time = ?`).get(NOW) as {
        n: number;
      }
    ).n;
    const absent = (
      demo.db
        .prepare(
          `SELECT COUNT(*) AS n FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
            WHERE o.is_valid = 1 AND o.location_name = '大阪' AND a.attendance_date = '2025-10-23' AND a.attendance_status = 'absent'`,
        )
        .get() as { n: number }
    ).n;
    const r = await ask('How many people are absent in Osaka today and how many items are left there?');
    const [first, second] = r.answer.split('\n\n');
    expect(first).toMatch(new RegExp(`^Attendance on Thu 10\\/23[^\\n]*\\n- Osaka: of \\d+ rostered, \\d+ at work, \\d+ off \\(${absent} absent,`));
    expect(second).toBe(`Items left (as of 15:40):\n- Osaka: ${left.toLocaleString('en-US')} items`);
    expect((await ask('札幌の残件は？あと大阪の欠勤は？')).answer.split('\n\n')).toHaveLength(2);
    // Two sites of one measure are one question.
    expect((await ask('Sapporo and Osaka items left?')).answer).not.toContain('\n\n');
  });

  it('under N months of experience is read as under, never as at least; newcomers are under 6 months on every process (probed)', async () => {
    const under = (months: number, process: string | null): number =>
      (
        demo.db
          .prepare(
            `SELECT COUNT(*) AS n FROM operators o WHERE o.is_valid = 1 AND o.location_name = '札幌'
               AND (SELECT MAX(c.experience_months) FROM operator_process_capabilities c WHERE c.operator_id = o.operator_id AND (? IS NULL OR c.process_name = ?)) < ?`,
          )
          .get(process, process, months) as { n: number }
      ).n;
    const en = await ask('How many operators with under 6 months experience does Sapporo have?');
    expect(en.query!.read).toMatchObject({ measure: 'headcount', experience: null, experienceUnder: 6 });
    expect(en.answer).toBe(`Headcount (under 6 months of experience) (as registered in the masters):\n- Sapporo: ${under(6, null)} people`);
    expect((await ask('札幌の経験6ヶ月未満の人数は？')).answer).toBe(`人数（経験6か月未満）（マスタの登録値）:\n- 札幌: ${under(6, null)} 人`);
    expect((await ask('How many new hires does Sapporo have?')).query!.read).toMatchObject({ measure: 'headcount', experienceUnder: 6 });
    expect((await ask('札幌のエントリ1で経験2年未満の人は何人？')).answer).toContain(`- 札幌 · エントリ1: ${under(24, 'エントリ1')} 人`);
    // At least stays at least.
    expect((await ask('札幌の経験2年以上の人数は？')).query!.read).toMatchObject({ experience: 24, experienceUnder: null });
  });

  it("«L4 checkers» are the people at level 4 on verification, named; finished processes are the sites' lines (probed)", async () => {
    const l4 = (
      demo.db
        .prepare(
          `SELECT o.operator_name AS name FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
            WHERE o.is_valid = 1 AND o.location_name = '大阪' AND c.process_name = '検証' AND c.skill_level >= 4 ORDER BY c.skill_level DESC`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const r = await ask('大阪のL4の検証の人は誰？');
    expect(r.query!.read).toMatchObject({ measure: 'skill', level: 4, process: ['検証'], by: 'operator' });
    expect(
      r.answer
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/^- ([^:]+):.*$/, '$1')),
    ).toEqual(l4);
    const done = demo.db
      .prepare(
        `SELECT location_name || ' · ' || process_name AS line FROM progress_snapshots WHERE snapshot_time = ?
          GROUP BY location_name, process_name HAVING SUM(total_waiting) = 0`,
      )
      .all(NOW) as { line: string }[];
    const finished = await ask('終わった工程は？');
    expect(
      finished.answer
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/^- ([^:]+):.*$/, '$1'))
        .sort(),
    ).toEqual(done.map((d) => d.line).sort());
  });

  it("late arrivals are the late arrivals, never the attendance; a day ahead's plan and the people it needs are its staffing plan (probed)", async () => {
    const late = demo.db
      .prepare(
        `SELECT o.location_name AS site, COUNT(DISTINCT a.operator_id) AS n FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
          WHERE o.is_valid = 1 AND a.attendance_status = 'late' AND a.attendance_date BETWEEN '2025-10-13' AND '2025-10-19' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
      )
      .get() as { site: string; n: number };
    const r = await ask('Which site had the most late arrivals last week?');
    expect(r.query!.read).toMatchObject({ op: 'rank', measure: 'late_arrivals', time: 'last_week' });
    expect(r.answer).toContain(`1. ${late.site === '大阪' ? 'Osaka' : late.site}: ${late.n} `);
    expect((await ask("Give me tomorrow's plan for Yokohama")).query!.read).toMatchObject({ measure: 'planned_staff', time: 'tomorrow' });
    expect((await ask('明日札幌は何人必要？')).query!.answeredBy).toBe('plan');
  });

  it('a move within one site said in English is weighed on both lines; ordered there, it never becomes a card for another site (probed)', async () => {
    const w = await ask('What if we pull 2 people off Osaka verification and send them to Osaka entry 1?');
    expect(w.query!.read.move).toMatchObject({ count: 2, from: '大阪', to: '大阪', process: 'エントリ1', fromProcess: '検証' });
    expect(w.query!.read.conditions).toBeNull();
    expect(w.answer).toMatch(/^Moving 2 from Osaka Verification to Osaka Entry 1:\n- Osaka Entry 1 \(Medical claims, receiving\)/);
    const order = await ask('move 2 from Osaka verification to entry 1');
    expect(order.proposal?.site ?? '大阪').toBe('大阪');
    expect(order.answer).not.toContain('Sapporo');
    // «Leave Shinagawa alone» is read whole: Shinagawa left out, and a card made.
    const alone = await ask('Send help to Sapporo entry 1 but leave Shinagawa alone');
    expect(alone.query!.read.notFrom).toEqual(['品川']);
    expect(alone.query!.unused ?? []).toEqual([]);
    expect(alone.proposal).not.toBeNull();
  });

  it("a rookie sent to help is the rules' no, in English too (probed)", async () => {
    const r = await ask('Can I send a 3-month rookie from Morioka to help Sapporo?');
    expect(r.query!.read.op).toBe('knowhow');
    expect(r.answer).toMatch(/^No\. The company's rule \(Rules for quality and training\) says: "Operators with less than 6 months of experience are not sent/);
  });

  it("today's overtime is never «none» while the day is not over; the pace now making it is the slack (probed)", async () => {
    for (const q of ['今日のovertime多い人top3', 'Is anyone at Yokohama doing overtime today?'])
      expect((await ask(q)).answer).toMatch(
        /^(?:今日の残業は、その日の終業の実績が揃うまで数えていません|Genba counts a day's overtime once its actual end times are in)/,
      );
    const pace = await ask('札幌のentry1、今のペースで間に合う？');
    expect(pace.query!.read).toMatchObject({ op: 'check', measure: 'slack' });
    expect(pace.answer).toMatch(/^いいえ。/);
  });

  it("a site's log lines are its own hosts', with the shared hosts said left out; never a decline nor every host's (locked-1129p)", async () => {
    const rows = demo.db
      .prepare(
        `SELECT host, SUM(lines) AS n FROM app_logs WHERE level = 'ERROR' AND host LIKE '%-sapporo-%' AND ts >= ? AND ts < ? GROUP BY host ORDER BY n DESC`,
      )
      .all(TODAY0, NOW) as { host: string; n: number }[];
    const r = await ask('札幌のエラー、今日何件？');
    expect(r.answer.split('\n')[0]).toMatch(
      /^ログはホストごとに記録されています。以下は札幌のホスト（ocr-sapporo-01、sync-sapporo-01）の分です。全拠点で共有のホスト（/,
    );
    expect(r.answer).toContain(rows.map((x) => `- ${x.host}: ${x.n.toLocaleString('en-US')} 行`).join('\n'));
  });

  it("a process named in a conversation about one site is that site's; help from a site is for the line talked about (locked-1129q)", async () => {
    const first = await ask('大阪のレセ、どう？');
    const second = await ask('検証だけ遅い気がするけど間に合う？', first.conversationId ?? null);
    expect(second.query!.read).toMatchObject({ site: ['大阪'], process: ['検証'], business: ['611040'], measure: 'slack' });
    const third = await ask('品川から人を入れたら？', second.conversationId ?? null);
    expect(third.query!.read).toMatchObject({ op: 'propose', site: ['大阪'], process: ['検証'], from: ['品川'] });
    expect(third.proposal?.site ?? '大阪').toBe('大阪');
    expect(third.answer).not.toContain('札幌');
    // «Pull people out of X to help Y» asks for a move to Y, never a comparison of the two.
    expect((await ask('pull people out of 品川 to help 大阪 medical 検証?')).query!.read).toMatchObject({ op: 'propose', site: ['大阪'], from: ['品川'] });
    // «Entry 1 backlog» keeps its process (only 補正待ち is the correction queue).
    const backlog = await ask("what was 札幌's entry1 backlog at 3pm");
    const left = (
      demo.db
        .prepare(`SELECT SUM(total_waiting) AS n FROM progress_snapshots WHERE location_name = '札幌' AND process_name = 'エントリ1' AND snapshot_time = ?`)
        .get(Date.parse('2025-10-23T15:00+09:00')) as { n: number }
    ).n;
    expect(backlog.answer).toBe(`Items left (as of 15:00):\n- Sapporo · Entry 1: ${left.toLocaleString('en-US')} items`);
    // A site's OCR warnings are its own hosts', never Sapporo's outage said of Shinagawa.
    expect((await ask('品川のOCR、今日エラー出てる？')).answer).not.toMatch(/OCR timeout|応答がありません/);
  });

  it('the hour with the most errors, the fastest verifiers, a person left out of a count from a site, rules on new people (locked-1129q)', async () => {
    const hours = demo.db
      .prepare(
        `SELECT CAST((ts - ?) / 3600000 AS INTEGER) AS h, SUM(lines) AS n FROM app_logs WHERE level = 'ERROR' AND ts >= ? AND ts < ? GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
      )
      .get(TODAY0, TODAY0, NOW) as { h: number; n: number };
    const hour = await ask('which hour today had the most errors');
    expect(hour.answer).toContain(`1. ${String(hours.h).padStart(2, '0')}:00–${String(hours.h + 1).padStart(2, '0')}:00: ${hours.n} lines`);
    const top = (
      demo.db
        .prepare(
          `SELECT c.average_speed AS v FROM operators o JOIN operator_process_capabilities c ON c.operator_id = o.operator_id
            WHERE o.is_valid = 1 AND c.process_name = '検証' ORDER BY c.average_speed DESC LIMIT 5`,
        )
        .all() as { v: number }[]
    ).map((r) => `${r.v.toFixed(1)} items/h`);
    const fastest = await ask('top 5 fastest verifiers we can use for final checks');
    expect(fastest.query!.read).toMatchObject({ measure: 'operator_speed', by: 'operator', process: ['検証'] });
    expect(
      fastest.answer
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/^\d\. [^:]+: /, '')),
    ).toEqual(top);
    const left = await ask('盛岡から3人出すとして、高山さんは外して');
    expect(left.query!.read).toMatchObject({ op: 'propose', notWho: ['高山 麻由子'] });
    expect(left.proposal?.operators.map((o) => o.name)).not.toContain('高山 麻由子');
    expect((await ask('what are our rules about new people helping other sites?')).answer).toMatch(/^"Rules for quality and training \/ Placing new staff"/);
    expect((await ask('what can 伊藤 陽子 do and how fast is she')).query!.read.op).not.toBe('knowhow');
  });

  it("since lunch, «didn't show», who is doing a line now, a day ahead asked how it will go, people per line (locked-1129q)", async () => {
    const done = (t: string): number =>
      (
        demo.db.prepare(`SELECT SUM(entry_count) AS n FROM progress_snapshots WHERE location_name = '札幌' AND snapshot_time = ?`).get(Date.parse(t)) as {
          n: number;
        }
      ).n;
    const lunch = await ask('how much did 札幌 get done since lunch?');
    expect(lunch.query!.read).toMatchObject({ measure: 'done', time: 'since_lunch' });
    expect(lunch.answer).toContain(`- Sapporo: ${(done('2025-10-23T15:40+09:00') - done('2025-10-23T13:00+09:00')).toLocaleString('en-US')} items`);
    const noShow = await ask("Monday the 20th, how many people didn't show?");
    expect(noShow.query!.read).toMatchObject({ measure: 'absence', level: null, time: 'dom_20_mon' });
    expect((await ask('レセの検証、大阪は誰がやってるの？')).query!.read).toMatchObject({ measure: 'planned_staff', time: 'today' });
    expect((await ask('11/4はどうなりそう？連休明けだよね')).query!.answeredBy).toBe('plan');
    expect((await ask('how many people are on each business today')).query!.read.measure).toBe('planned_staff');
  });

  it('a total since lunch has parts since lunch; 受付 is what came; 月初(10/1) is the 1st; a distance and another in one question (locked-1129r)', async () => {
    const site = (t: string): Map<string, number> =>
      new Map(
        (
          demo.db.prepare(`SELECT location_name AS s, SUM(entry_count) AS n FROM progress_snapshots WHERE snapshot_time = ? GROUP BY 1`).all(Date.parse(t)) as {
            s: string;
            n: number;
          }[]
        ).map((r) => [r.s, r.n]),
      );
    const [end, start] = [site('2025-10-23T15:40+09:00'), site('2025-10-23T13:00+09:00')];
    const since = await ask('お昼休み明けから今までで、全拠点で何件処理した？');
    const parts = /内訳: (.*)$/m
      .exec(since.answer)![1]!
      .split('、')
      .map((p) => p.split(' ') as [string, string]);
    for (const [s, n] of parts) expect(Number(n.replace(/,/g, ''))).toBe(end.get(s)! - start.get(s)!);
    const sept = (demo.db.prepare(`SELECT SUM(items) AS n FROM arrivals WHERE arrival_date BETWEEN '2025-09-01' AND '2025-09-30'`).get() as { n: number }).n;
    expect((await ask('先月の受付件数はどれくらいだった？')).answer).toContain(`- 全体: ${sept.toLocaleString('en-US')} 件`);
    expect((await ask('月初(10/1)のレセ、どのくらい遅れた？')).query!.read.time).toBe('date_10-01');
    const two = await ask('how far is 盛岡 from 札幌, and which site is closest to 大阪?');
    expect(two.answer.split('\n\n')).toEqual([expect.stringMatching(/^Sapporo to Morioka: 480 km/), expect.stringMatching(/^Sites by distance from Osaka/)]);
    expect((await ask('what went wrong on the 14th?')).answer).toMatch(/^What the records say about Tuesday the 14th/);
  });
});
