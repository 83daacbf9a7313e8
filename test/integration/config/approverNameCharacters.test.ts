import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../main/app.js';
import { loadConfig } from '../../../main/config/config.js';
import { ConfigError } from '../../../main/config/configError.js';
import { osUserName } from '../../../main/config/osUserName.js';
import { createHandlerTable } from '../../../main/handlerTable.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';
import { thrownBy } from '../../helpers/thrownBy.js';

/** Names as a hostile test typed them, and the character each is refused for. */
const HOSTILE: [name: string, at: string][] = [
  ['\u202eresU', 'U+202E'], // reads "User"
  ['山田\u0000太郎', 'U+0000'],
  ['\u001b[31m山田', 'U+001B'],
  ['山田\r\n承認: 社長', 'U+000D'],
  ['山田\n太郎', 'U+000A'],
  ['山田\u0085', 'U+0085'],
  ['山田\u007f', 'U+007F'],
  ['山田\u2066太郎\u2069', 'U+2066'],
  ['山田\u200f', 'U+200F'],
  ['山田\u061c', 'U+061C'],
  ['山田\u2028太郎', 'U+2028'],
  ['山田\ud800', 'U+D800'], // the company would get three U+FFFD
  ['\udc00山田', 'U+DC00'],
];

/**
 * The approver's name reaches approval_history.action_user: it must read as it is stored. Control
 * characters, bidi controls and lone surrogates are refused at each edge it comes in by (Settings'
 * IPC, config.json edited by hand, hence `genba`), and the OS account is not passed on with them.
 */
describe("the approver's name holds no control, bidi or broken characters", () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('Settings (settings.update) refuses each, in the manager language naming the character, and the name stays as it was', async () => {
    const data = join(dir.path, 'settings');
    const app = createApp({ dataDir: data });
    const table = createHandlerTable(app);
    expect(await table['settings.update']({ approverName: '山田 太郎' })).toMatchObject({ ok: true, value: { approver: { name: '山田 太郎' } } });
    // Names of people as they are written stay accepted.
    for (const name of ['José Núñez', 'O’Brien', 'Ngô Bảo Châu', '𠮷田', 'عبد الله']) {
      expect(await table['settings.update']({ approverName: name }), name).toMatchObject({ ok: true, value: { approver: { name } } });
    }
    await table['settings.update']({ approverName: '山田 太郎' });
    const file = readFileSync(join(data, 'config.json'), 'utf8');
    for (const [name, at] of HOSTILE) {
      const r = await table['settings.update']({ approverName: name });
      expect(r, JSON.stringify(name)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(!r.ok && r.error.message).toContain(`approverName: 名前に使えない文字（${at}）が含まれています`);
    }
    expect(readFileSync(join(data, 'config.json'), 'utf8')).toBe(file);
    expect(app.approver()).toBe('山田 太郎');
    await table['settings.update']({ lang: 'en' });
    const en = await table['settings.update']({ approverName: '\u202eresU' });
    expect(!en.ok && en.error.message).toContain('approverName: the name holds a character it may not (U+202E)');
  });

  it('a config.json edited by hand with such a name is refused, naming the field and the character in ja and en', () => {
    const data = join(dir.path, 'hand-edited');
    createApp({ dataDir: data });
    for (const [name, at] of HOSTILE) {
      writeFileSync(join(data, 'config.json'), JSON.stringify({ approverName: name }));
      const error = thrownBy(ConfigError, () => loadConfig(data));
      expect(error.code, JSON.stringify(name)).toBe('CONFIG_INVALID');
      expect(error.messageIn('ja')).toContain(`項目「approverName」が正しくありません: 名前に使えない文字（${at}）`);
      expect(error.messageIn('en')).toContain(`invalid field "approverName": the name holds a character it may not (${at})`);
    }
    // Spaces around a name typed by hand are still only trimmed.
    writeFileSync(join(data, 'config.json'), JSON.stringify({ approverName: '  山田 太郎 ' }));
    expect(loadConfig(data).approverName).toBe('山田 太郎');
  });

  it('genba records no decision under such a name: every command ends with the config error, in ja or en (built CLI)', () => {
    if (!existsSync(resolve('out/cli/cli.mjs'))) throw new Error('out/cli is missing: run npm run build first');
    const data = join(dir.path, 'cli');
    createApp({ dataDir: data });
    writeFileSync(join(data, 'config.json'), JSON.stringify({ approverName: '\u202eresU' }));
    const ja = runGenba(['approve', 'SGT20251023-0000ABCD', '--data-dir', data]);
    expect(ja.code).toBe(1);
    expect(ja.stdout).toBe('');
    expect(ja.stderr).toContain('項目「approverName」が正しくありません: 名前に使えない文字（U+202E）');
    expect(ja.stderr).not.toContain('\u202e'); // the terminal is not reversed either
    const en = runGenba(['approve', 'SGT20251023-0000ABCD', '--data-dir', data, '--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('the name holds a character it may not (U+202E)');
    expect(existsSync(join(data, 'genba.sqlite'))).toBe(false); // nothing was opened, nothing recorded
  });

  it('an OS account name with such a character is not passed on: decisions are recorded as "manager", as where the OS says none', () => {
    for (const [name] of HOSTILE)
      expect(
        osUserName(() => name),
        JSON.stringify(name),
      ).toBe('manager');
    expect(osUserName(() => '')).toBe('manager');
    expect(
      osUserName(() => {
        throw new Error('no passwd entry');
      }),
    ).toBe('manager');
    expect(osUserName(() => 'yamada')).toBe('yamada');
  });
});
