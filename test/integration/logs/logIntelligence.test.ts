import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type GenbaApp } from '../../../main/app.js';
import { parseIsoInstant } from '../../../main/config/clock.js';
import { mineStoredLogs } from '../../../main/logs/mineStoredLogs.js';
import { migrate } from '../../../main/store/migration.js';
import { parseCsv } from '../../helpers/loghub.js';
import { copyDemoStore } from '../../helpers/demoStore.js';
import { tempDir } from '../../helpers/tempDir.js';

describe('log intelligence on the demo company', () => {
  const dir = tempDir();
  let app: GenbaApp;

  beforeAll(async () => {
    await copyDemoStore(dir.path); // the first build also mined the demo's 241k lines
    app = createApp({ dataDir: dir.path, now: parseIsoInstant('2025-10-23T15:40+09:00') });
    await app.start();
  }, 120_000);
  afterAll(async () => {
    await app.stop();
    dir.remove();
  });

  it('has mined every line into a template, with per-minute counts that add up', async () => {
    const r = await app.logs.refresh();
    expect(r.mined).toBe(0);
    expect(r.model).toBe('hashed-char-ngrams-256');
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM app_logs WHERE template_id IS NULL').get()).toEqual({ n: 0 });
    const total = (db.prepare('SELECT COUNT(*) AS n FROM app_logs').get() as { n: number }).n;
    expect(db.prepare('SELECT SUM(count) AS n FROM log_templates').get()).toEqual({ n: total });
    expect(db.prepare('SELECT SUM(count) AS n FROM log_template_minutes').get()).toEqual({ n: total });
    db.close();
    const templates = app.logs.templates();
    expect(templates.length).toBeGreaterThan(20);
    expect(templates.length).toBeLessThan(80);
    const ocr = templates.find((t) => t.template.startsWith('OCR timeout'))!;
    // Read as the log wrote it ("queue=412"), not as the tokens were split ("queue = <*>").
    expect(ocr.template).toBe('OCR timeout after <*> for image <*> (queue=<*>)');
    const detail = app.logs.template(ocr.id)!;
    expect(detail.samples[0]!.message).toMatch(/^OCR timeout after 30000 ms/);
    expect(detail.parameters.some((p) => p.values === null || p.values.length > 1)).toBe(true);
    // Row-level logs: each value's count is of lines.
    expect(detail.valuesCount).toBe('lines');
  });

  it('finds the reference incident: an ocr-worker error burst and OCR spikes at 札幌', () => {
    const r = app.logs.anomalies();
    expect(r.warmup).toBe(false);
    expect(r.anomalies.find((a) => a.kind === 'error_burst')).toMatchObject({ service: 'ocr-worker', severity: 'critical' });
    expect(r.anomalies.some((a) => a.kind === 'spike' && a.template?.startsWith('OCR timeout'))).toBe(true);
  });

  it('clusters templates into families with stable ids, and searches them', async () => {
    const before = app.logs.clusters();
    expect(before.length).toBeGreaterThan(1);
    await app.logs.refresh();
    expect(app.logs.clusters().map((c) => [c.id, c.templates])).toEqual(before.map((c) => [c.id, c.templates]));
    const hits = await app.logs.search('OCR timeout for image', 5);
    expect(hits[0]!.template).toMatch(/^OCR timeout/);
    expect(hits[0]!.score).toBeGreaterThan(hits[4]!.score);
    const points = app.logs.scatter();
    expect(points.length).toBe(app.logs.templates().length);
    expect(app.logs.scatter()).toEqual(points); // the same projection at every refresh
  });

  it('lists and searches templates by service, host, level and time range', async () => {
    const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
    const owners = (id: number, where: string, ...params: unknown[]): number =>
      (db.prepare(`SELECT COUNT(*) AS n FROM app_logs WHERE template_id = ? AND ${where}`).get(id, ...params) as { n: number }).n;
    const all = app.logs.templates();
    const ocrErrors = app.logs.templates(500, { service: 'ocr-worker', level: 'ERROR' });
    expect(ocrErrors.length).toBeGreaterThan(0);
    expect(ocrErrors.length).toBeLessThan(all.length);
    for (const t of ocrErrors) expect(owners(t.id, "service = 'ocr-worker' AND level = 'ERROR'")).toBeGreaterThan(0);
    // Every template left out has no such line.
    for (const t of all.filter((x) => !ocrErrors.some((y) => y.id === x.id))) expect(owners(t.id, "service = 'ocr-worker' AND level = 'ERROR'")).toBe(0);
    const host = (db.prepare("SELECT host FROM app_logs WHERE service = 'ocr-worker' LIMIT 1").get() as { host: string }).host;
    for (const t of app.logs.templates(500, { host })) expect(owners(t.id, 'host = ?', host)).toBeGreaterThan(0);
    const last = (db.prepare('SELECT MAX(ts) AS t FROM app_logs').get() as { t: number }).t;
    expect(app.logs.templates(500, { from: last + 1 })).toEqual([]);
    const hits = await app.logs.search('OCR timeout for image', 5, { service: 'ocr-worker' });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(owners(h.id, "service = 'ocr-worker'")).toBeGreaterThan(0);
    expect(await app.logs.search('OCR timeout for image', 5, { service: 'no-such-service' })).toEqual([]);
    db.close();
  });

  it('shares one refresh between callers that ask at once (a sync and the Logs view)', async () => {
    const [a, b] = await Promise.all([app.logs.refresh(), app.logs.refresh()]);
    expect(a).toBe(b);
  });

  it('rebuilds a damaged HNSW index from SQLite', async () => {
    writeFileSync(join(dir.path, 'index', 'log-templates.hnsw'), Buffer.alloc(64, 1));
    const r = await app.logs.refresh();
    expect(r.rebuilt).toBe('corrupt');
    expect((await app.logs.search('OCR timeout for image', 1))[0]!.template).toMatch(/^OCR timeout/);
  });
});

