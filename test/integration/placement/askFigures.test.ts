import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskQueryInput } from '../../../main/api/askQuery.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const NOW = Date.parse(ANCHOR);
const SITES = ['札幌', '盛岡', '品川', '横浜', '大阪', '佐世保'] as const;
const ROMAJI: Record<(typeof SITES)[number], string> = {
  札幌: 'Sapporo',
  盛岡: 'Morioka',
  品川: 'Shinagawa',
  横浜: 'Yokohama',
  大阪: 'Osaka',
  佐世保: 'Sasebo',
};

interface Line {
  q: string;
  query: AskQueryInput;
  figures: string[];
}

/**
 * Questions of every operation through the built CLI's answering pipeline (`genba eval ask`
 * answers each line whose figures are given, as `genba ask` does), each expected figure
 * computed here by SQL over the same store, and each read query checked.
 */
describe('answers state the figures SQL gives, for every operation (genba eval ask with figures)', () => {
  const dir = tempDir();
  let db: Database.Database;
  const lines: Line[] = [];

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const latest = db
      .prepare(
        `SELECT s.location_name AS site, s.process_name AS process, s.business_id AS business, s.total_waiting AS left, s.entry_count AS done, s.correction_waiting AS corr
         FROM progress_snapshots s JOIN (SELECT location_name, process_name, business_id, MAX(snapshot_time) AS t FROM progress_snapshots
           WHERE snapshot_time <= ? AND snapshot_time > ? - 86400000 GROUP BY 1, 2, 3) l
           ON l.location_name = s.location_name AND l.process_name = s.process_name AND l.business_id = s.business_id AND l.t = s.snapshot_time`,
      )
      .all(NOW, NOW) as { site: string; process: string; business: string; left: number; done: number; corr: number }[];
    const sum = (rows: typeof latest, f: (r: (typeof latest)[number]) => number): number => rows.reduce((s, r) => s + f(r), 0);
    const at = (site: string) => latest.filter((r) => r.site === site);
    const share = (rows: typeof latest): number => Math.round((sum(rows, (r) => r.done) / (sum(rows, (r) => r.done) + sum(rows, (r) => r.left))) * 1000) / 10;
    const heads = (site: string): number =>
      (db.prepare('SELECT COUNT(*) AS n FROM operators WHERE is_valid = 1 AND location_name = ?').get(site) as { n: number }).n;

    for (const site of SITES) {
      const rows = at(site);
      lines.push({ q: `${site}の残件は何件？`, query: { op: 'value', measure: 'remaining', site: [site] }, figures: [`${sum(rows, (r) => r.left)} 件`] });
      lines.push({
        q: `How many items has ${ROMAJI[site]} done today?`,
        query: { op: 'value', measure: 'done', site: [site], time: 'today' },
        figures: [`${sum(rows, (r) => r.done)} items`],
      });
      lines.push({ q: `${site}の進捗率は？`, query: { op: 'value', measure: 'progress', site: [site] }, figures: [`${share(rows)}%`] });
      lines.push({ q: `${site}に何人いる？`, query: { op: 'value', measure: 'headcount', site: [site] }, figures: [`${site}: ${heads(site)} 人`] });
    }
    for (const [a, b] of [
      ['大阪', '品川'],
      ['札幌', '盛岡'],
      ['横浜', '佐世保'],
    ] as const) {
      lines.push({
        q: `${a}と${b}、どっちが進んでる？`,
        query: { op: 'compare', measure: 'progress', site: [a, b], by: 'site' },
        figures: [`${a}: ${share(at(a))}%`, `${b}: ${share(at(b))}%`],
      });
      lines.push({
        q: `Compare the backlog of ${ROMAJI[a]} and ${ROMAJI[b]}`,
        query: { op: 'compare', measure: 'remaining', site: [a, b], by: 'site' },
        // An English answer writes the sites in Latin letters, as the English screens do.
        figures: [`${ROMAJI[a]}: ${sum(at(a), (r) => r.left)} items`, `${ROMAJI[b]}: ${sum(at(b), (r) => r.left)} items`],
      });
    }
    const bySite = SITES.map((s) => ({ s, left: sum(at(s), (r) => r.left), done: sum(at(s), (r) => r.done) }));
    const mostLeft = [...bySite].sort((x, y) => y.left - x.left)[0]!;
    const leastDone = [...bySite].sort((x, y) => x.done - y.done)[0]!;
    lines.push({
      q: '残件が一番多い拠点は？',
      query: { op: 'rank', measure: 'remaining', by: 'site', rank: { order: 'top', n: 1 } },
      figures: [`1. ${mostLeft.s}: ${mostLeft.left} 件`],
    });
    lines.push({
      q: 'Which site has done the fewest items today?',
      query: { op: 'rank', measure: 'done', by: 'site', rank: { order: 'bottom', n: 1 }, time: 'today' },
      figures: [`1. ${ROMAJI[leastDone.s]}: ${leastDone.done} items`],
    });
    const top3 = db
      .prepare(
        `SELECT o.operator_name AS name, o.location_name AS site, c.process_name AS process, c.average_speed AS v FROM operators o
         JOIN operator_process_capabilities c ON c.operator_id = o.operator_id WHERE o.is_valid = 1 ORDER BY c.average_speed DESC LIMIT 3`,
      )
      .all() as { name: string; site: string; process: string; v: number }[];
    lines.push({
      q: '処理が速いオペレーター上位3人は？',
      query: { op: 'rank', measure: 'operator_speed', by: 'operator', rank: { order: 'top', n: 3 } },
      // Each person by their fastest process (a person's speeds of different processes do not add up).
      figures: top3.map((t, i) => `${i + 1}. ${t.name}: ${Math.round(t.v * 10) / 10} 件/時`),
    });
    for (const [id, name] of [
      ['611040', '医療レセプト'],
      ['704518', '顧客アンケート'],
      ['523201', 'SS'],
    ] as const) {
      const left = sum(
        latest.filter((r) => r.business === id),
        (r) => r.left,
      );
      lines.push({
        q: `業務${id}はもう終わった？`,
        query: { op: 'check', measure: 'remaining', status: 'done', business: [id] },
        figures: left === 0 ? [`${name}は終わっています`] : [`${name}はまだ終わっていません（残件${left}件）`],
      });
    }
    const errors = db
      .prepare(`SELECT service, COUNT(*) AS n FROM app_logs WHERE level IN ('ERROR', 'FATAL', 'CRITICAL') AND ts >= ? AND ts < ? GROUP BY service`)
      .all(NOW - (15 * 60 + 40) * 60_000, NOW) as { service: string; n: number }[];
    for (const e of errors)
      lines.push({
        q: `${e.service} 今日エラー何行？`,
        query: { op: 'value', measure: 'error_lines', service: [e.service], time: 'today' },
        figures: [`${e.service}: ${e.n} 行`],
      });
    // Shapes the engines answer: the query is checked (their figures are checked in assistantCli.test.ts).
    lines.push({ q: '札幌のエントリ1に誰を回せばいい？', query: { op: 'propose', measure: 'slack', site: ['札幌'], process: ['エントリ1'] }, figures: [] });
    // 「〜してもいい？」: the stored rule that answers it, its first sentence as the knowledge table holds it.
    const rule = (heading: string): string =>
      (db.prepare('SELECT text FROM knowledge_chunks WHERE heading = ?').get(heading) as { text: string }).text.split('\n')[1]!.split('。')[0]!;
    for (const [q, query, heading] of <[string, AskQueryInput, string][]>[
      ['経験3か月の人を応援に出してもいい？', { op: 'knowhow', experience: 3 }, '新人の配置'],
      ['応援の人に検証の最終確認を任せてもいいですか？', { op: 'knowhow', process: ['検証'] }, '検証工程'],
      ['スキル2の人をエントリ1に入れてもいい？', { op: 'knowhow', process: ['エントリ1'], level: 2 }, 'エントリ工程の人選'],
      ['同じ人ばかり移動させてもいいんだっけ？', { op: 'knowhow' }, '公平性'],
      ['納期20分前で遅れそうなら何人動かすのが基本？', { op: 'knowhow' }, '納期直前の増員'],
    ])
      lines.push({ q, query, figures: [rule(heading)] });
    // A speed what-if: the items left in the newest snapshot, at the new speed, from the snapshot's time.
    const hm = (t: number): string =>
      new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
    for (const [site, business, perMinute] of [
      ['札幌', '523201', 7],
      ['大阪', '611040', 5],
    ] as const) {
      const s = db
        .prepare(
          `SELECT snapshot_time AS t, total_waiting AS n FROM progress_snapshots WHERE location_name = ? AND process_name = 'エントリ1' AND business_id = ?
           AND snapshot_time <= ? ORDER BY snapshot_time DESC LIMIT 1`,
        )
        .get(site, business, NOW) as { t: number; n: number };
      const finish = hm(Math.ceil((s.t + (s.n / perMinute) * 60_000) / 60_000) * 60_000);
      lines.push({
        q: `${site}のエントリ1が毎分${perMinute}件になったら納期に間に合う？`,
        query: { op: 'whatif', measure: 'slack', site: [site], process: ['エントリ1'], move: { speed: perMinute } },
        figures: [`毎分${perMinute.toFixed(1)}件になった場合（残り${s.n}件`, `→ ${finish}（納期`],
      });
      lines.push({
        q: `What if ${ROMAJI[site]} Entry 1 ran at ${perMinute} items per minute?`,
        query: { op: 'whatif', measure: 'slack', site: [site], process: ['エントリ1'], move: { speed: perMinute } },
        figures: [`ran at ${perMinute.toFixed(1)}/min (${s.n} items left`, `→ ${finish} (deadline`],
      });
    }
    lines.push({ q: '今日の札幌の処理速度の推移', query: { op: 'trend', measure: 'speed', site: ['札幌'], time: 'today', by: 'hour' }, figures: [] });
    // A change: the figure now against the same time of an earlier day, each from the snapshots of its own day.
    const DAY = 86_400_000;
    const figureAt = (site: string, t: number): { left: number; done: number; corr: number } => {
      const day = Date.parse(new Date(t + 9 * 3_600_000).toISOString().slice(0, 10) + 'T00:00:00+09:00');
      return db
        .prepare(
          `SELECT COALESCE(SUM(s.total_waiting), 0) AS left, COALESCE(SUM(s.entry_count), 0) AS done, COALESCE(SUM(s.correction_waiting), 0) AS corr
           FROM progress_snapshots s
           JOIN (SELECT location_name, process_name, business_id, MAX(snapshot_time) AS t FROM progress_snapshots
                 WHERE snapshot_time >= ? AND snapshot_time <= ? AND location_name = ? GROUP BY 1, 2, 3) l
             ON l.location_name = s.location_name AND l.process_name = s.process_name AND l.business_id = s.business_id AND l.t = s.snapshot_time`,
        )
        .get(day, t, site) as { left: number; done: number; corr: number };
    };
    for (const site of ['大阪', '札幌'] as const) {
      const [now, then] = [figureAt(site, NOW).left, figureAt(site, NOW - DAY).left];
      lines.push({
        q: `${site}の残件、昨日と比べてどう？`,
        query: { op: 'change', measure: 'remaining', site: [site], against: 'yesterday' },
        figures: [`今 ${now} 件（15:40時点）`, `10/22の同時刻 ${then} 件`],
      });
      lines.push({
        q: `Has ${ROMAJI[site]}'s backlog grown compared to yesterday?`,
        query: { op: 'change', measure: 'remaining', site: [site], against: 'yesterday' },
        figures: [`${now} items now (as of 15:40)`, `${then} items at the same time on 10/22`],
      });
    }
    lines.push({
      q: '札幌の補正待ち、昨日と比べてどう？',
      query: { op: 'change', measure: 'correction_waiting', site: ['札幌'], against: 'yesterday' },
      figures: [`今 ${figureAt('札幌', NOW).corr} 件（15:40時点）`, `10/22の同時刻 ${figureAt('札幌', NOW - DAY).corr} 件`],
    });
    // Speed over the 30 minutes before, series by series over the work still there (a stretch counts only when items were
    // left at its end: a finished series is not slow), against each series' median of the same weekday and time over four
    // weeks; summed over the series working now that have a usual.
    const speedsAt = (t: number): Map<string, number> =>
      new Map(
        (
          db
            .prepare(
              `WITH r AS (SELECT location_name || '|' || process_name || '|' || business_id AS k, snapshot_time AS t, entry_count AS done, total_waiting AS left,
                                 LAG(snapshot_time) OVER w AS pt, LAG(entry_count) OVER w AS pd
                          FROM progress_snapshots WHERE location_name = '大阪' AND snapshot_time BETWEEN ? AND ?
                          WINDOW w AS (PARTITION BY location_name, process_name, business_id ORDER BY snapshot_time))
               SELECT k, SUM(done - pd) * 60000.0 / SUM(t - pt) AS v FROM r WHERE pt IS NOT NULL AND left > 0 AND done >= pd AND t - pt <= 10800000 GROUP BY k`,
            )
            .all(t - 30 * 60_000, t) as { k: string; v: number }[]
        ).map((r) => [r.k, r.v]),
      );
    const speedNow = speedsAt(NOW);
    const past = [1, 2, 3, 4].map((w) => speedsAt(NOW - w * 7 * DAY));
    const usualOf = (k: string): number | null => {
      const vs = past
        .map((m) => m.get(k))
        .filter((v): v is number => v !== undefined)
        .sort((a, b) => a - b);
      const h = Math.floor(vs.length / 2);
      return vs.length === 0 ? null : vs.length % 2 ? vs[h]! : (vs[h - 1]! + vs[h]!) / 2;
    };
    const paired = [...speedNow.keys()].filter((k) => usualOf(k) !== null);
    const round1 = (x: number): number => Math.round(x * 10) / 10;
    lines.push({
      q: '大阪はいつもより遅い？',
      query: { op: 'change', measure: 'speed', site: ['大阪'], against: 'usual' },
      figures: [
        `今 ${round1(paired.reduce((n, k) => n + speedNow.get(k)!, 0))} 件/分（15:40時点）`,
        `同時刻の中央値 ${round1(paired.reduce((n, k) => n + usualOf(k)!, 0))} 件/分`,
      ],
    });
    const errorsBy = (t: number): number =>
      (
        db
          .prepare(`SELECT COUNT(*) AS n FROM app_logs WHERE level IN ('ERROR', 'FATAL', 'CRITICAL') AND ts >= ? AND ts < ?`)
          .get(t - (15 * 60 + 40) * 60_000, t) as { n: number }
      ).n;
    lines.push({
      q: 'エラー行数、昨日より増えてる？',
      query: { op: 'change', measure: 'error_lines', against: 'yesterday' },
      figures: [`今 ${errorsBy(NOW)} 行（15:40時点）`, `10/22の同時刻 ${errorsBy(NOW - DAY)} 行`],
    });
    lines.push({
      q: '盛岡から3人札幌のエントリ1に回したら間に合う？',
      query: { op: 'whatif', measure: 'slack', site: ['札幌'], process: ['エントリ1'], move: { count: 3, from: '盛岡', to: '札幌', process: 'エントリ1' } },
      figures: [],
    });
    // Attendance from the records (issue 28): each site's rostered and off counts today, and tomorrow's roster.
    const roster = (date: string) =>
      db
        .prepare(
          `SELECT o.location_name AS site, COUNT(*) AS n, SUM(a.attendance_status IN ('present', 'late')) AS working,
             SUM(a.attendance_status = 'absent') AS absent, SUM(a.attendance_status = 'paid_leave') AS leave,
             SUM(a.attendance_status = 'scheduled') AS scheduled
           FROM attendance_records a JOIN operators o USING (operator_id) WHERE a.attendance_date = ? AND o.is_valid = 1 GROUP BY 1`,
        )
        .all(date) as { site: string; n: number; working: number; absent: number; leave: number; scheduled: number }[];
    lines.push({
      q: '勤怠の状況は？',
      query: { op: 'value', measure: 'attendance' },
      figures: roster('2025-10-23').map((r) => `${r.site}: ${r.n}名中 出勤${r.working}名`),
    });
    const total = latest.length;
    lines.push({ q: '全体どんな感じ？', query: { op: 'status' }, figures: [`${total}系列のうち遅延1`, '札幌 · エントリ1 · SS: 120 件'] });
    lines.push({ q: "How's it going overall?", query: { op: 'status' }, figures: [`of ${total} series, 1 late`] });
    lines.push({
      q: '明日の出勤予定は？',
      query: { op: 'value', measure: 'attendance', time: 'tomorrow' },
      figures: roster('2025-10-24').map((r) => `${r.site}: ${r.n}名中 出勤予定${r.scheduled}名、有給（事前申請）${r.leave}名`),
    });
    // This week's working days before today (Mon 10/20 – Wed 10/22): minutes past the planned end at 大阪.
    const overtime = db
      .prepare(
        `SELECT CAST(ROUND(SUM(a.actual_end - a.planned_end) / 60000.0) AS INTEGER) AS m, COUNT(DISTINCT a.operator_id) AS p
         FROM attendance_records a JOIN operators o USING (operator_id)
         WHERE o.location_name = '大阪' AND a.attendance_date BETWEEN '2025-10-20' AND '2025-10-22' AND a.actual_end > a.planned_end`,
      )
      .get() as { m: number | null; p: number };
    lines.push({
      q: 'How much overtime did Osaka do this week?',
      query: { op: 'value', measure: 'overtime', site: ['大阪'], time: 'this_week' },
      figures: overtime.m
        ? [`大阪: ${overtime.m} min (${(overtime.m / 60).toFixed(1)} h), ${overtime.p} ${overtime.p === 1 ? 'person' : 'people'}`]
        : ['No overtime'],
    });
    lines.push({
      q: 'なんで札幌のエントリ1は遅れてるの？',
      query: { op: 'why', measure: 'slack', site: ['札幌'], process: ['エントリ1'] },
      figures: ['残件120件', '納期に4分遅れる見込み', '原因', 'ocr-worker', '556行'],
    });
    lines.push({
      q: '札幌のエントリ1が遅れてるけど、どうしたらいい？',
      query: { op: 'advise', measure: 'slack', site: ['札幌'], process: ['エントリ1'] },
      figures: ['原因', '対応', 'ocr-worker'],
    });
    lines.push({ q: '遅れている拠点はどこ？', query: { op: 'list', measure: 'slack', status: 'late', by: 'site' }, figures: ['札幌: 4分遅れ'] });
    writeFileSync(join(dir.path, 'figures.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  it('states every figure, and reads every query as labelled', () => {
    expect(lines.length).toBeGreaterThanOrEqual(60);
    const r = runGenba(['eval', 'ask', join(dir.path, 'figures.jsonl'), '--json', '--data-dir', dir.path, '--now', ANCHOR]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as {
      all: { exact: number; misses: { q: string; wrong: unknown[] }[] };
      figures: { lines: number; allStated: number; misses: { q: string; missing: string[]; answer: string }[] };
    };
    expect(report.figures.misses).toEqual([]);
    expect(report.figures.allStated).toBe(lines.filter((l) => l.figures.length > 0).length);
    expect(report.all.misses).toEqual([]);
  });
});
