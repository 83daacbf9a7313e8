import { chmodSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GenbaApp } from '../app.js';
import { DB_FILE } from '../store/openStoreForUse.js';
import type { CliIo } from './cliIo.js';
import { INDEX_FILES, type DoctorReport } from '../diagnostics/doctor.js';
import { listBackups, restoreStore, type RestoreResult } from '../store/storeBackup.js';
import { decisionSealer } from '../store/decisionSeal.js';
import type { NamedDecision } from '../store/decisionRecord.js';
import { epochToSqlDatetime } from '../config/sqlDatetime.js';
import { escapeField } from '../api/escapeControls.js';
import { usageError } from './cliUsageError.js';
import { localize, type Lang } from '../errors.js';
import { count } from '../api/englishCount.js';

const MARK = { ok: '✓', warning: '!', error: '✗', skipped: '-' } as const;

export function formatDoctor(r: DoctorReport): string {
  return r.checks.map((c) => `${MARK[c.status]} ${c.id.padEnd(9)} ${c.summary}${c.fix ? `\n            → ${c.fix}` : ''}`).join('\n');
}

/** `genba backup <file>`: an online, checked copy of the store. */
export async function runBackup(app: GenbaApp, args: string[], json: boolean, io: CliIo): Promise<number> {
  if (args.length !== 1)
    throw usageError({ ja: '保存先のファイルを1つ指定してください: genba backup <ファイル>', en: 'Give one file to write: genba backup <file>' });
  const info = await app.backupTo(resolve(args[0]!));
  io.stdout(
    json
      ? `${JSON.stringify(info, null, 2)}\n`
      : `${localize(app.lang(), { ja: 'バックアップしました', en: 'Backed up to' })}: ${info.path} (${(info.sizeBytes / 1048576).toFixed(1)} MB)\n`,
  );
  return 0;
}

/** When a decision was made, as the manager reads it: the company's local time, to the minute. */
const at = (ms: number, timeZone: string): string => epochToSqlDatetime(ms, timeZone).slice(0, 16);

/** One decision named for the manager: its id, what, who and when. */
const namedLine = (d: NamedDecision, timeZone: string): string =>
  `  ${d.suggestionId}  ${d.actionType}  ${escapeField(d.actionUser)}  ${at(d.decidedAt, timeZone)}`;

/** What happened to the decisions made after the backup, and which decisions wait for the manager: only what was read back in the restored file. */
function salvageText(r: RestoreResult, lang: Lang, timeZone: string): string {
  const lines: string[] = [];
  if (r.salvaged.length > 0)
    lines.push(
      localize(lang, {
        ja: `バックアップ後の判断 ${r.salvaged.length} 件を元のファイルからそのまま移しました`,
        en: `${count(r.salvaged.length, 'later decision')} carried over whole from the previous file`,
      }),
    );
  if (r.salvageError) {
    lines.push(
      localize(lang, {
        ja: `元のファイルが壊れていて、バックアップ後の判断を読めませんでした（${r.salvageError}）。元のファイルは ${r.keptAs} に残してあります。`,
        en: `The previous file is damaged: decisions made after the backup could not be read (${r.salvageError}). It is kept as ${r.keptAs}.`,
      }),
    );
  }
  if (r.held.length > 0) {
    lines.push(
      localize(lang, {
        ja: `次の ${r.held.length} 件の未送信の判断は、このデータフォルダで行われたと確認できないため、会社へ送らずに保留しています。確かめたうえで送るものは、1件ずつ genba confirm <ID> を実行してください:`,
        en: `${count(r.held.length, 'undelivered decision')} could not be confirmed as made in this data folder and will not be sent to the company. Check each; to send one, run genba confirm <ID> for it:`,
      }),
      ...r.held.map((d) => namedLine(d, timeZone)),
    );
  }
  return lines.map((l) => `\n${l}`).join('');
}

/** `genba confirm <id>`: the manager vouches for one held decision by name; it is sent with the next delivery. */
export async function runConfirm(app: GenbaApp, args: string[], json: boolean, io: CliIo): Promise<number> {
  if (args.length !== 1)
    throw usageError({ ja: '送る判断の ID を1つ指定してください: genba confirm <ID>', en: 'Give the id of one decision to send: genba confirm <ID>' });
  const lang = app.lang();
  const confirmed = app.heldDecisions.confirm(args[0]!);
  if (confirmed === null) {
    const held = app.heldDecisions
      .list()
      .map((d) => d.suggestionId)
      .join(', ');
    io.stderr(
      `${localize(lang, {
        ja: `${escapeField(args[0]!)} は保留中の判断ではありません（保留中: ${held || 'なし'}）。`,
        en: `${escapeField(args[0]!)} is not a held decision (held: ${held || 'none'}).`,
      })}\n`,
    );
    return 1;
  }
  // A delivery that fails leaves it queued; whether it arrived is read from the outbox either way.
  await app.syncService.run('deliver', []).catch(() => null);
  const delivered = app.heldDecisions.delivered(confirmed.suggestionId);
  io.stdout(
    json
      ? `${JSON.stringify({ confirmed, delivered }, null, 2)}\n`
      : `${localize(lang, { ja: '確認しました', en: 'Confirmed' })}:\n${namedLine(confirmed, app.config().timeZone)}\n${localize(
          lang,
          delivered
            ? { ja: '会社のデータベースに送信しました。', en: 'Delivered to the company database.' }
            : { ja: '送信待ちに入れました。会社のデータベースにつながりしだい送ります。', en: 'Queued: it is sent as soon as the company database answers.' },
        )}\n`,
  );
  return 0;
}

