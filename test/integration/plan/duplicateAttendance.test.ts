import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../main/api/assistantTypes.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { GenbaError } from '../../../main/errors.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const TODAY = '2025-10-23';
const TOMORROW = '2025-10-24';

interface Counts {
  site: string;
  rostered: number;
  present: number;
  late: number;
  absent: number;
  paidLeave: number;
}

/**
 * Issue 38, defect 6: a company table without its unique key (operator, day) holds several rows for one person's day, and
 * every one of them arrives (each has its own attendance_id). One person counts once per day, by one rule: the latest
 * recorded change wins; at equal times not working beats working; then the highest id. The expectations below are the
 * rule written again as a window function over the raw rows, not through the store's view.
 */
describe('duplicate attendance rows: one person, one day, one status', () => {
  const dir = tempDir();
  let maria: MariaDb;
  let app: GenbaApp;
  let db: Database.Database;
  const picked: { leaveSameTime: number; leaveLater: number; leaveWithdrawn: number; absentToday: number } = {
    leaveSameTime: 0,
    leaveLater: 0,
    leaveWithdrawn: 0,
    absentToday: 0,
  };

  /** The status that counts for each valid person on a date, by the stated rule (independent SQL on the raw rows). */
  const statusOn = (date: string): Map<number, { site: string; status: string }> => {
    const rows = db
      .prepare(
        `SELECT r.operator_id AS id, o.location_name AS site, r.attendance_status AS status FROM (
           SELECT a.*, ROW_NUMBER() OVER (PARTITION BY a.operator_id ORDER BY a.updated_at DESC,
             CASE WHEN a.attendance_status IN ('absent', 'paid_leave') THEN 0 ELSE 1 END, a.attendance_id DESC) AS n
           FROM attendance_records a WHERE a.attendance_date = ?) r
         JOIN operators o ON o.operator_id = r.operator_id WHERE r.n = 1 AND o.is_valid = 1`,
      )
      .all(date) as { id: number; site: string; status: string }[];
    return new Map(rows.map((r) => [r.id, { site: r.site, status: r.status }]));
  };
  const countsOn = (date: string): Counts[] => {
    const out = new Map<string, Counts>();
    for (const { site, status } of statusOn(date).values()) {
      const c = out.get(site) ?? { site, rostered: 0, present: 0, late: 0, absent: 0, paidLeave: 0 };
      c.rostered++;
      if (status === 'present') c.present++;
      if (status === 'late') c.late++;
      if (status === 'absent') c.absent++;
      if (status === 'paid_leave') c.paidLeave++;
      out.set(site, c);
    }
    return [...out.values()].sort((a, b) => a.site.localeCompare(b.site));
  };
  const ask = (q: string): Promise<AskResult> => app.assistant.ask(q);

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 500, planning: true });
    // The company's table lost its unique key: every October row is there twice, identical but for its id.
    await conn.query('ALTER TABLE attendance_records DROP INDEX attendance_day');
    await conn.query(
      `INSERT INTO attendance_records (operator_id, attendance_date, attendance_status, planned_start, planned_end, actual_start, actual_end, updated_at)
       SELECT operator_id, attendance_date, attendance_status, planned_start, planned_end, actual_start, actual_end, updated_at
       FROM attendance_records WHERE attendance_date >= '2025-10-01' ORDER BY attendance_id`,
    );
    const pick = async (date: string, status: string, offset: number): Promise<number> => {
      const [rows] = (await conn.query(
        `SELECT a.operator_id AS id FROM attendance_records a JOIN operators o ON o.operator_id = a.operator_id
         WHERE a.attendance_date = ? AND a.attendance_status = ? AND o.is_valid = 1 GROUP BY a.operator_id ORDER BY a.operator_id LIMIT 1 OFFSET ?`,
        [date, status, offset],
      )) as unknown as [{ id: number }[]];
      return rows[0]!.id;
    };
    const addRow = async (id: number, date: string, status: string, later: string): Promise<void> => {
      await conn.query(
        `INSERT INTO attendance_records (operator_id, attendance_date, attendance_status, planned_start, planned_end, actual_start, actual_end, updated_at)
         SELECT operator_id, attendance_date, ?, planned_start, planned_end, actual_start, actual_end, updated_at + INTERVAL ${later}
         FROM attendance_records WHERE operator_id = ? AND attendance_date = ? ORDER BY attendance_id LIMIT 1`,
        [status, id, date],
      );
    };
    // Four different people, picked before any of their rows is added.
    picked.leaveSameTime = await pick(TOMORROW, 'scheduled', 0);
    picked.leaveLater = await pick(TOMORROW, 'scheduled', 5);
    picked.leaveWithdrawn = await pick(TOMORROW, 'paid_leave', 0);
    picked.absentToday = await pick(TODAY, 'present', 3);
    // Scheduled and on leave, recorded at the same moment: a leave is never planned over.
    await addRow(picked.leaveSameTime, TOMORROW, 'paid_leave', '0 SECOND');
    // Scheduled, then a leave asked for later: the leave.
    await addRow(picked.leaveLater, TOMORROW, 'paid_leave', '1 MINUTE');
    // On leave, then scheduled again later (the leave withdrawn): at work.
    await addRow(picked.leaveWithdrawn, TOMORROW, 'scheduled', '1 MINUTE');
    // Present and absent at the same moment today: absent.
    await addRow(picked.absentToday, TODAY, 'absent', '0 SECOND');
    await conn.end();

    app = createApp({ dataDir: dir.path, now: Date.parse(ANCHOR), secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }), syncRunner: 'inline' });
    app.saveSource({ host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba', tls: false }, { sync: false });
    await app.start();
    await app.syncNow();
    await app.assistant.prepare();
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  }, 300_000);

  afterAll(async () => {
    db?.close();
    await app?.stop();
    await maria?.destroy();
    dir.remove();
  });

  it('every duplicate arrived in the store, so the readers see them', () => {
    const raw = db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT operator_id) AS people FROM attendance_records WHERE attendance_date = ?').get(TOMORROW) as {
      n: number;
      people: number;
    };
    expect(raw.n).toBeGreaterThanOrEqual(2 * raw.people);
    expect(new Set(Object.values(picked)).size).toBe(4);
    expect(statusOn(TOMORROW).get(picked.leaveSameTime)?.status).toBe('paid_leave');
    expect(statusOn(TOMORROW).get(picked.leaveLater)?.status).toBe('paid_leave');
    expect(statusOn(TOMORROW).get(picked.leaveWithdrawn)?.status).toBe('scheduled');
    expect(statusOn(TODAY).get(picked.absentToday)?.status).toBe('absent');
  });

  it("tomorrow's plan: one line per person per half-day, nobody on leave planned, the roster counted once per person", async () => {
    const plan = await app.planning.plan();
    expect(plan.date).toBe(TOMORROW);
    const lines = plan.solution.assignments;
    const keys = lines.map((l) => `${l.operatorId}/${l.block}`);
    expect(keys.length - new Set(keys).size).toBe(0);
    const status = statusOn(TOMORROW);
    const planned = new Set(lines.map((l) => l.operatorId));
    for (const id of planned) expect(['absent', 'paid_leave'], String(id)).not.toContain(status.get(id)?.status);
    expect(planned.has(picked.leaveSameTime)).toBe(false);
    expect(planned.has(picked.leaveLater)).toBe(false);
    const off = [...status.values()].filter((s) => s.status === 'absent' || s.status === 'paid_leave');
    expect(plan.rostered).toBe(status.size);
    expect(plan.onLeave).toBe(off.length);
  }, 180_000);

  it('an edit that puts the person on leave back on a line is refused, whichever of their rows comes first', async () => {
    const plan = await app.planning.plan();
    const status = statusOn(TOMORROW);
    const site = status.get(picked.leaveSameTime)!.site;
    const work = plan.solution.demands.find((d) => d.site === site)!;
    const refused = await app.planning
      .decide(plan.planId, {
        action: 'modified',
        reason: '休みの人を戻す',
        edits: [{ operatorId: picked.leaveSameTime, block: 'am', site, businessId: work.businessId, process: work.process }],
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(GenbaError);
    expect((refused as GenbaError).code).toBe('PLAN_EDIT_ON_LEAVE');
  }, 180_000);

  it("today's and tomorrow's attendance in the chat count each person once", async () => {
    const today = await ask('今日の出勤状況は？');
    expect(today.query).toMatchObject({ read: { measure: 'attendance' }, answeredBy: 'planner' });
    const rows = (r: AskResult): Counts[] =>
      r
        .table!.rows.map((x) => ({
          site: x[0] as string,
          rostered: x[1] as number,
          present: x[2] as number,
          late: x[3] as number,
          absent: x[4] as number,
          paidLeave: x[5] as number,
        }))
        .sort((a, b) => a.site.localeCompare(b.site));
    expect(rows(today)).toEqual(countsOn(TODAY));
    const tomorrow = await ask('明日の出勤予定は？');
    expect(rows(tomorrow)).toEqual(countsOn(TOMORROW));
  }, 60_000);

  it("this week's absence per site and for the company counts each person-day once", async () => {
    const r = await ask('今週の欠勤率は？');
    expect(r.query).toMatchObject({ read: { measure: 'absence' }, answeredBy: 'planner' });
    const days = ['2025-10-20', '2025-10-21', '2025-10-22', TODAY].map(countsOn);
    const bySite = new Map<string, { rostered: number; absent: number; paidLeave: number }>();
    for (const c of days.flat()) {
      const s = bySite.get(c.site) ?? { rostered: 0, absent: 0, paidLeave: 0 };
      bySite.set(c.site, { rostered: s.rostered + c.rostered, absent: s.absent + c.absent, paidLeave: s.paidLeave + c.paidLeave });
    }
    const shown = r.table!.rows.map((x) => [x[0], x[1], x[2], x[3]]);
    expect(shown.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(
      [...bySite.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([site, s]) => [site, s.rostered, s.absent, s.paidLeave]),
    );
    // The company's line, in the text: the same records together.
    const all = [...bySite.values()].reduce((t, s) => ({
      rostered: t.rostered + s.rostered,
      absent: t.absent + s.absent,
      paidLeave: t.paidLeave + s.paidLeave,
    }));
    const line = r.answer.split('\n').find((l) => l.startsWith('- 全拠点:'));
    expect(line).toContain(
      `欠勤 ${all.absent.toLocaleString('ja-JP')}人日・有給 ${all.paidLeave.toLocaleString('ja-JP')}人日（延べ ${all.rostered.toLocaleString('ja-JP')}人日、出勤率 ${(((all.rostered - all.absent - all.paidLeave) / all.rostered) * 100).toFixed(1)}%）`,
    );
  }, 60_000);
});
