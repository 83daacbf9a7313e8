import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { GenbaApp } from './app.js';
import { parseIsoInstant } from './config/clock.js';
import type { LogFilter } from './api/types.js';
import type { CliIo } from './cli/cliIo.js';
import { CliUsageError, usageError } from './cli/cliUsageError.js';
import { escapeControls } from './api/escapeControls.js';
import { formatStatus, formatStorage } from './cli/formatStatus.js';
import { formatOverview } from './cli/formatOverview.js';
import { firstStepsText, helpText } from './cli/helpText.js';
import { showTerminalProgress } from './cli/terminalProgress.js';
import { parseOnly, runLogsCommand } from './cli/logsCommand.js';
import { existsSync, statSync } from 'node:fs';
import { describeError, firstLine, fromSystemError, GenbaError, isLang, LANGS, localize, toErrorPayload, type Lang } from './errors.js';
import { count } from './api/englishCount.js';

const processIo: CliIo = { stdout: (t) => process.stdout.write(escapeControls(t)), stderr: (t) => process.stderr.write(escapeControls(t)) };

const OPTIONS = {
  'data-dir': { type: 'string' },
  now: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  reset: { type: 'boolean' },
  source: { type: 'string' },
  'logs-source': { type: 'string' },
  once: { type: 'boolean' },
  out: { type: 'string' },
  k: { type: 'string' },
  reason: { type: 'string' },
  keep: { type: 'string' },
  title: { type: 'string' },
  conversation: { type: 'string' },
  fix: { type: 'boolean' },
  site: { type: 'string' },
  date: { type: 'string' },
  days: { type: 'string' },
  set: { type: 'string', multiple: true },
  off: { type: 'string', multiple: true },
  service: { type: 'string' },
  host: { type: 'string' },
  level: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'intent-model': { type: 'string' },
  'answer-model': { type: 'string' },
  'embedding-model': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

const COMMANDS: readonly string[] = [
  'status',
  'overview',
  'demo',
  'sync',
  'models',
  'logs',
  'alerts',
  'ask',
  'forecast',
  'plan',
  'eval',
  'approve',
  'reject',
  'modify',
  'knowledge',
  'words',
  'approvals',
  'backup',
  'compact',
  'restore',
  'confirm',
  'doctor',
];
/** Commands that take no positional arguments (the others check their own). */
const WITHOUT_ARGUMENTS = new Set(['status', 'overview', 'compact', 'demo', 'sync', 'doctor', 'plan']);

/** The language for errors raised before the command line is fully parsed. */
function langFromArgv(argv: string[]): Lang {
  const i = argv.indexOf('--lang');
  const given = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return isLang(given) ? given : 'ja';
}

/** A model given for this run must be usable: refused with the reason rather than quietly replaced by the rules. */
async function checkModelOptions(values: {
  'intent-model'?: string | undefined;
  'answer-model'?: string | undefined;
  'embedding-model'?: string | undefined;
}): Promise<void> {
  for (const option of ['intent-model', 'answer-model'] as const) {
    const path = values[option];
    if (path === undefined) continue;
    try {
      const { checkSupported, readGgufInfo } = await import('./ai/ggufInfo.js');
      checkSupported(await readGgufInfo(path));
    } catch (error) {
      const text = error instanceof GenbaError ? error.text : { ja: String(error), en: String(error) };
      throw usageError({ ja: `--${option}: ${text.ja}`, en: `--${option}: ${text.en}` });
    }
  }
  const dir = values['embedding-model'];
  if (dir !== undefined && !(existsSync(dir) && statSync(dir).isDirectory())) {
    throw usageError({ ja: `--embedding-model: モデルのフォルダ ${dir} がありません`, en: `--embedding-model: the model folder ${dir} does not exist` });
  }
}

/** `genba …`: the core without a window. Returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let lang = langFromArgv(argv);
  let json = argv.includes('--json');
  let app: GenbaApp | null = null;
  let stopProgress = (): void => {};
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw usageError({ ja: `コマンドラインが正しくありません: ${(error as Error).message}`, en: `Invalid command line: ${(error as Error).message}` });
    }
    const { values, positionals } = parsed;
    if (values.lang !== undefined && !isLang(values.lang)) {
      throw usageError({
        ja: `--lang には ${LANGS.join(' か ')} を指定してください（指定値: ${values.lang}）`,
        en: `--lang must be ${LANGS.join(' or ')} (got ${values.lang})`,
      });
    }
    if (values.lang) lang = values.lang;
    json = values.json === true;
    if (positionals.length === 0 && !values.help) {
      io.stdout(firstStepsText(lang));
      return 0;
    }
    const [command = 'help', ...rest] = positionals;
    if (values.help || command === 'help') {
      io.stdout(helpText(lang));
      return 0;
    }
    if (command === 'logs' && rest[0] === 'parse') return parseOnly(rest.slice(1), values.out, io);
    if (rest.length > 0 && (!COMMANDS.includes(command) || WITHOUT_ARGUMENTS.has(command)))
      throw usageError({ ja: `余分な引数があります: ${rest.join(' ')}`, en: `Unexpected arguments: ${rest.join(' ')}` });
    if (values.fix && command !== 'doctor') throw usageError({ ja: '--fix は doctor コマンドでのみ使えます', en: '--fix only applies to the doctor command' });
    if (values.reset && command !== 'demo') throw usageError({ ja: '--reset は demo コマンドでのみ使えます', en: '--reset only applies to the demo command' });
    if ((values.source !== undefined || values['logs-source'] !== undefined || values.once) && command !== 'sync') {
      throw usageError({
        ja: '--source、--logs-source と --once は sync コマンドでのみ使えます',
        en: '--source, --logs-source and --once only apply to the sync command',
      });
    }
    if (!COMMANDS.includes(command)) {
      throw usageError({ ja: `不明なコマンドです: ${command}（genba help を参照）`, en: `Unknown command: ${command} (see genba help)` });
    }

    let now: number | undefined;
    try {
      now = values.now === undefined ? undefined : parseIsoInstant(values.now);
    } catch (error) {
      throw usageError({ ja: `--now: ${(error as GenbaError).messageIn('ja')}`, en: `--now: ${(error as GenbaError).messageIn('en')}` });
    }
    await checkModelOptions(values);
    // The commands load here, not at the top, and only the one run: `genba logs parse` and `genba help` start without
    // the store's native modules, the optimizer and the model runtime, and `genba ask` without sync, doctor and eval.
    const only = <T>(commands: string[], load: () => Promise<T>): Promise<T> | null => (commands.includes(command) ? load() : null);
    const [{ createApp }, { CLICKHOUSE_PASSWORD, memorySecretStore, MYSQL_PASSWORD }, sync, safety, assistant, models, alerts, evaluation, planning, words] =
      await Promise.all([
        import('./app.js'),
        import('./config/secretStore.js'),
        only(['sync'], () => import('./cli/syncCommand.js')),
        only(['doctor', 'restore', 'backup', 'confirm'], () => import('./cli/safetyCommands.js')),
        only(['ask', 'approve', 'reject', 'modify', 'knowledge', 'approvals'], () => import('./cli/assistantCommands.js')),
        only(['models'], () => import('./cli/modelsCommand.js')),
        only(['alerts'], () => import('./cli/alertsCommand.js')),
        only(['eval'], () => import('./cli/evalCommand.js')),
        only(['plan', 'forecast'], () => import('./cli/planningCommands.js')),
        only(['words'], () => import('./cli/wordsCommand.js')),
      ]);
    const secrets = memorySecretStore();
    // The password of the company MySQL reaches every command that may talk to it (doctor, decisions' delivery).
    if (process.env.GENBA_MYSQL_PASSWORD) secrets.set(MYSQL_PASSWORD, process.env.GENBA_MYSQL_PASSWORD);
    if (process.env.GENBA_CLICKHOUSE_PASSWORD !== undefined) secrets.set(CLICKHOUSE_PASSWORD, process.env.GENBA_CLICKHOUSE_PASSWORD);
    const syncArgs = { source: values.source, logsSource: values['logs-source'], once: values.once === true, json };
    const prepared = sync ? await sync.preparePassword(syncArgs, secrets, io, lang) : null;
    app = createApp({
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      ...(now !== undefined ? { now } : {}),
      ...(values.lang ? { lang: values.lang as Lang } : {}),
      secrets,
      models: {
        ...(values['intent-model'] ? { intentModel: values['intent-model'] } : {}),
        ...(values['answer-model'] ? { answerModel: values['answer-model'] } : {}),
        ...(values['embedding-model'] ? { embeddingModel: values['embedding-model'] } : {}),
      },
      // What status and overview show needs no logs and no planning tables: a first build leaves them to the next command.
      firstScreenOnly: command === 'status' || command === 'overview',
    });
    lang = app.lang();
    if (!json && command !== 'sync') stopProgress = showTerminalProgress(app.events, lang);
    if (sync) return await sync.runSyncCommand(app, syncArgs, prepared!.form, prepared!.needsPrompt, secrets, io);
    if (models) return await models.runModelsCommand(app, rest, json, io);
    // These work on a folder whose store cannot be opened: they start the app themselves, if at all.
    if (command === 'doctor') return await safety!.runDoctorCommand(app, { fix: values.fix === true, json }, io);
    if (command === 'restore') return await safety!.runRestore(app, rest, json, io);
    const started = performance.now();
    await app.start();
    stopProgress();
    if (alerts) return alerts.runAlertsCommand(app, rest, json, io);
    if (words) return words.runWordsCommand(app, rest, json, io);
    const k = values.k === undefined ? (command === 'knowledge' ? 5 : 20) : Number(values.k);
    if (!Number.isInteger(k) || k < 1 || k > 100)
      throw usageError({ ja: '--k は 1〜100 の整数で指定してください', en: '--k must be an integer from 1 to 100' });
    if (command === 'logs') {
      const instant = (name: 'from' | 'to'): number | undefined => {
        const v = values[name];
        if (v === undefined) return undefined;
        try {
          return parseIsoInstant(v);
        } catch (error) {
          throw usageError({ ja: `--${name}: ${(error as GenbaError).messageIn('ja')}`, en: `--${name}: ${(error as GenbaError).messageIn('en')}` });
        }
      };
      const range = { from: instant('from'), to: instant('to') };
      const level = values.level?.toUpperCase();
      if (level !== undefined && !LOG_LEVELS.includes(level as (typeof LOG_LEVELS)[number])) {
        throw usageError({ ja: `--level は ${LOG_LEVELS.join(', ')} のいずれかです`, en: `--level is one of ${LOG_LEVELS.join(', ')}` });
      }
      const filter: LogFilter = { service: values.service, host: values.host, level: level as LogFilter['level'], ...range };
      return await runLogsCommand(app, rest[0] ?? 'templates', rest.slice(1), { json, k, site: values.site, ...range, filter }, io);
    }
    if (command === 'ask') return await assistant!.runAsk(app, rest, { json, conversation: values.conversation }, io);
    if (evaluation) return await evaluation.runEvalCommand(app, rest, json, io);
    if (command === 'plan') return await planning!.runPlanCommand(app, { date: values.date, json }, io);
    if (command === 'forecast') return planning!.runForecastCommand(app, rest, { days: values.days, site: values.site, json }, io);
    if (command === 'approve' || command === 'reject' || command === 'modify') {
      return await assistant!.runDecision(app, command, rest, { reason: values.reason, keep: values.keep, set: values.set, off: values.off, json }, io);
    }
    if (command === 'knowledge') return await assistant!.runKnowledge(app, rest, { title: values.title, k, json }, io);
    if (command === 'approvals') return assistant!.runApprovals(app, rest, { out: values.out, json }, io);
    if (command === 'backup') return await safety!.runBackup(app, rest, json, io);
    if (command === 'confirm') return await safety!.runConfirm(app, rest, json, io);

    if (command === 'compact') {
      const r = await app.compact();
      io.stdout(
        json
          ? `${JSON.stringify(r, null, 2)}\n`
          : localize(lang, {
              ja: `保持期間を過ぎたものを削除しました: ログ ${r.rawLogs.toLocaleString()}行、分ごとの件数 ${r.minuteCounts.toLocaleString()}件、進捗 ${r.snapshots.toLocaleString()}件（${r.ms} ms、${r.freedPages.toLocaleString()}ページを返却）\n`,
              en: `Removed what is past retention: ${count(r.rawLogs, 'log row', undefined, r.rawLogs.toLocaleString())}, ${count(r.minuteCounts, 'per-minute count', undefined, r.minuteCounts.toLocaleString())}, ${count(r.snapshots, 'snapshot', undefined, r.snapshots.toLocaleString())} (${r.ms} ms, ${count(r.freedPages, 'page', undefined, r.freedPages.toLocaleString())} given back)\n`,
            }),
      );
      return 0;
    }
    if (command === 'overview') {
      const overview = app.overview();
      io.stdout(json ? `${JSON.stringify(overview, null, 2)}\n` : formatOverview(overview, lang));
      return 0;
    }
    if (command === 'status') {
      const status = app.status();
      const storage = app.storage();
      io.stdout(
        json ? `${JSON.stringify({ ...status, storage }, null, 2)}\n` : `${formatStatus(status, app.config().timeZone, lang)}${formatStorage(storage, lang)}`,
      );
      return 0;
    }
    // demo: start() already built it when missing; --reset rebuilds it on purpose.
    const result = values.reset ? await app.resetDemo() : null;
    const counts = app.status().tables;
    if (json) {
      io.stdout(`${JSON.stringify({ rebuilt: result !== null, tables: counts, elapsedMs: Math.round(performance.now() - started) }, null, 2)}\n`);
    } else {
      const head = result
        ? localize(lang, { ja: 'デモ会社のデータを作り直しました。', en: 'Rebuilt the demo company.' })
        : localize(lang, { ja: 'デモ会社のデータは作成済みです。', en: 'The demo company is in place.' });
      io.stdout(`${head}\n${counts.map((t) => `  ${t.table.padEnd(32)} ${t.rows.toLocaleString('en-US').padStart(10)}`).join('\n')}\n`);
    }
    return 0;
  } catch (error) {
    const known = fromSystemError(error);
    const payload = toErrorPayload(known, lang);
    stopProgress();
    app?.log.error('cli failed', describeError(error));
    if (json) io.stderr(`${JSON.stringify({ error: payload })}\n`);
    // An unforeseen error: its first line says what broke; the stack is for the app log (written above), not the manager.
    else io.stderr(`genba: ${payload.message}${known instanceof GenbaError ? '' : `\n${firstLine(error)}`}\n`);
    return error instanceof CliUsageError ? 2 : 1;
  } finally {
    await app?.stop();
  }
}

// Run when executed directly (`npm run genba`); the built bin shim calls runCli itself.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await exitWith(await runCli(process.argv.slice(2)));
}

/**
 * Ends the process once the output is flushed. The command has reported: nothing left
 * pending (a query on a lost connection waiting out its timeout) may keep it alive.
 */
export async function exitWith(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}
