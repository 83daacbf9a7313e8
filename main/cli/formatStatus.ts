import type { StatusInfo, StorageReport } from '../api/types.js';
import type { Lang } from '../errors.js';

function when(ms: number | null, now: number, timeZone: string, lang: Lang): string {
  if (ms === null) return lang === 'ja' ? 'なし' : 'never';
  const stamp = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  const minutes = Math.round((now - ms) / 60_000);
  const ago =
    minutes < 60
      ? `${minutes}${lang === 'ja' ? '分前' : ' min ago'}`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)}${lang === 'ja' ? '時間前' : ' h ago'}`
        : `${Math.round(minutes / 1440)}${lang === 'ja' ? '日前' : ' days ago'}`;
  return `${stamp} (${ago})`;
}

const MB = 1024 * 1024;

/** Human-readable `genba status`. */
export function formatStatus(s: StatusInfo, timeZone: string, lang: Lang): string {
  const ja = lang === 'ja';
  const clockNote = {
    system: ja ? 'システム時刻' : 'system clock',
    fixed: ja ? '--now で固定' : 'fixed by --now',
    demo: ja ? 'デモ会社の時刻' : "demo company's time",
  }[s.clock.mode];
  const lines = [
    `${ja ? 'データフォルダ' : 'Data folder'}: ${s.dataDir}`,
    `${ja ? 'データベース' : 'Database'}: ${s.database.path} (${(s.database.sizeBytes / MB).toFixed(1)} MB, ${ja ? '形式' : 'schema'} ${s.database.schemaVersion})`,
    `${ja ? 'データソース' : 'Source'}: ${s.source.kind === 'demo' ? (ja ? `デモ会社（シード ${s.source.seed}）` : `demo company (seed ${s.source.seed})`) : s.source.id}`,
    ...(s.logs.kind === 'clickhouse' ? [`${ja ? 'ログ（ClickHouse で集計）' : 'Logs (aggregated in ClickHouse)'}: ${s.logs.id}`] : []),
    ...(s.logs.kind === 'files' ? [`${ja ? 'ログファイル' : 'Log files'}: ${s.logs.paths.join(', ')}`] : []),
    `${ja ? '現在時刻' : 'Now'}: ${when(s.clock.now, s.clock.now, timeZone, lang)} [${clockNote}]`,
    `${ja ? '最終同期' : 'Last sync'}: ${when(s.lastSync, s.clock.now, timeZone, lang)}`,
    `${ja ? 'データ時点' : 'Data as of'}: ${when(s.dataAsOf, s.clock.now, timeZone, lang)}`,
    ...(s.sync.lastRun?.error ? [`${ja ? '前回の同期エラー' : 'Last sync error'}: ${s.sync.lastRun.error.message}`] : []),
    ...(s.complete
      ? []
      : [
          ja
            ? '未取り込み: デモ会社のログ（約24万行）は次のコマンド（genba logs など）かアプリの起動時に取り込みます'
            : "Not yet built: the demo company's logs (about 241k lines) come in with the next command (genba logs …) or when the app starts",
        ]),
    `${ja ? '送信待ちの承認' : 'Decisions awaiting delivery'}: ${s.sync.pendingDecisions}`,
    `${ja ? 'テーブル' : 'Tables'}:`,
    ...s.tables.map((t) => `  ${t.table.padEnd(32)} ${t.rows.toLocaleString('en-US').padStart(10)}`),
    `${ja ? 'モデル' : 'Models'} (${s.models.dir}): ${
      s.models.found.length === 0
        ? ja
          ? 'なし（モデルなしでもルールとテンプレートで動作します）'
          : 'none (the app works without models, with rules and templates)'
        : s.models.found.map((m) => `${m.name} [${m.kind}, ${(m.sizeBytes / MB).toFixed(0)} MB]`).join(', ')
    }`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Where the store's bytes are, and what retention will free at the next compaction (after a sync). */
export function formatStorage(s: StorageReport, lang: Lang): string {
  const ja = lang === 'ja';
  const r = s.retention;
  return (
    [
      ja ? 'テーブルごとのサイズ（索引を含む）:' : 'Size per table (with its indexes):',
      ...s.tables.slice(0, 12).map((t) => `  ${t.name.padEnd(32)} ${(t.bytes / MB).toFixed(1).padStart(8)} MB`),
      ja
        ? `保持期間（ログの行 ${r.keepRawDays}日、分ごとの件数 ${r.keepAggregateDays}日、進捗 ${r.keepSnapshotDays}日）を過ぎて次の圧縮で消えるもの: ログ ${r.rawLogs.toLocaleString()}行、分ごとの件数 ${r.minuteCounts.toLocaleString()}件、進捗 ${r.snapshots.toLocaleString()}件`
        : `Past retention (log rows ${r.keepRawDays} days, per-minute counts ${r.keepAggregateDays} days, progress ${r.keepSnapshotDays} days), freed at the next compaction: ${r.rawLogs.toLocaleString()} log rows, ${r.minuteCounts.toLocaleString()} per-minute counts, ${r.snapshots.toLocaleString()} snapshots`,
    ].join('\n') + '\n'
  );
}
