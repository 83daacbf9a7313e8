import { describe, expect, it } from 'vitest';
import { ForecastCsvError, parseForecastCsv } from '../../../main/forecast/forecastCsv.js';
import { GenbaError } from '../../../main/errors.js';

const failure = (text: string): ForecastCsvError => {
  try {
    parseForecastCsv(text);
  } catch (error) {
    if (error instanceof ForecastCsvError) return error;
    throw error;
  }
  throw new Error('parsed');
};

describe('parseForecastCsv', () => {
  it('reads date,value with or without a header, sorted, Saturdays kept', () => {
    const text = '\uFEFFdate,value\r\n2025-06-03,12\r\n2025-06-02,10\r\n\r\n2025-06-07,3.5\r\n';
    expect(parseForecastCsv(text)).toEqual([
      {
        key: 'all',
        values: [
          { date: '2025-06-02', value: 10 },
          { date: '2025-06-03', value: 12 },
          { date: '2025-06-07', value: 3.5 },
        ],
      },
    ]);
    expect(parseForecastCsv('2025-06-02,10\n2025-06-03,12\n')[0]!.values).toHaveLength(2);
  });

  it('splits by the series column, quoted names with commas included', () => {
    const s = parseForecastCsv(
      'date,value,series\n2025-06-02,10,札幌/医療レセプト/エントリ1\n2025-06-02,4,"大阪,ベリファイ"\n2025-06-03,0,札幌/医療レセプト/エントリ1\n',
    );
    expect(s.map((x) => [x.key, x.values.length])).toEqual([
      ['札幌/医療レセプト/エントリ1', 2],
      ['大阪,ベリファイ', 1],
    ]);
  });

  it('names every faulty line, in Japanese and English', () => {
    const e = failure('date,value\n2025-06-02,10\n2025-02-30,5\n2025-06-04,-1\n2025-06-05,\n2025-06-02,7\n2025-06-06,1,x\n"open,3\n');
    expect(e.lines).toEqual([3, 4, 5, 6, 7, 8]);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.messageIn('ja')).toContain('3行目: 日付が YYYY-MM-DD ではありません: "2025-02-30"');
    expect(e.messageIn('en')).toContain('line 4: the value is not a number ≥ 0: "-1"');
    expect(e.messageIn('en')).toContain('line 6: 2025-06-02 appears twice for all');
    expect(e.messageIn('ja')).toContain('7行目: 列の数が3です');
    expect(e.messageIn('en')).toContain('line 8: a quote (") is not closed');
  });

  it('reads a quoted series name holding a line break, a comma and a doubled quote, and counts lines past it right', () => {
    const text = 'date,value,series\r\n2025-06-02,10,"札幌 ""本店"",\r\nエントリ1"\r\n2025-06-03,4,"札幌 ""本店"",\r\nエントリ1"\r\n2025-06-02,1,大阪\r\n';
    expect(parseForecastCsv(text)).toEqual([
      {
        key: '札幌 "本店",\r\nエントリ1',
        values: [
          { date: '2025-06-02', value: 10 },
          { date: '2025-06-03', value: 4 },
        ],
      },
      { key: '大阪', values: [{ date: '2025-06-02', value: 1 }] },
    ]);
    // A record spanning two lines: the fault after it is named on its own line, as a text editor numbers it.
    const e = failure('date,value,series\n2025-06-02,10,"a\nb"\n\n2025-06-31,1,c\n2025-06-05,1,d,e\n"open,1\n2025-06-06,2,e\n');
    expect(e.lines).toEqual([5, 6, 7]);
    expect(e.messageIn('en')).toBe(
      ['line 5: the date is not YYYY-MM-DD: "2025-06-31"', 'line 6: 4 columns (date,value or date,value,series: 3)', 'line 7: a quote (") is not closed'].join(
        '\n',
      ),
    );
  });

  it("says what is wrong with a file it cannot read, in the manager's language", () => {
    // Past a quote closed too soon the rest of the file cannot be told apart: the first fault is the one named.
    const e = failure('date,value\n2025-06-02,"1"0\n2025-06-03,5\n');
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.lines).toEqual([2]);
    expect(e.messageIn('ja')).toBe('2行目: 閉じた引用符（"）の後に文字があります');
    expect(e.messageIn('en')).toBe('line 2: there is text after a closing quote (")');
  });

  it('lists ten faults and counts the rest', () => {
    const e = failure(Array.from({ length: 14 }, (_, i) => `2025-06-${String(i + 1).padStart(2, '0')},x`).join('\n'));
    expect(e.lines).toHaveLength(14);
    expect(e.messageIn('en').split('\n')).toHaveLength(11);
    expect(e.messageIn('en')).toContain('and 4 more');
    expect(e.messageIn('ja')).toContain('ほか4件');
  });

  it('refuses a file with no data', () => {
    expect(() => parseForecastCsv('date,value\n\n')).toThrow(GenbaError);
  });
});
