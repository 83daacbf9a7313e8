import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../main/store/openStore.js';
import { writeGroups, type MinuteGroup } from '../../helpers/groupedLogRows.js';
import { tempDir } from '../../helpers/tempDir.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = Date.parse('2026-11-20T00:00+09:00');
const NOW = Date.parse('2026-11-23T10:00+09:00');

/** Six busy hours of 11/20: per minute 2 hosts × 2 levels × 20 shapes, 28,800 minute rows to fold in several batches. */
function busy(): MinuteGroup[] {
  const out: MinuteGroup[] = [];
  for (let m = 0; m < 6 * 60; m++)
    for (const host of ['app-01', 'app-02'])
      for (const level of ['INFO', 'ERROR'])
        for (let s = 0; s < 20; s++) {
          const ts = DAY + 6 * HOUR + m * MINUTE + s * 1000;
          out.push({
            ts,
            last: ts + 20_000,
            service: 'claims',
            host,
            level,
            message: `${'step'.repeat(1 + s)} took ${m + s} ms`,
            template: 1 + (s % 3),
            lines: 1 + ((m + s) % 5),
          });
        }
  return out;
}

/** Runs compaction in its own process; killed with SIGKILL `after` ms after it started folding, unless it finished first. */
function compactUntilKilled(path: string, after: number): Promise<'killed' | 'done'> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('test/fixtures/foldAndDie.ts'), path, String(NOW)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((ok) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out === 'folding\n') setTimeout(() => child.kill('SIGKILL'), after);
    });
    child.on('exit', () => ok(out.includes('done') ? 'done' : 'killed'));
  });
}

describe('folding a day of log rows, killed at any moment', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('loses and duplicates no line: every hour, host, level and template keeps its lines, every minute its count', async () => {
    const path = join(dir.path, 'genba.sqlite');
    const db = openStore(path);
    writeGroups(db, busy());
    const facts = (): { hours: unknown[]; minutes: unknown[] } => ({
      hours: db
        .prepare(`SELECT (ts / ${HOUR}) * ${HOUR} AS h, host, level, template_id, SUM(lines) AS n FROM app_logs GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`)
        .all(),
      minutes: db.prepare('SELECT * FROM log_template_minutes ORDER BY template_id, minute').all(),
    });
    const want = facts();
    const rows = (folded: number): number => (db.prepare('SELECT COUNT(*) AS n FROM app_logs WHERE folded = ?').get(folded) as { n: number }).n;
    // Kills spread over the run: the first few early, then later, until one run gets to the end.
    const outcomes: string[] = [];
    for (const after of [0, 10, 20, 30, 45, 60, 80, 100, 130, 170, 220, 300, 400, 550, 750, 1000, 1400, 60_000]) {
      const outcome = await compactUntilKilled(path, after);
      outcomes.push(`${after} ms: ${outcome}, ${rows(0)} minute rows left, ${rows(1)} folded`);
      expect(facts(), outcomes.join('\n')).toEqual(want);
      if (outcome === 'done') break;
    }
    expect(outcomes.at(-1), outcomes.join('\n')).toMatch(/done, 0 minute rows left/);
    // Some kill landed with part of the day folded and part not.
    expect(
      outcomes.some((o) => /killed, [1-9]\d* minute rows left, [1-9]/.test(o)),
      outcomes.join('\n'),
    ).toBe(true);
    // 6 hours × 2 hosts × 2 levels × 20 shapes (each of one template).
    expect(rows(1)).toBe(6 * 2 * 2 * 20);
    db.close();
  }, 180_000);
});
