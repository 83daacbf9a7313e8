import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type mysql from 'mysql2/promise';
import { COMPANY_TABLES } from '../../main/store/companyRows.js';
import { mysqlChecksum, seedCompany, sqliteChecksum } from '../helpers/companyDb.js';
import { derivedCounts } from '../helpers/logCounts.js';
import { startMariaDb } from '../helpers/mariadb.js';
import { tempDir } from '../helpers/tempDir.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The data-safety soak: writers insert into MariaDB in concurrent transactions that commit
 * out of id order (and sometimes roll back), while `genba sync --once` runs every few
 * seconds and is killed at random. At the end every table must equal the source and the
 * template counts must add up to the log rows. Prints what happened; never fails on speed.
 */
export async function syncSoak(seconds: number, record: (name: string, value: string) => void): Promise<void> {
  const maria = await startMariaDb();
  const dir = tempDir('genba-bench-soak-');
  const env = { ...process.env, GENBA_DATA_DIR: '', GENBA_MYSQL_PASSWORD: 'genba-pw' };
  const url = `mysql://genba@127.0.0.1:${maria.port}/${maria.database}`;
  try {
    const seed = await maria.admin();
    await seedCompany(seed, { logs: 5000 });
    await seed.end();

    let stop = false;
    let maxCommitted = 0;
    const w = { commits: 0, rollbacks: 0, lateCommits: 0, rows: 0, masterUpdates: 0 };
    const writer = async (n: number): Promise<void> => {
      const c: mysql.Connection = await maria.admin();
      try {
        while (!stop) {
          await c.query('START TRANSACTION');
          const ids: number[] = [];
          const count = 1 + Math.floor(Math.random() * 20);
          for (let i = 0; i < count; i++) {
            const [r] = await c.query(`INSERT INTO app_logs (ts, service, host, level, message, trace_id) VALUES (NOW(3), ?, ?, ?, ?, NULL)`, [
              `svc-${n}`,
              `host-${n}`,
              Math.random() < 0.1 ? 'ERROR' : 'INFO',
              `order ${Math.floor(Math.random() * 1e6)} ${Math.random() < 0.5 ? 'shipped' : 'packed'} by worker ${n}`,
            ]);
            ids.push((r as { insertId: number }).insertId);
          }
          if (Math.random() < 0.2) {
            await c.query(
              `INSERT INTO progress_snapshots (snapshot_time, location_name, business_id, process_name, expected_completion_time, total_waiting, entry_count, correction_waiting)
              VALUES (NOW(), '札幌', '523201', 'エントリ1', NOW() + INTERVAL 1 HOUR, ?, ?, 0)`,
              [Math.floor(Math.random() * 200), Math.floor(Math.random() * 900)],
            );
          }
          if (Math.random() < 0.1) {
            await c.query('UPDATE operators SET is_valid = 1 - is_valid, updated_at = NOW(3) - INTERVAL ? SECOND WHERE operator_id = ?', [
              Math.floor(Math.random() * 600),
              1 + Math.floor(Math.random() * 300),
            ]);
            w.masterUpdates++;
          }
          await sleep(Math.random() * 1500); // held open: later transactions commit first
          if (Math.random() < 0.05) {
            await c.query('ROLLBACK');
            w.rollbacks++;
            continue;
          }
          await c.query('COMMIT');
          w.commits++;
          w.rows += ids.length;
          if (Math.min(...ids) < maxCommitted) w.lateCommits++;
          maxCommitted = Math.max(maxCommitted, ...ids);
        }
      } finally {
        await c.end();
      }
    };

    const s = { runs: 0, killed: 0, ok: 0, failed: 0 };
    const syncOnce = (killAfterMs: number | null): Promise<number | null> =>
      new Promise((ok) => {
        const child = spawn(process.execPath, [resolve('bin/genba.mjs'), 'sync', '--source', url, '--once', '--data-dir', dir.path], { env, stdio: 'ignore' });
        const timer =
          killAfterMs === null
            ? null
            : setTimeout(() => {
                child.kill('SIGKILL');
              }, killAfterMs);
        child.on('exit', (code, signal) => {
          if (timer) clearTimeout(timer);
          if (signal === 'SIGKILL') s.killed++;
          else if (code === 0) s.ok++;
          else s.failed++;
          ok(code);
        });
      });
    const started = performance.now();
    const writers = [1, 2, 3, 4].map(writer);
    while (performance.now() - started < seconds * 1000) {
      s.runs++;
      await syncOnce(Math.random() < 0.5 ? 50 + Math.random() * 550 : null);
      await sleep(1000 + Math.random() * 3000);
    }
    stop = true;
    await Promise.all(writers);
    await syncOnce(null);
    const final = await syncOnce(null);

    record('soak: duration, writers', `${seconds} s, 4 concurrent writers`);
    record(
      'soak: transactions committed / rolled back',
      `${w.commits.toLocaleString()} / ${w.rollbacks} (${w.rows.toLocaleString()} log rows, ${w.masterUpdates} master updates with back-dated change times)`,
    );
    record('soak: commits that became visible after a higher id', `${w.lateCommits.toLocaleString()}`);
    record('soak: genba sync runs (ok / killed / failed)', `${s.runs + 2} (${s.ok} / ${s.killed} / ${s.failed}), final run exit ${final}`);

    const conn = await maria.admin();
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const unequal: string[] = [];
    for (const table of COMPANY_TABLES) {
      const [a, b] = [sqliteChecksum(db, table), await mysqlChecksum(conn, table)];
      if (a.sha !== b.sha || a.rows !== b.rows) unequal.push(`${table} (${a.rows} here, ${b.rows} in MariaDB)`);
    }
    db.close();
    await conn.end();
    record('soak: tables equal to the source', unequal.length === 0 ? `all ${COMPANY_TABLES.length}` : `NOT EQUAL: ${unequal.join(', ')}`);
    const c = derivedCounts(dir.path);
    record(
      'soak: log rows / template counts / per-minute counts',
      `${c.lines.toLocaleString()} / ${c.templateSum.toLocaleString()} / ${c.minuteSum.toLocaleString()} (${c.unmined} unmined)`,
    );
  } finally {
    dir.remove();
    await maria.destroy();
  }
}