describe('mining stored lines', () => {
  it('resumes after an interruption without counting a line twice', () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = db.prepare("INSERT INTO app_logs (log_id, ts, service, host, level, message) VALUES (?, ?, 's', 'h', ?, ?)");
    for (let i = 1; i <= 5000; i++) insert.run(i, i * 1000, i % 10 ? 'INFO' : 'ERROR', `job ${i} finished in ${i % 97} ms`);
    expect(mineStoredLogs(db, { batchSize: 700 }).lines).toBe(5000);
    for (let i = 5001; i <= 5300; i++) insert.run(i, i * 1000, 'INFO', `job ${i} finished in 3 ms`);
    expect(mineStoredLogs(db, { batchSize: 700 }).lines).toBe(300);
    expect(db.prepare('SELECT template, count, errors FROM log_templates').all()).toEqual([{ template: 'job <*> finished in <*>', count: 5300, errors: 500 }]);
    expect(db.prepare('SELECT SUM(count) AS n FROM log_template_minutes').get()).toEqual({ n: 5300 });
  });
});

describe('genba logs parse (built CLI)', () => {
  it('writes LineId,ClusterId,EventTemplate with RFC 4180 quoting', () => {
    const d = tempDir();
    const input = join(d.path, 'app.log');
    writeFileSync(
      input,
      Array.from({ length: 2000 }, (_, i) =>
        i % 2 ? `Registered signal handlers for [TERM, HUP, INT] in ${i} ms` : `Block blk_${i} replicated to 10.0.0.${i % 200}:50010, "rack" = r${i % 7}`,
      ).join('\r\n') + '\r\n',
    );
    const out = join(d.path, 'templates.csv');
    const r = spawnSync(process.execPath, [resolve('bin/genba.mjs'), 'logs', 'parse', input, '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(['LineId', 'ClusterId', 'EventTemplate']);
    expect(rows.filter((x) => x.length === 3).length).toBe(2001);
    expect(rows[1]![0]).toBe('1');
    expect(new Set(rows.slice(1).map((x) => x[1])).size).toBe(2);
    expect(rows[2]![2]).toBe('Registered signal handlers for [TERM, HUP, INT] in <*>');
    expect(readFileSync(out, 'utf8')).toContain('"Registered signal handlers for [TERM, HUP, INT] in <*>"'); // commas: quoted
    expect(readFileSync(out, 'utf8')).toContain('""rack"" = <*>'); // quotes inside: doubled; the template as the log wrote it
    d.remove();
  });
});
