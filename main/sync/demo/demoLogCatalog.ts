import type { Random } from './random.js';

/** What a log template can draw on: the site it concerns and the shared PRNG. */
export interface LogContext {
  r: Random;
  site: string;
  siteHost: string;
  siteIndex: number;
  businessId: string;
}

export interface LogTemplate {
  service: string;
  level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  weight: number;
  /** Hosts are per site where the service runs at the sites, else a small pool. */
  host: (c: LogContext) => string;
  message: (c: LogContext) => string;
}

const ip = (c: LogContext): string => `10.${c.siteIndex + 10}.${c.r.int(0, 31)}.${c.r.int(2, 254)}`;
const uuid = (c: LogContext): string => `${c.r.hex(8)}-${c.r.hex(4)}-4${c.r.hex(3)}-a${c.r.hex(3)}-${c.r.hex(12)}`;
const user = (c: LogContext): string => `op${String(c.r.int(1, 316)).padStart(4, '0')}`;
const batch = (c: LogContext): string => `B${c.businessId}-${c.r.int(10000, 99999)}`;
const pool =
  (name: string, n: number) =>
  (c: LogContext): string =>
    `${name}-${String(c.r.int(1, n)).padStart(2, '0')}`;
const atSite =
  (name: string) =>
  (c: LogContext): string =>
    `${name}-${c.siteHost}-01`;

/** Everyday traffic of the company's services, English and Japanese as their teams wrote it. */
export const ROUTINE_TEMPLATES: readonly LogTemplate[] = [
  {
    service: 'entry-api',
    level: 'INFO',
    weight: 30,
    host: pool('entry-api', 3),
    message: (c) => `POST /api/v1/batches/${batch(c)}/items 201 ${c.r.int(8, 240)}ms user=${user(c)}`,
  },
  {
    service: 'entry-api',
    level: 'INFO',
    weight: 18,
    host: pool('entry-api', 3),
    message: (c) => `GET /api/v1/progress?site=${c.siteHost}&business=${c.businessId} 200 ${c.r.int(3, 60)}ms`,
  },
  {
    service: 'entry-api',
    level: 'INFO',
    weight: 14,
    host: pool('entry-api', 3),
    message: (c) => `入力データを保存しました 業務=${c.businessId} 件数=${c.r.int(1, 40)} 担当=${user(c)}`,
  },
  {
    service: 'entry-api',
    level: 'WARN',
    weight: 2,
    host: pool('entry-api', 3),
    message: (c) => `Validation failed for item ${c.r.int(100000, 999999)}: field 'zip_code' has invalid format`,
  },
  {
    service: 'entry-api',
    level: 'WARN',
    weight: 1.5,
    host: pool('entry-api', 3),
    message: (c) => `入力チェックエラー: 生年月日が範囲外です（項目ID=${c.r.int(1000, 9999)}）`,
  },
  {
    service: 'entry-api',
    level: 'DEBUG',
    weight: 6,
    host: pool('entry-api', 3),
    message: (c) => `cache hit ratio ${c.r.int(70, 99)}% for key prefix form:${c.businessId}`,
  },
  { service: 'ocr-worker', level: 'INFO', weight: 16, host: atSite('ocr'), message: (c) => `Processing image ${uuid(c)}.tif page ${c.r.int(1, 4)}/4` },
  {
    service: 'ocr-worker',
    level: 'INFO',
    weight: 16,
    host: atSite('ocr'),
    message: (c) => `OCR completed for ${uuid(c)}.tif in ${c.r.int(300, 4200)} ms confidence=0.${c.r.int(70, 99)}`,
  },
  {
    service: 'ocr-worker',
    level: 'WARN',
    weight: 1.2,
    host: atSite('ocr'),
    message: (c) =>
      `Low confidence 0.${c.r.int(30, 59)} on field ${c.r.pick(['name', 'address', 'policy_no', 'amount'])} of ${uuid(c)}.tif, sent to manual entry`,
  },
  {
    service: 'ocr-worker',
    level: 'INFO',
    weight: 5,
    host: atSite('ocr'),
    message: (c) => `画像の取り込みが完了しました フォルダ=/data/scan/${c.siteHost}/${c.r.int(20250901, 20251023)} 枚数=${c.r.int(10, 400)}`,
  },
  {
    service: 'batch-scheduler',
    level: 'INFO',
    weight: 3,
    host: () => 'sched-01',
    message: (c) => `Job export_${c.businessId} started (run ${c.r.int(1000, 9999)})`,
  },
  {
    service: 'batch-scheduler',
    level: 'INFO',
    weight: 3,
    host: () => 'sched-01',
    message: (c) => `Job export_${c.businessId} finished in ${c.r.int(2, 600)}s rows=${c.r.int(100, 90000)}`,
  },
  {
    service: 'batch-scheduler',
    level: 'INFO',
    weight: 2,
    host: () => 'sched-01',
    message: (c) => `バッチ 集計_${c.businessId} を開始しました 対象日=2025-10-${String(c.r.int(1, 23)).padStart(2, '0')}`,
  },
  {
    service: 'db-proxy',
    level: 'INFO',
    weight: 6,
    host: pool('dbp', 2),
    message: (c) => `Connection pool usage ${c.r.int(3, 35)}/50 (idle ${c.r.int(0, 20)})`,
  },
  {
    service: 'db-proxy',
    level: 'WARN',
    weight: 1,
    host: pool('dbp', 2),
    message: (c) => `Slow query took ${c.r.int(1000, 4000)} ms: SELECT * FROM progress_snapshots WHERE location_name = ? AND business_id = ?`,
  },
  { service: 'auth', level: 'INFO', weight: 5, host: () => 'auth-01', message: (c) => `Login succeeded user=${user(c)} ip=${ip(c)}` },
  {
    service: 'auth',
    level: 'WARN',
    weight: 0.8,
    host: () => 'auth-01',
    message: (c) => `ログインに失敗しました ユーザー=${user(c)} IP=${ip(c)} 理由=パスワード不一致`,
  },
  {
    service: 'auth',
    level: 'INFO',
    weight: 2,
    host: () => 'auth-01',
    message: (c) => `Session expired for user=${user(c)} after ${c.r.int(30, 480)} min idle`,
  },
  {
    service: 'sync-agent',
    level: 'INFO',
    weight: 4,
    host: atSite('sync'),
    message: (c) => `Uploaded ${c.r.int(10, 900)} records to central in ${c.r.int(40, 2500)}ms`,
  },
  {
    service: 'sync-agent',
    level: 'INFO',
    weight: 3,
    host: atSite('sync'),
    message: (c) => `同期が完了しました 拠点=${c.site} 件数=${c.r.int(10, 900)} 所要時間=${c.r.int(1, 30)}秒`,
  },
  {
    service: 'sync-agent',
    level: 'ERROR',
    weight: 0.15,
    host: atSite('sync'),
    message: (c) => `Upload of batch ${batch(c)} failed: ETIMEDOUT ${ip(c)}:3306, will retry`,
  },
];

