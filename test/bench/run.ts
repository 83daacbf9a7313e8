// `npm run bench`: the walking skeleton's figures. Prints a table; never fails on speed.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from '../../main/app.js';
import { openStore } from '../../main/store/openStore.js';
import { generateDemoCompany } from '../../main/sync/demo/generateDemoCompany.js';
import { createDemoSource } from '../../main/sync/demoSource.js';
import { runSync } from '../../main/sync/syncEngine.js';
import { tableSpecs } from '../../main/sync/tableSpecs.js';
import { tempDir } from '../helpers/tempDir.js';
import { aiRuntimeBench } from './aiRuntime.js';
import { clickhouseScaleBench } from './clickhouseScale.js';
import { clickhouseDenseBench, fillFromHexGenerator } from './clickhouseDense.js';
import { logIntelligenceBench } from './logIntelligence.js';
import { publishedDrain } from './publishedDrain.js';
import { logParsingBench } from './logParsing.js';
import { logScaleBench } from './logScale.js';
import { askQueryBench } from './askQuery.js';
import { forecastBench } from './forecast.js';
import { BLIND_SETS, forecastBlindBench } from './forecastBlind.js';
import { intradayArrivalsBench } from './intradayArrivals.js';
import { placementAssistantBench } from './placementAssistant.js';
import { planSolverBench } from './planSolver.js';
import { planExactBench, planHistoryBench } from './planHistory.js';
import { syncSoak } from './syncSoak.js';
import { compactionSoak } from './compactionSoak.js';
import { planDeliverySoak } from './planDeliverySoak.js';
import { syncThroughput } from './syncThroughput.js';

/** GENBA_BENCH_ONLY=soak,sync (section names below) runs those sections alone. */
const only = (process.env.GENBA_BENCH_ONLY ?? '')
  .split(',')
  .map((x) => x.trim())
  .filter(Boolean);
const wanted = (section: string): boolean => only.length === 0 || only.includes(section);
/** Offline sections (an hour or more): run only when named in GENBA_BENCH_ONLY. */
const OFFLINE = new Set(['plan-exact', 'clickhouse-week']);

const rows: [string, string][] = [];
const record = (name: string, value: string): void => {
  rows.push([name, value]);
  console.log(`${name.padEnd(56)} ${value}`);
};

