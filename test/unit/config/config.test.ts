import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIsoInstant } from '../../../main/config/clock.js';
import { defaultConfig, loadConfig, saveConfig } from '../../../main/config/config.js';
import { ConfigError } from '../../../main/config/configError.js';
import { defaultDataDir } from '../../../main/config/dataDir.js';
import { startOfZonedDay, zonedEpoch } from '../../../main/config/zonedTime.js';
import { tempDir } from '../../helpers/tempDir.js';
import { thrownBy } from '../../helpers/thrownBy.js';

describe('config', () => {
  it('defaults to Japanese, Tokyo time and the demo company when there is no file', () => {
    const d = tempDir();
    expect(loadConfig(d.path)).toEqual(defaultConfig());
    expect(defaultConfig()).toMatchObject({ lang: 'ja', timeZone: 'Asia/Tokyo', source: { kind: 'demo' } });
    d.remove();
  });

  it('round-trips through the file', () => {
    const d = tempDir();
    saveConfig(d.path, { ...defaultConfig(), lang: 'en' });
    expect(loadConfig(d.path).lang).toBe('en');
    expect(JSON.parse(readFileSync(join(d.path, 'config.json'), 'utf8')).lang).toBe('en');
    d.remove();
  });

  it.each([
    ['{"lang": "fr"}', 'lang'],
    ['{"timeZone": "Mars/Olympus"}', 'timeZone'],
    ['{"overview": {"speedWindowMinutes": 1}}', 'overview.speedWindowMinutes'],
    ['{"surprise": true}', '(root)'],
  ])('names the bad field of %s', (text, field) => {
    const d = tempDir();
    writeFileSync(join(d.path, 'config.json'), text);
    const error = thrownBy(ConfigError, () => loadConfig(d.path));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.messageIn('ja')).toContain(`「${field}」`);
    expect(error.messageIn('en')).toContain(`"${field}"`);
    d.remove();
  });

  it('reports a file that is not JSON', () => {
    const d = tempDir();
    writeFileSync(join(d.path, 'config.json'), '{ lang: ja');
    expect(thrownBy(ConfigError, () => loadConfig(d.path)).messageIn('ja')).toContain('JSON として読めません');
    d.remove();
  });
});

describe('clock and time zone', () => {
  it('accepts only ISO-8601 instants with an explicit zone', () => {
    expect(parseIsoInstant('2025-10-23T15:40+09:00')).toBe(Date.UTC(2025, 9, 23, 6, 40));
    expect(parseIsoInstant('2025-10-23T06:40:00Z')).toBe(Date.UTC(2025, 9, 23, 6, 40));
    for (const bad of ['2025-10-23 15:40', '2025-10-23T15:40', 'yesterday', '2025-13-40T99:99+09:00']) {
      expect(thrownBy(ConfigError, () => parseIsoInstant(bad)).code).toBe('CLOCK_INVALID');
    }
  });

  it('computes wall-clock instants and day starts in the company zone', () => {
    expect(zonedEpoch('Asia/Tokyo', 2025, 10, 23, 16, 0)).toBe(Date.parse('2025-10-23T16:00+09:00'));
    expect(startOfZonedDay(Date.parse('2025-10-23T00:30+09:00'), 'Asia/Tokyo')).toBe(Date.parse('2025-10-23T00:00+09:00'));
    // A zone with daylight saving: the day start follows the zone's own offset.
    expect(zonedEpoch('Europe/Berlin', 2025, 7, 1, 9, 0)).toBe(Date.parse('2025-07-01T09:00+02:00'));
  });

  it('puts the data folder where Electron keeps userData, unless overridden', () => {
    expect(defaultDataDir({ GENBA_DATA_DIR: '/x/y' }, 'linux')).toBe('/x/y');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/m/.config' }, 'linux')).toBe('/home/m/.config/Genba');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\m\\AppData\\Roaming' }, 'win32')).toContain('Genba');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Genba$/);
  });
});