/** Error bursts that accompany a productivity dip (see demoIncidents). */
export const INCIDENT_TEMPLATES: Record<'ocr_timeout' | 'db_pool' | 'network', readonly LogTemplate[]> = {
  ocr_timeout: [
    {
      service: 'ocr-worker',
      level: 'ERROR',
      weight: 5,
      host: atSite('ocr'),
      message: (c) => `OCR timeout after 30000 ms for image ${uuid(c)}.tif (queue=${c.r.int(40, 400)})`,
    },
    {
      service: 'ocr-worker',
      level: 'ERROR',
      weight: 3,
      host: atSite('ocr'),
      message: (c) => `OCRサーバーの応答がありません（${c.r.int(30000, 31000)}ms）画像=${uuid(c)}.tif`,
    },
    { service: 'ocr-worker', level: 'WARN', weight: 3, host: atSite('ocr'), message: (c) => `Retrying OCR request ${uuid(c)} attempt ${c.r.int(1, 3)}/3` },
  ],
  db_pool: [
    {
      service: 'db-proxy',
      level: 'ERROR',
      weight: 5,
      host: pool('dbp', 2),
      message: (c) => `Connection pool exhausted (active=50, idle=0, waiting=${c.r.int(5, 120)})`,
    },
    {
      service: 'db-proxy',
      level: 'WARN',
      weight: 3,
      host: pool('dbp', 2),
      message: (c) => `Slow query took ${c.r.int(5000, 30000)} ms: UPDATE entry_items SET status = ? WHERE batch_id = ?`,
    },
    {
      service: 'entry-api',
      level: 'ERROR',
      weight: 3,
      host: pool('entry-api', 3),
      message: (c) => `データベース接続の取得に失敗しました（待機 ${c.r.int(5000, 15000)}ms）拠点=${c.site}`,
    },
  ],
  network: [
    {
      service: 'sync-agent',
      level: 'ERROR',
      weight: 5,
      host: atSite('sync'),
      message: (c) => `Connection reset by peer while uploading batch ${batch(c)} to ${ip(c)}:3306`,
    },
    {
      service: 'sync-agent',
      level: 'WARN',
      weight: 3,
      host: atSite('sync'),
      message: (c) => `本社への送信に失敗しました 再試行します（${c.r.int(1, 5)}回目）`,
    },
    {
      service: 'entry-api',
      level: 'WARN',
      weight: 2,
      host: pool('entry-api', 3),
      message: (c) => `Upstream ${c.siteHost}-gw responded 504 after ${c.r.int(10000, 60000)}ms`,
    },
  ],
};

/** Errors nobody has seen before, appearing only in the last days (anomaly detection's job). */
export const NOVEL_TEMPLATES: readonly (LogTemplate & { fromDaysBeforeAnchor: number })[] = [
  {
    fromDaysBeforeAnchor: 1,
    service: 'ocr-worker',
    level: 'ERROR',
    weight: 1,
    host: atSite('ocr'),
    message: () => 'TLS handshake with license.ocr.internal:8443 failed: certificate has expired (notAfter=2025-10-22T00:00:00Z)',
  },
  {
    fromDaysBeforeAnchor: 0,
    service: 'entry-api',
    level: 'ERROR',
    weight: 1,
    host: pool('entry-api', 3),
    message: (c) => `帳票定義 SS-v7 に項目 'policy_no' がありません（行 ${c.r.int(1, 400)}）`,
  },
  {
    fromDaysBeforeAnchor: 2,
    service: 'export-worker',
    level: 'WARN',
    weight: 1,
    host: () => 'export-01',
    message: (c) => `Disk usage on /var/lib/export at ${c.r.int(95, 99)}% (free ${c.r.int(200, 900)} MB)`,
  },
];
