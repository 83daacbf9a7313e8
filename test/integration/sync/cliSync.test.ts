import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany } from '../../helpers/companyDb.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const PASSWORD = 'genba-pw';

describe('genba sync (built CLI) against a real MariaDB', () => {
  let maria: MariaDb;
  const dir = tempDir();
  const genba = (args: string[], env: Record<string, string> = {}) => runGenba([...args, '--data-dir', dir.path], env);
  const url = (withPassword = false): string => `mysql://genba${withPassword ? `:${PASSWORD}` : ''}@127.0.0.1:${maria.port}/${maria.database}`;

  beforeAll(async () => {
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 20_000 });
    await conn.end();
  }, 120_000);
  afterAll(async () => {
    dir.remove();
    await maria?.destroy();
  });

  it('syncs once from --source with the password from the environment, and remembers the source', () => {
    const first = genba(['sync', '--source', url(), '--once', '--json'], { GENBA_MYSQL_PASSWORD: PASSWORD });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.tables.find((t: { table: string }) => t.table === 'app_logs').rows).toBe(20_000);

    const again = genba(['sync', '--once'], { GENBA_MYSQL_PASSWORD: PASSWORD });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('同期しました: ');
    const status = JSON.parse(genba(['status', '--json']).stdout);
    expect(status.source).toMatchObject({ kind: 'mysql', host: '127.0.0.1', user: 'genba' });
    expect(status.clock.mode).toBe('system');
  });

  it('never writes the password to the config or the app log', () => {
    genba(['sync', '--source', url(true), '--once']);
    const files = [join(dir.path, 'config.json'), ...readdirSync(join(dir.path, 'logs')).map((f) => join(dir.path, 'logs', f))];
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toContain(PASSWORD);
  });

  it('warns when the password is in the URL', () => {
    const r = genba(['sync', '--source', url(true), '--once', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('a password in the URL stays in shell history');
  });

  it('says how to give the password when there is none and no terminal to ask on', () => {
    const r = genba(['sync', '--once']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GENBA_MYSQL_PASSWORD');
  });

  it('exits 1 with the auth error on a wrong password, and 2 on a bad URL', () => {
    const wrong = genba(['sync', '--once'], { GENBA_MYSQL_PASSWORD: 'nope' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('ログインできません');
    const bad = genba(['sync', '--source', 'postgres://x@y/z', '--once']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('mysql://');
  });
});
