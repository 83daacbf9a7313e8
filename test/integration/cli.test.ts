import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusInfo } from '../../main/api/types.js';
import { REFERENCE_QUESTION } from '../../main/cli/helpText.js';
import { SCHEMA_VERSION } from '../../main/store/migration.js';
import { runGenba } from '../helpers/genbaCli.js';
import { tempDir } from '../helpers/tempDir.js';

const genba = (...args: readonly string[]) => runGenba([...args]);

describe('genba CLI (built bundle)', () => {
  const dir = tempDir();
  beforeAll(() => {
    if (!existsSync(resolve('out/cli/cli.mjs'))) throw new Error('out/cli is missing: run npm run build first');
  });
  afterAll(() => dir.remove());

  it('status --json on an empty data folder builds what the first screen needs, and the next command the logs', () => {
    const first = genba('status', '--json', '--data-dir', dir.path);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const early = JSON.parse(first.stdout) as StatusInfo;
    const earlyRows = Object.fromEntries(early.tables.map((t) => [t.table, t.rows]));
    expect(earlyRows.progress_snapshots).toBeGreaterThan(55_000);
    // The first screen is the sites' progress: the planning tables (400 days of attendance and arrivals) and the logs come later.
    expect(earlyRows.attendance_records).toBe(0);
    expect(earlyRows.arrivals).toBe(0);
    expect(earlyRows.app_logs).toBe(0);
    expect(early.complete).toBe(false);
    expect(genba('status', '--data-dir', dir.path).stdout).toContain('未取り込み: デモ会社の計画の表（勤怠・日次アサイン・到着件数、約10万行）とログ');
    // A command that reads logs builds them (and mines their templates) first.
    const templates = genba('logs', 'templates', '--json', '--data-dir', dir.path);
    expect(templates.code).toBe(0);
    expect((JSON.parse(templates.stdout) as unknown[]).length).toBeGreaterThan(20);
    const r = genba('status', '--json', '--data-dir', dir.path);
    const status = JSON.parse(r.stdout) as StatusInfo;
    expect(status.complete).toBe(true);
    expect(r.stdout).not.toContain('未取り込み');
    const rows = Object.fromEntries(status.tables.map((t) => [t.table, t.rows]));
    expect(rows.locations).toBe(6);
    expect(rows.operators).toBeGreaterThanOrEqual(200);
    expect(rows.app_logs).toBeGreaterThanOrEqual(200_000);
    expect(rows.attendance_records).toBeGreaterThan(80_000);
    expect(rows.arrivals).toBeGreaterThan(13_000);
    expect(status).toMatchObject({ dataDir: dir.path, source: { kind: 'demo' }, clock: { mode: 'demo' }, database: { schemaVersion: SCHEMA_VERSION } });
    expect(status.lastSync).toBe(Date.parse('2025-10-23T15:40+09:00'));
  });

  it('genba with no arguments shows the three commands to try first, and the reference question works', () => {
    for (const [args, text] of [
      [[], 'まず試す 3 つ'],
      [['--lang', 'en'], 'Three commands to try first'],
    ] as const) {
      const r = genba(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(text);
      expect(r.stdout).toContain('genba overview');
      expect(r.stdout).toContain(`genba ask "${REFERENCE_QUESTION}"`);
      expect(r.stdout).toContain('genba help');
      expect(r.stdout.split('\n').length).toBeLessThan(16);
    }
    const ask = genba('ask', REFERENCE_QUESTION, '--data-dir', dir.path);
    expect(ask.code).toBe(0);
    expect(ask.stdout).toContain('札幌 エントリ1');
    expect(ask.stdout).toMatch(/genba approve SGT\d{8}-[0-9A-F]{8}/);
  });

  it('prints a readable status in Japanese or English and honours --now', () => {
    const ja = genba('status', '--data-dir', dir.path, '--now', '2025-10-23T16:10+09:00');
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('データソース: デモ会社');
    expect(ja.stdout).toContain('最終同期: 10/23（木）15:40 (30分前)');
    const en = genba('status', '--data-dir', dir.path, '--lang', 'en');
    expect(en.stdout).toContain('Source: demo company');
  });

  it('rebuilds the demo with demo --reset, to the same counts', () => {
    const before = JSON.parse(genba('status', '--json', '--data-dir', dir.path).stdout) as StatusInfo;
    const r = genba('demo', '--reset', '--json', '--data-dir', dir.path);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rebuilt: true, tables: before.tables });
  });

  it.each([
    [['frobnicate'], '不明なコマンドです'],
    [['status', '--colour'], 'コマンドラインが正しくありません'],
    [['status', '--lang', 'fr'], '--lang には ja か en'],
    [['status', '--now', 'tomorrow'], '--now: 日時「tomorrow」を解釈できません'],
    [['status', 'extra'], '余分な引数'],
  ])('exits 2 with a usage error on stderr for %j', (args, message) => {
    const r = genba(...args, '--data-dir', dir.path);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('writes usage errors in English with --lang en, and as JSON with --json', () => {
    expect(genba('frobnicate', '--lang', 'en').stderr).toContain('Unknown command: frobnicate');
    const r = genba('frobnicate', '--json', '--data-dir', dir.path);
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'CLI_USAGE', message: expect.stringContaining('frobnicate') } });
  });

  it('exits 1 with the next step when the database is damaged, and leaves it in place', () => {
    const broken = tempDir();
    writeFileSync(join(broken.path, 'genba.sqlite'), 'not a database at all');
    const r = genba('status', '--data-dir', broken.path);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('壊れています');
    expect(r.stderr).toContain('バックアップから復元');
    broken.remove();
  });

  it('prints help with exit 0', () => {
    const r = genba('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('使い方: genba');
  });
});
