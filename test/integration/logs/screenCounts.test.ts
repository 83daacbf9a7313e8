import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_PERIOD_HOURS, type LogNarrowing } from '../../../main/api/logsScreen.js';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { parseIsoInstant } from '../../../main/config/clock.js';
import { familyLabel } from '../../../main/logs/familyLabel.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

const NOW = parseIsoInstant('2025-10-23T15:40+09:00');
const HOUR = 3_600_000;
const at = (hm: string): number => parseIsoInstant(`2025-10-23T${hm}+09:00`);

/**
 * Every count the Logs view and the incident alert show, against SQL of their own over the same
 * store: the count a screen says for a period is the lines of app_logs in that period that match.
 */
describe('counts with a period, against SQL (demo company, 15:40)', () => {
  const dir = tempDir();
  let app: GenbaApp;
  let db: Database.Database;

  beforeAll(async () => {
    await copyDemoStore(dir.path);
    app = createApp({ dataDir: dir.path, now: NOW });
    await app.start();
    await app.logs.refresh();
    db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  }, 120_000);
  afterAll(async () => {
    db.close();
    await app.stop();
    dir.remove();
  });

  /** WHERE of the lines a narrowing keeps in [from, to), written here, not taken from the core. */
  const where = (n: LogNarrowing, from: number, to: number): { sql: string; params: (string | number)[] } => {
    const used = Object.entries({ level: n.level, service: n.service, host: n.host }).filter((e): e is [string, string] => e[1] !== undefined);
    return { sql: ['l.ts >= ?', 'l.ts < ?', ...used.map(([k]) => `l.${k} = ?`)].join(' AND '), params: [from, to, ...used.map(([, v]) => v)] };
  };

  const NARROWINGS: LogNarrowing[] = [{}, { level: 'ERROR' }, { level: 'WARN' }, { service: 'ocr-worker' }, { host: 'ocr-sapporo-01', level: 'WARN' }];

  it('every panel of the Logs view counts the lines of its range that match, for each period and narrowing', () => {
    for (const hours of LOG_PERIOD_HOURS) {
      for (const n of NARROWINGS) {
        const s = app.logs.screen(hours, n, 5000);
        const what = `${hours} h ${JSON.stringify(n)}`;
        expect(s.range, what).toEqual({ from: NOW - hours * HOUR, to: NOW, hours });
        const w = where(n, s.range.from, s.range.to);
        const perTemplate = new Map(
          (
            db
              .prepare(
                `SELECT template_id AS id, SUM(lines) AS n, SUM(CASE WHEN level = 'ERROR' THEN lines ELSE 0 END) AS e FROM app_logs l
                 WHERE ${w.sql} AND template_id IS NOT NULL GROUP BY template_id`,
              )
              .all(...w.params) as { id: number; n: number; e: number }[]
          ).map((r) => [r.id, r]),
        );
        // The templates: exactly those with such lines, each with their count, errors and a trend that adds up to it.
        expect(s.matched, what).toBe(perTemplate.size);
        expect(
          s.templates.map((t) => t.id).sort((a, b) => a - b),
          what,
        ).toEqual([...perTemplate.keys()].sort((a, b) => a - b));
        for (const t of s.templates) {
          expect([t.count, t.errors], `${what} template ${t.id}`).toEqual([perTemplate.get(t.id)!.n, perTemplate.get(t.id)!.e]);
          expect(
            t.sparkline.reduce((a, b) => a + b, 0),
            `${what} trend of ${t.id}`,
          ).toBe(t.count);
        }
        // What changed first (spikes, new messages), then by lines.
        const changed = s.templates.slice(0, s.changed);
        const rest = s.templates.slice(s.changed);
        const changedIds = new Set(s.anomalies.anomalies.filter((a) => ['spike', 'new_template', 'outlier'].includes(a.kind)).map((a) => a.templateId));
        expect(changed.every((t) => changedIds.has(t.id)) && rest.every((t) => !changedIds.has(t.id)), what).toBe(true);
        expect(
          rest.map((t) => t.count),
          what,
        ).toEqual(rest.map((t) => t.count).sort((a, b) => b - a));
        // The families: their members' lines, members with none left out.
        const perFamily = new Map(
          (
            db
              .prepare(
                `SELECT m.cluster_id AS id, SUM(l.lines) AS n, COUNT(DISTINCT l.template_id) AS k FROM app_logs l JOIN log_cluster_members m USING (template_id)
                 WHERE ${w.sql} GROUP BY m.cluster_id`,
              )
              .all(...w.params) as { id: number; n: number; k: number }[]
          ).map((r) => [r.id, r]),
        );
        expect(
          s.families.map((f) => [f.id, f.lines, f.templates.length]).sort((a, b) => a[0]! - b[0]!),
          what,
        ).toEqual([...perFamily.values()].map((r) => [r.id, r.n, r.k]).sort((a, b) => a[0]! - b[0]!));
        for (const f of s.families)
          expect(
            f.trend.reduce((a, b) => a + b, 0),
            `${what} family ${f.id}`,
          ).toBe(f.lines);
        // The volume chart: the same lines, by level.
        const levels = db.prepare(`SELECT level, SUM(lines) AS n FROM app_logs l WHERE ${w.sql} GROUP BY level`).all(...w.params) as {
          level: string;
          n: number;
        }[];
        for (const level of ['ERROR', 'WARN', 'INFO', 'DEBUG'] as const)
          expect(
            s.volume.buckets.reduce((a, b) => a + b[level], 0),
            `${what} volume ${level}`,
          ).toBe(levels.find((r) => r.level === level)?.n ?? 0);
        expect([s.volume.from, s.volume.to], what).toEqual([s.range.from, s.range.to]);
        // The scatter: the same templates, sized by the same lines.
        expect(new Map(s.scatter.map((p) => [p.id, p.count])), what).toEqual(new Map([...perTemplate].map(([id, r]) => [id, r.n])));
        // The anomalies: of the range, about the narrowed lines.
        expect(s.anomalies.windowMinutes, what).toBe(hours * 60);
        for (const a of s.anomalies.anomalies) if (a.templateId !== null) expect(perTemplate.has(a.templateId), what).toBe(true);
      }
    }
  });

  it('lists the OCR templates that spiked first, not around row 22 as by all-time count', () => {
    const allTime = app.logs.templates(500);
    const ocr = allTime.find((t) => t.template.startsWith('OCR timeout'))!;
    expect(allTime.indexOf(ocr)).toBeGreaterThan(15);
    const errors6h = app.logs.screen(6, { level: 'ERROR' });
    expect(errors6h.templates[0]!.id).toBe(ocr.id);
    expect(errors6h.templates[0]!.count).toBe(
      (
        db
          .prepare("SELECT SUM(lines) AS n FROM app_logs WHERE template_id = ? AND level = 'ERROR' AND ts >= ? AND ts < ?")
          .get(ocr.id, NOW - 6 * HOUR, NOW) as {
          n: number;
        }
      ).n,
    );
    const day = app.logs.screen(24);
    expect(
      day.templates
        .slice(0, 3)
        .map((t) => t.template)
        .sort(),
    ).toEqual(['OCR timeout after <*> for image <*> (queue=<*>)', 'OCRサーバーの応答がありません(<*>)画像=<*>', 'Retrying OCR request <*> attempt <*>']);
    // A filtered list (the CLI's, a search's) counts the lines that match too, not the template's all-time count.
    const filtered = app.logs.templates(500, { level: 'ERROR', from: NOW - 6 * HOUR, to: NOW });
    expect(filtered.find((t) => t.id === ocr.id)!.count).toBe(errors6h.templates[0]!.count);
    expect(app.logs.template(ocr.id, { level: 'ERROR', from: NOW - 6 * HOUR, to: NOW })!.count).toBe(errors6h.templates[0]!.count);
  });

  it('names a family by its representative template, not by three frequent words', () => {
    const families = app.logs.clusters();
    expect(families.length).toBeGreaterThan(1);
    for (const f of families) {
      expect(f.label).not.toMatch(/^\S+ · \S+ · \S+$/);
      const texts = db
        .prepare(`SELECT tokens, template FROM log_templates WHERE template_id IN (${f.templates.map(() => '?').join(',')})`)
        .all(...f.templates) as { tokens: string; template: string }[];
      expect(texts.map(familyLabel)).toContain(f.label);
    }
    expect(new Set(families.map((f) => f.label)).size).toBe(families.length);
    expect(families.map((f) => f.label)).toContain('POST … user=…');
  });

  it('the incident alert counts its lines since its start in the title and its fields, and each signal over its window, as SQL does', () => {
    const report = app.alerts.incidents('札幌');
    expect(report.incidents).toHaveLength(1);
    const incident = report.incidents[0]!;
    expect(incident.start).toBe(at('13:50'));
    // The incident's lines: its templates' and its error-burst services' errors, each line once.
    const templates = incident.anomalies.flatMap((a) => (a.templateId === null ? [] : [a.templateId]));
    const services = incident.anomalies.flatMap((a) => (a.kind === 'error_burst' && a.service ? [a.service] : []));
    const lines = (from: number, extra = ''): number =>
      (
        db
          .prepare(
            `SELECT COALESCE(SUM(lines), 0) AS n FROM app_logs WHERE ts >= ? AND ts < ? ${extra}
             AND (template_id IN (${templates.map(() => '?').join(',')}) OR (level = 'ERROR' AND service IN (${services.map(() => '?').join(',')})))`,
          )
          .get(from, NOW, ...templates, ...services) as { n: number }
      ).n;
    expect(incident.lines).toBe(lines(at('13:50')));
    expect(incident.errorLines).toBe(lines(at('13:50'), "AND level = 'ERROR'"));
    expect([incident.lines, incident.errorLines]).toEqual([556, 420]);
    // The bars of the timeline (the site's hosts' errors per 5 minutes) add up, from the start, to the incident's errors.
    const timeline = app.alerts.timeline('札幌', { from: at('09:40'), to: NOW });
    expect(timeline.logs.filter((l) => l.at >= incident.start).reduce((n, l) => n + l.errors, 0)).toBe(incident.errorLines);

    app.alerts.check();
    const alert = app.alerts.list({ status: 'open', kind: 'log_anomaly' })[0]!;
    expect(alert.title).toContain(`13:50から${incident.lines}行（通常${incident.usualLines}行）`);
    expect(alert.detail).toMatchObject({ start: at('13:50'), lines: incident.lines, errorLines: incident.errorLines });
    // Each signal: its lines in the last 60 minutes, and the text says so.
    const window = app.logs.anomalies().windowMinutes;
    expect(window).toBe(60);
    const signals = alert.detail.anomalies as {
      kind: string;
      templateId?: number;
      service: string | null;
      template: string | null;
      count: number;
      counted: { ja: string; en: string };
    }[];
    expect(signals.length).toBe(incident.anomalies.length);
    signals.forEach((s, k) => {
      const a = incident.anomalies[k]!;
      const sql =
        a.templateId !== null
          ? 'SELECT SUM(lines) AS n FROM app_logs WHERE template_id = ? AND ts >= ? AND ts < ?'
          : "SELECT SUM(lines) AS n FROM app_logs WHERE service = ? AND level = 'ERROR' AND ts >= ? AND ts < ?";
      const n = (db.prepare(sql).get(a.templateId ?? a.service, NOW - window * 60_000, NOW) as { n: number }).n;
      expect(s.count, s.template ?? s.service ?? '').toBe(n);
      expect(s.counted).toEqual({ ja: `直近60分で${n}行`, en: `${n} lines in the last 60 min` });
    });
    // The last hour held fewer of the incident's lines than the title's period (since 13:50): two periods, each named.
    expect(lines(NOW - window * 60_000)).toBeLessThan(incident.lines);
  });

  it('the timeline on the Logs view follows its range and narrowing, and counts a template as its list does', () => {
    const s = app.logs.screen(6, { service: 'ocr-worker' });
    const ocr = s.templates[0]!;
    const t = app.alerts.timeline('札幌', { from: s.range.from, to: s.range.to }, ocr.id, s.narrowing);
    expect([t.from, t.to]).toEqual([s.range.from, s.range.to]);
    expect(t.template!.points.reduce((n, p) => n + p.lines, 0)).toBe(ocr.count);
    const hostLines = db
      .prepare(
        `SELECT SUM(lines) AS n, SUM(CASE WHEN level = 'ERROR' THEN lines ELSE 0 END) AS e FROM app_logs
         WHERE service = 'ocr-worker' AND ts >= ? AND ts < ? AND host IN (${t.hosts.map(() => '?').join(',')})`,
      )
      .get(s.range.from, s.range.to, ...t.hosts) as { n: number; e: number };
    expect(t.logs.reduce((n, l) => n + l.lines, 0)).toBe(hostLines.n);
    expect(t.logs.reduce((n, l) => n + l.errors, 0)).toBe(hostLines.e);
    const warn = app.alerts.timeline('札幌', { from: s.range.from, to: s.range.to }, undefined, { level: 'WARN' });
    expect(warn.logs.reduce((n, l) => n + l.errors, 0)).toBe(0);
    expect(warn.logs.reduce((n, l) => n + l.lines, 0)).toBe(
      (
        db
          .prepare(`SELECT SUM(lines) AS n FROM app_logs WHERE level = 'WARN' AND ts >= ? AND ts < ? AND host IN (${t.hosts.map(() => '?').join(',')})`)
          .get(s.range.from, s.range.to, ...t.hosts) as { n: number }
      ).n,
    );
  });
});
