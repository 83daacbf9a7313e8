import { readFileSync, statSync } from 'node:fs';
import type { GenbaApp } from '../app.js';
import { checkFigures, evaluateAsk, parseAskCases } from '../chat/query/queryEval.js';
import { vocabularyCoverage } from '../chat/query/measures.js';
import { scoreAnswers } from '../chat/query/figureScore.js';
import { formatAnswerScore } from './formatAnswerScore.js';
import type { CliIo } from './cliIo.js';
import { GenbaError, localize, type Localized } from '../errors.js';
import { count } from '../api/englishCount.js';
import { usageError } from './cliUsageError.js';
import { formatBacktest } from './formatBacktest.js';
import { backtest } from '../forecast/backtest.js';
import { parseForecastCsv } from '../forecast/forecastCsv.js';
import { MIN_HISTORY } from '../forecast/forecastSeries.js';
import { learnedCalendar } from '../forecast/learnedCalendar.js';

/** A labelled file bigger than this is not a list of requests someone wrote. */
const MAX_BYTES = 10 * 1024 * 1024;

/** A labelled request file, read whole once its size is checked. */
function readLabelledFile(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new GenbaError('NOT_FOUND', { ja: `ファイルがありません: ${file}`, en: `No such file: ${file}` });
  }
  if (size > MAX_BYTES)
    throw new GenbaError('INVALID_INPUT', { ja: `ファイルが大きすぎます（10 MB まで）: ${file}`, en: `The file is too large (10 MB at most): ${file}` });
  return readFileSync(file, 'utf8');
}

/**
 * `genba eval ask <file.jsonl> [--json]`: each request's query as the rules read it against
 * the labelled one (docs/ask-query.md): exact and field by field, per operation, per
 * phrasing pattern, and leave-one-operation-out (does an unknown shape become an honest
 * "what Genba can do", or another operation's answer?).
 */
