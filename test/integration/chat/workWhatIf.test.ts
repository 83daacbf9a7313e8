import { describe, expect, it } from 'vitest';
import { useDemoAssistant } from '../../helpers/demoAssistant.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');
const MIN = 60_000;

/**
 * Issue 60: a what-if on the work itself (more items now, a stop) is worked out, not answered with today's state and its
 * words left unread. On the demo company at 15:40; every figure from plain SELECTs of the same store: the items left and
 * done at the newest snapshot, the speed over its last 30 minutes, the finish the line's own projection gives.
 */
describe('what-ifs on the work: items added, a stop', () => {
  const demo = useDemoAssistant(NOW);
  const ask = (question: string) => demo.ask(question, null);
  const hm = (t: number): string =>
    new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
  /** The line at 15:40 and 15:10: items left and done, its deadline, and its speed over the half hour (work was left throughout). */
  const line = (site: string, process: string, business: string) => {
    const at = (t: number) =>
      demo.db
        .prepare(
          `SELECT total_waiting AS left, entry_count AS done, expected_completion_time AS deadline FROM progress_snapshots
           WHERE location_name = ? AND process_name = ? AND business_id = ? AND snapshot_time = ?`,
        )
        .get(site, process, business, t) as { left: number; done: number; deadline: number };
    const [now, then] = [at(NOW), at(NOW - 30 * MIN)];
    return { ...now, speed: (now.done - then.done) / 30 };
  };
  /** The finish minute of `left` items at `speed` from `from` (rounded up to the minute, as every projection is). */
  const finish = (left: number, speed: number, from: number): number => Math.ceil((from + (left / speed) * MIN) / MIN) * MIN;

  it('items added to a line now: its items left, finish and lateness after, and the speed its deadline would take', async () => {
    const s = line('札幌', 'エントリ1', '523201');
    const r = await ask('札幌のエントリ1のSSにあと500件来たら間に合う？');
    expect(r.query!.read).toMatchObject({ op: 'whatif', site: ['札幌'], process: ['エントリ1'], move: { items: 500 } });
    expect(r.query!.unused).toEqual([]);
    const after = finish(s.left + 500, s.speed, NOW);
    const late = Math.round((after - s.deadline) / MIN);
    expect(late).toBeGreaterThan(0);
    expect(r.answer).toContain('札幌 エントリ1（SS）に今500件増えた場合（15:40時点');
    expect(r.answer).toContain(`残り${s.left} → ${s.left + 500}件、毎分${s.speed.toFixed(1)}件`);
    expect(r.answer).toContain(`→ ${hm(after)}（納期${hm(s.deadline)}`);
    expect(r.answer).toContain(`→ ${late}分遅れ）`);
    const need = Math.round(((s.left + 500) / ((s.deadline - NOW) / MIN)) * 10) / 10;
    expect(r.answer).toContain(`納期に間に合わせるには毎分${need.toFixed(1)}件が必要です`);
    expect(r.proposal ?? null).toBeNull();

    const en = await ask('if another 500 medical claims land on sapporo entry 1 now?');
    const m = line('札幌', 'エントリ1', '611040');
    expect(en.query!.read).toMatchObject({ op: 'whatif', business: ['611040'], move: { items: 500 } });
    // English answers name the site and the process in English.
    expect(en.answer).toContain(`If 500 more items came to Sapporo Entry 1 (Medical claims) now`);
    expect(en.answer).toContain(`${m.left} → ${m.left + 500} left, ${m.speed.toFixed(1)}/min, finish`);
    expect(en.answer).toContain(`→ ${hm(finish(m.left + 500, m.speed, NOW))} (deadline ${hm(m.deadline)}`);
  });

  it('more work by a share: the share of the line’s items today (done and left), then the same projection', async () => {
    const s = line('札幌', 'エントリ1', '523201');
    const added = Math.round(0.1 * (s.done + s.left));
    const r = await ask('札幌SSエントリ1にあと1割多く入荷してたらどうなってた？');
    expect(r.answer).toContain(`今日の件数（処理済み${s.done}件＋残り${s.left}件）の10%`);
    expect(r.answer).toContain(`に今${added}件増えた場合`);
    expect(r.answer).toContain(`→ ${hm(finish(s.left + added, s.speed, NOW))}（納期`);
  });

  it('a site stopped for an hour: each line with work left starts an hour later, the lines already done are unaffected', async () => {
    const open = demo.db
      .prepare(
        `SELECT process_name AS process, business_id AS business FROM progress_snapshots WHERE location_name = '佐世保' AND snapshot_time = ?
         AND total_waiting > 0 ORDER BY 1, 2`,
      )
      .all(NOW) as { process: string; business: string }[];
    const all = (demo.db.prepare(`SELECT COUNT(*) AS n FROM progress_snapshots WHERE location_name = '佐世保' AND snapshot_time = ?`).get(NOW) as { n: number })
      .n;
    expect(open.length).toBeGreaterThan(0);
    const r = await ask('佐世保が今から1時間止まったら？');
    expect(r.query!.read).toMatchObject({ op: 'whatif', site: ['佐世保'], move: { stopMinutes: 60 } });
    expect(r.answer.startsWith('佐世保が今から60分止まった場合（15:40時点、再開後は今の速さ）:')).toBe(true);
    for (const o of open) {
      const s = line('佐世保', o.process, o.business);
      const after = finish(s.left, s.speed, NOW + 60 * MIN);
      expect(r.answer).toContain(`- 佐世保 ${o.process}`);
      expect(r.answer).toContain(`残り${s.left}件、毎分${s.speed.toFixed(1)}件、完了見込み`);
      expect(r.answer).toContain(`→ ${hm(after)}（納期${hm(s.deadline)}`);
    }
    expect(r.answer).toContain(`今日の作業が終わっているライン${all - open.length}本は影響なし`);
  });

  it('a site with nothing left stopped for the rest of the day affects no deadline today, said with the time it holds', async () => {
    const left = (
      demo.db.prepare(`SELECT SUM(total_waiting) AS n FROM progress_snapshots WHERE location_name = '品川' AND snapshot_time = ?`).get(NOW) as { n: number }
    ).n;
    expect(left).toBe(0);
    const r = await ask('品川 が今日この後止まったら影響ある？');
    expect(r.query!.read).toMatchObject({ op: 'whatif', site: ['品川'], move: { stopMinutes: null } });
    expect(r.answer).toBe('品川の今日の作業は15:40時点ですべて終わっています（残り0件）。止まっても今日の納期への影響はありません。');
    const en = await ask('what if Sasebo stops for 30 min?');
    expect(en.answer.startsWith('If Sasebo stopped for 30 min from now (at 15:40, then at its speed now):')).toBe(true);
  });
});
