import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/config/config.js';
import { updateConfig } from '../../../main/config/updateConfig.js';
import { tempDir } from '../../helpers/tempDir.js';

describe('logs.kind "source" of older config.json files', () => {
  it('reads as "companyDatabase" (the logs in the company database\'s app_logs), settings kept, and is written back in the new word', () => {
    const d = tempDir();
    try {
      writeFileSync(join(d.path, 'config.json'), JSON.stringify({ lang: 'en', logs: { kind: 'source', aggregate: true, keepRawDays: 60 } }));
      expect(loadConfig(d.path).logs).toEqual({ kind: 'companyDatabase', aggregate: true, keepRawDays: 60, keepMinuteDays: 1, keepAggregateDays: 90 });
      // The next change Genba makes to the file (any key) writes today's word.
      updateConfig(d.path, (c) => ({ ...c, lang: 'ja' }));
      expect(JSON.parse(readFileSync(join(d.path, 'config.json'), 'utf8')).logs).toMatchObject({ kind: 'companyDatabase', aggregate: true });
    } finally {
      d.remove();
    }
  });

  it('is the default where config.json names no logs', () => {
    const d = tempDir();
    try {
      expect(loadConfig(d.path).logs.kind).toBe('companyDatabase');
    } finally {
      d.remove();
    }
  });
});
