import { statSync } from 'node:fs';
import { join } from 'node:path';
import { mineStoredLogs } from '../../main/logs/mineStoredLogs.js';
import { runLogGroupSync } from '../../main/sync/logGroupSync.js';
import { createMySqlLogGroupSource } from '../../main/sync/mysqlLogGroupSource.js';
import { openStore } from '../../main/store/openStore.js';
import { createMySqlSource, type MySqlSourceOptions } from '../../main/sync/mysqlSource.js';
import { runSync } from '../../main/sync/syncEngine.js';
import { tableSpecs } from '../../main/sync/tableSpecs.js';
import { logSourceOptions, startMariaDb } from '../helpers/mariadb.js';
import { tempDir } from '../helpers/tempDir.js';

/** Pulls `rows` synthetic log rows from a real MariaDB into a fresh SQLite store. */
export async function syncThroughput(rows: number, record: (name: string, value: string) => void): Promise<void> {
  const maria = await startMariaDb();
  const dir = tempDir('genba-bench-sync-');
  try {
    const conn = await maria.admin();
    const t0 = performance.now();
    // MariaDB's sequence engine fills the table server-side in seconds.
    await conn.query(`INSERT INTO app_logs (ts, service, host, level, message, trace_id)
      SELECT '2025-10-01 00:00:00' + INTERVAL seq SECOND,
             ELT(1 + seq % 6, 'entry-api', 'ocr-worker', 'db-proxy', 'auth', 'sync-agent', 'batch-scheduler'),
             CONCAT('host-', LPAD(seq % 12, 2, '0')),
             ELT(1 + (seq % 50 = 0) + (seq % 200 = 0), 'INFO', 'WARN', 'ERROR'),
             CONCAT('POST /api/v1/batches/B523201-', seq % 99991, '/items 201 ', seq % 997, 'ms user=op', LPAD(seq % 316, 4, '0')),
             SUBSTR(MD5(seq), 1, 16)
        FROM seq_1_to_${rows}`);
    await conn.end();
    record('MariaDB fill (server-side)', `${rows.toLocaleString()} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const db = openStore(join(dir.path, 'bench.sqlite'));
    const options: MySqlSourceOptions = { ...logSourceOptions(maria, 'Asia/Tokyo'), connectTimeoutMs: 10_000, queryTimeoutMs: 120_000 };
    const source = createMySqlSource(options);
    const specs = tableSpecs().filter((s) => s.table === 'app_logs');
    const started = performance.now();
    const report = await runSync({ db, source, specs, batchSize: 5000, now: Date.now });
    const seconds = (performance.now() - started) / 1000;
    record(
      'sync MariaDB → SQLite, app_logs, 5,000-row batches',
      `${report.rows.toLocaleString()} rows in ${seconds.toFixed(1)} s = ${Math.round(report.rows / seconds).toLocaleString()} rows/s`,
    );

    const inc = performance.now();
    const again = await runSync({ db, source, specs, batchSize: 5000, now: Date.now });
    record('incremental sync with nothing new', `${again.rows} rows in ${(performance.now() - inc).toFixed(0)} ms`);
    const mined = mineStoredLogs(db);
    record('  then mining every line', `${(mined.ms / 1000).toFixed(1)} s, ${mined.templates} templates`);
    await source.close();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    record('  row-level store', `${(statSync(join(dir.path, 'bench.sqlite')).size / 1048576).toFixed(1)} MB`);

    // The same table grouped by MariaDB (logs.aggregate): per minute and message shape, over an index on ts.
    const admin = await maria.admin();
    await admin.query('CREATE INDEX app_logs_by_ts ON app_logs (ts)');
    await admin.end();
    const groupedPath = join(dir.path, 'grouped.sqlite');
    const gdb = openStore(groupedPath);
    const groups = createMySqlLogGroupSource(options, specs[0]!);
    // The clock just after the last line, so every day is within keepAggregateDays and the last 7 are kept as rows.
    const span = await groups.span();
    const report2 = await runLogGroupSync({
      db: gdb,
      source: groups,
      now: () => span.last! + 60_000,
      lookbackMs: 15 * 60_000,
      keepRawDays: 7,
      keepAggregateDays: 90,
      timeZone: 'Asia/Tokyo',
    });
    await groups.close();
    gdb.pragma('wal_checkpoint(TRUNCATE)');
    gdb.close();
    record(
      'sync MariaDB → SQLite, grouped by MariaDB (logs.aggregate)',
      `${report2.lines.toLocaleString()} lines as ${report2.groups.toLocaleString()} groups, mined, in ${(report2.ms / 1000).toFixed(1)} s; store ${(statSync(groupedPath).size / 1048576).toFixed(1)} MB`,
    );
  } finally {
    dir.remove();
    await maria.destroy();
  }
}
