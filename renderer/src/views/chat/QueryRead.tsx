import { Fragment, useEffect, useMemo } from 'react';
import { useName, useNamesInText } from '../../i18n/useName';
import { use as registerCharts } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { AskOp, AskQuery, AskTime, MeasureId } from '../../../../main/api/askQuery';
import type { AskResult, QueryTable } from '../../../../main/api/assistantTypes';
import { localize } from '../../../../main/api/localized';
import { MEASURE_LABELS } from '../../../../main/api/measureLabels';
import { useEChart } from '../../components/useEChart';
import { formatSpeed } from '../overview/format';
import { isMessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';

registerCharts([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

type T = ReturnType<typeof useT>;

const NO_NAMES: Readonly<Record<string, string>> = {};

/** The operations whose table is a set of things side by side (bars), or a measure step by step (a line). */
const CHARTED_OPS: ReadonlySet<AskOp> = new Set(['compare', 'rank', 'list', 'trend']);
/** Measures whose figures are times of day (epoch ms): not bars. */
const CLOCK_MEASURES: ReadonlySet<MeasureId> = new Set(['finish', 'deadline']);
/** At most this many bars: a ranking of every operator shows its head. */
const MAX_BARS = 8;

/** How a query's time reads: a named time, or a pattern (last_3h, last_7d, since_14, by_17). */
export function timeText(time: AskTime | null, t: T): string {
  if (time === null) return t('query.time.none');
  const m = /^(last|since|by)_(\d+)([hd]?)$/.exec(time);
  if (m) {
    const n = Number(m[2]);
    if (m[1] === 'last') return t(m[3] === 'h' ? 'query.time.lastHours' : 'query.time.lastDays', { n });
    return t(m[1] === 'since' ? 'query.time.since' : 'query.time.by', { h: n });
  }
  const key = `query.time.${time}`;
  return isMessageKey(key) ? t(key) : time;
}

/** The operation in words, with its ranking, split and comparison: 「順位（上位1・拠点ごと）」. */
export function opText(q: AskQuery, t: T): string {
  const detail = [
    q.rank ? t(`query.rank.${q.rank.order}`, { n: q.rank.n }) : null,
    q.by ? t(`query.by.${q.by}`) : null,
    q.against ? t(`query.against.${q.against}`) : null,
  ].filter((x): x is string => x !== null);
  const main = t(`query.op.${q.op}`);
  return detail.length === 0 ? main : t('query.paren', { main, detail: detail.join(t('query.sep')) });
}

/**
 * The bars a planned answer's table makes: for a comparison, ranking, list or trend of a
 * measure with at least two figures; null when the answer is better read as text.
 */
export function chartRows(q: AskQuery, table: QueryTable | null | undefined): { name: string; value: number }[] | null {
  if (!table || !q.measure || !CHARTED_OPS.has(q.op) || CLOCK_MEASURES.has(q.measure)) return null;
  // The table's second column is the measure itself (not incident lines, not decision counts).
  if (table.columns.length !== 2 || table.columns[1] !== q.measure) return null;
  const rows = table.rows.flatMap(([name, value]) => (typeof value === 'number' && Number.isFinite(value) ? [{ name: String(name), value }] : []));
  if (rows.length < 2) return null;
  if (q.op === 'rank') rows.sort((a, b) => (q.rank?.order === 'bottom' ? a.value - b.value : b.value - a.value));
  else if (q.op === 'list') rows.sort((a, b) => b.value - a.value);
  return q.op === 'trend' ? rows : rows.slice(0, MAX_BARS);
}

/** The small chart under an answer: one bar per row of its table, or a trend's line over its steps; the measure's unit on the value axis. */
export function QueryChart({ result }: { result: AskResult }) {
  const q = result.query?.read;
  const inText = useNamesInText();
  // The table keeps the company's names (it is data); the bars are labelled as the screen writes them.
  const rows = useMemo(() => (q ? chartRows(q, result.table)?.map((r) => ({ ...r, name: inText(r.name) })) : null) ?? null, [q, result.table, inText]);
  if (!q || !rows) return null;
  return q.op === 'trend' ? <TrendLine query={q} rows={rows} /> : <Bars query={q} rows={rows} />;
}

/** The measure's label and unit in the app's language, for a chart's axis and its accessible name. */
function useMeasureWords(q: AskQuery): { unit: string; label: string } {
  const lang = useAppStore((s) => s.lang);
  const measure = q.measure ? MEASURE_LABELS[q.measure] : null;
  return { unit: measure ? localize(lang, measure.unit) : '', label: measure ? localize(lang, measure.label) : '' };
}

/** A trend: the measure at each step as a line, the steps' times on the x axis and the unit on the value axis. */
function TrendLine({ query: q, rows }: { query: AskQuery; rows: { name: string; value: number }[] }) {
  const t = useT();
  const { el, chart } = useEChart();
  const { unit, label } = useMeasureWords(q);
  useEffect(() => {
    const shown = (v: number): string => `${v.toLocaleString()}${unit === '%' || unit === '' ? unit : ` ${unit}`}`;
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 24, top: 28, bottom: 4, containLabel: true },
        tooltip: { trigger: 'axis', textStyle: { fontSize: 12 }, valueFormatter: (v: unknown) => shown(Number(v)) },
        xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: 10, hideOverlap: true } },
        yAxis: {
          type: 'value',
          name: unit,
          nameTextStyle: { fontSize: 11, align: 'left' },
          axisLabel: { fontSize: 10 },
          scale: q.measure !== 'progress',
          splitLine: { lineStyle: { color: '#eef2f7' } },
        },
        series: [
          {
            type: 'line',
            data: rows.map((r) => r.value),
            symbolSize: 5,
            lineStyle: { color: '#0f766e', width: 2 },
            itemStyle: { color: '#0f766e' },
            label: {
              show: rows.length <= 12,
              position: 'top',
              fontSize: 10,
              color: '#1f2937',
              formatter: (p: { value: unknown }) => Number(p.value).toLocaleString(),
            },
          },
        ],
      },
      true,
    );
  }, [rows, unit, q.measure, chart]);
  return <div ref={el} className="query-chart" role="img" aria-label={t('query.chart', { label, unit })} data-testid="query-chart" />;
}