/** `genba restore <file>`: replaces the store with a checked backup; the indexes rebuild at start. */
export async function runRestore(app: GenbaApp, args: string[], json: boolean, io: CliIo): Promise<number> {
  if (args.length !== 1)
    throw usageError({ ja: '復元するバックアップを1つ指定してください: genba restore <ファイル>', en: 'Give one backup to restore: genba restore <file>' });
  const r = restoreStore(join(app.dataDir, DB_FILE), resolve(args[0]!), join(app.dataDir, 'index'), Date.now(), decisionSealer(app.dataDir));
  // Opening it runs the checks and any migrations; the indexes are rebuilt from it.
  await app.start();
  await app.logs.refresh();
  await app.assistant.knowledge.reindex();
  const lang = app.lang();
  io.stdout(
    json
      ? `${JSON.stringify({ restored: resolve(args[0]!), ...r, tables: app.status().tables }, null, 2)}\n`
      : `${localize(lang, { ja: '復元しました', en: 'Restored' })}: ${resolve(args[0]!)}${r.keptAs ? `\n${localize(lang, { ja: '元のファイル', en: 'Previous file kept as' })}: ${r.keptAs}` : ''}${salvageText(r, lang, app.config().timeZone)}\n`,
  );
  return 0;
}

/**
 * `genba doctor [--fix]`: the checks; with --fix, what can be repaired here is: folder
 * permissions, a damaged database from the newest good backup, the search indexes rebuilt.
 */
export async function runDoctorCommand(app: GenbaApp, o: { fix: boolean; json: boolean }, io: CliIo): Promise<number> {
  const before = await app.doctor();
  if (!o.fix) {
    io.stdout(o.json ? `${JSON.stringify(before, null, 2)}\n` : `${formatDoctor(before)}\n`);
    return before.ok ? 0 : 1;
  }
  const lang = app.lang();
  const actions: string[] = [];
  const status = (id: string) => before.checks.find((c) => c.id === id)?.status;
  if (status('data_dir') === 'warning' && process.platform !== 'win32' && existsSync(app.dataDir)) {
    chmodSync(app.dataDir, 0o700);
    actions.push(localize(lang, { ja: 'データフォルダの権限を 700 にしました', en: 'Set the data folder to mode 700' }));
  }
  if (before.checks.some((c) => c.id === 'database' && c.repair === 'restore')) {
    const latest = listBackups(app.dataDir).find(() => true);
    if (latest) {
      const r = restoreStore(join(app.dataDir, DB_FILE), latest.path, join(app.dataDir, 'index'), Date.now(), decisionSealer(app.dataDir));
      actions.push(
        `${localize(lang, { ja: `${latest.path} から復元しました（壊れたファイルは ${r.keptAs}）`, en: `Restored ${latest.path} (the damaged file is kept as ${r.keptAs})` })}${salvageText(r, lang, app.config().timeZone).replace(/\n/g, ' ')}`,
      );
    }
  }
  if (status('index') === 'warning') {
    for (const name of INDEX_FILES) {
      rmSync(join(app.dataDir, 'index', name), { force: true });
      rmSync(join(app.dataDir, 'index', `${name}.meta.json`), { force: true });
    }
  }
  if (status('index') === 'warning' || (actions.length > 0 && before.checks.some((c) => c.repair === 'restore'))) {
    try {
      await app.start();
      await app.logs.refresh();
      await app.assistant.knowledge.reindex();
      actions.push(localize(lang, { ja: '検索インデックスを SQLite から再構築しました', en: 'Rebuilt the search indexes from SQLite' }));
    } catch (error) {
      actions.push(`${localize(lang, { ja: '起動できません', en: 'Cannot start' })}: ${(error as Error).message}`);
    }
  }
  const after = await app.doctor();
  io.stdout(
    o.json
      ? `${JSON.stringify({ before, actions, after }, null, 2)}\n`
      : `${actions.map((a) => `* ${a}`).join('\n')}${actions.length ? '\n\n' : ''}${formatDoctor(after)}\n`,
  );
  return after.ok ? 0 : 1;
}
