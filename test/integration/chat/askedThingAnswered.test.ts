import { describe, expect, it } from 'vitest';
import { useDemoAssistant } from '../../helpers/demoAssistant.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const TODAY0 = Date.parse('2025-10-23T00:00+09:00');

/**
 * Issue 60, locked-1129q and 1129r's confident wrong answers of one kind: a neighbouring question answered as if it were the
 * one asked (sync health answered with the OCR incident, a log's own words with the rules, «has this happened before?» with
 * today's incident alone, «make the cutoff?» with the cutoff's time, «active operators» with the items left, an unread
 * figure with the default one). Each answer is checked against plain SELECTs of the same demo store at 15:40.
 */
describe('the thing asked is what is answered', () => {
  const demo = useDemoAssistant(NOW);
  const ask = (q: string) => demo.ask(q);

  it('whether the data is fresh is the sync record, not a log incident', async () => {
    const s = demo.db.prepare('SELECT COUNT(*) AS n, SUM(last_error IS NULL) AS ok, MAX(last_success_at) AS last FROM sync_state').get() as {
      n: number;
      ok: number;
      last: number;
    };
    expect(s.last).toBe(NOW);
    const en = await ask('is sync healthy? is the data fresh?');
    expect(en.answer).toContain(`last success 15:40 (0 min ago); ${s.ok} of ${s.n} tables synced fine.`);
    expect(en.answer).not.toMatch(/incident|ocr/i);
    const ja = await ask('データって最新？同期止まってない？');
    expect(ja.answer.startsWith(`会社のデータベースから Genba の手元への同期: 最新の成功 15:40（0分前）、${s.n}表中${s.ok}表が成功しています。`)).toBe(true);
    // A sync service's errors stay the logs'.
    expect((await ask('sync-sapporo-01 のエラーは？')).answer).toContain('sync-sapporo-01');
  });

  it('a log’s own words name its template: lines today and in all, first and last seen, its hosts and their sites', async () => {
    const t = demo.db.prepare(`SELECT template_id AS id, count, errors, first_seen AS first FROM log_templates WHERE template LIKE '%policy_no%'`).get() as {
      id: number;
      count: number;
      errors: number;
      first: number;
    };
    const today = (demo.db.prepare('SELECT SUM(lines) AS n FROM app_logs WHERE template_id = ? AND ts >= ? AND ts < ?').get(t.id, TODAY0, NOW) as { n: number })
      .n;
    const hosts = demo.db.prepare('SELECT host, SUM(lines) AS n FROM app_logs WHERE template_id = ? GROUP BY host ORDER BY n DESC, host').all(t.id) as {
      host: string;
      n: number;
    }[];
    const r = await ask("what's the policy_no error about?");
    expect(r.answer).toContain(`: ${today} lines today (00:00–15:40); ${t.count} lines in all the records (${t.errors} errors)`);
    expect(r.answer).toContain(`Hosts: ${hosts.map((h) => `${h.host} (shared by every site) ${h.n}`).join(', ')}`);
    expect(r.answer).toContain('What the error means or why it happens is not in the records');
    expect(r.answer).not.toMatch(/When to move staff/);
    // «is it new? only Sapporo?»: when it first appeared, against the days the logs are kept, and the one host, Sapporo's.
    const tls = await ask('is the TLS cert error new? and is it only sapporo?');
    expect(tls.answer).toContain('first 10/22 10:04');
    expect(tls.answer).toContain('Hosts: ocr-sapporo-01 (Sapporo) 14');
    expect(tls.answer).toContain('The logs are kept from 9/24 00:00');
    // A question with no word of its own about a template is the error count's.
    expect((await ask('今日のエラーは？')).answer.startsWith('エラー行数（今日（00:00〜15:40））')).toBe(true);
  });

  it('«has this happened before?» is the days kept, not today alone', async () => {
    const r = await ask('has this OCR thing happened before?');
    expect(r.query!.read).toMatchObject({ measure: 'incidents', time: 'last_30d' });
    for (const day of ['10/15', '10/17']) expect(r.answer).toContain(day);
  });

  it('«will we make the cutoff?» is the slack to it, and a count of operators is the headcount', async () => {
    const r = await ask('are we gonna make the 4pm SS cutoff at every site?');
    expect(r.query!.read.measure).toBe('slack');
    expect(r.answer).toContain('Sapporo: 1 of 4 series late (Sapporo Entry 1 SS: 4 min)');
    const valid = demo.db.prepare('SELECT location_name AS site, COUNT(*) AS n FROM operators WHERE is_valid = 1 GROUP BY location_name').all() as {
      site: string;
      n: number;
    }[];
    const h = await ask('how many active operators do we have per site?');
    expect(h.query!.read.measure).toBe('headcount');
    expect(h.query!.unused ?? []).toEqual([]);
    expect(h.answer).toContain(`- Sapporo: ${valid.find((v) => v.site === '札幌')!.n} people`);
  });

  it('a figure the question did not name, beside a word not understood, is not given by the default one', async () => {
    const r = await ask('absenses this week vs last week?');
    expect(r.answer.startsWith('I could not tell which figure "absenses" means, so I have not answered (speed would answer another question).')).toBe(true);
    expect(r.answer).not.toMatch(/items\/min/);
    // With the measure named, the same comparison is given.
    expect((await ask('absences this week vs last week?')).answer).not.toMatch(/^I could not tell/);
  });

  it('which sites run a business is today’s lines, with the business asked by its id named', async () => {
    const lines = demo.db
      .prepare(`SELECT business_id AS b, GROUP_CONCAT(DISTINCT location_name) AS sites FROM progress_snapshots WHERE snapshot_time = ? GROUP BY business_id`)
      .all(NOW) as { b: string; sites: string }[];
    const sitesOf = (b: string): string[] =>
      lines
        .find((l) => l.b === b)!
        .sites.split(',')
        .sort();
    const r = await ask('SSぎょうむってどこの拠点でやってる？レセは？');
    const listed = (name: string): string[] => new RegExp(`^- ${name}: ([^（]+)（`, 'm').exec(r.answer)![1]!.split('、').sort();
    expect(listed('SS')).toEqual(sitesOf('523201'));
    expect(listed('医療レセプト')).toEqual(sitesOf('611040'));
    expect((await ask("what's business 611040 again and which sites do it")).answer).toContain('- Medical claims (611040): ');
  });

  it('a moment of today beside now gives the figure at each', async () => {
    const at = (t: number): number =>
      (demo.db.prepare(`SELECT SUM(total_waiting) AS n FROM progress_snapshots WHERE location_name = '札幌' AND snapshot_time = ?`).get(t) as { n: number }).n;
    const r = await ask('札幌の残件、12時と比べて今は？');
    expect(r.answer).toContain(`残件（12:00時点）:\n- 札幌: ${at(Date.parse('2025-10-23T12:00+09:00')).toLocaleString('en-US')} 件`);
    expect(r.answer).toContain(`残件（15:40時点）:\n- 札幌: ${at(NOW).toLocaleString('en-US')} 件`);
  });

  it('one person’s day or skills asked with no one named is the person the conversation is about', async () => {
    const first = await demo.ask('上野由香利さんのスキルは？');
    const leave = demo.db
      .prepare(
        `SELECT a.attendance_status AS status FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id WHERE o.operator_name = '上野 由香利' AND a.attendance_date = '2025-10-24'`,
      )
      .get() as { status: string } | undefined;
    expect(leave?.status).toBe('scheduled');
    const r = await demo.ask('明日出勤してる？', first.conversationId ?? null);
    expect(r.query!.read).toMatchObject({ measure: 'attendance', operator: ['上野 由香利'], time: 'tomorrow' });
    expect(r.answer.startsWith('はい。')).toBe(true);
    expect(r.answer).not.toContain('佐世保');
    // Whether she can do a process she has no skill in: no skill on record, in Japanese as "can she do …?" is in English.
    const skills = demo.db
      .prepare(
        `SELECT COUNT(*) AS n FROM operator_process_capabilities c JOIN operators o ON o.operator_id = c.operator_id WHERE o.operator_name = '上野 由香利' AND c.process_name = '検証'`,
      )
      .get() as { n: number };
    expect(skills.n).toBe(0);
    const again = await demo.ask('上野由香利さんのスキルは？');
    const can = await demo.ask('検証もできる？', again.conversationId ?? null);
    expect(can.answer).toContain('上野 由香利（品川）: 検証のスキルの記録がありません');
  });

  it('a move that leaves a word of its question unread makes no card, and says the word', async () => {
    const r = await ask('send 3 from yokohama to sapporo but leave the survey team alone');
    expect(r.proposal).toBeNull();
    expect(r.answer).toMatch(/^Note: I could not read "[^"]*survey/);
    // Every word read, the card is made.
    expect((await ask('send 3 from yokohama to sapporo entry 1')).proposal).not.toBeNull();
  });

  it('locked-1129s, read after its run: a level said bare, a weekday beside tomorrow, hours of the working day, work done said plainly', async () => {
    const l4 = demo.db
      .prepare(
        `SELECT COUNT(DISTINCT o.operator_id) AS n FROM operators o JOIN operator_process_capabilities p ON p.operator_id = o.operator_id
          WHERE o.location_name = '札幌' AND o.is_valid = 1 AND p.process_name = '検証' AND p.skill_level >= 4`,
      )
      .get() as { n: number };
    const level = await ask('札幌で検証4以上っている？');
    expect(level.query!.read).toMatchObject({ measure: 'headcount', level: 4 });
    expect(level.answer).toContain(`- 札幌 · 検証: ${l4.n} 人`);
    const friday = await ask('明日 Friday、何人出勤予定？');
    expect(friday.query!.read.time).toBe('tomorrow');
    expect(friday.query!.unused ?? []).toEqual([]);
    // A weekday that is not tomorrow's stays unread, and is said.
    expect((await ask('明日の月曜、札幌の予測は？')).answer).toMatch(/^※ 質問の「月曜」を期間として読み取れませんでした。/);
    expect((await ask('between 2 and 3 today how fast was sapporo E1')).query!.read.time).toBe('hours_14-15');
    const done = (t: string): number =>
      (
        demo.db
          .prepare(`SELECT SUM(entry_count) AS n FROM progress_snapshots WHERE location_name = '札幌' AND process_name = 'エントリ1' AND snapshot_time = ?`)
          .get(Date.parse(t)) as { n: number | null }
      ).n ?? 0;
    const morning = await ask('今朝の札幌、エントリ1何件やった？');
    expect(morning.query!.read).toMatchObject({ measure: 'done', time: 'this_morning' });
    expect(morning.answer).toContain(`- 札幌 · エントリ1: ${(done('2025-10-23T12:00+09:00') - done('2025-10-23T09:00+09:00')).toLocaleString('en-US')} 件`);
  });

  it('locked-1129s, read after its run: a quoted log line, a day before the snapshots, a miss before, a site’s size', async () => {
    const pool = demo.db.prepare(`SELECT count FROM log_templates WHERE template LIKE 'Connection pool exhausted%'`).get() as { count: number };
    const quoted = await ask("what does 'Connection pool exhausted' mean and which site");
    expect(quoted.answer).toContain(`${pool.count} lines in all the records`);
    expect(quoted.answer).toContain('(shared by every site)');
    const first = demo.db.prepare(`SELECT date(MIN(snapshot_time) / 1000 + 9 * 3600, 'unixepoch') AS d FROM progress_snapshots`).get() as { d: string };
    expect(first.d).toBe('2025-09-24');
    expect((await ask('sapporo SS backlog on sept 1?')).answer).toBe('There is no progress record for September 1 (9/1): the progress records start on 9/24.');
    const missed = await ask('has sapporo missed SS entry1 before');
    expect(missed.query!.read).toMatchObject({ measure: 'missed_deadlines', time: 'last_30d' });
    expect((await ask('has the ocr timeout thing happened before?')).query!.read).toMatchObject({ measure: 'incidents', time: 'last_30d' });
    expect((await ask('how big is each site')).query!.read.measure).toBe('headcount');
  });
});