async function evalAsk(app: GenbaApp, file: string, json: boolean, io: CliIo): Promise<number> {
  const cases = parseAskCases(readLabelledFile(file));
  await app.assistant.prepare();
  const started = performance.now();
  const e = evaluateAsk(cases, (q, ops) => app.assistant.readQuery(q, ops).query);
  const figures = await checkFigures(cases, async (q) => (await app.assistant.ask(q)).answer);
  // Lines with expected figures are answered by the app's own ask(), as `genba ask` answers them.
  const answers = await scoreAnswers(cases, (q) => app.assistant.ask(q));
  const vocabulary = vocabularyCoverage();
  const report = { file, requests: cases.length, ms: Math.round(performance.now() - started), ...e, figures, answers, vocabulary };
  if (json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lang = app.lang();
  const lines = [
    localize(lang, { ja: `${cases.length}件の質問（${file}）`, en: `${count(cases.length, 'request')} (${file})` }),
    localize(lang, { ja: `クエリ完全一致 ${pct(e.all.exact)}`, en: `exact query ${pct(e.all.exact)}` }),
    // A field no line of the set states (one added after it was labelled) is not scored, so not shown.
    `  ${Object.entries(e.all.fields)
      .filter(([f]) => e.all.fieldLines[f as keyof typeof e.all.fieldLines] > 0)
      .map(([f, v]) => `${f} ${pct(v)}`)
      .join(' · ')}`,
    localize(lang, { ja: '操作ごと（完全一致、操作の再現率・適合率）', en: 'per operation (exact, operation recall and precision)' }),
    ...e.all.perOp.map(
      (p) => `  ${p.op.padEnd(9)} ${String(p.n).padStart(4)} ${pct(p.exact).padStart(7)} ${pct(p.opRecall).padStart(7)} ${pct(p.opPrecision).padStart(7)}`,
    ),
    localize(lang, { ja: '言い方ごと（完全一致、操作）', en: 'per phrasing pattern (exact, operation)' }),
    ...e.perPattern.map((p) => `  ${p.pattern.padEnd(10)} ${String(p.n).padStart(4)} ${pct(p.exact).padStart(7)} ${pct(p.op).padStart(7)}`),
    localize(lang, {
      ja: '操作を1つ外したとき（その操作の質問が「対象外」になる率 / 別の操作と読まれる率）',
      en: 'leave one operation out (its requests read as outside / as another operation)',
    }),
    ...e.leaveOneOpOut.map((p) => `  ${p.op.padEnd(9)} ${String(p.n).padStart(4)} ${pct(p.honest).padStart(7)} ${pct(p.wrongOp).padStart(7)}`),
  ];
  if (figures.lines > 0)
    lines.push(
      localize(lang, {
        ja: `数値を示した${figures.lines}行のうち、回答がすべて述べたもの ${figures.allStated}行`,
        en: `answers stating every expected figure: ${figures.allStated} of ${figures.lines} lines that give figures`,
      }),
      ...figures.misses.map((m) => `  ${m.q}: ${m.missing.join(', ')}`),
    );
  if (answers.storesChecked > 0) lines.push(...formatAnswerScore(answers, { perOp: e.all.perOp, perLang: e.perLang }, lang));
  lines.push(
    localize(lang, { ja: '語彙（指標ごとの日本語・英語の言葉）', en: 'vocabulary (the Japanese and English words of each measure)' }),
    ...vocabulary.map(
      (v) =>
        `  ${v.measure.padEnd(18)} ja ${String(v.ja.length).padStart(2)}: ${v.ja.join(' ')}\n  ${''.padEnd(18)} en ${String(v.en.length).padStart(2)}: ${v.en.join(' | ')}`,
    ),
  );
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * `genba eval forecast <file.csv> [--json]`: the daily workload forecast's rolling-origin
 * backtest on a company's own history (date,value[,series]): per series and overall, WAPE
 * beside the seasonal naive's, MASE and how often the P10–P90 band held the outcome.
 */
function evalForecast(app: GenbaApp, file: string, json: boolean, io: CliIo): number {
  const series = parseForecastCsv(readLabelledFile(file));
  // A file of nothing but zeros has no items to learn from: said as such, not as a short history (its zero weekdays read as closed
  // days). One zero series beside others (a dormant process) is scored on the calendar the others give, as before.
  const empty = series.filter((s) => s.values.every((v) => v.value === 0));
  if (empty.length === series.length)
    throw new GenbaError('INVALID_INPUT', {
      ja: `件数がすべて0の系列は予測を評価できません（予測の元になる件数がありません）: ${empty.map((s) => s.key).join('、')}`,
      en: `A series whose every value is 0 cannot be scored (there are no items to forecast from): ${empty.map((s) => s.key).join(', ')}`,
    });
  const calendar = learnedCalendar(series);
  // A series too short to forecast from is said by name, before anything is scored (it printed "—" and exited 0).
  const short = series.filter((s) => s.values.filter((v) => v.value > 0 || calendar.isOpen(v.date)).length <= MIN_HISTORY);
  if (short.length > 0)
    throw new GenbaError('INVALID_INPUT', {
      ja: `実績が${MIN_HISTORY + 1}営業日に満たない系列は予測を評価できません: ${short.map((s) => s.key).join('、')}`,
      en: `A series needs more than ${MIN_HISTORY} working days of history to score a forecast: ${short.map((s) => s.key).join(', ')}`,
    });
  const started = performance.now();
  const report = backtest(series, { calendar });
  if (report.all.n === 0 || !Number.isFinite(report.all.wape))
    throw new GenbaError('INVALID_INPUT', {
      ja: 'このファイルには評価できる日がありません（予測の後に実績のある営業日が必要です。件数がすべて0ではありませんか）',
      en: 'Nothing in this file can be scored (a working day with items after each forecast is needed; are all values 0?)',
    });
  if (json) {
    io.stdout(`${JSON.stringify({ file, ms: Math.round(performance.now() - started), ...report }, null, 2)}\n`);
    return 0;
  }
  io.stdout(formatBacktest(report, app.lang(), localize(app.lang(), FILE_TITLE)(series.length, file, report.origins, report.horizon)));
  return 0;
}

const FILE_TITLE: Localized<(n: number, file: string, origins: number, horizon: number) => string> = {
  ja: (n, file, origins, horizon) => `${n}系列（${file}）: 各系列の直近${origins}営業日を起点に1〜${horizon}営業日先を予測した誤差`,
  en: (n, file, origins, horizon) =>
    `${count(n, 'series', 'series')} (${file}): forecasts 1–${horizon} working days ahead from each of the last ${origins} days`,
};

/** `genba eval ask | forecast`: how well requests are read and answered, and how well the forecast does, on a company's own files. */
export async function runEvalCommand(app: GenbaApp, args: string[], json: boolean, io: CliIo): Promise<number> {
  const [what, file, ...extra] = args;
  if (what === 'ask' && file && extra.length === 0) return evalAsk(app, file, json, io);
  if (what === 'forecast' && file && extra.length === 0) return evalForecast(app, file, json, io);
  throw usageError({
    ja: '使い方: genba eval ask <ファイル.jsonl> [--json] | genba eval forecast <ファイル.csv> [--json]',
    en: 'Usage: genba eval ask <file.jsonl> [--json] | genba eval forecast <file.csv> [--json]',
  });
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
