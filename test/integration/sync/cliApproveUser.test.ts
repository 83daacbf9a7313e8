import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResult } from '../../../main/api/assistantTypes.js';
import { updateConfig } from '../../../main/config/updateConfig.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const QUESTION = '札幌のエントリ1工程が遅延しています';

/**
 * Who decided is the approver's name this machine's Settings give, else the OS account that runs
 * the command, as in the app (its IPC handler takes no user from the page): there is no
 * `--user NAME` to put another name in the audit trail for one decision.
 */
describe("genba approve / reject / modify record the approver's name or the OS user; --user is no option (built CLI, demo company)", () => {
  const dir = tempDir();
  const genba = (...args: string[]) => runGenba([...args, '--data-dir', dir.path, '--now', ANCHOR]);
  const decisions = (): { suggestionId: string; action: string; user: string }[] => JSON.parse(genba('approvals', '--json').stdout);
  const propose = (): AskResult['proposal'] & object => {
    const r = genba('ask', QUESTION, '--json');
    expect(r.stderr).toBe('');
    return (JSON.parse(r.stdout) as AskResult).proposal!;
  };
  let proposal: AskResult['proposal'] & object;

  beforeAll(async () => {
    if (!existsSync(resolve('out/cli/cli.mjs'))) throw new Error('out/cli is missing: run npm run build first');
    await copyDemoStore(dir.path); // the demo company as its first build leaves it
    proposal = propose();
  }, 120_000);
  afterAll(() => dir.remove());

  it('--user is an unknown option: a usage error in ja and en, and nothing is decided', () => {
    const ja = genba('approve', proposal.id, '--user', '山田');
    expect({ code: ja.code, stdout: ja.stdout }).toEqual({ code: 2, stdout: '' });
    expect(ja.stderr).toMatch(/^genba: コマンドラインが正しくありません: .*'--user'/);
    const en = genba('reject', proposal.id, '--reason', '様子を見る', '--user=someone', '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/^genba: Invalid command line: .*'--user'/);
    const json = genba('modify', proposal.id, '--keep', String(proposal.operators[0]!.id), '--reason', 'r', '--user', 'x', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'CLI_USAGE' } });
    expect(decisions().filter((d) => d.suggestionId === proposal.id)).toEqual([]);
  });

  it("reject records the approver's name when Settings gives one (config.json's approverName), as the app does", () => {
    updateConfig(dir.path, (c) => ({ ...c, approverName: '山田太郎' }));
    try {
      const p = propose();
      const r = genba('reject', p.id, '--reason', '様子を見る');
      expect(r.stderr).toBe('');
      expect(decisions().find((d) => d.suggestionId === p.id)).toMatchObject({ action: 'rejected', user: '山田太郎' });
    } finally {
      updateConfig(dir.path, (c) => ({ ...c, approverName: null }));
    }
  });

  it('approve records the OS account that ran it', () => {
    const p = propose();
    const r = genba('approve', p.id);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(decisions().find((d) => d.suggestionId === p.id)).toMatchObject({ action: 'approved', user: userInfo().username });
  });
});
