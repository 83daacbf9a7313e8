import type { StatusInfo, StorageReport } from '../api/types.js';
import { localize, type Lang, type Localized } from '../errors.js';
import { count } from '../api/englishCount.js';
import { TABLE_COLUMNS, type CompanyTable } from '../store/companyRows.js';
import { escapeField } from '../api/escapeControls.js';
import { dayTimeFigure } from '../api/figures.js';
import { formatHm, localDate } from '../config/zonedTime.js';

function when(ms: number | null, now: number, timeZone: string, lang: Lang): string {
  if (ms === null) return localize(lang, { ja: 'なし', en: 'never' });
  const stamp = dayTimeFigure(localDate(ms, timeZone), formatHm(ms, timeZone), lang);
  const minutes = Math.round((now - ms) / 60_000);
  const ago =
    minutes < 60
      ? `${minutes}${localize(lang, { ja: '分前', en: ' min ago' })}`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)}${localize(lang, { ja: '時間前', en: ' h ago' })}`
        : `${Math.round(minutes / 1440)}${localize(lang, { ja: '日前', en: ' days ago' })}`;
  return `${stamp} (${ago})`;
}

const MB = 1024 * 1024;

const STATUS_TEXTS: Localized<{
  dataDir: string;
  database: string;
  schema: string;
  source: string;
  demo: (seed: number) => string;
  clickhouseLogs: string;
  logFiles: string;
  now: string;
  clock: Record<StatusInfo['clock']['mode'], string>;
  lastSync: string;
  dataAsOf: string;
  lastSyncError: string;
  notYetBuilt: string;
  pendingDecisions: string;
  heldDecisions: (n: number) => string;
  refusedRows: string;
  refusedCount: (n: number) => string;
  tables: string;
  models: string;
  noModels: string;
}> = {
  ja: {
    dataDir: 'データフォルダ',
    database: 'データベース',
    schema: '形式',
    source: 'データソース',
    demo: (seed) => `デモ会社（シード ${seed}）`,
    clickhouseLogs: 'ログ（ClickHouse で集計）',
    logFiles: 'ログファイル',
    now: '現在時刻',
    clock: { system: 'システム時刻', fixed: '--now で固定', demo: 'デモ会社の時刻' },
    lastSync: '最終同期',
    dataAsOf: 'データ時点',
    lastSyncError: '前回の同期エラー',
    notYetBuilt:
      '未取り込み: デモ会社の計画の表（勤怠・日次アサイン・到着件数、約10万行）とログ（約24万行）は次のコマンド（genba plan、genba logs など）かアプリの起動時に取り込みます',
    pendingDecisions: '送信待ちの承認',
    heldDecisions: (n) => `（うち ${n} 件は復元で保留中: genba approvals で確かめ、送るものは genba confirm <ID>）`,
    refusedRows: '取り込めなかった行（会社データベースで直すと次の同期で取り込みます）',
    refusedCount: (n) => `${n}行`,
    tables: 'テーブル',
    models: 'モデル',
    noModels: 'なし（モデルなしでもルールとテンプレートで動作します）',
  },
  en: {
    dataDir: 'Data folder',
    database: 'Database',
    schema: 'schema',
    source: 'Source',
    demo: (seed) => `demo company (seed ${seed})`,
    clickhouseLogs: 'Logs (aggregated in ClickHouse)',
    logFiles: 'Log files',
    now: 'Now',
    clock: { system: 'system clock', fixed: 'fixed by --now', demo: "demo company's time" },
    lastSync: 'Last sync',
    dataAsOf: 'Data as of',
    lastSyncError: 'Last sync error',
    notYetBuilt:
      "Not yet built: the demo company's planning tables (attendance, daily assignments, arrivals: about 100k rows) and logs (about 241k lines) come in with the next command (genba plan, genba logs …) or when the app starts",
    pendingDecisions: 'Decisions awaiting delivery',
    heldDecisions: (n) => `(${n} held by a restore: check them with genba approvals, send one with genba confirm <ID>)`,
    refusedRows: 'Rows not copied (fixed in the company database, they come with the next sync)',
    refusedCount: (n) => count(n, 'row'),
    tables: 'Tables',
    models: 'Models',
    noModels: 'none (the app works without models, with rules and templates)',
  },
};

/** Human-readable `genba status`. */
export function formatStatus(s: StatusInfo, timeZone: string, lang: Lang): string {
  const t = localize(lang, STATUS_TEXTS);
  const lines = [
    `${t.dataDir}: ${s.dataDir}`,
    `${t.database}: ${s.database.path} (${(s.database.sizeBytes / MB).toFixed(1)} MB, ${t.schema} ${s.database.schemaVersion})`,
    `${t.source}: ${s.source.kind === 'demo' ? t.demo(s.source.seed) : s.source.id}`,
    ...(s.logs.kind === 'clickhouse' ? [`${t.clickhouseLogs}: ${s.logs.id}`] : []),
    ...(s.logs.kind === 'files' ? [`${t.logFiles}: ${s.logs.paths.join(', ')}`] : []),
    `${t.now}: ${when(s.clock.now, s.clock.now, timeZone, lang)} [${t.clock[s.clock.mode]}]`,
    `${t.lastSync}: ${when(s.lastSync, s.clock.now, timeZone, lang)}`,
    `${t.dataAsOf}: ${when(s.dataAsOf, s.clock.now, timeZone, lang)}`,
    ...(s.sync.lastRun?.error ? [`${t.lastSyncError}: ${s.sync.lastRun.error.message}`] : []),
    ...(s.complete ? [] : [t.notYetBuilt]),
    `${t.pendingDecisions}: ${s.sync.pendingDecisions}${s.sync.heldDecisions > 0 ? ` ${t.heldDecisions(s.sync.heldDecisions)}` : ''}`,
    ...(s.sync.refusedRows.length === 0
      ? []
      : [
          `${t.refusedRows}:`,
          ...s.sync.refusedRows.flatMap((r) => [
            `  ${r.table}: ${t.refusedCount(r.rows)}`,
            ...r.first.map((f) => `    ${TABLE_COLUMNS[r.table as CompanyTable]?.key ?? 'key'} ${escapeField(f.key)}: ${escapeField(localize(lang, f.why))}`),
          ]),
        ]),
    `${t.tables}:`,
    ...s.tables.map((x) => `  ${x.table.padEnd(32)} ${x.rows.toLocaleString('en-US').padStart(10)}`),
    `${t.models} (${s.models.dir}): ${
      s.models.found.length === 0 ? t.noModels : s.models.found.map((m) => `${m.name} [${m.kind}, ${(m.sizeBytes / MB).toFixed(0)} MB]`).join(', ')
    }`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Where the store's bytes are, and what retention will free at the next compaction (after a sync). */
export function formatStorage(s: StorageReport, lang: Lang): string {
  const r = s.retention;
  return (
    [
      localize(lang, { ja: 'テーブルごとのサイズ（索引を含む）:', en: 'Size per table (with its indexes):' }),
      ...s.tables.slice(0, 12).map((t) => `  ${t.name.padEnd(32)} ${(t.bytes / MB).toFixed(1).padStart(8)} MB`),
      localize(lang, {
        ja: `保持期間（ログの行 ${r.keepRawDays}日、分ごとの件数 ${r.keepAggregateDays}日、進捗 ${r.keepSnapshotDays}日）を過ぎて次の圧縮で消えるもの: ログ ${r.rawLogs.toLocaleString()}行、分ごとの件数 ${r.minuteCounts.toLocaleString()}件、進捗 ${r.snapshots.toLocaleString()}件`,
        en: `Past retention (log rows ${count(r.keepRawDays, 'day')}, per-minute counts ${count(r.keepAggregateDays, 'day')}, progress ${count(r.keepSnapshotDays, 'day')}), freed at the next compaction: ${count(r.rawLogs, 'log row', undefined, r.rawLogs.toLocaleString())}, ${count(r.minuteCounts, 'per-minute count', undefined, r.minuteCounts.toLocaleString())}, ${count(r.snapshots, 'snapshot', undefined, r.snapshots.toLocaleString())}`,
      }),
    ].join('\n') + '\n'
  );
}
