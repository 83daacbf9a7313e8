import type { GenbaApp } from '../app.js';
import type { SyncSummary } from '../api/types.js';
import type { GenbaConfig } from '../config/config.js';
import { CLICKHOUSE_PASSWORD, MYSQL_PASSWORD, type SecretStore } from '../config/secretStore.js';
import { parseLogsSourceUrl } from './parseLogsSourceUrl.js';
import { localize, type Lang } from '../errors.js';
import { count, plural } from '../api/englishCount.js';
import type { CliIo } from './cliIo.js';
import { parseSourceUrl } from './parseSourceUrl.js';
import { formatHm } from '../config/zonedTime.js';
import { promptPassword } from './promptPassword.js';
import { tryExclusiveLock } from '../store/folderLock.js';
import { syncBusy } from '../sync/executeJob.js';

export interface SyncArgs {
  source?: string | undefined;
  /** clickhouse://user@host:8123/db?table=app_logs */
  logsSource?: string | undefined;
  once: boolean;
  json: boolean;
}

function formatSummary(s: SyncSummary, lang: Lang, timeZone: string): string {
  const head = localize(lang, {
    ja: `同期しました: ${s.rows.toLocaleString('en-US')} 行、${(s.ms / 1000).toFixed(1)} 秒`,
    en: `Synced ${count(s.rows, 'row', undefined, s.rows.toLocaleString('en-US'))} in ${(s.ms / 1000).toFixed(1)} s`,
  });
  const deleted = localize(lang, { ja: '削除', en: 'deleted' });
  const lines = s.tables.map((t) => `  ${t.table.padEnd(32)} ${t.rows.toLocaleString('en-US').padStart(10)}${t.deleted ? ` (${deleted} ${t.deleted})` : ''}`);
  const delivered =
    s.delivered > 0 ? [localize(lang, { ja: `承認結果を ${s.delivered} 件送信しました`, en: `Delivered ${count(s.delivered, 'decision')}` })] : [];
  const late = s.lateLogLines
    ? [
        localize(lang, {
          ja: `ログストアに遅れて届いたログ ${s.lateLogLines.lines.toLocaleString('en-US')} 行を、それぞれの分に数えました（${formatHm(s.lateLogLines.from, timeZone)} の分から）`,
          en: `${count(s.lateLogLines.lines, 'log line', undefined, s.lateLogLines.lines.toLocaleString('en-US'))} reached the log store late; counted in their own minutes (from ${formatHm(s.lateLogLines.from, timeZone)})`,
        }),
      ]
    : [];
  return `${[head, ...lines, ...delivered, ...late].join('\n')}\n`;
}

/**
 * A store too busy to start on, because another process's sync holds the folder and is
 * writing (a long first sync): the manager reads that another sync is running, as when the
 * sync itself finds the lock taken, not an internal error. Any other error is left as it is.
 */
function busyBecauseOfAnotherSync(error: unknown, dataDir: string): unknown {
  if ((error as { code?: string } | null)?.code !== 'SQLITE_BUSY') return error;
  const probe = tryExclusiveLock(dataDir, 'sync');
  if (probe === null) return syncBusy();
  probe.release();
  return error;
}

/**
 * Settles the password before the app starts: from the URL (with a warning), from
 * GENBA_MYSQL_PASSWORD, or from a prompt. It goes to the in-memory secret store only.
 */
export async function preparePassword(args: SyncArgs, secrets: SecretStore, io: CliIo, lang: Lang) {
  const form = args.source ? parseSourceUrl(args.source) : null;
  if (form?.passwordInUrl) {
    io.stderr(
      localize(lang, {
        ja: '警告: URL に含めたパスワードはシェルの履歴やプロセス一覧に残ります。環境変数 GENBA_MYSQL_PASSWORD を使ってください。\n',
        en: 'Warning: a password in the URL stays in shell history and process lists. Use GENBA_MYSQL_PASSWORD instead.\n',
      }),
    );
  }
  const password = form?.password ?? process.env.GENBA_MYSQL_PASSWORD ?? null;
  if (password) secrets.set(MYSQL_PASSWORD, password);
  return { form, needsPrompt: password === null };
}

