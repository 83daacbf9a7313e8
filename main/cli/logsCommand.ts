import { incidentLinesSince } from '../logs/logTexts.js';
import { chmodSync } from 'node:fs';
import type { GenbaApp } from '../app.js';
import type { CliIo } from './cliIo.js';
import { parseLogFile } from '../logs/parseLogFile.js';
import { usageError } from './cliUsageError.js';
import { escapeField } from '../api/escapeControls.js';
import type { IncidentReport, LogFilter } from '../api/types.js';
import { formatHm, localDate } from '../config/zonedTime.js';
import { fromSystemError, GenbaError, localize, type Lang } from '../errors.js';
import { count } from '../api/englishCount.js';
import { businessLabel, type BusinessNames } from '../api/businessLabel.js';
import type { LogWindow } from '../logs/logIntelligence.js';
import { speedFigure } from '../api/figures.js';

export function parseOnly(args: string[], out: string | undefined, io: CliIo): number {
  const [file, ...extra] = args;
  if (!file || extra.length > 0 || !out)
    throw usageError({ ja: '使い方: genba logs parse <ファイル> --out <csv>', en: 'Usage: genba logs parse <file> --out <csv>' });
  const r = parseLogFile(file, out);
  // Private like every other export: log lines may hold what others should not read.
  chmodSync(out, 0o600);
  io.stdout(`${count(r.lines, 'line')}, ${count(r.templates, 'template')} → ${out}\n`);
  return 0;
}

/** `genba logs ingest|templates|search|clusters|anomalies` on the local store. */
export async function runLogsCommand(
  app: GenbaApp,
  sub: string,
  args: string[],
  o: { json: boolean; k: number; site?: string | undefined; from?: number | undefined; to?: number | undefined; filter?: LogFilter },
  io: CliIo,
): Promise<number> {
  /** `text` may be made only when it is shown (the names of the businesses are read for people, not for --json). */
  const out = (value: unknown, text: string | (() => string)): void =>
    io.stdout(o.json ? `${JSON.stringify(value, null, 2)}\n` : typeof text === 'function' ? text() : text);
  /** The businesses' names as the overview shows them (SS, 医療レセプト), read once, when a text names a business. */
  let names: BusinessNames | undefined;
  const businessNames = (): BusinessNames => (names ??= app.overview().businessNames);
  const lang = app.lang();
  const warmingUp = localize(lang, { ja: '（学習期間中: 基準となる履歴がまだ足りません）', en: '(warming up: not enough history for a baseline yet)' });
  /**
   * New lines get their templates, vectors and families before a listing, where there is
   * room to write them (a refresh writes even when little changed). On a full disk the listing shows what is stored, and says so: reading
   * must not need space.
   */
  const refreshIfRoom = async (): Promise<void> => {
    try {
      await app.logs.refresh();
    } catch (error) {
      const system = fromSystemError(error);
      if (!(system instanceof GenbaError) || system.code !== 'DISK_FULL') throw error;
      io.stderr(
        localize(lang, {
          ja: 'genba: ディスクの空きがないため、ログの分析を更新せず、保存済みの結果を表示します。\n',
          en: 'genba: the disk is full, so the log analysis was not updated; showing what is stored.\n',
        }),
      );
    }
  };
  switch (sub) {
    case 'ingest': {
      if (args.length === 0) throw usageError({ ja: '取り込むログファイルを指定してください', en: 'Give the log files to ingest' });
      const ingest = app.logs.ingestFiles(args);
      const r = await app.logs.refresh();
      const perFile = ingest.files.map(
        (f) =>
          `  ${f.file}: ${localize(lang, {
            ja: `${f.lines} 行を追加${f.alreadyIngested ? `（${f.alreadyIngested} 行は取り込み済みのため省略）` : ''}`,
            en: `${count(f.lines, 'line')} added${f.alreadyIngested ? ` (${f.alreadyIngested} already ingested, skipped)` : ''}`,
          })}`,
      );
      out(
        { ...ingest, ...r },
        `${[
          localize(lang, {
            ja: `取り込みました: ${ingest.lines} 行、新しいテンプレート ${r.newTemplates} 件（クラスタ ${r.clusters}）`,
            en: `Ingested ${count(ingest.lines, 'line')}; ${count(r.newTemplates, 'new template')} (${count(r.clusters, 'cluster')})`,
          }),
          ...perFile,
        ].join('\n')}\n`,
      );
      return 0;
    }
    case 'templates': {
      await refreshIfRoom();
      const list = app.logs.templates(500, o.filter);
      out(
        list,
        list
          .slice(0, 50)
          .map((t) => `${String(t.id).padStart(6)} ${String(t.count).padStart(8)}  ${escapeField(t.template)}`)
          .join('\n') + '\n',
      );
      return 0;
    }
    case 'search': {
      const text = args.join(' ').trim();
      if (!text) throw usageError({ ja: '検索する文を指定してください: genba logs search "<文>"', en: 'Give the text to search: genba logs search "<text>"' });
      await refreshIfRoom();
      const hits = await app.logs.search(text, o.k, o.filter);
      out(hits, hits.map((h) => `${h.score.toFixed(3)} ${String(h.count).padStart(8)}  ${escapeField(h.template)}`).join('\n') + '\n');
      return 0;
    }
    case 'clusters': {
      await refreshIfRoom();
      const list = app.logs.clusters();
      out(
        list,
        list
          .map(
            (c) =>
              `${String(c.id).padStart(4)} ${String(c.lines).padStart(8)} ${localize(lang, { ja: '行', en: 'lines' })} ${String(c.templates.length).padStart(4)} tmpl  ${escapeField(c.label)}`,
          )
          .join('\n') + '\n',
      );
      return 0;
    }
    case 'incidents': {
      await refreshIfRoom();
      const tz = app.config().timeZone;
      const r = app.alerts.incidents(o.site, askedWindow(o, app.clock.now(), tz));
      out(
        r,
        () =>
          [
            ...(r.warmup ? [warmingUp] : []),
            ...(r.incidents.length === 0 && !r.warmup ? [localize(lang, { ja: 'ログの障害はありません。', en: 'No log incident.' })] : []),
            ...r.incidents.map((x) => incidentLines(x, tz, lang, businessNames)),
          ].join('\n') + '\n',
      );
      return 0;
    }
    case 'timeline': {
      if (!o.site)
        throw usageError({
          ja: '使い方: genba logs timeline --site <拠点> [--from <日時> --to <日時>]',
          en: 'Usage: genba logs timeline --site <site> [--from <time> --to <time>]',
        });
      await refreshIfRoom();
      const t = app.alerts.timeline(o.site, { ...(o.from !== undefined ? { from: o.from } : {}), ...(o.to !== undefined ? { to: o.to } : {}) });
      const tz = app.config().timeZone;
      const hm = (ms: number): string => formatHm(ms, tz);
      out(
        t,
        () =>
          [
            `${t.site} ${hm(t.from)}–${hm(t.to)}${t.hosts.length > 0 ? ` (${t.hosts.join(', ')})` : ''}`,
            ...t.processes.map(
              (p) =>
                `  ${p.process} (${localize(lang, businessLabel(businessNames(), p.businessId))}) ${localize(lang, { ja: '件/分', en: 'items/min' })}: ${p.points.map((x) => `${hm(x.at)} ${x.perMinute}`).join(' · ')}`,
            ),
            ...t.logs.filter((l) => l.errors > 0).map((l) => `  ${hm(l.at)} ${localize(lang, { ja: 'エラー', en: 'errors' })} ${l.errors} / ${l.lines}`),
            ...t.incidents.map((x) => incidentLines(x, tz, lang, businessNames)),
          ].join('\n') + '\n',
      );
      return 0;
    }
    case 'anomalies': {
      await refreshIfRoom();
      const r = app.logs.anomalies();
      out(
        r,
        [
          ...(r.warmup ? [warmingUp] : []),
          ...r.anomalies.map(
            (a) =>
              `[${a.severity}] ${a.kind} ${a.service ?? ''} ${a.count} — ${localize(lang, a.explanation)}${a.template ? `\n    ${escapeField(a.template)}` : ''}`,
          ),
        ].join('\n') + '\n',
      );
      return 0;
    }
    default:
      throw usageError({
        ja: `不明なサブコマンドです: logs ${sub}（parse, ingest, templates, search, clusters, anomalies, incidents, timeline）`,
        en: `Unknown subcommand: logs ${sub} (parse, ingest, templates, search, clusters, anomalies, incidents, timeline)`,
      });
  }
}

