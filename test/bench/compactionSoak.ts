import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type mysql from 'mysql2/promise';
import { openStore } from '../../main/store/openStore.js';
import { Outbox } from '../../main/store/approvalOutbox.js';
import { startMariaDb, type MariaDb } from '../helpers/mariadb.js';
import { tempDir } from '../helpers/tempDir.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const letters = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

interface Folder {
  name: string;
  maria: MariaDb;
  dir: ReturnType<typeof tempDir>;
  /** Decisions recorded in this folder's outbox during the soak. */
  decided: string[];
  runs: { sync: number; compact: number; killed: number; ok: number; failed: number };
}

/**
 * The soak of issue 25: what compaction, template refinement, kill -9s and new message
 * shapes do to the counts, for row-level and MySQL-grouped log sync side by side (each on
 * its own MariaDB, so the row-level one can also receive lines with old times). Writers
 * commit out of id order, mix pairs of events that differ in one word (the miner splits
 * them: refinement) with a trickle of never-seen message shapes, and the row-level source
 * also gets lines back-dated by two days (older than keepRawDays = 1, so compaction deletes
 * them next; their ids sit between new ones). After every `genba sync --once` (killed at
 * random) comes `genba compact` (killed at random too), and decisions are recorded in the
 * outbox meanwhile. At the end every minute's count equals the source's and every decision
 * is in approval_history once. Prints what happened; never fails on speed.
 */
