import type { AnswerScore, FigureGroup } from '../chat/query/figureScore.js';
import { localize, type Lang } from '../errors.js';

const pct = (x: number, n: number): string => (n === 0 ? '—' : `${((x / n) * 100).toFixed(1)}%`);

const row = (g: FigureGroup, exact: string): string =>
  `  ${g.key.padEnd(9)} ${String(g.lines).padStart(4)} ${exact.padStart(7)} ${`${g.found}/${g.expected}`.padStart(9)} ${pct(g.found, g.expected).padStart(7)} ${pct(g.allRight, g.lines).padStart(7)}`;

/**
 * `genba eval ask`'s lines on the answers themselves: the expected figures found in each answer
 * (text or table), the lines with every figure right, per operation and per language beside the
 * query's exact share, and the answers that stored a proposal or a plan nobody asked for.
 */
export function formatAnswerScore(
  s: AnswerScore,
  exact: { perOp: readonly { op: string; exact: number }[]; perLang: readonly { lang: string; exact: number }[] },
  lang: Lang,
): string[] {
  const share = (x: { exact: number } | undefined): string => (x ? `${(x.exact * 100).toFixed(1)}%` : '—');
  const head = localize(lang, {
    ja: '（行数、クエリ完全一致、数値、数値の一致率、全数値一致の行）',
    en: '(lines, exact query, figures, found, lines all right)',
  });
  const out = [
    localize(lang, {
      ja: `回答の数値: ${s.figures.found}/${s.figures.expected} 一致 (${pct(s.figures.found, s.figures.expected)})、全数値一致 ${s.lines.allRight}/${s.lines.withFigures}行 (${pct(s.lines.allRight, s.lines.withFigures)})`,
      en: `figures in the answers: ${s.figures.found} of ${s.figures.expected} found (${pct(s.figures.found, s.figures.expected)}), lines with every figure right ${s.lines.allRight} of ${s.lines.withFigures} (${pct(s.lines.allRight, s.lines.withFigures)})`,
    }),
    `${localize(lang, { ja: '操作ごと', en: 'per operation' })} ${head}`,
    ...s.perOp.map((g) => row(g, share(exact.perOp.find((p) => p.op === g.key)))),
    `${localize(lang, { ja: '言語ごと', en: 'per language' })} ${head}`,
    ...s.perLang.map((g) => row(g, share(exact.perLang.find((p) => p.lang === g.key)))),
    localize(lang, {
      ja: `頼まれていない保存（提案・計画）: ${s.storesViolations.length}/${s.storesChecked}行`,
      en: `stored without being asked (proposal or plan): ${s.storesViolations.length} of ${s.storesChecked} lines`,
    }),
    ...s.storesViolations.map((v) => `  ${v.stored}: ${v.q}`),
  ];
  if (s.misses.length > 0)
    out.push(localize(lang, { ja: '数値が合わなかった行', en: 'lines with a figure missing' }), ...s.misses.map((m) => `  ${m.q}: ${m.missing.join(', ')}`));
  return out;
}
