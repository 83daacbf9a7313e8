import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/migration.js';
import { createLogFileSource } from '../../../main/sync/logFileSource.js';
import { parseLogLine } from '../../../main/logs/logLine.js';
import { runSync } from '../../../main/sync/syncEngine.js';
import { tableSpecs } from '../../../main/sync/tableSpecs.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');

describe('log files as a source', () => {
  let dir: { path: string; remove: () => void };
  let db: Database.Database;
  let file: string;
  const sync = (batchSize = 1000) =>
    runSync({
      db,
      batchSize,
      now: () => NOW,
      specs: tableSpecs().filter((s) => s.table === 'app_logs'),
      source: createLogFileSource({ paths: [file], service: 'ocr-worker', timeZone: 'Asia/Tokyo', now: () => NOW }),
    });
  const messages = (): string[] => (db.prepare('SELECT message FROM app_logs ORDER BY log_id').all() as { message: string }[]).map((r) => r.message);

  beforeEach(() => {
    dir = tempDir();
    db = new Database(':memory:');
    migrate(db);
    file = join(dir.path, 'app.log');
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('takes whole lines only and follows appends without duplicates', async () => {
    writeFileSync(file, '2025-10-23 15:00:01 INFO started\n2025-10-23 15:00:02 WARN slow disk\n2025-10-23 15:00:0');
    expect((await sync()).rows).toBe(2);
    appendFileSync(file, '3 ERROR OCR timeout after 30000 ms\n');
    expect((await sync()).rows).toBe(1);
    expect((await sync()).rows).toBe(0);
    expect(messages()).toEqual([
      '2025-10-23 15:00:01 INFO started',
      '2025-10-23 15:00:02 WARN slow disk',
      '2025-10-23 15:00:03 ERROR OCR timeout after 30000 ms',
    ]);
    const row = db.prepare('SELECT ts, level, service FROM app_logs WHERE log_id = 3').get();
    expect(row).toEqual({ ts: Date.parse('2025-10-23T15:00:03+09:00'), level: 'ERROR', service: 'ocr-worker' });
  });

  it('reads the rest of a rotated file before the new one, and starts over after truncation', async () => {
    writeFileSync(file, 'line 1\nline 2\n');
    await sync();
    appendFileSync(file, 'line 3\n');
    renameSync(file, `${file}.1`); // logrotate: the old file is renamed, a new one starts
    writeFileSync(file, 'line 4\n');
    expect((await sync()).rows).toBe(2);
    writeFileSync(file, 'line 5\n'); // truncated in place and rewritten
    expect((await sync()).rows).toBe(1);
    expect(messages()).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
  });

  it('resumes exactly where it stopped, batch by batch', async () => {
    writeFileSync(file, Array.from({ length: 2500 }, (_, i) => `entry ${i}`).join('\n') + '\n');
    const report = await sync(300);
    expect(report.rows).toBe(2500);
    const state = db.prepare("SELECT watermark FROM sync_state WHERE table_name = 'app_logs'").get() as { watermark: string };
    expect(JSON.parse(state.watermark).nextId).toBe(2501);
    expect(db.prepare('SELECT COUNT(DISTINCT message) AS n FROM app_logs').get()).toEqual({ n: 2500 });
  });

  it('reads JSON lines with their own fields', () => {
    const p = parseLogLine(
      '{"time":"2025-10-23T06:40:00Z","level":"error","msg":"pool exhausted","service":"db-proxy","host":"dbp-01","trace_id":"abc123def456"}',
      'Asia/Tokyo',
      0,
    );
    expect(p).toEqual({ ts: NOW, level: 'ERROR', message: 'pool exhausted', service: 'db-proxy', host: 'dbp-01', trace_id: 'abc123def456' });
    expect(parseLogLine('[2025-10-23T15:40:00+09:00] [warning] 帳票の読み取りに失敗しました', 'Asia/Tokyo', 0)).toMatchObject({ ts: NOW, level: 'WARN' });
    expect(parseLogLine('no time here', 'Asia/Tokyo', 42)).toMatchObject({ ts: 42, level: 'INFO' });
  });
});