/**
 * The window --from/--to name (either alone: from it to now, or the hour up to it); none:
 * the incidents of now. An incident is listed when its burst overlaps the window.
 */
function askedWindow(o: { from?: number | undefined; to?: number | undefined }, now: number, tz: string): LogWindow | undefined {
  if (o.from === undefined && o.to === undefined) return undefined;
  const to = Math.min(o.to ?? now, now);
  const from = o.from ?? to - 3_600_000;
  if (from >= to) throw usageError({ ja: '--from は --to より前の日時にしてください', en: '--from must be before --to' });
  const day = (ms: number): string => localDate(ms, tz).slice(5).replace('-', '/');
  const at = (ms: number): string => `${day(ms)} ${formatHm(ms, tz)}`;
  return { from, to, label: { ja: `${at(from)}〜${at(to)}`, en: `${at(from)}–${at(to)}` } };
}

/** An incident in a few lines: where, since when, how many lines against the usual, and what it slowed down (each business by its name). */
function incidentLines(x: IncidentReport['incidents'][number], tz: string, lang: Lang, businessNames: () => BusinessNames): string {
  const hm = (ms: number): string => formatHm(ms, tz);
  // The count is the lines since the start, said in the one phrase the alerts and the assistant use.
  const lines = localize(lang, incidentLinesSince(x, hm(x.start)));
  const head = localize(lang, {
    ja: `[${x.severity}] ${x.services.join(', ')}（${x.hosts.join(', ')}）${x.sites.length > 0 ? ` ${x.sites.join('・')}` : ''} ${lines}`,
    en: `[${x.severity}] ${x.services.join(', ')} (${x.hosts.join(', ')})${x.sites.length > 0 ? ` ${x.sites.join(', ')}` : ''}: ${lines}`,
  });
  const affects = x.affects.map((l) => {
    const business = businessLabel(businessNames(), l.businessId);
    return localize(lang, {
      ja: `    → ${l.site} ${l.process}（${business.ja}）の速度 毎分${speedFigure(l.speedBefore)} → ${speedFigure(l.speedAfter)}件（${hm(l.dropAt)}から）`,
      en: `    → ${l.site} ${l.process} (${business.en}) speed ${speedFigure(l.speedBefore)} → ${speedFigure(l.speedAfter)} items/min (from ${hm(l.dropAt)})`,
    });
  });
  return [head, ...affects, ...x.samples.slice(0, 2).map((s) => `    ${escapeField(s)}`)].join('\n');
}
