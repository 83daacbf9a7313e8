import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSourceForm } from '../../../main/api/types.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { retryDelay } from '../../../main/store/approvalOutbox.js';
import type { DecisionRecord } from '../../../main/store/decisionRecord.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { recordDecision } from '../../helpers/recordDecision.js';
import { tempDir } from '../../helpers/tempDir.js';

const decision = (n: number): DecisionRecord => ({
  suggestion_id: `sug-${n}`,
  changes: JSON.stringify([{ operator_id: n, from: '盛岡', to: '札幌', process: 'エントリ1' }]),
  impact: JSON.stringify({ minutes_saved: 8 }),
  action_type: n % 2 ? 'approved' : 'rejected',
  action_user: '山田 課長',
  feedback_reason: n % 2 ? null : '盛岡も午後は余裕がない',
  decided_at: Date.parse('2025-10-23T15:45+09:00') + n * 1000,
});

describe('approval outbox against a real MariaDB', () => {
  let maria: MariaDb;
  let form: DataSourceForm;
  const dir = tempDir();
  const open = async (): Promise<GenbaApp> => {
    const app = createApp({ dataDir: dir.path, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }) });
    app.saveSource(form, { sync: false });
    await app.start();
    return app;
  };
  const companyRows = async (): Promise<Record<string, unknown>[]> => {
    const conn = await maria.admin();
    const [rows] = await conn.query(
      'SELECT suggestion_id, action_type, action_user, feedback_reason, execution_status, created_at FROM approval_history ORDER BY suggestion_id',
    );
    await conn.end();
    return rows as Record<string, unknown>[];
  };

  beforeAll(async () => {
    maria = await startMariaDb();
    form = { host: '127.0.0.1', port: maria.port, database: maria.database, user: 'genba', tls: false };
  }, 60_000);
  afterAll(async () => {
    dir.remove();
    await maria?.destroy();
  });

  it('queues decisions while MariaDB is down and delivers each exactly once after both restart', async () => {
    await maria.stop();
    const app = await open();
    for (let n = 1; n <= 3; n++) recordDecision(app, decision(n));
    // Delivery attempts run in the background; wait for them to fail.
    await expect.poll(() => app.status().sync.failingDecisions, { timeout: 20_000 }).toBe(3);
    expect(app.status().sync.pendingDecisions).toBe(3);
    expect(app.status().sync.lastRun?.error?.code ?? null).toBeNull(); // a delivery failure is not a failed sync
    await app.stop();

    await maria.start();
    const restarted = await open();
    expect(restarted.status().sync.pendingDecisions).toBe(3);
    const summary = await restarted.syncNow().catch(() => null); // tables are empty upstream; delivery still runs
    expect(summary?.delivered ?? 3).toBe(3);
    await expect.poll(() => restarted.status().sync.pendingDecisions, { timeout: 20_000 }).toBe(0);
    const rows = await companyRows();
    expect(rows.map((r) => r.suggestion_id)).toEqual(['sug-1', 'sug-2', 'sug-3']);
    expect(rows[1]).toMatchObject({
      action_type: 'rejected',
      action_user: '山田 課長',
      feedback_reason: '盛岡も午後は余裕がない',
      execution_status: 'pending',
      created_at: '2025-10-23 15:45:02.000',
    });

    // Delivered upstream but the app crashed before noting it: the resend is harmless.
    const db = (await import('better-sqlite3')).default(`${dir.path}/genba.sqlite`);
    db.prepare("UPDATE approval_outbox SET delivered_at = NULL, next_attempt_at = 0 WHERE suggestion_id = 'sug-2'").run();
    db.close();
    await restarted.syncNow();
    expect(restarted.status().sync.pendingDecisions).toBe(0);
    expect((await companyRows()).length).toBe(3);
    await restarted.stop();
  });

  it('refuses a second decision on the same suggestion and backs off between attempts', async () => {
    const app = await open();
    recordDecision(app, decision(7));
    expect(() => recordDecision(app, decision(7))).toThrow(/already been decided/);
    await app.stop();
    expect([1, 2, 3, 10].map(retryDelay)).toEqual([30_000, 60_000, 120_000, 900_000]);
  });
});
