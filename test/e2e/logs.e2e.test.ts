import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoInstant } from '../../main/config/clock.js';
import { DEMO_NOW, useAppInChromium } from '../helpers/appInChromium.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

const NOW = parseIsoInstant(DEMO_NOW);
const HOUR = 3_600_000;
const START = parseIsoInstant('2025-10-23T13:50+09:00');

/** A count as the screen writes it ("1,234"). */
const num = (s: string | null): number => Number((s ?? '').replace(/[^\d]/g, ''));
/** The key of the families panel's row of lines in no family. */
const OUTSIDE = -1;

describe('Logs view in Chromium, on the demo company', () => {
  const env = useAppInChromium();
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(join(env.dataDir, 'genba.sqlite'), { readonly: true });
  });
  afterAll(() => db.close());

  /** The lines of app_logs in [from, NOW) at a level (any when null), per template and per family: SQL of the test's own. */
  const sqlCounts = (from: number, level: string | null) => {
    const lv = level ? 'AND l.level = ?' : '';
    const params = level ? [from, NOW, level] : [from, NOW];
    const templates = new Map(
      (
        db
          .prepare(`SELECT template_id AS id, SUM(lines) AS n FROM app_logs l WHERE ts >= ? AND ts < ? ${lv} AND template_id IS NOT NULL GROUP BY template_id`)
          .all(...params) as { id: number; n: number }[]
      ).map((r) => [r.id, r.n]),
    );
    const families = new Map(
      (
        db
          .prepare(
            `SELECT m.cluster_id AS id, SUM(l.lines) AS n FROM app_logs l JOIN log_cluster_members m USING (template_id) WHERE ts >= ? AND ts < ? ${lv} GROUP BY m.cluster_id`,
          )
          .all(...params) as { id: number; n: number }[]
      ).map((r) => [r.id, r.n]),
    );
    // Lines of templates in no family: the panel's last row.
    families.set(
      OUTSIDE,
      (
        db
          .prepare(
            `SELECT COALESCE(SUM(l.lines), 0) AS n FROM app_logs l WHERE ts >= ? AND ts < ? ${lv} AND template_id IS NOT NULL
             AND template_id NOT IN (SELECT m.template_id FROM log_cluster_members m JOIN log_clusters c USING (cluster_id))`,
          )
          .get(...params) as { n: number }
      ).n,
    );
    if (families.get(OUTSIDE) === 0) families.delete(OUTSIDE);
    return { templates, families };
  };

  /** The counts the screen shows: each template row and each family row, by id. */
  const screenCounts = async (page: Page) => {
    const read = (testId: string, cell: string) =>
      page
        .getByTestId(testId)
        .locator('tbody tr')
        .evaluateAll(
          (rows, c) => rows.map((r) => [r.getAttribute('data-testid') ?? '', r.querySelector(`[data-testid="${c}"]`)?.textContent ?? ''] as const),
          cell,
        );
    const id = (testId: string): number => (testId === 'log-family-outside' ? OUTSIDE : Number(testId.replace(/^\D+-/, '')));
    return {
      templates: (await read('log-templates', 'log-template-count')).map(([t, n]) => [id(t), num(n)] as const),
      families: (await read('log-families', 'log-family-lines')).map(([t, n]) => [id(t), num(n)] as const),
    };
  };

  it('opens on the last 24 hours, said once: what changed first, every count that of the period, families by their representative text', async () => {
    const { page } = env.ui;
    await page.getByTestId('nav-logs').click();
    await page.getByTestId('log-scatter').locator('canvas').waitFor();
    // The plane has no units: the key under it says what position, size and colour mean.
    expect(await page.getByTestId('log-scatter-key').textContent()).toBe(
      '軸に単位はありません: 文面の似たテンプレートほど近くに置かれます。点の大きさ = 行数、灰色 = どのグループにも入らないもの。点を選ぶとその行を表示します。',
    );
    await expect.poll(() => page.getByTestId('log-anomalies').textContent(), { timeout: 20_000 }).toContain('ocr-worker');
    expect(await page.getByTestId('log-anomalies').textContent()).toContain('エラーの急増');
    // What is wrong comes first: the anomalies start on the first screen, at the smallest window too.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1024, height: 640 });
    expect((await page.getByTestId('log-anomalies').boundingBox())!.y).toBeLessThan(640);
    if (size) await page.setViewportSize(size);
    expect(await page.getByTestId('log-range').textContent()).toBe('期間: 10/22 15:40〜10/23 15:40（直近24時間）。下のすべての表示と件数はこの期間の行です。');
    const sql = sqlCounts(NOW - 24 * HOUR, null);
    const rows = page.getByTestId('log-templates').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(Math.min(60, sql.templates.size));
    expect(await rows.first().locator('svg polyline').count()).toBe(1);
    // Every count on the screen is the SQL count of the last 24 hours (the list used to show all-time counts).
    const shown = await screenCounts(page);
    for (const [id, n] of shown.templates) expect(n, `template ${id}`).toBe(sql.templates.get(id));
    expect(shown.families.length).toBe(sql.families.size);
    for (const [id, n] of shown.families) expect(n, `family ${id}`).toBe(sql.families.get(id));
    // What changed first: the three OCR messages that spiked this afternoon, badged, before the busiest templates.
    const top = await rows.evaluateAll((rs) => rs.slice(0, 3).map((r) => r.querySelector('code')?.textContent ?? ''));
    expect(top.sort()).toEqual([
      'OCR timeout after <*> for image <*> (queue=<*>)',
      'OCRサーバーの応答がありません(<*>)画像=<*>',
      'Retrying OCR request <*> attempt <*>',
    ]);
    expect(await rows.first().getByTestId('log-template-badge').textContent()).toBe('急増');
    expect(await page.getByTestId('log-templates-order').textContent()).toMatch(/^直近24時間に変化したもの（急増・新しいメッセージ）\d+件を先に/);
    // Families named by what sets them apart, not by three frequent words.
    const labels = await page.getByTestId('log-families').getByTestId('log-family-label').allTextContents();
    expect(labels).toContain('POST … user=…');
    for (const l of labels) expect(l).not.toMatch(/ · /);
    // The last row is the lines in no family; picking it lists only templates of no family.
    expect(labels.at(-1)).toBe('どのグループにも入らない行');
    const members = new Set(
      (db.prepare('SELECT m.template_id AS id FROM log_cluster_members m JOIN log_clusters c USING (cluster_id)').all() as { id: number }[]).map((r) => r.id),
    );
    const alone = [...sql.templates.keys()].filter((t) => !members.has(t));
    expect(alone.length).toBeGreaterThan(0);
    await page.getByTestId('log-family-outside').click();
    await expect.poll(() => rows.count()).toBe(Math.min(60, alone.length));
    const listed = await rows.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-testid')!.replace('log-template-', ''))));
    for (const t of listed) expect(members.has(t), `template ${t}`).toBe(false);
    await page.getByTestId('log-family-clear').click();
    await expect.poll(() => rows.count()).toBe(Math.min(60, sql.templates.size));

    await page.getByTestId('log-search-input').fill('OCR timeout for image');
    await page.getByTestId('log-search').click();
    await expect.poll(() => rows.first().locator('code').textContent()).toMatch(/^OCR timeout after <\*> for image/);
    const id = Number((await rows.first().getAttribute('data-testid'))!.replace('log-template-', ''));
    // A search hit counts the same lines as the list.
    expect(num(await rows.first().getByTestId('log-template-count').textContent())).toBe(sql.templates.get(id));
    await rows.first().click();
    const detail = page.getByTestId('log-template-detail');
    await expect.poll(() => detail.textContent()).toContain('30000 ms');
    expect(await detail.locator('.samples li').count()).toBe(10);
    const errors = (
      db.prepare("SELECT SUM(lines) AS n FROM app_logs WHERE template_id = ? AND level = 'ERROR' AND ts >= ? AND ts < ?").get(id, NOW - 24 * HOUR, NOW) as {
        n: number;
      }
    ).n;
    expect(await page.getByTestId('log-template-detail-count').textContent()).toBe(`直近24時間: ${sql.templates.get(id)}行（うちエラー ${errors}行）`);
    // The selected template on the site's time axis, over the same period: the list's count again.
    await expect.poll(() => page.getByTestId('timeline-template').textContent()).toContain(`10/22 15:40〜10/23 15:40に${sql.templates.get(id)}行`);
    // Parameters named from the text before them, not only by position; no raw similarity score in the results.
    expect(await detail.locator('.params code').allTextContents()).toContain('queue');
    expect(await rows.first().textContent()).not.toMatch(/ 0\.\d\d$/);
    await page.getByTestId('log-search-clear').click();
    await expect.poll(() => page.getByTestId('log-search-input').inputValue()).toBe('');
    await page.screenshot({ path: join(TEST_RESULTS, 'logs.png'), fullPage: true });
    expect(env.ui.problems).toEqual([]);
  });

  it('at ERROR over the last 6 hours, every panel follows: the list, the families, the timeline and the incident, each count as SQL counts it', async () => {
    const { page } = env.ui;
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-logs').click();
    // The urgent site first: the OCR incident is 札幌's.
    await expect.poll(() => page.getByTestId('timeline-site').inputValue(), { timeout: 20_000 }).toBe('札幌');
    await page.getByTestId('log-filter-level').selectOption('ERROR');
    await page.getByTestId('log-filter-period').selectOption('6');
    await page.getByTestId('log-filter-apply').click();
    await expect.poll(() => page.getByTestId('log-range').textContent()).toBe('期間: 09:40〜15:40（直近6時間）。下のすべての表示と件数はこの期間の行です。');
    const sql = sqlCounts(NOW - 6 * HOUR, 'ERROR');
    await expect.poll(() => page.getByTestId('log-filter-active').textContent()).toBe(`絞り込み中: ${sql.templates.size}件のテンプレート`);
    const rows = page.getByTestId('log-templates').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(Math.min(60, sql.templates.size));
    const shown = await screenCounts(page);
    for (const [id, n] of shown.templates) expect(n, `template ${id}`).toBe(sql.templates.get(id));
    // The families follow too: the demo's three have no ERROR line in these hours, so the panel's one row is the lines in no
    // family (it was empty), and its rows add up to every line shown.
    expect(shown.families).toEqual([[OUTSIDE, sql.families.get(OUTSIDE)]]);
    expect(sql.families.get(OUTSIDE)).toBe([...sql.templates.values()].reduce((a, b) => a + b, 0));
    expect(await page.getByTestId('log-families').getByTestId('log-family-label').allTextContents()).toEqual(['どのグループにも入らない行']);
    // Picking it narrows the templates to those of no family: here, every one.
    await page.getByTestId('log-family-outside').click();
    expect(await page.getByTestId('log-family-clear').textContent()).toBe('「どのグループにも入らない行」の絞り込みを解除');
    await expect.poll(() => rows.count()).toBe(Math.min(60, sql.templates.size));
    await page.getByTestId('log-family-clear').click();
    expect(await rows.first().locator('code').textContent()).toBe('OCR timeout after <*> for image <*> (queue=<*>)');
    expect(await page.getByTestId('log-families').locator('th').allTextContents()).toContain('行数（直近6時間）');
    expect(await page.locator('h2', { hasText: 'ログの量' }).textContent()).toBe('ログの量（直近6時間、5分ごと、レベル別）');
    expect(await page.locator('h2', { hasText: /^異常/ }).textContent()).toBe('異常（直近6時間）');

    // The timeline covers the same hours; its incident says its lines since its start, and of them the errors the bars draw.
    await expect.poll(() => page.getByTestId('timeline-range').textContent()).toContain('09:40〜15:40');
    const incident = env.app.alerts.incidents('札幌').incidents[0]!;
    const templates = incident.anomalies.flatMap((a) => (a.templateId === null ? [] : [a.templateId]));
    const incidentLines = (level: string) =>
      (
        db
          .prepare(
            `SELECT SUM(lines) AS n FROM app_logs WHERE ts >= ? AND ts < ? ${level}
             AND (template_id IN (${templates.map(() => '?').join(',')}) OR (level = 'ERROR' AND service = 'ocr-worker'))`,
          )
          .get(START, NOW, ...templates) as { n: number }
      ).n;
    const lines = incidentLines('');
    const errors = incidentLines("AND level = 'ERROR'");
    await expect
      .poll(() => page.getByTestId('timeline-incidents').textContent(), { timeout: 20_000 })
      .toContain(`13:50〜15:39 ocr-worker（ocr-sapporo-01）: 13:50から${lines}行（うちエラー ${errors}行、通常 0行）`);
    const timeline = env.app.alerts.timeline('札幌', { from: NOW - 6 * HOUR, to: NOW }, undefined, { level: 'ERROR' });
    expect(timeline.logs.filter((l) => l.at >= START).reduce((n, l) => n + l.errors, 0)).toBe(errors);
    expect(await page.getByTestId('timeline-incidents').textContent()).toMatch(/影響: 札幌 エントリ1（SS）の速度 毎分[\d.]+ → [\d.]+件（\d\d:\d\dから）/);
    // The legend is a list: the affected process's speed and the errors shown, the other series to add.
    const legend = page.getByTestId('timeline-legend');
    const items = legend.locator('li');
    expect(await items.count()).toBe(timeline.processes.length + 1);
    const checked: string[] = [];
    for (let k = 0; k < (await items.count()); k++)
      if (await items.nth(k).locator('input').isChecked()) checked.push((await items.nth(k).textContent())!.trim());
    expect(checked).toEqual(['エントリ1（SS）', 'エントリ1（医療レセプト）', 'エラー行（5分ごと）']);
    await legend.getByText('検証（SS）').click();
    expect(await page.getByTestId('timeline-series-p:検証|523201').isChecked()).toBe(true);
    await page.getByTestId('site-timeline').locator('canvas').waitFor();

    // Another narrowing with families: WARN lines over the same hours, each family's count as SQL counts it.
    await page.getByTestId('log-filter-level').selectOption('WARN');
    await page.getByTestId('log-filter-apply').click();
    const warn = sqlCounts(NOW - 6 * HOUR, 'WARN');
    expect(warn.families.size).toBeGreaterThan(0);
    await expect.poll(async () => (await screenCounts(page)).families.length).toBe(warn.families.size);
    const warned = await screenCounts(page);
    for (const [id, n] of warned.families) expect(n, `family ${id}`).toBe(warn.families.get(id));
    for (const [id, n] of warned.templates) expect(n, `template ${id}`).toBe(warn.templates.get(id));

    // As a manager's laptop shows it, in both languages.
    await page.getByTestId('log-filter-level').selectOption('ERROR');
    await page.getByTestId('log-filter-apply').click();
    await expect.poll(() => page.getByTestId('log-filter-active').textContent()).toBe(`絞り込み中: ${sql.templates.size}件のテンプレート`);
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(TEST_RESULTS, 'logs-timeline-1280-ja.png') });
    await page.screenshot({ path: join(TEST_RESULTS, 'logs-error-6h-ja.png'), fullPage: true });
    // English screens write the names in Latin letters once their readings are made (the app makes them at start).
    await env.app.assistant.prepare({ solver: false });
    env.app.updateSettings({ lang: 'en' });
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-logs').click();
    await expect.poll(() => page.getByTestId('timeline-incidents').textContent(), { timeout: 20_000 }).toMatch(/Affects: Sapporo Entry 1 \(SS\) speed/);
    expect(await page.getByTestId('timeline-incidents').textContent()).toContain(`${lines} lines since 13:50 (${errors} errors; usually 0)`);
    expect(await page.getByTestId('log-range').textContent()).toBe(
      'Period: 10/22 15:40–10/23 15:40 (last 24 h). Everything below counts the lines of this period.',
    );
    await page.getByTestId('site-timeline').locator('canvas').waitFor();
    await page.screenshot({ path: join(TEST_RESULTS, 'logs-timeline-1280-en.png') });
    env.app.updateSettings({ lang: 'ja' });
    if (size) await page.setViewportSize(size);
    expect(env.ui.problems).toEqual([]);
  });

  it('the incident alert says the period of each count: its title and fields since 13:50, its signals over the last 60 minutes, as SQL counts them', async () => {
    const { page } = env.ui;
    env.app.alerts.check();
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('alert-list').locator('li', { hasText: 'ログの障害（札幌）' }).click();
    const detail = page.getByTestId('alert-detail');
    await detail.getByTestId('alert-signals').waitFor();
    const incident = env.app.alerts.incidents('札幌').incidents[0]!;
    const templates = incident.anomalies.flatMap((a) => (a.templateId === null ? [] : [a.templateId]));
    const since = (from: number, level = '') =>
      (
        db
          .prepare(
            `SELECT SUM(lines) AS n FROM app_logs WHERE ts >= ? AND ts < ? ${level}
             AND (template_id IN (${templates.map(() => '?').join(',')}) OR (level = 'ERROR' AND service = 'ocr-worker'))`,
          )
          .get(from, NOW, ...templates) as { n: number }
      ).n;
    const lines = since(START);
    expect(await detail.locator('h2').first().textContent()).toContain(`ocr-sapporo-01 13:50から${lines}行（通常0行）`);
    const fields = Object.fromEntries(
      await detail
        .locator('dl.numbers > div')
        .evaluateAll((divs) => divs.map((d) => [d.querySelector('dt')?.textContent ?? '', d.querySelector('dd')?.textContent ?? ''])),
    ) as Record<string, string>;
    expect(fields['開始']).toBe('13:50');
    expect(num(fields['行数（開始から）']!)).toBe(lines);
    expect(num(fields['うちエラー行（開始から）']!)).toBe(since(START, "AND level = 'ERROR'"));
    // Each signal says its own period, and its count is that period's.
    const signals = await detail.getByTestId('alert-signals').locator('li').allTextContents();
    expect(signals).toHaveLength(incident.anomalies.length);
    incident.anomalies.forEach((a, k) => {
      const n =
        a.templateId !== null
          ? (
              db.prepare('SELECT SUM(lines) AS n FROM app_logs WHERE template_id = ? AND ts >= ? AND ts < ?').get(a.templateId, NOW - HOUR, NOW) as {
                n: number;
              }
            ).n
          : (
              db
                .prepare("SELECT SUM(lines) AS n FROM app_logs WHERE service = ? AND level = 'ERROR' AND ts >= ? AND ts < ?")
                .get(a.service, NOW - HOUR, NOW) as {
                n: number;
              }
            ).n;
      expect(signals[k]).toMatch(new RegExp(`直近60分で${n}行$`));
    });
    await page.screenshot({ path: join(TEST_RESULTS, 'logs-incident-alert.png'), fullPage: true });
    expect(env.ui.problems).toEqual([]);
  });
});
