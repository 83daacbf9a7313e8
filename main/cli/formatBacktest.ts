import type { Lang, Localized } from '../api/localized.js';
import { localize } from '../api/localized.js';
import type { BacktestReport, Scores } from '../forecast/backtest.js';
import { padEnd, padStart, textWidth } from './textWidth.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

const FORECAST_WORDS = {
  ja: {
    series: '系列',
    wape: 'WAPE',
    naive: '前週同曜WAPE',
    better: '改善',
    mase: 'MASE',
    coverage: 'P10–P90内',
    days: '日数',
    all: '全体',
    h1: '翌営業日のみ',
    legend:
      'WAPE = Σ|誤差| / Σ実績（%）、改善 = 前週同曜（5営業日前）よりWAPEが何%低いか、MASE = 誤差 / 前週同曜の平均誤差（比）、P10–P90内 = 実績が予測の幅に入った割合',
  },
  en: {
    series: 'series',
    wape: 'WAPE',
    naive: 'naive WAPE',
    better: 'improvement',
    mase: 'MASE',
    coverage: 'in P10–P90',
    days: 'days',
    all: 'all',
    h1: 'next working day only',
    legend:
      "WAPE = Σ|error| / Σ actual (%), improvement = how much lower than the seasonal naive (same weekday last week, 5 working days back), MASE = error / the naive's mean in-sample error (ratio), in P10–P90 = share of actuals inside the band",
  },
} satisfies Localized<Record<string, unknown>>;

const maybePct = (x: number): string => (Number.isFinite(x) ? pct(x) : '—');

/**
 * A forecast backtest as a table people read: per series and overall, WAPE beside the
 * seasonal naive's, how much lower, MASE, how often P10–P90 held the outcome, days scored;
 * the next working day alone; and what each column means.
 */
export function formatBacktest(report: BacktestReport, lang: Lang, title: string): string {
  const w = localize(lang, FORECAST_WORDS);
  const keyWidth = Math.max(textWidth(w.series), textWidth(w.all), textWidth(w.h1), ...report.series.map((s) => textWidth(s.key))) + 2;
  const cells = [w.wape, w.naive, w.better, w.mase, w.coverage, w.days];
  const cellWidth = Math.max(...cells.map(textWidth)) + 2;
  const row = (label: string, s: Scores): string =>
    padEnd(label, keyWidth) +
    [
      maybePct(s.wape),
      maybePct(s.naiveWape),
      Number.isFinite(s.wape) && s.naiveWape > 0 ? `${((1 - s.wape / s.naiveWape) * 100).toFixed(0)}%` : '—',
      Number.isFinite(s.mase) ? s.mase.toFixed(2) : '—',
      maybePct(s.coverage),
      String(s.n),
    ]
      .map((c) => padStart(c, cellWidth))
      .join('');
  const lines = [
    title,
    padEnd(w.series, keyWidth) + cells.map((c) => padStart(c, cellWidth)).join(''),
    ...report.series.map((s) => row(s.key, s.all)),
    row(w.all, report.all),
    row(w.h1, report.h1),
    w.legend,
  ];
  return `${lines.join('\n')}\n`;
}
