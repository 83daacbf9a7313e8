import Database from 'better-sqlite3';
import { createServer, type Server, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSourceForm } from '../../../main/api/types.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { GenbaError } from '../../../main/errors.js';
import type { DecisionRecord } from '../../../main/store/decisionRecord.js';
import { logsConfig } from '../../helpers/clickhouse.js';
import { freePort } from '../../helpers/freePort.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { recordDecision } from '../../helpers/recordDecision.js';
import { tempDir } from '../../helpers/tempDir.js';

const decision = (id: string): DecisionRecord => ({
  suggestion_id: id,
  changes: JSON.stringify([{ operator_id: 1, from: '盛岡', to: '札幌', process: 'エントリ1' }]),
  impact: JSON.stringify({ minutes_saved: 8 }),
  action_type: 'approved',
  action_user: '山田 課長',
  feedback_reason: null,
  decided_at: Date.parse('2025-10-23T15:45+09:00'),
});

/** A log store that accepts the connection and never answers: a frozen ClickHouse. */
async function frozenServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => sockets.push(s));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => ok());
      }),
  };
}

/**
 * Decisions go to the company MySQL on their own: a log store that is down or frozen (or a
 * log step that fails in any way) must not keep them in the outbox while MySQL is up.
 */
describe('decision delivery against a real MariaDB, whatever the log source does', () => {
  let maria: MariaDb;
  let form: DataSourceForm;

  const companyIds = async (): Promise<string[]> => {
    const conn = await maria.admin();
    const [rows] = await conn.query('SELECT suggestion_id FROM approval_history ORDER BY suggestion_id');
    await conn.end();
    return (rows as { suggestion_id: string }[]).map((r) => r.suggestion_id);
  };
  const open = async (dir: string, logsUrl: string): Promise<GenbaApp> => {
    const app = createApp({ dataDir: dir, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }) });
    app.saveSource(form, { sync: false });
    app.saveLogsSource(logsConfig(logsUrl, { requestTimeoutMs: 4000 }));
    await app.start();
    return app;
  };
  /** A decision whose first attempt failed while MariaDB was down: it waits in the outbox, due again at the next start. */
  const queuedWhileDown = async (dir: string, logsUrl: string, id: string): Promise<void> => {
    await maria.stop();
    const app = await open(dir, logsUrl);
    recordDecision(app, decision(id));
    await expect.poll(() => app.status().sync.failingDecisions, { timeout: 30_000 }).toBe(1);
    await app.stop();
    await maria.start();
  };

  beforeAll(async () => {
    maria = await startMariaDb();
    form = { host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba', tls: false };
  }, 60_000);
  afterAll(async () => {
    await maria?.destroy();
  });

  it('delivers in a sync whose log store is on a closed port, and the sync still reports the log failure', async () => {
    const dir = tempDir();
    const logsUrl = `http://127.0.0.1:${await freePort()}`;
    await queuedWhileDown(dir.path, logsUrl, 'sug-closed');
    const app = await open(dir.path, logsUrl);
    expect(app.status().sync.pendingDecisions).toBe(1);
    const failure = await app.syncNow().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(GenbaError);
    expect((failure as GenbaError).code).toBe('SOURCE_UNREACHABLE');
    expect((failure as GenbaError).messageIn('en')).toContain('Cannot reach the log store (ClickHouse');
    expect(await companyIds()).toContain('sug-closed');
    expect(app.status().sync.pendingDecisions).toBe(0);
    expect(app.status().sync.lastRun?.error?.code).toBe('SOURCE_UNREACHABLE');
    await app.stop();
    dir.remove();
  });

  it('delivers while the log store is frozen, before the sync gives up on it', async () => {
    const dir = tempDir();
    const frozen = await frozenServer();
    await queuedWhileDown(dir.path, frozen.url, 'sug-frozen');
    const app = await open(dir.path, frozen.url);
    const sync = app.syncNow().then(
      () => null,
      (error: unknown) => error,
    );
    await expect.poll(companyIds, { timeout: 3500, interval: 200 }).toContain('sug-frozen');
    expect(app.syncStatus().running).toBe(true); // still waiting on the log store
    expect(((await sync) as GenbaError).code).toBe('SOURCE_TIMEOUT');
    await app.stop();
    await frozen.close();
    dir.remove();
  });

  it('retries a failed delivery on its own timer in the app, with no sync due', async () => {
    const dir = tempDir();
    // The syncs' own schedule is far off: only the delivery's timer can send the decision.
    writeFileSync(join(dir.path, 'config.json'), JSON.stringify({ sync: { progressEverySeconds: 3600, mastersEveryMinutes: 1440 } }));
    const app = await open(dir.path, `http://127.0.0.1:${await freePort()}`);
    app.startBackgroundSync();
    await expect.poll(() => app.syncStatus().lastRun, { timeout: 30_000 }).not.toBeNull();
    await maria.stop();
    recordDecision(app, decision('sug-timer'));
    await expect.poll(() => app.status().sync.failingDecisions, { timeout: 30_000 }).toBe(1);
    await maria.start();
    // Its backoff has run out (30 s after the failed attempt).
    const db = new Database(join(dir.path, 'genba.sqlite'));
    db.prepare("UPDATE approval_outbox SET next_attempt_at = 0 WHERE suggestion_id = 'sug-timer'").run();
    db.close();
    await expect.poll(companyIds, { timeout: 30_000, interval: 500 }).toContain('sug-timer');
    await expect.poll(() => app.status().sync.pendingDecisions, { timeout: 5_000 }).toBe(0);
    await app.stop();
    dir.remove();
  }, 120_000);
});
