import { chmodSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GenbaApp } from '../app.js';
import { DB_FILE } from '../store/openStoreForUse.js';
import type { CliIo } from './cliIo.js';
import { INDEX_FILES, type DoctorReport } from '../diagnostics/doctor.js';
import { listBackups, restoreStore, type RestoreResult } from '../store/storeBackup.js';
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

/** What happened to the decisions made after the backup: only what was verified in the restored file. */
function salvageText(r: RestoreResult, lang: Lang): string {
  const lines: string[] = [];
  if (r.salvaged > 0)
    lines.push(
      localize(lang, {
        ja: `バックアップ後の判断 ${r.salvaged} 件を元のファイルから取り戻しました`,
        en: `${count(r.salvaged, 'later decision')} recovered from the previous file`,
      }),
    );
  if (r.salvageError) {
    lines.push(
      localize(lang, {
        ja: `元のファイルから読めなかった判断があります（${r.salvageError}）。元のファイルは ${r.keptAs} に残してあります。`,
        en: `Some later decisions could not be read from the previous file (${r.salvageError}). It is kept as ${r.keptAs}.`,
      }),
    );
  }
  return lines.map((l) => `\n${l}`).join('');
}

/** `genba restore <file>`: replaces the store with a checked backup; the indexes rebuild at start. */
export async function runRestore(app: GenbaApp, args: string[], json: boolean, io: CliIo): Promise<number> {
  if (args.length !== 1)
    throw usageError({ ja: '復元するバックアップを1つ指定してください: genba restore <ファイル>', en: 'Give one backup to restore: genba restore <file>' });
  const r = restoreStore(join(app.dataDir, DB_FILE), resolve(args[0]!), join(app.dataDir, 'index'), Date.now());
  // Opening it runs the checks and any migrations; the indexes are rebuilt from it.
  await app.start();
  await app.logs.refresh();
  await app.assistant.knowledge.reindex();
  const lang = app.lang();
  io.stdout(
    json
      ? `${JSON.stringify({ restored: resolve(args[0]!), ...r, tables: app.status().tables }, null, 2)}\n`
      : `${localize(lang, { ja: '復元しました', en: 'Restored' })}: ${resolve(args[0]!)}${r.keptAs ? `\n${localize(lang, { ja: '元のファイル', en: 'Previous file kept as' })}: ${r.keptAs}` : ''}${salvageText(r, lang)}\n`,
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
      const r = restoreStore(join(app.dataDir, DB_FILE), latest.path, join(app.dataDir, 'index'), Date.now());
      actions.push(
        `${localize(lang, { ja: `${latest.path} から復元しました（壊れたファイルは ${r.keptAs}）`, en: `Restored ${latest.path} (the damaged file is kept as ${r.keptAs})` })}${salvageText(r, lang).replace(/\n/g, ' ')}`,
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
