import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentReport } from '../../../main/api/types.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

const ANCHOR = '2025-10-23T15:40+09:00';
const NOW = Date.parse(ANCHOR);
const at = (hm: string): number => Date.parse(`2025-10-23T${hm}+09:00`);

/** `genba logs incidents --from/--to` on the demo company: the window asked is obeyed. */
describe('genba logs incidents --from --to', () => {
  const dir = tempDir();
  let db: Database.Database;
  const incidents = (...args: string[]): IncidentReport => {
    const r = runGenba(['logs', 'incidents', '--json', ...args, '--data-dir', dir.path, '--now', ANCHOR]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as IncidentReport;
  };

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  });
  afterAll(() => {
    db?.close();
    dir.remove();
  });

  it('last night (18:00–09:00) does not name this afternoon’s OCR incident; this afternoon names it from 13:50, its lines counted by SQL', () => {
    const night = incidents('--from', '2025-10-22T18:00+09:00', '--to', '2025-10-23T09:00+09:00');
    for (const i of night.incidents) {
      expect(i.start).toBeLessThan(at('09:00'));
      expect(i.end).toBeGreaterThanOrEqual(at('09:00') - 15 * 3_600_000);
    }
    expect(night.incidents.some((i) => i.services.includes('ocr-worker') && i.start >= at('12:00'))).toBe(false);

    const afternoon = incidents('--from', '2025-10-23T12:00+09:00', '--site', '札幌');
    const ocr = afternoon.incidents.find((i) => i.services.includes('ocr-worker'))!;
    expect(ocr.start).toBeGreaterThanOrEqual(at('13:50'));
    expect(ocr.start).toBeLessThan(at('13:51'));
    // The incident's lines: its templates' lines and ocr-worker's errors from its start to now.
    const templates = [...new Set(ocr.anomalies.map((a) => a.templateId).filter((t): t is number => t !== null))];
    const sql = db
      .prepare(
        `SELECT COALESCE(SUM(lines), 0) AS n FROM app_logs WHERE ts >= ? AND ts < ?
         AND (template_id IN (SELECT value FROM json_each(?)) OR (level = 'ERROR' AND service = 'ocr-worker'))`,
      )
      .get(ocr.start, NOW, JSON.stringify(templates)) as { n: number };
    expect(ocr.lines).toBe(sql.n);
  });

  it('today: the OCR incident starts at 13:50, not at the first stray error of the night', () => {
    const today = incidents('--from', '2025-10-23T00:00+09:00', '--site', '札幌');
    const ocr = today.incidents.filter((i) => i.services.includes('ocr-worker'));
    expect(ocr).toHaveLength(1);
    expect(ocr[0]!.start).toBeGreaterThanOrEqual(at('13:50'));
    const text = runGenba(['logs', 'incidents', '--from', '2025-10-23T00:00+09:00', '--site', '札幌', '--data-dir', dir.path, '--now', ANCHOR]).stdout;
    expect(text).toMatch(/ocr-worker.*13:50から\d+行/);
    expect(text).not.toMatch(/03:18から/);
  });
});