function Bars({ query: q, rows }: { query: AskQuery; rows: { name: string; value: number }[] }) {
  const t = useT();
  const { el, chart } = useEChart();
  const { unit, label } = useMeasureWords(q);
  // In a ranking the ones asked for stand out; the rest are there for scale.
  const highlighted = q.op === 'rank' ? (q.rank?.n ?? 1) : Infinity;
  useEffect(() => {
    const shown = (v: number): string => `${v.toLocaleString()}${unit === '%' || unit === '' ? unit : ` ${unit}`}`;
    const names = { type: 'category' as const, data: rows.map((r) => r.name), axisLabel: { fontSize: 11, width: 150, overflow: 'truncate' as const } };
    const values = {
      type: 'value' as const,
      name: unit,
      nameTextStyle: { fontSize: 11 },
      axisLabel: { fontSize: 10 },
      splitLine: { lineStyle: { color: '#eef2f7' } },
    };
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 64, top: 8, bottom: 4, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: { fontSize: 12 }, valueFormatter: (v: unknown) => shown(Number(v)) },
        xAxis: { ...values, nameGap: 6 },
        yAxis: { ...names, inverse: true },
        series: [
          {
            type: 'bar',
            barMaxWidth: 22,
            data: rows.map((r, i) => ({ value: r.value, itemStyle: { color: i < highlighted ? '#0f766e' : '#99d5cf' } })),
            label: { show: true, position: 'right', fontSize: 11, color: '#1f2937', formatter: (p: { value: unknown }) => shown(Number(p.value)) },
          },
        ],
      },
      true,
    );
  }, [rows, unit, highlighted, chart]);
  return <div ref={el} className="query-chart" role="img" aria-label={t('query.chart', { label, unit })} data-testid="query-chart" />;
}