export async function runSyncCommand(
  app: GenbaApp,
  args: SyncArgs,
  form: ReturnType<typeof parseSourceUrl> | null,
  needsPrompt: boolean,
  secrets: SecretStore,
  io: CliIo,
): Promise<number> {
  const lang = app.lang();
  // ClickHouse's default user has no password: ask on a terminal (Enter for none), else connect without one.
  const askClickHousePassword = async (logs: GenbaConfig['logs']): Promise<void> => {
    if (logs.kind !== 'clickhouse' || secrets.get(CLICKHOUSE_PASSWORD) !== null) return;
    const typed = await promptPassword(localize(lang, { ja: 'ClickHouse のパスワード（なければ Enter）: ', en: 'ClickHouse password (Enter for none): ' }));
    secrets.set(CLICKHOUSE_PASSWORD, typed ?? '');
  };
  if (form) {
    const { passwordInUrl: _ignored, password: _p, ...rest } = form;
    app.saveSource(rest, { sync: false });
  }
  if (app.config().source.kind === 'mysql' && needsPrompt) {
    const typed = await promptPassword(localize(lang, { ja: 'MySQL のパスワード: ', en: 'MySQL password: ' }));
    if (typed) secrets.set(MYSQL_PASSWORD, typed);
  }
  if (args.logsSource) {
    const parsed = parseLogsSourceUrl(args.logsSource, app.config().logs);
    if (parsed.password !== undefined) {
      io.stderr(
        localize(lang, {
          ja: '警告: URL に含めたパスワードはシェルの履歴やプロセス一覧に残ります。環境変数 GENBA_CLICKHOUSE_PASSWORD を使ってください。\n',
          en: 'Warning: a password in the URL stays in shell history and process lists. Use GENBA_CLICKHOUSE_PASSWORD instead.\n',
        }),
      );
      secrets.set(CLICKHOUSE_PASSWORD, parsed.password);
    }
    await askClickHousePassword(parsed.logs);
    // Read before it is saved: the switch clears the old store's logs, so one that cannot be read must change nothing.
    await app.switchLogsSource(parsed.logs);
  }
  await askClickHousePassword(app.config().logs);
  try {
    await app.start();
  } catch (error) {
    throw busyBecauseOfAnotherSync(error, app.dataDir);
  }
  const report = async (): Promise<boolean> => {
    const summary = await app.syncNow();
    io.stdout(args.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary, lang, app.config().timeZone));
    if (summary.deliveryFailed === 0) return true;
    // A decision that did not reach approval_history is a failure, with its cause.
    io.stderr(
      localize(lang, {
        ja: `genba: 承認結果 ${summary.deliveryFailed} 件を会社データベースに書き込めませんでした（${summary.deliveryError ?? ''}）。後で自動的に再送します。genba approvals で状態を確認できます。\n`,
        en: `genba: ${count(summary.deliveryFailed, 'decision')} could not be written to the company database (${summary.deliveryError ?? ''}). ${plural(summary.deliveryFailed, 'It is', 'They are')} retried automatically; see genba approvals.\n`,
      }),
    );
    return false;
  };
  if (args.once) return (await report()) ? 0 : 1;
  // Continuous: run on the configured schedule until interrupted.
  await report();
  app.events.on((e) => {
    if (e.type === 'sync-finished') {
      const line = e.ok ? `${new Date().toISOString()} ${e.rows} rows` : `${new Date().toISOString()} ${e.error?.message ?? ''}`;
      io.stdout(args.json ? `${JSON.stringify(e)}\n` : `${line}\n`);
    }
  });
  app.syncService.startSchedule();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return 0;
}