function timeIt<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Demo generation and load, store open, status and overview, CLI start-up. */
async function storeBench(): Promise<void> {
  const dir = tempDir('genba-bench-');
  try {
    const gen = timeIt(() => {
      const c = generateDemoCompany(20251023);
      return c.snapshots.length + [...c.logDays()].reduce((n, d) => n + d.length, 0);
    });
    record('demo generation (in memory)', `${gen.ms.toFixed(0)} ms, ${gen.value.toLocaleString()} rows`);

    const dbPath = join(dir.path, 'bench.sqlite');
    const db = openStore(dbPath);
    const t0 = performance.now();
    const source = createDemoSource(20251023, ['locations', 'operators', 'operator_process_capabilities', 'progress_snapshots', 'app_logs']);
    const report = await runSync({ db, source, specs: tableSpecs(), batchSize: 5000, now: Date.now });
    const loadMs = performance.now() - t0;
    record(
      'demo generation + sync into SQLite (5,000-row batches)',
      `${loadMs.toFixed(0)} ms, ${Math.round(report.rows / (loadMs / 1000)).toLocaleString()} rows/s`,
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    record('SQLite size of the demo data', `${(statSync(dbPath).size / 1048576).toFixed(1)} MB`);

    const reopen = timeIt(() => openStore(dbPath));
    record('open existing store (quick_check + migrations)', `${reopen.ms.toFixed(0)} ms`);
    reopen.value.close();

    const appDir = join(dir.path, 'app');
    const s0 = performance.now();
    const app = createApp({ dataDir: appDir });
    await app.start();
    record('first start on an empty data folder', `${(performance.now() - s0).toFixed(0)} ms`);
    const status = Array.from({ length: 20 }, () => timeIt(() => app.status()).ms);
    record('status() p50 / p95 (20 runs)', `${percentile(status, 50).toFixed(1)} / ${percentile(status, 95).toFixed(1)} ms`);
    const overview = Array.from({ length: 50 }, () => timeIt(() => app.overview()).ms);
    record('overview() p50 / p95 (50 runs, 52 processes)', `${percentile(overview, 50).toFixed(1)} / ${percentile(overview, 95).toFixed(1)} ms`);
    // The cockpit's other reads: the ranked alert list, the log volume chart, a site's timeline with a template on it.
    app.alerts.check();
    const alerts = Array.from({ length: 20 }, () => timeIt(() => app.alerts.list({ status: 'open' })).ms);
    record('alerts list, ranked (p50 / p95, 20 runs)', `${percentile(alerts, 50).toFixed(1)} / ${percentile(alerts, 95).toFixed(1)} ms`);
    const now = app.status().clock.now;
    const day = Array.from({ length: 10 }, () => timeIt(() => app.logs.volume({})).ms);
    const week = Array.from({ length: 5 }, () => timeIt(() => app.logs.volume({ from: now - 7 * 86_400_000, to: now })).ms);
    record('log volume chart, 24 h / 7 days (p50)', `${percentile(day, 50).toFixed(0)} / ${percentile(week, 50).toFixed(0)} ms`);
    const top = app.logs.templates(1)[0];
    const timeline = Array.from({ length: 10 }, () => timeIt(() => app.alerts.timeline('札幌', {}, top?.id)).ms);
    record('site timeline with a template, 6 h (p50)', `${percentile(timeline, 50).toFixed(0)} ms`);
    await app.stop();

    // The first ten minutes: the overview and `genba status` on an empty folder, which build the first screen only,
    // beside the whole first build (logs and their templates too, which is what both waited for before).
    const firstDir = join(dir.path, 'first');
    const f0 = performance.now();
    const firstApp = createApp({ dataDir: firstDir, firstScreenOnly: true });
    await firstApp.start();
    firstApp.overview();
    record('time to a usable overview, empty folder (first screen)', `${(performance.now() - f0).toFixed(0)} ms`);
    await firstApp.stop();
    const bin = resolve('bin/genba.mjs');
    const full = timeIt(() => spawnSync(process.execPath, [bin, 'logs', 'templates', '--json', '--data-dir', join(dir.path, 'full')], { encoding: 'utf8' }));
    record('whole first build: genba logs templates, empty folder (before: what status waited for)', `${full.ms.toFixed(0)} ms`);
    const cliFresh = timeIt(() => spawnSync(process.execPath, [bin, 'status', '--json', '--data-dir', join(dir.path, 'cli')], { encoding: 'utf8' }));
    if (cliFresh.value.status === 0) {
      record('genba status --json, fresh data folder (process)', `${cliFresh.ms.toFixed(0)} ms`);
      const warm = Array.from(
        { length: 5 },
        () => timeIt(() => spawnSync(process.execPath, [bin, 'status', '--json', '--data-dir', join(dir.path, 'cli')])).ms,
      );
      record('genba status --json, existing data (process, p50)', `${percentile(warm, 50).toFixed(0)} ms`);
      const ov = Array.from(
        { length: 5 },
        () => timeIt(() => spawnSync(process.execPath, [bin, 'overview', '--json', '--data-dir', join(dir.path, 'cli')])).ms,
      );
      record('genba overview --json (process, p50)', `${percentile(ov, 50).toFixed(0)} ms`);
    } else {
      record('genba CLI', 'skipped: run npm run build first');
    }
  } finally {
    dir.remove();
  }
}

const sections: [string, string, () => Promise<void>][] = [
  ['store', 'store, demo and CLI', storeBench],
  ['placement', 'placement assistant', () => placementAssistantBench(record)],
  ['plan', 'staffing plan for tomorrow (MIP in HiGHS)', () => planSolverBench(record)],
  [
    'plan-history',
    'staffing plan judged on history: each past working day planned with what was known the evening before, beside the simple rule',
    () => planHistoryBench(record),
  ],
  [
    'plan-exact',
    "offline: each past working day's plan beside the whole company's MIP solved to 1 % of the plan's cost, beside the simple rule",
    () => planExactBench(record),
  ],
  ['sync', 'sync', () => syncThroughput(Number(process.env.GENBA_BENCH_LOG_ROWS ?? 1_000_000), record)],
  [
    'clickhouse',
    'logs in ClickHouse: 50 million lines pulled as per-minute groups, beside row-level sync',
    () => clickhouseScaleBench(Number(process.env.GENBA_BENCH_CLICKHOUSE_ROWS ?? 50_000_000), record),
  ],
  [
    'clickhouse-dense',
    'logs in ClickHouse: 5 million dense lines over 12 hours synced to the laptop: time, local size, counts, drill-down',
    () => clickhouseDenseBench(Number(process.env.GENBA_BENCH_DENSE_ROWS ?? 5_000_000), 12, record),
  ],
  [
    'clickhouse-hex',
    'logs in ClickHouse with ids that are not numbers (hex image ids, UUIDs, tokens; written by a reviewer): 5 million lines over 12 hours, as clickhouse-dense, then folded to hours as days older than the minute window are',
    () =>
      clickhouseDenseBench(
        Number(process.env.GENBA_BENCH_DENSE_ROWS ?? 5_000_000),
        12,
        record,
        fillFromHexGenerator,
        'ClickHouse dense logs with hex ids, UUIDs and tokens',
        false,
        true,
      ),
  ],
  [
    'clickhouse-week',
    'offline: a busy week of the same dense lines (70 million over 7 days) synced to the laptop: time, local size, counts',
    () => clickhouseDenseBench(Number(process.env.GENBA_BENCH_DENSE_ROWS ?? 70_000_000), 168, record),
  ],
  ['soak', 'data safety soak (out-of-order commits, syncs killed at random)', () => syncSoak(Number(process.env.GENBA_BENCH_SOAK_SECONDS ?? 180), record)],
  [
    'compaction-soak',
    'compaction soak (row-level and MySQL-grouped logs, compaction after every sync, refinement, new shapes, kill -9s, decisions)',
    () => compactionSoak(Number(process.env.GENBA_BENCH_SOAK_SECONDS ?? 180), record),
  ],
  [
    'plan-soak',
    'plan delivery soak (two machines with clocks hours apart approving plans for the same days, frozen servers, kill -9s of Genba (approvals, syncs, model imports, restores) and MariaDB)',
    () => planDeliverySoak(Number(process.env.GENBA_BENCH_SOAK_SECONDS ?? 180), record),
  ],
  ['ai', 'local AI (CPU)', () => aiRuntimeBench(record)],
  ['logs', 'log intelligence', () => logIntelligenceBench(record)],
  ['scale', 'logs at 1,000 and 10,000 templates: anomalies, clusters and alerts check (the built CLI), before and now', () => logScaleBench(record)],
  [
    'parse',
    'log parsing: accuracy in-sample and left out, genba logs parse beside Drain3, robustness',
    async () => {
      logParsingBench(record);
      publishedDrain(record);
    },
  ],
  ['ask', 'questions read as queries: open and locked sets, per pattern, leave one operation out; answer time per operation', () => askQueryBench(record)],
  [
    'forecast',
    'daily workload forecast: rolling-origin backtest beside the seasonal naive and statsmodels ETS, open and locked shapes',
    () => forecastBench(record),
  ],
  [
    'forecast-blind',
    "the locked forecast set of issue 40 (other companies' calendars, closed days as zeros or absent, calendar-date peaks), beside the seasonal naive and ETS",
    async () => forecastBlindBench(record, BLIND_SETS.a),
  ],
  [
    'forecast-blind-b',
    "issue 40's second locked forecast set (client batches, backlogs, cut-offs, closure weeks, heavy tails; other calendars), beside the seasonal naive and ETS",
    async () => forecastBlindBench(record, BLIND_SETS.b),
  ],
  [
    'forecast-blind-c',
    "issue 40's third locked forecast set (levels that step, ramp, drop and recover; weekday patterns and spreads that change; controls), beside the seasonal naive and ETS",
    async () => forecastBlindBench(record, BLIND_SETS.c),
  ],
  [
    'forecast-blind-d',
    "issue 40's fourth locked forecast set (the band's coverage in quiet spells and after steps, ramps, spread changes and disruptions; other calendars), beside the seasonal naive and ETS",
    async () => forecastBlindBench(record, BLIND_SETS.d),
  ],
  [
    'forecast-blind-e',
    "issue 40's fifth locked forecast set (sites that stop and catch up, and work that really goes away; other calendars), beside the seasonal naive and ETS",
    async () => forecastBlindBench(record, BLIND_SETS.e),
  ],
  [
    'forecast-blind-f',
    "issue 40's sixth locked forecast set (the band in every kind of situation: seasons, drift, changing spread, backlog, changes, low and very high volumes), beside the seasonal naive and ETS",
    async () => forecastBlindBench(record, BLIND_SETS.f),
  ],
  [
    'forecast-blind-g',
    "issue 40's seventh locked forecast set (the days before and after closures: holidays, New Year, Golden Week, Obon, a company's own closures; backlogs keyed at a capacity or at once), beside the seasonal naive and ETS",
    async () => forecastBlindBench(record, BLIND_SETS.g),
  ],
  [
    'forecast-blind-h',
    "issue 40's eighth locked forecast set (the band as it is used: origins spread evenly over nine months on over-dispersed counts, batches, changing spread, multi-week swings, trends, calendar-date peaks, foreign and four-day calendars), beside the seasonal naive and ETS",
    async () => forecastBlindBench(record, BLIND_SETS.h),
  ],
  [
    'intraday',
    "today's total re-estimated during the day (items arriving in batches): the evening's forecast, the pace, Genba's blend",
    async () => intradayArrivalsBench(record),
  ],
];
for (const [name, title, run] of sections) {
  if (!wanted(name) || (OFFLINE.has(name) && !only.includes(name))) continue;
  console.log(`\n# ${title}`);
  await run();
}
