import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiError } from '../../../main/ai/aiError.js';
import { readGgufInfo } from '../../../main/ai/ggufInfo.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

/** What /etc/shadow holds, as a file a link named model.gguf points to. */
const SHADOW = 'root:$y$j9T$Zq4secretHash$abc:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n';
/** Characters that end or reverse a line in a viewer, raw; JSON leaves U+0085, U+2028, U+2029 and the bidi controls as they are. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/**
 * A refusal of a file that is no model says why without its content (a link to /etc/shadow was
 * refused with `got "root"`), and what the app log writes of a file's name stays one line: the
 * name's line breaks, escapes and bidi controls are written as visible escapes.
 */
describe('a file that is no model is refused without quoting it, and its name cannot break the app log (built CLI)', () => {
  const root = tempDir();
  const usb = join(root.path, 'usb');
  const data = join(root.path, 'data');
  const appLog = (): string => readFileSync(join(data, 'logs', 'genba.log'), 'utf8');

  beforeAll(() => {
    if (!existsSync(resolve('out/cli/cli.mjs'))) throw new Error('out/cli is missing: run npm run build first');
    mkdirSync(usb);
    writeFileSync(join(root.path, 'shadow'), SHADOW, { mode: 0o600 });
    symlinkSync(join(root.path, 'shadow'), join(usb, 'model.gguf'));
  });
  afterAll(() => root.remove());

  it('a link to a file that is not GGUF (an /etc/shadow) is refused without a byte of it, in the refusal and in the app log', async () => {
    const link = join(usb, 'model.gguf');
    const error = await readGgufInfo(link).then(
      () => new Error('expected a refusal'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AiError);
    const refusal = error as AiError;
    expect(refusal.code).toBe('AI_MODEL_CORRUPT');
    expect(refusal.messageIn('ja')).toContain('GGUF 形式ではありません');
    expect(refusal.messageIn('en')).toContain('not a GGUF file');
    const r = runGenba(['models', 'import', link, '--data-dir', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GGUF 形式ではありません');
    const en = runGenba(['models', 'import', link, '--data-dir', data, '--lang', 'en']);
    expect(en.stderr).toContain('not a GGUF file');
    for (const secret of ['root', 'Zq4secretHash', 'daemon', '$y$']) {
      for (const text of [refusal.messageIn('ja'), refusal.messageIn('en'), refusal.detail ?? '', r.stderr, en.stderr, appLog()])
        expect(text).not.toContain(secret);
    }
  });

  it('a file name with line breaks, escapes and bidi controls is one line of the app log, written as escapes', () => {
    const names = [
      'qwen\u2028{"level":"error","message":"forged"}\u2029x\u0085\u202eevil.gguf', // reaches the GGUF check
      'qwen\n{"level":"error","message":"forged"}\r\u001b[2Jx\u007f.gguf', // refused as a name
    ];
    for (const name of names) {
      writeFileSync(join(usb, name), 'not a model');
      const before = appLog().split('\n').filter(Boolean).length;
      const r = runGenba(['models', 'import', join(usb, name), '--data-dir', data]);
      expect(r.code, JSON.stringify(name)).toBe(1);
      const text = appLog();
      const entries = text.split('\n').filter(Boolean);
      expect(entries.length, JSON.stringify(name)).toBeGreaterThan(before);
      // Read as a viewer splits lines (U+0085, U+2028 and U+2029 too), the log has as many lines as entries.
      expect(text.split(/\r\n|[\n\r\u0085\u2028\u2029]/).filter(Boolean)).toHaveLength(entries.length);
      expect(text.replace(/\n/g, '')).not.toMatch(RAW);
      const logged = entries.slice(before).map((e) => JSON.parse(e) as { message: string; detail?: string });
      const refused = logged.find((e) => e.detail?.includes('qwen'));
      expect(refused, JSON.stringify(logged)).toBeDefined();
      // Each field is one line too, with the characters shown as escapes.
      expect(refused!.detail).not.toMatch(RAW);
      expect(refused!.detail).not.toMatch(/[\n\r]/);
      expect(refused!.detail).toMatch(/\\u2028|\\n/);
    }
  });
});
