import { describe, expect, it } from 'vitest';
import { figureFound, numbersOf, scoreAnswers, type ExpectedFigure } from '../../../../main/chat/query/figureScore.js';
import { parseAskCases } from '../../../../main/chat/query/queryEval.js';

const fig = (value: number, unit: string, tol = 0): ExpectedFigure => ({ value, unit, tol, what: 'x' });

describe('numbersOf: the figures a manager reads, Japanese and English formats', () => {
  it('reads thousands separators, 万, decimals, percent and per-minute rates', () => {
    const n = numbersOf('残件 1,234件、入荷 1.2万件、速度 5.2件/分、進捗 84.3 %')
      .filter((x) => !x.clock)
      .map((x) => x.value);
    expect(n).toEqual([1234, 12000, 5.2, 84.3]);
  });

  it('reads a clock time as minutes after midnight, not as two numbers', () => {
    const n = numbersOf('16:04 finish (deadline 16:00)');
    expect(n).toEqual([
      { value: 16 * 60 + 4, clock: true },
      { value: 16 * 60, clock: true },
    ]);
  });

  it('folds full width and reads a minus sign (−4 分)', () => {
    expect(numbersOf('１２０件、−4分').map((x) => x.value)).toEqual([120, -4]);
  });

  it('reads English figures: 11,291 items and 3.7/min', () => {
    expect(numbersOf('11,291 items arrived; 3.7/min').map((x) => x.value)).toEqual([11291, 3.7]);
  });
});

describe('figureFound: a figure within its tolerance, of the right kind', () => {
  it('matches within tol and not outside it', () => {
    expect(figureFound(fig(8.67, 'items/min', 0.15), numbersOf('8.7件/分'))).toBe(true);
    expect(figureFound(fig(8.67, 'items/min', 0.15), numbersOf('8.4件/分'))).toBe(false);
  });

  it('matches a clock figure only against a clock time', () => {
    expect(figureFound(fig(16 * 60 + 4, 'hh:mm', 3), numbersOf('964件'))).toBe(false);
    expect(figureFound(fig(16 * 60 + 4, 'hh:mm', 3), numbersOf('16:05に終わる見込み'))).toBe(true);
  });

  it('reads lateness whichever way it is written: −4 min or "4 min late"', () => {
    expect(figureFound(fig(-4, 'min', 0), numbersOf('about 4 min late'))).toBe(true);
    expect(figureFound(fig(-4, 'min', 0), numbersOf('余裕 −4分'))).toBe(true);
  });
});

describe('scoreAnswers: figures found per line, per operation and language, and what was stored unasked', () => {
  const cases = parseAskCases(
    [
      '{"q":"札幌の残件は何件？","lang":"ja","query":{"op":"value","measure":"remaining","site":["札幌"]},"figures":[{"value":384,"unit":"items","tol":0,"what":"left"}]}',
      '{"q":"Sapporo vs Osaka backlog","lang":"en","query":{"op":"compare","measure":"remaining","site":["札幌","大阪"],"by":"site"},"figures":[{"value":384,"unit":"items","tol":0,"what":"a"},{"value":190,"unit":"items","tol":0,"what":"b"}]}',
      '{"q":"今月の給料計算やっといて","lang":"ja","query":{"op":"outside"},"figures":[],"stores":false}',
      '{"q":"札幌に誰を回す？","lang":"ja","query":{"op":"propose","measure":"slack","site":["札幌"]},"figures":[],"stores":true}',
      '{"q":"no figures here","query":{"op":"outside"}}',
    ].join('\n'),
  );

  it('reads figure objects and stores from a line; a line without them is not answered', async () => {
    const asked: string[] = [];
    const s = await scoreAnswers(cases, async (q) => {
      asked.push(q);
      if (q.startsWith('札幌の残件')) return { answer: '札幌の残件は 384 件です（15:40時点）', table: null, proposal: null, plan: null };
      // The second figure is only in the table the answer was written from.
      if (q.startsWith('Sapporo'))
        return { answer: 'Sapporo 384 items', table: { columns: ['site', 'left'], rows: [['Osaka', 190]] }, proposal: null, plan: null };
      if (q.startsWith('今月')) return { answer: '計画を作りました', table: null, proposal: null, plan: { id: 'PLN1' } };
      return { answer: '提案です', table: null, proposal: { id: 'SGT1' }, plan: null };
    });
    expect(asked).toHaveLength(4);
    expect(s.figures).toEqual({ expected: 3, found: 3 });
    expect(s.lines).toEqual({ withFigures: 2, allRight: 2 });
    expect(s.perOp.find((p) => p.key === 'compare')).toMatchObject({ lines: 1, expected: 2, found: 2, allRight: 1 });
    expect(s.perLang.find((p) => p.key === 'en')).toMatchObject({ lines: 1, expected: 2, found: 2 });
    expect(s.storesViolations).toEqual([{ q: '今月の給料計算やっといて', stored: 'plan' }]);
    expect(s.storesChecked).toBe(4);
  });

  it('names the figures an answer missed', async () => {
    const s = await scoreAnswers(cases.slice(0, 2), async () => ({ answer: '384件', table: null, proposal: null, plan: null }));
    expect(s.figures).toEqual({ expected: 3, found: 2 });
    expect(s.lines.allRight).toBe(1);
    expect(s.misses).toEqual([{ q: 'Sapporo vs Osaka backlog', missing: ['b: 190 items'], answer: '384件' }]);
  });
});
