import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { logsConfig } from '../../helpers/clickhouse.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { freePort } from '../../helpers/freePort.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = Date.parse('2025-10-23T15:40+09:00');

/** Each table's last error, as the status shows it. */
const errors = (app: GenbaApp): Record<string, string | null> =>
  Object.fromEntries(app.status().sync.tables.map((t) => [t.table, t.lastError === null ? null : t.lastError.slice(0, 40)]));

describe('a failed pull says so in the status, for the tables and for the logs', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  let app: GenbaApp | undefined;
  afterEach(async () => {
    await app?.stop();
    for (const d of dirs.splice(0)) d.remove();
  });

  it('records why the log-group sync failed (a ClickHouse that does not answer), keeping the logs it had', async () => {
    const dir = tempDir();
    dirs.push(dir);
    await copyDemoStore(dir.path);
    const closed = `http://127.0.0.1:${await freePort()}`;
    writeFileSync(join(dir.path, 'config.json'), JSON.stringify({ logs: logsConfig(closed, { requestTimeoutMs: 2000 }) }));
    app = createApp({ dataDir: dir.path, now: NOW });
    await app.start();
    const lines = app.status().tables.find((t) => t.table === 'app_logs')?.rows;
    await expect(app.syncNow()).rejects.toThrow();
    expect(errors(app).app_logs).not.toBeNull();
    expect(errors(app).operators).toBeNull();
    // The demo's lines stay until the new store has answered.
    expect(app.status().tables.find((t) => t.table === 'app_logs')?.rows).toBe(lines);
  });

  it("records why a table's pull failed when where it stood cannot be read (a watermark no release writes)", async () => {
    const dir = tempDir();
    dirs.push(dir);
    await copyDemoStore(dir.path);
    const db = new Database(join(dir.path, 'genba.sqlite'));
    db.prepare("UPDATE sync_state SET watermark = '{not json' WHERE table_name = 'operators'").run();
    db.close();
    app = createApp({ dataDir: dir.path, now: NOW });
    await app.start();
    await expect(app.syncNow()).rejects.toThrow();
    expect(errors(app).operators).not.toBeNull();
  });
});
