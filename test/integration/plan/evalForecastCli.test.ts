import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datesBetween, dayOfWeek } from '../../../main/forecast/workCalendar.js';
import { runGenba } from '../../helpers/genbaCli.js';
import { tempDir } from '../../helpers/tempDir.js';

/** A Monday-to-Saturday company's file: every calendar day a row, Sundays written as 0, Saturdays a half day, a little noise. */
function monToSat(from: string, to: string, series: string): string[] {
  let state = 7;
  const noise = (): number => ((state = (state * 48271) % 2147483647) / 2147483647 - 0.5) * 20;
  return datesBetween(from, to).map((d) => {
    const dow = dayOfWeek(d);
    const v = dow === 0 ? 0 : Math.round((dow === 6 ? 90 : 180) + noise());
    return `${d},${v},${series}`;
  });
}

/**
 * `genba eval forecast` on another company's file (issue 40): closed days written as 0 rows used
 * to give a weekday factor of 0, and the command printed "—" and exited 0. Now the file's calendar
 * is learned, the scores are figures, and a series too short or a file with nothing to score is
 * refused with a message that names it.
 */
describe('genba eval forecast on a file with its own calendar', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const run = (name: string, lines: string[]) => {
    const file = join(dir.path, name);
    writeFileSync(file, ['date,value,series', ...lines].join('\n'));
    return runGenba(['eval', 'forecast', file, '--json', '--data-dir', join(dir.path, 'data')]);
  };

  it('scores a Monday-to-Saturday file with Sundays as 0 rows: figures, better than the seasonal naive', () => {
    const r = run('monsat.csv', monToSat('2024-06-03', '2025-09-30', 'entry'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { all: { n: number; wape: number; naiveWape: number; coverage: number } };
    expect(report.all.n).toBeGreaterThan(250);
    expect(Number.isFinite(report.all.wape)).toBe(true);
    expect(report.all.wape).toBeLessThan(report.all.naiveWape);
  });

  it('names a series too short to score, and a file of zeros, instead of printing a dash', () => {
    const short = run('short.csv', [...monToSat('2024-06-03', '2025-09-30', 'entry'), ...monToSat('2025-09-20', '2025-09-30', 'new client')]);
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/new client/);
    const zeros = run(
      'zeros.csv',
      datesBetween('2025-01-06', '2025-09-30').map((d) => `${d},0,entry`),
    );
    expect(zeros.code).not.toBe(0);
    expect(zeros.stdout).toBe('');
    expect(zeros.stderr.length).toBeGreaterThan(0);
    expect(zeros.stderr).not.toMatch(/—/);
    // Said as what it is, not as a short history: 190 working days of zeros.
    expect(zeros.stderr).toMatch(/すべて0.*entry/);
    expect(zeros.stderr).not.toMatch(/営業日に満たない/);
  });
});
