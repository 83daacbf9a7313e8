import type { GenbaApp } from '../app.js';
import type { CliIo } from './cliIo.js';
import { usageError } from './cliUsageError.js';
import { localize } from '../errors.js';

const MB = 1024 * 1024;

/** `genba models list|pull|import|verify`. Returns the exit code. */
export async function runModelsCommand(app: GenbaApp, args: string[], json: boolean, io: CliIo): Promise<number> {
  const lang = app.lang();
  const [sub = 'list', arg, ...extra] = args;
  if (extra.length > 0) throw usageError({ ja: `余分な引数があります: ${extra.join(' ')}`, en: `Unexpected arguments: ${extra.join(' ')}` });
  const { models } = app.ai;
  const out = (value: unknown, text: string): void => io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : text);

  switch (sub) {
    case 'list': {
      const status = app.ai.status();
      const lines = [
        `${localize(lang, { ja: 'モデルフォルダ', en: 'Models folder' })}: ${status.modelsDir}`,
        ...status.roles.map((r) => `  ${r.role.padEnd(10)} ${r.state.padEnd(15)} ${r.path ?? '-'}`),
        `  ${'embedding'.padEnd(10)} ${status.embedding.state.padEnd(15)} ${status.embedding.modelDir ?? '-'}`,
        localize(lang, { ja: '一覧（manifest）:', en: 'Catalog (manifest):' }),
        ...status.catalog.map(
          (c) =>
            `  ${c.present ? '✓' : '·'} ${c.name.padEnd(24)} ${c.role.padEnd(10)} ${c.present ? `${((c.sizeBytes ?? 0) / MB).toFixed(0)} MB` : c.sizeLabel}  ${localize(lang, c.description)}`,
        ),
      ];
      out(status, `${lines.join('\n')}\n`);
      return 0;
    }
    case 'pull': {
      const names = arg
        ? [arg]
        : models
            .catalog()
            .filter((c) => !c.present)
            .map((c) => c.name);
      const results = [];
      for (const name of names) {
        let last = -1;
        const r = await models.pull(name, {
          onProgress: (done, total) => {
            const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
            if (!json && pct !== last && pct % 10 === 0) io.stderr(`${name}: ${pct}%\n`);
            last = pct;
          },
        });
        results.push(r);
        if (!json)
          io.stdout(
            `${localize(lang, { ja: '取得しました', en: 'Pulled' })}: ${name} → ${r.path} (${r.how === 'sha256' ? 'sha256 OK' : localize(lang, { ja: '構造を確認', en: 'structure checked' })})\n`,
          );
      }
      if (json) io.stdout(`${JSON.stringify(results, null, 2)}\n`);
      return 0;
    }
    case 'import': {
      if (!arg)
        throw usageError({
          ja: '取り込むファイルかフォルダを指定してください: genba models import <path>',
          en: 'Give the file or folder to import: genba models import <path>',
        });
      const r = await models.import(arg);
      out(
        r,
        `${localize(lang, { ja: '取り込みました', en: 'Imported' })}: ${r.path}${r.name ? ` (${r.name})` : ''}${r.sha256 ? `\n  sha256 ${r.sha256}${r.verified ? ' ✓' : ''}` : ''}\n`,
      );
      return 0;
    }
    case 'verify': {
      const results = await models.verify();
      const bad = results.filter((r) => !r.ok);
      out(
        results,
        results.length === 0
          ? `${localize(lang, { ja: '検証するモデルがありません。', en: 'No models to verify.' })}\n`
          : `${results.map((r) => `  ${r.ok ? 'OK ' : 'NG '} ${r.name.padEnd(24)} ${r.how}${r.problem ? `  ${r.problem}` : ''}`).join('\n')}\n`,
      );
      return bad.length > 0 ? 1 : 0;
    }
    default:
      throw usageError({
        ja: `不明なサブコマンドです: models ${sub}（list, pull, import, verify）`,
        en: `Unknown subcommand: models ${sub} (list, pull, import, verify)`,
      });
  }
}