/** 「読み取った内容」: what the request was read as (operation, measure, filters, time) and how sure the reading is. */
export function QueryRead({ query }: { query: NonNullable<AskResult['query']> }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const names = useAppStore((s) => s.overview?.businessNames ?? NO_NAMES);
  const name = useName();
  const q = query.read;
  const list = (xs: string[]): string => xs.map(name).join(t('query.sep'));
  const measure = q.measure ? MEASURE_LABELS[q.measure] : null;
  const unit = measure ? localize(lang, measure.unit) : '';
  const filters: [string, string, string][] = [
    ['sites', t('query.sites'), list(q.site)],
    ['processes', t('query.processes'), list(q.process)],
    ['businesses', t('query.businesses'), list(q.business.map((id) => names[id] ?? id))],
    ['services', t('query.services'), list(q.service)],
    ['operators', t('query.operators'), list(q.operator)],
    ['level', t('query.level'), q.level === null ? '' : t('query.levelAtLeast', { n: q.level })],
    // Answers stored before a query had its upper bound of experience have none.
    [
      'experience',
      t('query.experience'),
      [
        q.experience === null ? '' : t('query.experienceAtLeast', { n: q.experience }),
        (q.experienceUnder ?? null) === null ? '' : t('query.experienceUnder', { n: q.experienceUnder ?? 0 }),
      ]
        .filter(Boolean)
        .join(t('query.sep')),
    ],
    ['state', t('query.state'), q.status === null ? '' : t(`status.${q.status}`)],
    ['notFrom', t('query.notFrom'), list(q.notFrom)],
    // Answers stored before a query had its source sites have none.
    ['from', t('query.from'), list(q.from ?? [])],
    ['notWho', t('query.notWho'), list(q.notWho ?? [])],
  ];
  const unused = query.unused ?? [];
  const named = filters.filter(([, , v]) => v !== '');
  const move = q.move
    ? 'speed' in q.move
      ? t('query.move.speed', { n: formatSpeed(q.move.speed) })
      : 'items' in q.move
        ? t('query.move.items', { n: q.move.items })
        : 'stopMinutes' in q.move
          ? q.move.stopMinutes === null
            ? t('query.move.stopRest')
            : t('query.move.stop', { n: q.move.stopMinutes })
          : [
              t('query.move.people', { n: q.move.count }),
              q.move.from ? t('query.move.from', { site: name(q.move.from) }) : '',
              q.move.to ? t('query.move.to', { site: name(q.move.to) }) : '',
              q.move.process ? t('query.move.process', { process: name(q.move.process) }) : '',
              // The time the people go back: the what-if weighs the rest at the speed before.
              q.move.until ? t('query.move.until', { hm: q.move.until }) : '',
            ]
              .filter(Boolean)
              .join(' ')
    : null;
  const op = opText(q, t);
  return (
    <details className="query-read" data-testid="query-read">
      <summary>
        {t('query.title')}
        <span className="gist">{[t(`query.op.${q.op}`), measure ? localize(lang, measure.label) : null, ...q.site.map(name)].filter(Boolean).join(' · ')}</span>
      </summary>
      <dl>
        <dt>{t('query.op')}</dt>
        <dd data-testid="query-op">{op}</dd>
        {measure && (
          <>
            <dt>{t('query.measure')}</dt>
            <dd data-testid="query-measure">
              {localize(lang, measure.label)}
              {unit && <span className="muted"> · {t('query.unit', { unit })}</span>}
            </dd>
          </>
        )}
        {named.length === 0 ? (
          <>
            <dt>{t('query.scope')}</dt>
            <dd data-testid="query-scope">{t('query.everything')}</dd>
          </>
        ) : (
          named.map(([key, name, value]) => (
            <Fragment key={key}>
              <dt>{name}</dt>
              <dd data-testid={`query-${key}`}>{value}</dd>
            </Fragment>
          ))
        )}
        {move && (
          <>
            <dt>{t('query.move')}</dt>
            <dd data-testid="query-move">{move}</dd>
          </>
        )}
        <dt>{t('query.time')}</dt>
        <dd data-testid="query-time">{timeText(q.time, t)}</dd>
        {unused.length > 0 && (
          <>
            <dt>{t('query.unused')}</dt>
            <dd data-testid="query-unused">
              {unused.map((u) => (
                <mark key={u.word} className={`unused ${u.kind}`} title={u.kind === 'word' ? undefined : t('query.unused.leftOut')}>
                  {u.word}
                </mark>
              ))}
            </dd>
          </>
        )}
        <dt>{t('query.confidence')}</dt>
        <dd data-testid="query-confidence">
          {Math.round(query.confidence * 100)}% <span className="muted">· {t(`query.answeredBy.${query.answeredBy}`)}</span>
        </dd>
      </dl>
    </details>
  );
}