export async function compactionSoak(seconds: number, record: (name: string, value: string) => void): Promise<void> {
  const folders: Folder[] = [];
  let stop = false;
  let secondHalf = false;
  try {
    for (const [name, logs] of [
      ['row-level', { kind: 'companyDatabase', keepRawDays: 1 }],
      ['MySQL-grouped', { kind: 'companyDatabase', aggregate: true, keepRawDays: 1 }],
    ] as const) {
      const maria = await startMariaDb();
      const admin = await maria.admin();
      await admin.query('CREATE INDEX app_logs_by_ts ON app_logs (ts)');
      await admin.end();
      const dir = tempDir('genba-bench-compaction-soak-');
      writeFileSync(
        join(dir.path, 'config.json'),
        JSON.stringify({ timeZone: 'UTC', source: { kind: 'mysql', host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba' }, logs }),
      );
      folders.push({ name, maria, dir, decided: [], runs: { sync: 0, compact: 0, killed: 0, ok: 0, failed: 0 } });
    }

    const w = { commits: 0, rollbacks: 0, lines: 0, backdated: 0, newShapes: 0 };
    const writer = async (f: Folder, n: number): Promise<void> => {
      const c: mysql.Connection = await f.maria.admin();
      await c.query("SET time_zone = '+00:00'");
      try {
        while (!stop) {
          await c.query('START TRANSACTION');
          const count = 1 + Math.floor(Math.random() * 20);
          for (let i = 0; i < count; i++) {
            const r = Math.random();
            // A pair of events that differ in one word (refinement splits it), or a shape never seen before.
            // An event whose second variant appears only halfway: its first lines are compacted
            // by then, so the split finds history it cannot divide (row-level, back-dated).
            const nightly = f.name === 'row-level' && r >= 0.05 && r < 0.08;
            const message =
              r < 0.05
                ? `cache ${letters(6)} evicted after ${Math.floor(Math.random() * 900)} ms`
                : nightly
                  ? `nightly export ${secondHalf ? pick(['started', 'finished']) : 'started'} for ledger`
                  : `order ${Math.floor(Math.random() * 1e6)} ${pick(['shipped', 'packed'])} by worker ${n}`;
            if (r < 0.05) w.newShapes++;
            const backdated = nightly || (f.name === 'row-level' && Math.random() < 0.1);
            if (backdated) w.backdated++;
            await c.query(
              `INSERT INTO app_logs (ts, service, host, level, message, trace_id) VALUES (${backdated ? 'NOW(3) - INTERVAL 2 DAY' : 'NOW(3)'}, ?, ?, ?, ?, NULL)`,
              [`svc-${n}`, `host-${n}`, Math.random() < 0.1 ? 'ERROR' : 'INFO', message],
            );
          }
          await sleep(Math.random() * 1500); // held open: later transactions commit first
          if (Math.random() < 0.05) {
            await c.query('ROLLBACK');
            w.rollbacks++;
            continue;
          }
          await c.query('COMMIT');
          w.commits++;
          w.lines += count;
        }
      } finally {
        await c.end();
      }
    };

    const env = { ...process.env, GENBA_DATA_DIR: '', GENBA_MYSQL_PASSWORD: 'genba-pw' };
    const genba = (f: Folder, args: string[], killAfterMs: number | null): Promise<number | null> =>
      new Promise((ok) => {
        const child = spawn(process.execPath, [resolve('bin/genba.mjs'), ...args, '--data-dir', f.dir.path], { env, stdio: 'ignore' });
        const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        child.on('exit', (code, signal) => {
          if (timer) clearTimeout(timer);
          if (signal === 'SIGKILL') f.runs.killed++;
          else if (code === 0) f.runs.ok++;
          else f.runs.failed++;
          ok(code);
        });
      });
    const sync = (f: Folder, kill: boolean): Promise<number | null> => {
      f.runs.sync++;
      return genba(f, ['sync', '--once'], kill ? 50 + Math.random() * 1500 : null);
    };
    const compact = (f: Folder, kill: boolean): Promise<number | null> => {
      f.runs.compact++;
      return genba(f, ['compact'], kill ? 20 + Math.random() * 400 : null);
    };
    // The manager's decisions, written to the outbox as the app writes them; a sync delivers them.
    const decide = (f: Folder): void => {
      const db = openStore(join(f.dir.path, 'genba.sqlite'));
      try {
        const id = `SOAK-${f.name.slice(0, 3)}-${f.decided.length + 1}`;
        const changes = JSON.stringify([{ operator_id: 1, from: '札幌', to: '横浜', process: 'エントリ1' }]);
        new Outbox(db).record(
          {
            suggestion_id: id,
            changes,
            impact: '{}',
            action_type: pick(['approved', 'rejected'] as const),
            action_user: 'soak',
            feedback_reason: null,
            decided_at: Date.now(),
          },
          Date.now(),
        );
        f.decided.push(id);
      } finally {
        db.close();
      }
    };

    for (const f of folders) await sync(f, false);
    const started = performance.now();
    const writers = folders.flatMap((f) => [1, 2, 3].map((n) => writer(f, n)));
    while (performance.now() - started < seconds * 1000) {
      secondHalf = performance.now() - started > (seconds * 1000) / 2;
      for (const f of folders) {
        await sync(f, Math.random() < 0.4);
        await compact(f, Math.random() < 0.2);
        if (Math.random() < 0.5) decide(f);
      }
      await sleep(500 + Math.random() * 1500);
    }
    stop = true;
    await Promise.all(writers);
    // Lines written in the last minute are not whole minutes yet for the grouped sync: wait for the minute to close.
    await sleep(61_000 - (Date.now() % 60_000) + 1000);
    for (const f of folders) {
      await sync(f, false);
      await compact(f, false);
      await sync(f, false);
    }

    record('compaction soak: duration, writers', `${seconds} s, 3 concurrent writers per source, keepRawDays 1, compaction after every sync`);
    record(
      'compaction soak: transactions committed / rolled back',
      `${w.commits.toLocaleString()} / ${w.rollbacks} (${w.lines.toLocaleString()} lines; ${w.backdated.toLocaleString()} back-dated 2 days; ${w.newShapes.toLocaleString()} of never-seen shapes)`,
    );
    for (const f of folders) {
      const r = f.runs;
      record(`compaction soak, ${f.name}: runs (sync / compact; ok / killed / failed)`, `${r.sync} / ${r.compact}; ${r.ok} / ${r.killed} / ${r.failed}`);
      const c = await f.maria.admin();
      await c.query("SET time_zone = '+00:00'");
      const db = new Database(join(f.dir.path, 'genba.sqlite'), { readonly: true });
      try {
        const [rows] = (await c.query(
          `SELECT UNIX_TIMESTAMP(DATE_FORMAT(ts, '%Y-%m-%d %H:%i:00')) * 1000 AS m, COUNT(*) AS n FROM app_logs GROUP BY 1`,
        )) as unknown as [{ m: number; n: number }[]];
        const source = new Map(rows.map((x) => [Number(x.m), Number(x.n)]));
        const local = new Map(
          (db.prepare('SELECT minute, SUM(count) AS n FROM log_template_minutes GROUP BY minute').all() as { minute: number; n: number }[]).map((x) => [
            x.minute,
            x.n,
          ]),
        );
        let unequal = 0;
        let sourceLines = 0;
        let localLines = 0;
        for (const m of new Set([...source.keys(), ...local.keys()])) {
          sourceLines += source.get(m) ?? 0;
          localLines += local.get(m) ?? 0;
          if ((source.get(m) ?? 0) !== (local.get(m) ?? 0)) unequal++;
        }
        record(
          `compaction soak, ${f.name}: minutes whose count equals the source's`,
          `${source.size - (unequal > 0 ? unequal : 0)} of ${source.size}${unequal > 0 ? `, ${unequal} NOT EQUAL` : ''} (lines: ${sourceLines.toLocaleString()} in MariaDB, ${localLines.toLocaleString()} here)`,
        );
        const one = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
        record(
          `compaction soak, ${f.name}: templates (retired by a split) / rows kept / compacted id runs`,
          `${one('SELECT COUNT(*) AS n FROM log_templates')} (${one('SELECT COUNT(*) AS n FROM log_templates WHERE retired_at IS NOT NULL')}) / ${one('SELECT COUNT(*) AS n FROM app_logs').toLocaleString()} / ${one('SELECT COUNT(*) AS n FROM compacted_ids')}`,
        );
        const [history] = (await c.query(
          "SELECT suggestion_id AS id, COUNT(*) AS n FROM approval_history WHERE suggestion_id LIKE 'SOAK-%' GROUP BY 1",
        )) as unknown as [{ id: string; n: number }[]];
        const delivered = new Map(history.map((h) => [h.id, Number(h.n)]));
        const once = f.decided.filter((id) => delivered.get(id) === 1).length;
        record(
          `compaction soak, ${f.name}: decisions in approval_history exactly once`,
          `${once} of ${f.decided.length}${delivered.size !== f.decided.length ? ` (${delivered.size} rows in approval_history)` : ''}`,
        );
      } finally {
        db.close();
        await c.end();
      }
    }
  } finally {
    stop = true;
    for (const f of folders) {
      f.dir.remove();
      await f.maria.destroy();
    }
  }
}
