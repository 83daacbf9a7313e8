import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayFigure, monthDayFigure, speedChangeFigure, speedFigure } from '../../../main/api/figures.js';
import { sourceFiles } from '../../helpers/sourceFiles.js';
import { tempDir } from '../../helpers/tempDir.js';

/**
 * A speed, a change in speed or a day written by hand beside figures.ts: each rule below is one way a figure
 * was written twice (「毎分7件」 under 「毎分7.0件」, 2025-10-23 beside 2025/10/23, +39 % beside 5.0 → 7.0).
 */
const HAND_WRITTEN: { rule: string; line: RegExp }[] = [
  // Items per minute (a model's tokens per second is another unit).
  {
    rule: 'a speed rounded by hand',
    line: /^(?!.*tokens).*((perMinute|PerMinute|speed|Speed|毎分|\/min)[^;]*\.toFixed\(|\.toFixed\([^;]*(毎分|\/min|items\/min))/,
  },
  { rule: 'a speed rounded to tenths by hand', line: /(perMinute|PerMinute|speed|Speed)[^;]*Math\.round\([^;]*\* 10\) \/ 10\)?[^;]*(毎分|\/min|件)/ },
  { rule: 'a percentage of a speed change by hand', line: /\+\$\{Math\.round\(\(/ },
  { rule: 'a month and day cut from a date by hand', line: /slice\(5, 7\)\)\}\// },
  { rule: 'weekday names of its own', line: /\['日', '月', '火'|\['Sun', 'Mon', 'Tue'/ },
  { rule: 'a date written by the locale', line: /dateStyle: '(medium|long|full)'/ },
];

function handWritten(root: string): string[] {
  const found: string[] = [];
  for (const file of ['main', join('renderer', 'src')].flatMap((d) => sourceFiles(join(root, d)))) {
    if (file.endsWith(join('api', 'figures.ts'))) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        for (const { rule, line } of HAND_WRITTEN) if (line.test(text)) found.push(`${relative(root, file)}:${i + 1}: ${rule}`);
      });
  }
  return found;
}

describe('one way to write a figure', () => {
  it('speeds have one decimal, and a change in % is the change of the speeds as written', () => {
    expect(speedFigure(5)).toBe('5.0');
    expect(speedFigure(7.04)).toBe('7.0');
    // 5.04 → 7.0 reads "5.0 → 7.0": +40 %, as the manager checks it, not the +39 % of the unrounded speeds.
    expect(speedChangeFigure(5.04, 7.0)).toBe('+40%');
    expect(speedChangeFigure(6, 5.4)).toBe('−10%');
    expect(speedChangeFigure(0, 2)).toBe('+∞');
  });

  it('a day reads 10/24（金） in Japanese and Fri 10/24 in English, its weekday checked against the calendar', () => {
    expect(dayFigure('2025-10-24', 'ja')).toBe('10/24（金）');
    expect(dayFigure('2025-10-24', 'en')).toBe('Fri 10/24');
    expect(dayFigure('2026-01-04', 'en')).toBe('Sun 1/4');
    expect(monthDayFigure('2025-03-09')).toBe('3/9');
  });

  it('no file of main/ or the renderer writes a speed, a speed change or a day by hand', () => {
    expect(handWritten(process.cwd())).toEqual([]);
  });

  it('the check finds each planted hand-written figure', () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, 'main', 'x'), { recursive: true });
      mkdirSync(join(dir.path, 'renderer', 'src'), { recursive: true });
      writeFileSync(
        join(dir.path, 'main', 'x', 'bad.ts'),
        [
          'const a = `毎分${p.speedPerMinute.toFixed(1)}件`;',
          'productivity: `+${Math.round((added / speed) * 100)}%`,',
          'const md = `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;',
          "const W = ['日', '月', '火', '水', '木', '金', '土'];",
        ].join('\n'),
      );
      writeFileSync(join(dir.path, 'renderer', 'src', 'bad.tsx'), "new Intl.DateTimeFormat('ja-JP', { timeZone, dateStyle: 'medium' });\n");
      expect(handWritten(dir.path).map((f) => f.replace(/^.*: /, ''))).toEqual([
        'a speed rounded by hand',
        'a percentage of a speed change by hand',
        'a month and day cut from a date by hand',
        'weekday names of its own',
        'a date written by the locale',
      ]);
    } finally {
      dir.remove();
    }
  });
});
