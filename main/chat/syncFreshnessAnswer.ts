import type Database from 'better-sqlite3';
import { COMPANY_TABLE_WORDS, COMPANY_TABLES, type CompanyTable } from '../api/companyTables.js';
import { localize, type Lang } from '../api/localized.js';
import { SyncState } from '../store/syncState.js';
import { when } from './textTz.js';

/**
 * Whether a question (folded: データ is でーた) asks how fresh Genba's copy of the company's data is («is sync healthy?», "is the data up to date?",
 * 「データって最新？同期止まってない？」). A question about the logs of a sync service («sync errors», sync-sapporo-01) is
 * the logs', not this: it names a host or a service, or speaks of errors, failures, issues and logs («any DB issues that
 * mean I should pause sync?» asks about the database).
 */
const ASKS_SYNC =
  /\bsync(?:ed|ing|s)?\b(?!-)|\bfresh(?:ness)?\b|\bup[- ]to[- ]date\b|\bstale\b|\blatest data\b|\bdata (?:is |are )?(?:current|old|behind)\b|同期|最新(?:の)?でーた|でーた(?:は|って|が|も)?(?:最新|新しい|古い|止ま)|鮮度|いつ(?:時点)?のでーた/;
const ABOUT_LOGS =
  /\berrors?\b|\blogs?\b|\bexceptions?\b|\bwarn(?:ing)?s?\b|\bfail(?:ures?|ed|ing)?\b|\bissues?\b|\bproblems?\b|\bdb\b|\bupload|エラー|えらー|ログ|ろぐ|警告|障害|失敗/;

export const asksSyncFreshness = (folded: string, namesLogs: boolean): boolean => !namesLogs && ASKS_SYNC.test(folded) && !ABOUT_LOGS.test(folded);

const TEXT = {
  ja: {
    head: (at: string, ago: number, n: number, all: number) =>
      `会社のデータベースから Genba の手元への同期: 最新の成功 ${at}（${ago}分前）、${all}表中${n}表が成功しています。`,
    oldest: (at: string, ago: number, limit: number, stale: boolean) =>
      `いちばん古い表の同期は ${at}（${ago}分前）${stale ? `で、古いデータの目安（${limit}分）を過ぎています。` : `で、古いデータの目安（${limit}分）以内です。`}`,
    failed: (table: string, error: string, last: string | null) => `- ${table}: 同期に失敗（${error}）。最後の成功 ${last ?? 'なし'}`,
    never: (table: string) => `- ${table}: まだ同期していません`,
    absent: (tables: string) => `会社側にない表（同期の失敗ではありません）: ${tables}`,
    none: '同期の記録がまだありません（最初の同期がまだです）。',
  },
  en: {
    head: (at: string, ago: number, n: number, all: number) =>
      `Sync from the company database to Genba's copy: last success ${at} (${ago} min ago); ${n} of ${all} tables synced fine.`,
    oldest: (at: string, ago: number, limit: number, stale: boolean) =>
      `The least recently synced table was synced at ${at} (${ago} min ago), ${stale ? `past the ${limit}-min limit for stale data.` : `within the ${limit}-min limit for stale data.`}`,
    failed: (table: string, error: string, last: string | null) => `- ${table}: sync failed (${error}); last success ${last ?? 'never'}`,
    never: (table: string) => `- ${table}: not synced yet`,
    absent: (tables: string) => `Not kept by the company (no failure): ${tables}`,
    none: 'No sync is on record yet (the first sync has not run).',
  },
};

/**
 * How fresh Genba's copy is, from its own sync record (sync_state): when each table last synced, which failed and with
 * what error, and the oldest against the stale-data limit the alerts use (alerts.staleMinutes). The records of the
 * company's own services are the logs', and are not read here.
 */
export function syncFreshnessAnswer(db: Database.Database, o: { now: number; timeZone: string; dayStart: number; staleMinutes: number; lang: Lang }): string {
  const t = localize(o.lang, TEXT);
  const words = (table: string): string => localize(o.lang, COMPANY_TABLE_WORDS[table as CompanyTable] ?? { ja: table, en: table });
  const known = new Set<string>(COMPANY_TABLES);
  const rows = new SyncState(db).tables().filter((r) => known.has(r.table));
  if (rows.length === 0) return t.none;
  const at = (ms: number): string => when(ms, { lang: o.lang, timeZone: o.timeZone, dayStart: o.dayStart });
  const ago = (ms: number): number => Math.max(0, Math.round((o.now - ms) / 60_000));
  const ok = rows.filter((r) => r.lastError === null && r.lastSuccessAt !== null);
  const failed = rows.filter((r) => r.lastError !== null);
  const never = rows.filter((r) => r.lastError === null && r.lastSuccessAt === null);
  const successes = rows.flatMap((r) => (r.lastSuccessAt === null ? [] : [r.lastSuccessAt]));
  const lines: string[] = [];
  if (successes.length > 0) {
    const latest = Math.max(...successes);
    const oldest = Math.min(...successes);
    lines.push(t.head(at(latest), ago(latest), ok.length, rows.length));
    lines.push(t.oldest(at(oldest), ago(oldest), o.staleMinutes, ago(oldest) > o.staleMinutes));
  }
  for (const r of failed) lines.push(t.failed(words(r.table), r.lastError!, r.lastSuccessAt === null ? null : at(r.lastSuccessAt)));
  for (const r of never) lines.push(t.never(words(r.table)));
  const absent = rows.filter((r) => r.absent).map((r) => words(r.table));
  if (absent.length > 0) lines.push(t.absent(absent.join(localize(o.lang, { ja: '、', en: ', ' }))));
  return lines.join('\n');
}
