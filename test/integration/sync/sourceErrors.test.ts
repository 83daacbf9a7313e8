import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../main/app.js';
import { memorySecretStore, MYSQL_PASSWORD } from '../../../main/config/secretStore.js';
import { createMySqlSource } from '../../../main/sync/mysqlSource.js';
import { tableSpecs } from '../../../main/sync/tableSpecs.js';
import { logSourceOptions, startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

describe('errors a manager can act on, from a real MariaDB', () => {
  let maria: MariaDb;
  let silent: Server;
  const dir = tempDir();
  const base = () => ({
    ...logSourceOptions(maria, 'Asia/Tokyo'),
    connectTimeoutMs: 2000,
    queryTimeoutMs: 5000,
    tables: ['locations', 'operators', 'operator_process_capabilities', 'progress_snapshots', 'app_logs'] as const,
  });
  const failure = async (o: Partial<ReturnType<typeof base>>, work: 'test' | 'operators' = 'test') => {
    const source = createMySqlSource({ ...base(), ...o });
    try {
      if (work === 'test') await source.testConnection(tableSpecs());
      else await source.checkColumns(tableSpecs().find((s) => s.table === 'operators')!);
      throw new Error('expected a failure');
    } catch (error) {
      return error as { code: string; messageIn(lang: 'ja' | 'en'): string };
    } finally {
      await source.close();
    }
  };

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    // An older company schema: operators without is_valid.
    await conn.query(`CREATE DATABASE legacy; CREATE TABLE legacy.operators (operator_id INT PRIMARY KEY, operator_name VARCHAR(50),
      location_name VARCHAR(50), updated_at DATETIME); GRANT SELECT ON legacy.* TO 'genba'@'%';
      CREATE USER 'reader'@'%' IDENTIFIED BY 'reader-pw'; GRANT SELECT ON ${maria.database}.* TO 'reader'@'%';`);
    await conn.end();
    // A port that accepts connections and never answers: the timeout case.
    silent = createServer(() => {}).listen(0, '127.0.0.1');
  }, 60_000);
  afterAll(async () => {
    silent?.close();
    dir.remove();
    await maria?.destroy();
  });

  it('passes the connection test with the right settings, counting each table', async () => {
    const source = createMySqlSource(base());
    expect((await source.testConnection(tableSpecs())).map((t) => t.table)).toEqual([
      'locations',
      'operators',
      'operator_process_capabilities',
      'progress_snapshots',
      'app_logs',
    ]);
    await source.close();
  });

  it('names the table and the column a company schema lacks', async () => {
    const e = await failure({ database: 'legacy' }, 'operators');
    expect(e.code).toBe('SOURCE_MISSING_COLUMN');
    expect(e.messageIn('ja')).toContain('テーブル operators に必要な列「is_valid」がありません');
    expect(e.messageIn('en')).toContain('operators lacks the required column "is_valid"');
  });

  it('names the column a configured SELECT leaves out', async () => {
    const source = createMySqlSource(base());
    const spec = { ...tableSpecs().find((s) => s.table === 'app_logs')!, select: 'SELECT log_id, ts, service, host, message, trace_id FROM app_logs' };
    await expect(source.checkColumns(spec)).rejects.toMatchObject({ code: 'SOURCE_MISSING_COLUMN', text: { en: expect.stringContaining('"level"') } });
    await source.close();
  });

  it.each([
    [{ password: 'wrong' }, 'SOURCE_AUTH', 'ユーザー名とパスワードを確認してください'],
    [{ database: 'nosuchdb' }, 'SOURCE_UNKNOWN_DATABASE', 'データベースが見つからないか'],
    [{ port: 1 }, 'SOURCE_UNREACHABLE', '手元のデータで作業は続けられます'],
    [{ user: 'reader', password: 'reader-pw' }, 'WRITEBACK_DENIED', 'approval_history に書き込む権限がありません'],
  ])('reports %j as %s', async (o, code, ja) => {
    const e = await failure(o);
    expect(e.code).toBe(code);
    expect(e.messageIn('ja')).toContain(ja);
  });

  it('reports an unknown database by name to a user allowed to see it', async () => {
    const source = createMySqlSource({ ...base(), user: 'root', password: '', database: 'nosuchdb' });
    await expect(source.testConnection(tableSpecs())).rejects.toMatchObject({ code: 'SOURCE_UNKNOWN_DATABASE' });
    await source.close();
  });

  it('times out on a server that never answers', async () => {
    const e = await failure({ port: (silent.address() as { port: number }).port, connectTimeoutMs: 1000 });
    expect(e.code).toBe('SOURCE_TIMEOUT');
  });

  it('keeps the app working on local data when the source is down, with the error in the status', async () => {
    await copyDemoStore(dir.path); // the demo company first
    const app = createApp({ dataDir: dir.path, secrets: memorySecretStore({ [MYSQL_PASSWORD]: 'genba-pw' }) });
    await app.start();
    app.saveSource({ host: '127.0.0.1', port: 1, database: 'company', user: 'genba', tls: false }, { sync: false });
    await expect(app.syncNow()).rejects.toMatchObject({ code: 'SOURCE_UNREACHABLE' });
    const status = app.status();
    expect(status.sync.lastRun).toMatchObject({ ok: false, error: { code: 'SOURCE_UNREACHABLE' } });
    expect(status.tables.find((t) => t.table === 'operators')!.rows).toBeGreaterThan(0);
    expect(app.overview().sites.length).toBeGreaterThan(0);
    await app.stop();
  }, 120_000);
});
