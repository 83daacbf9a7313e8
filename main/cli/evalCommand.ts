import { readFileSync, statSync } from 'node:fs';
import { INTENT_TYPES, type Intent } from '../api/assistantTypes.js';
import type { GenbaApp } from '../app.js';
import { parseIntentCases } from '../chat/intentCases.js';
import { checkFigures, evaluateAsk, parseAskCases } from '../chat/query/queryEval.js';
import { scoreIntents, type IntentGuess, type IntentScore } from '../chat/intentEval.js';
import type { CliIo } from './cliIo.js';
import { GenbaError, localize, type Lang, type Localized } from '../errors.js';
import { count } from '../api/englishCount.js';
import { usageError } from './cliUsageError.js';
import { formatBacktest } from './formatBacktest.js';
import { backtest } from '../forecast/backtest.js';
import { parseForecastCsv } from '../forecast/forecastCsv.js';

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
  const report = { file, requests: cases.length, ms: Math.round(performance.now() - started), ...e, figures };
  if (json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lang = app.lang();
  const lines = [
    localize(lang, { ja: `${cases.length}件の質問（${file}）`, en: `${count(cases.length, 'request')} (${file})` }),
    localize(lang, { ja: `クエリ完全一致 ${pct(e.all.exact)}`, en: `exact query ${pct(e.all.exact)}` }),
    `  ${Object.entries(e.all.fields)
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
  const started = performance.now();
  const report = backtest(series);
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

const guess = (i: Intent): IntentGuess => ({
  intent: i.intent_type,
  location: i.entities.location,
  process: i.entities.process,
  business_id: i.entities.business_id,
});

/**
 * `genba eval intents <file.jsonl> [--intent-model FILE] [--json]`: how well requests are
 * understood, by the rules and, when a model is given or installed, by the intent model
 * side by side, on the requests of a deployment's own file. Accuracy, per-intent precision
 * and recall, the confusion matrix and entity accuracy.
 */
export async function runEvalCommand(app: GenbaApp, args: string[], json: boolean, io: CliIo): Promise<number> {
  const [what, file, ...extra] = args;
  if (what === 'ask' && file && extra.length === 0) return evalAsk(app, file, json, io);
  if (what === 'forecast' && file && extra.length === 0) return evalForecast(app, file, json, io);
  if (what !== 'intents' || !file || extra.length > 0) {
    throw usageError({
      ja: '使い方: genba eval intents <ファイル.jsonl> [--intent-model ファイル] [--json] | genba eval ask <ファイル.jsonl> [--json] | genba eval forecast <ファイル.csv> [--json]',
      en: 'Usage: genba eval intents <file.jsonl> [--intent-model FILE] [--json] | genba eval ask <file.jsonl> [--json] | genba eval forecast <file.csv> [--json]',
    });
  }
  const cases = parseIntentCases(readLabelledFile(file));
  await app.assistant.prepare();
  const rules: IntentGuess[] = [];
  const model: IntentGuess[] = [];
  let modelFailed = 0;
  const started = performance.now();
  for (const c of cases) {
    const r = await app.assistant.understand(c.q);
    rules.push(guess(r.rules));
    // A request the model could not read (invalid output) counts as the rules' reading, as in the app.
    if (r.model) model.push(guess(r.model));
    else {
      model.push(guess(r.rules));
      modelFailed++;
    }
  }
  const modelLoaded = app.ai.llm.status().some((s) => s.role === 'intent' && s.state !== 'not_configured');
  const report = {
    file,
    requests: cases.length,
    ms: Math.round(performance.now() - started),
    rules: scoreIntents(cases, rules),
    model: modelLoaded ? { ...scoreIntents(cases, model), fellBackToRules: modelFailed } : null,
  };
  if (json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lang = app.lang();
  const lines = [localize(lang, { ja: `${cases.length}件の質問（${file}）`, en: `${count(cases.length, 'request')} (${file})` })];
  lines.push(...formatScore(localize(lang, { ja: 'ルール', en: 'Rules' }), report.rules, lang));
  if (report.model)
    lines.push(
      '',
      ...formatScore(
        localize(lang, { ja: `意図モデル（解釈できず${modelFailed}件はルール）`, en: `Intent model (${modelFailed} unreadable, rules used)` }),
        report.model,
        lang,
      ),
    );
  else
    lines.push(
      '',
      localize(lang, {
        ja: '意図モデルはありません（--intent-model で指定すると並べて評価します）',
        en: 'No intent model (give one with --intent-model to compare)',
      }),
    );
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

const SCORE_WORDS = {
  ja: {
    accuracy: '意図の正解率',
    entityAccuracy: '項目（拠点・工程・業務）の正解率',
    site: '拠点',
    process: '工程',
    business: '業務',
    precision: '適合率',
    recall: '再現率',
    confusion: '混同行列（行: 正解、列: 判定）',
  },
  en: {
    accuracy: 'intent accuracy',
    entityAccuracy: 'entity accuracy (site, process, business)',
    site: 'site',
    process: 'process',
    business: 'business',
    precision: 'precision',
    recall: 'recall',
    confusion: 'confusion (rows: truth, columns: guess)',
  },
} satisfies Localized<Record<string, string>>;

function formatScore(title: string, s: IntentScore, lang: Lang): string[] {
  const w = localize(lang, SCORE_WORDS);
  const out = [
    `${title}: ${w.accuracy} ${pct(s.accuracy)}, ${w.entityAccuracy} ${pct(s.entityAccuracy)}`,
    `  ${w.site} ${pct(s.entities.location)} · ${w.process} ${pct(s.entities.process)} · ${w.business} ${pct(s.entities.business_id)}`,
    `  ${'intent'.padEnd(24)} ${'n'.padStart(4)} ${w.precision.padStart(9)} ${w.recall.padStart(9)}`,
    ...s.perIntent.map((p) => `  ${p.intent.padEnd(24)} ${String(p.n).padStart(4)} ${pct(p.precision).padStart(9)} ${pct(p.recall).padStart(9)}`),
    `  ${w.confusion}`,
  ];
  const present = INTENT_TYPES.filter((t) => INTENT_TYPES.some((u) => s.confusion[t][u] > 0 || s.confusion[u][t] > 0));
  const short = (t: string): string => t.split('_')[0]!.slice(0, 7);
  out.push(`  ${''.padEnd(24)}${present.map((t) => short(t).padStart(8)).join('')}`);
  for (const t of present) out.push(`  ${t.padEnd(24)}${present.map((u) => String(s.confusion[t][u]).padStart(8)).join('')}`);
  return out;
}
