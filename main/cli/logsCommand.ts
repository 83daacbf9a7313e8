import { chmodSync } from 'node:fs';
import type { GenbaApp } from '../app.js';
import type { CliIo } from '../cli.js';
import { parseLogFile } from '../logs/parseLogFile.js';
import { usageError } from './cliUsageError.js';

export function parseOnly(args: string[], out: string | undefined, io: CliIo): number {
  const [file, ...extra] = args;
  if (!file || extra.length > 0 || !out) throw usageError('使い方: genba logs parse <ファイル> --out <csv>', 'Usage: genba logs parse <file> --out <csv>');
  const r = parseLogFile(file, out);
  // Private like every other export: log lines may hold what others should not read.
  chmodSync(out, 0o600);
  io.stdout(`${r.lines} lines, ${r.templates} templates → ${out}\n`);
  return 0;
}

/** `genba logs ingest|templates|search|clusters|anomalies` on the local store. */
export async function runLogsCommand(app: GenbaApp, sub: string, args: string[], o: { json: boolean; k: number }, io: CliIo): Promise<number> {
  const out = (value: unknown, text: string): void => io.stdout(o.json ? `${JSON.stringify(value, null, 2)}\n` : text);
  const ja = app.lang() === 'ja';
  switch (sub) {
    case 'ingest': {
      if (args.length === 0) throw usageError('取り込むログファイルを指定してください', 'Give the log files to ingest');
      const ingest = app.logs.ingestFiles(args);
      const r = await app.logs.refresh();
      const perFile = ingest.files.map(
        (f) =>
          `  ${f.file}: ${
            ja
              ? `${f.lines} 行を追加${f.alreadyIngested ? `（${f.alreadyIngested} 行は取り込み済みのため省略）` : ''}`
              : `${f.lines} lines added${f.alreadyIngested ? ` (${f.alreadyIngested} already ingested, skipped)` : ''}`
          }`,
      );
      out(
        { ...ingest, ...r },
        `${[
          ja
            ? `取り込みました: ${ingest.lines} 行、新しいテンプレート ${r.newTemplates} 件（クラスタ ${r.clusters}）`
            : `Ingested ${ingest.lines} lines; ${r.newTemplates} new templates (${r.clusters} clusters)`,
          ...perFile,
        ].join('\n')}\n`,
      );
      return 0;
    }
    case 'templates': {
      await app.logs.refresh();
      const list = app.logs.templates();
      out(
        list,
        list
          .slice(0, 50)
          .map((t) => `${String(t.id).padStart(6)} ${String(t.count).padStart(8)}  ${t.template}`)
          .join('\n') + '\n',
      );
      return 0;
    }
    case 'search': {
      const text = args.join(' ').trim();
      if (!text) throw usageError('検索する文を指定してください: genba logs search "<文>"', 'Give the text to search: genba logs search "<text>"');
      await app.logs.refresh();
      const hits = await app.logs.search(text, o.k);
      out(hits, hits.map((h) => `${h.score.toFixed(3)} ${String(h.count).padStart(8)}  ${h.template}`).join('\n') + '\n');
      return 0;
    }
    case 'clusters': {
      await app.logs.refresh();
      const list = app.logs.clusters();
      out(
        list,
        list
          .map(
            (c) =>
              `${String(c.id).padStart(4)} ${String(c.lines).padStart(8)} ${ja ? '行' : 'lines'} ${String(c.templates.length).padStart(4)} tmpl  ${c.label}`,
          )
          .join('\n') + '\n',
      );
      return 0;
    }
    case 'anomalies': {
      await app.logs.refresh();
      const r = app.logs.anomalies();
      out(
        r,
        [
          ...(r.warmup ? [ja ? '（学習期間中: 基準となる履歴がまだ足りません）' : '(warming up: not enough history for a baseline yet)'] : []),
          ...r.anomalies.map(
            (a) => `[${a.severity}] ${a.kind} ${a.service ?? ''} ${a.count} — ${a.explanation[ja ? 'ja' : 'en']}${a.template ? `\n    ${a.template}` : ''}`,
          ),
        ].join('\n') + '\n',
      );
      return 0;
    }
    default:
      throw usageError(
        `不明なサブコマンドです: logs ${sub}（parse, ingest, templates, search, clusters, anomalies）`,
        `Unknown subcommand: logs ${sub} (parse, ingest, templates, search, clusters, anomalies)`,
      );
  }
}
