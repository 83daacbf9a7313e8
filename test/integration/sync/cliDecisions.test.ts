import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../main/api/assistantTypes.js';
import { seedCompany } from '../../helpers/companyDb.js';
import { startMariaDb, type MariaDb } from '../../helpers/mariadb.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const PASSWORD = 'genba-pw';
const QUESTION = '札幌のエントリ1工程が遅延しています';

/**
 * `genba approve / reject / modify` (the built CLI) deliver at once, as the README says:
 * the command waits for the attempt and says whether the decision reached the company
 * database or waits in the outbox, and why.
 */
describe('genba approve / reject / modify deliver before they exit (built CLI, real MariaDB)', () => {
  let maria: MariaDb;
  const dir = tempDir();
  const env = { GENBA_MYSQL_PASSWORD: PASSWORD };
  const genba = (...args: string[]) => runGenba([...args, '--data-dir', dir.path, '--now', ANCHOR], env);
  const propose = (): AskResult['proposal'] & object => {
    const r = genba('ask', QUESTION, '--json');
    expect(r.stderr).toBe('');
    return (JSON.parse(r.stdout) as AskResult).proposal!;
  };
  const company = async (): Promise<{ suggestion_id: string; action_type: string }[]> => {
    const conn = await maria.admin();
    const [rows] = await conn.query('SELECT suggestion_id, action_type FROM approval_history ORDER BY approval_history_id');
    await conn.end();
    return rows as { suggestion_id: string; action_type: string }[];
  };
  const outbox = (): { suggestionId: string; delivery: string; lastError: string | null }[] => JSON.parse(genba('approvals', '--json').stdout);

  beforeAll(async () => {
    if (!existsSync(resolve('out/cli/cli.mjs'))) throw new Error('out/cli is missing: run npm run build first');
    maria = await startMariaDb();
    const conn = await maria.admin();
    await seedCompany(conn, { logs: 2000 });
    await conn.end();
    const url = `mysql://genba@127.0.0.1:${maria.port}/${maria.database}`;
    expect(genba('sync', '--source', url, '--once').code).toBe(0);
  }, 180_000);
  afterAll(async () => {
    dir.remove();
    await maria?.destroy();
  });

  it('modify --json reports the delivery with the decision', async () => {
    const p = propose();
    const r = genba('modify', p.id, '--keep', String(p.operators[0]!.id), '--reason', '1名は品川から', '--json');
    expect(r.code).toBe(0);
    expect((await company()).map((x) => x.suggestion_id)).toContain(p.id);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'modified', delivery: { delivered: true, reason: null } });
  });

  it('reject while MariaDB is down: queued for retry with the cause in ja and en, no stack, then delivered by the next sync', async () => {
    const ja = propose();
    await maria.stop();
    const r = genba('reject', ja.id, '--reason', '様子を見る');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${ja.id}: rejected（会社のデータベースに送れませんでした。送信待ちに入れ、自動的に再送します: 会社データベース（127.0.0.1:`);
    expect(r.stdout).toContain('に接続できません');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /);
    expect(outbox().find((x) => x.suggestionId === ja.id)).toMatchObject({ delivery: 'failing', lastError: expect.stringContaining('SOURCE_UNREACHABLE') });

    // A proposal is asked for on local data alone; the English reply names the same cause.
    const en = propose();
    const e = genba('reject', en.id, '--reason', 'wait and see', '--lang', 'en');
    expect(e.code).toBe(0);
    expect(e.stdout).toContain(
      `${en.id}: rejected (not delivered to the company database yet; queued and retried automatically: Cannot reach the company database (127.0.0.1:`,
    );
    expect(`${e.stdout}${e.stderr}`).not.toMatch(/\n\s+at /);

    await maria.start();
    expect(genba('sync', '--once').code).toBe(0);
    expect((await company()).map((x) => x.suggestion_id)).toEqual(expect.arrayContaining([ja.id, en.id]));
  });

  // Last: an approved move covers the line, so a proposal asked for after it would be of no one (the chat knows the decision).
  it('approve: the row is in approval_history when the command returns, and it says so', async () => {
    const p = propose();
    const r = genba('approve', p.id);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await company()).toContainEqual({ suggestion_id: p.id, action_type: 'approved' });
    expect(outbox().find((x) => x.suggestionId === p.id)?.delivery).toBe('delivered');
    expect(r.stdout).toBe(`${p.id}: approved（会社のデータベースに送信しました）\n`);
  });
});
