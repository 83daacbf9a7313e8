import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../main/app.js';
import { type GenbaConfig, loadConfig } from '../../../main/config/config.js';
import { GenbaError } from '../../../main/errors.js';
import { updateConfig } from '../../../main/config/updateConfig.js';
import { logsConfig } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/tempDir.js';
import { thrownBy } from '../../helpers/thrownBy.js';

const SETTING = 'alerts.productivityDropShare' as const;

/** A process that wrote nothing and is gone: its pid is free. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid!;
  await new Promise((ok) => child.on('exit', ok));
  return pid;
}

/**
 * config.json is shared by the app, `genba`, a second app on the same folder and the
 * manager's editor: every write starts from the file as it is now, never from a copy kept
 * since start-up.
 */
describe('config writes re-read the file under a lock and change only their own key', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  const onDisk = (): GenbaConfig => JSON.parse(readFileSync(file, 'utf8')) as GenbaConfig;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.path, 'config.json');
  });
  afterEach(() => dir.remove());

  it('refuses a threshold proposed against 0.7 once another instance has set 0.5, and the file keeps 0.5', () => {
    const a = createApp({ dataDir: dir.path });
    const b = createApp({ dataDir: dir.path });
    expect(b.applyAlertThreshold({ setting: SETTING, current: 0.7, proposed: 0.5 })).toEqual({ setting: SETTING, previous: 0.7, value: 0.5 });
    const error = thrownBy(GenbaError, () => a.applyAlertThreshold({ setting: SETTING, current: 0.7, proposed: 0.6 }));
    expect(error.code).toBe('THRESHOLD_CHANGED');
    expect(error.messageIn('ja')).toContain('現在 50%');
    expect(error.messageIn('en')).toContain('now 50%');
    expect(onDisk().alerts.productivityDropShare).toBe(0.5);
    // A proposal made against what the file holds now is applied.
    expect(a.applyAlertThreshold({ setting: SETTING, current: 0.5, proposed: 0.6 })).toMatchObject({ previous: 0.5, value: 0.6 });
    expect(onDisk().alerts.productivityDropShare).toBe(0.6);
    expect(a.config().alerts.productivityDropShare).toBe(0.6);
  });

  it('keeps hand edits (cooldown, language) and the logs table another instance saved when it applies a threshold or the language', () => {
    const a = createApp({ dataDir: dir.path });
    const b = createApp({ dataDir: dir.path });
    const edited = loadConfig(dir.path);
    writeFileSync(file, JSON.stringify({ ...edited, lang: 'en', alerts: { ...edited.alerts, cooldownMinutes: 45 } }, null, 2));
    b.saveLogsSource(logsConfig('http://127.0.0.1:8123', { table: 'app_logs_2025' }));

    a.applyAlertThreshold({ setting: SETTING, current: 0.7, proposed: 0.6 });
    const after = onDisk();
    expect(after.lang).toBe('en');
    expect(after.alerts).toMatchObject({ cooldownMinutes: 45, productivityDropShare: 0.6 });
    expect(after.logs).toMatchObject({ kind: 'clickhouse', table: 'app_logs_2025' });
    // The app goes on with what the file holds now.
    expect(a.config().logs).toMatchObject({ kind: 'clickhouse', table: 'app_logs_2025' });

    b.updateSettings({ lang: 'ja' });
    expect(onDisk()).toMatchObject({ lang: 'ja', alerts: { cooldownMinutes: 45, productivityDropShare: 0.6 }, logs: { table: 'app_logs_2025' } });
  });

  it('refuses to write over a config.json made invalid by hand, says so in ja and en, and leaves the file as it was', () => {
    const app = createApp({ dataDir: dir.path });
    const broken = '{\n  "lang": "en",\n  "alerts": { "cooldownMinutes": 45 \n';
    writeFileSync(file, broken);
    for (const write of [
      () => app.applyAlertThreshold({ setting: SETTING, current: 0.7, proposed: 0.6 }),
      () => app.updateSettings({ lang: 'en' }),
      () => app.saveLogsSource(logsConfig('http://127.0.0.1:8123')),
    ]) {
      const error = thrownBy(GenbaError, write);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.messageIn('ja')).toContain('JSON として読めません');
      expect(error.messageIn('ja')).toContain('設定は変更していません');
      expect(error.messageIn('en')).toContain('Nothing was changed');
      expect(readFileSync(file, 'utf8')).toBe(broken);
    }
    writeFileSync(file, '{"alerts": {"productivityDropShare": 2}}');
    const invalid = thrownBy(GenbaError, () => app.updateSettings({ lang: 'en' }));
    expect(invalid.messageIn('en')).toContain('"alerts.productivityDropShare"');
    expect(readFileSync(file, 'utf8')).toBe('{"alerts": {"productivityDropShare": 2}}');
  });

  it('waits for another writer and gives up after its timeout; a lock left by a dead process is broken', async () => {
    updateConfig(dir.path, (c) => ({ ...c, lang: 'en' }));
    const lock = `${file}.lock`;
    writeFileSync(lock, `${process.pid}\nheld-by-this-test\n`);
    const busy = thrownBy(GenbaError, () => updateConfig(dir.path, (c) => ({ ...c, lang: 'ja' }), { lockTimeoutMs: 200 }));
    expect(busy.code).toBe('CONFIG_BUSY');
    expect(busy.messageIn('ja')).toContain('書き込み中');
    expect(onDisk().lang).toBe('en');

    writeFileSync(lock, `${await deadPid()}\nleft-by-a-crash\n`);
    expect(updateConfig(dir.path, (c) => ({ ...c, lang: 'ja' }), { lockTimeoutMs: 200 }).lang).toBe('ja');
    expect(onDisk().lang).toBe('ja');
    expect(() => readFileSync(lock)).toThrow(/ENOENT/);
  });

  it('loses no write when four processes change the file at once', async () => {
    const writer = resolve('test/fixtures/configWriter.ts');
    const runs = [0, 1, 2, 3].map(
      (n) =>
        new Promise<number | null>((ok) => {
          const child = spawn(process.execPath, ['--import', 'tsx', writer, dir.path, `w${n}`, '15'], { stdio: 'inherit' });
          child.on('exit', ok);
        }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0]);
    const aliases = loadConfig(dir.path).placement.aliases;
    expect(Object.keys(aliases).length).toBe(60);
  }, 120_000);
});
