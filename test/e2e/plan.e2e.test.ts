import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInChromium } from '../helpers/appInChromium.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';

/**
 * The Plan view in Chromium on the real core (issue 28): the next working day's plan made from
 * the view, each site's table against the stored plan and the store, a line changed before
 * approving (a reason asked for), the approval recorded once with the changed line, and the
 * view at 1280×720 in Japanese and English.
 */
describe('Plan view in Chromium, wired to the real core', () => {
  const env = useAppInChromium();

  it("makes tomorrow's plan, shows each site against the forecast, and approves it with one line changed", async () => {
    const { page } = env.ui;
    await page.getByTestId('nav-plan').click();
    await page.getByTestId('plan-make').click();
    await page.getByTestId('plan-summary').waitFor({ timeout: 60_000 });
    const planId = (await page.getByTestId('plan-id').getAttribute('data-plan-id')) ?? '';
    expect(planId).toMatch(/^PLN20251024-[0-9A-F]{8}$/);
    const plan = env.app.planning.get(planId)!;
    expect(await page.getByTestId('plan-summary').textContent()).toContain(`勤怠 ${plan.rostered}名（休み ${plan.onLeave}名）`);
    // How good the plan is, against the whole day (issue 61): the words the stored plan carries, never a sub-model's 0.0 %.
    expect(await page.getByTestId('plan-quality').textContent()).toBe(plan.quality!.ja);
    expect(plan.quality!.ja).toMatch(/^(この日の最善の計画です|見つかった最良の計画です。この日に可能な最善の計画より最大 \d+\.\d% 高い可能性があります)/);
    await page.screenshot({ path: join(TEST_RESULTS, 'plan-quality-1280-ja.png') });
    // One section per site, each with its chart and a row per business and process; figures as the stored plan has them.
    const sites = page.getByTestId('plan-site');
    expect(await sites.count()).toBe(new Set(plan.demands.map((d) => d.site)).size);
    const sapporo = sites.filter({ hasText: '札幌・' });
    await sapporo.locator('canvas').first().waitFor();
    const d = plan.demands.find((x) => x.site === '札幌' && x.businessId === '523201' && x.process === 'エントリ1')!;
    const row = sapporo.locator('tbody tr', { hasText: 'SS エントリ1' }).first();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1, 3)).toEqual([String(d.people.am), String(d.people.pm)]);
    expect(cells[3]).toBe(`${d.p50.toLocaleString()} (${d.p10!.toLocaleString()}–${d.p90!.toLocaleString()})`);
    // The forecast's P50 is the store's forecast for that day.
    const f = env.app.planning.forecast(1).series.find((s) => s.site === '札幌' && s.businessId === '523201' && s.process === 'エントリ1')!;
    expect(d.p50).toBe(Math.round(f.days[0]!.p50));
    // Series met at P50 but late at P90 (issue 40: 25 such were hidden): counted in the summary, flagged on each row.
    const late = plan.demands.filter((x) => Math.round(x.shortfallItems) === 0 && (x.finishP90Minute === null || x.finishP90Minute > x.deadlineMinute));
    expect(late.length).toBeGreaterThan(0);
    expect(await page.getByTestId('plan-p90-late').textContent()).toContain(`P90 では納期に間に合わない ${late.length}工程`);
    expect(await page.locator('.plan-table tr.risky').count()).toBe(late.length);
    // Who is off and why, by name under their site, as the store's attendance has it for the day (issue 40).
    const store = new Database(join(env.dataDir, 'genba.sqlite'), { readonly: true });
    const off = store
      .prepare(
        `SELECT o.operator_name AS name, o.location_name AS site, a.attendance_status AS status FROM attendance_records a
         JOIN operators o ON o.operator_id = a.operator_id AND o.is_valid = 1
         WHERE a.attendance_date = ? AND a.attendance_status IN ('paid_leave', 'absent') ORDER BY o.operator_id`,
      )
      .all(plan.date) as { name: string; site: string; status: string }[];
    // Cross-site moves as moves (issue 40: they were hidden in the drop-downs): who, from their home site as the store has it, to where, which half day.
    const moves = plan.lines.filter((l) => l.crossSite);
    expect(moves.length).toBeGreaterThan(0);
    const shownMoves = await page.getByTestId('plan-move').allTextContents();
    expect(shownMoves).toHaveLength(moves.length);
    const homeOf = store.prepare('SELECT location_name AS site FROM operators WHERE operator_id = ?');
    for (const m of moves) {
      const home = (homeOf.get(m.operatorId) as { site: string }).site;
      expect(home).not.toBe(m.site);
      const work = plan.demands.find((x) => x.site === m.site && x.businessId === m.businessId && x.process === m.process)!;
      expect(shownMoves).toContain(
        `${m.name}: ${home} → ${m.site}・${m.block === 'am' ? '午前' : '午後'}・${work.businessName ?? work.businessId} ${m.process}`,
      );
    }
    store.close();
    expect(off.length).toBe(plan.onLeave);
    for (const o of off) {
      const shown = await sites
        .filter({ hasText: `${o.site}・` })
        .getByTestId('plan-off')
        .textContent();
      expect(shown).toContain(`${o.name}（${o.status === 'paid_leave' ? '有給休暇' : '欠勤'}）`);
    }

    await page.setViewportSize({ width: 1024, height: 640 });
    await page.screenshot({ path: join(TEST_RESULTS, 'plan-1024-ja.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(TEST_RESULTS, 'plan-1920-ja.png') });
    await sapporo.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(TEST_RESULTS, 'plan-site-1920-ja.png') });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(TEST_RESULTS, 'plan-1280-ja.png') });

    // Change one person's morning to another process of their site: a reason is needed before approving.
    // The choices are the work of the person's site they are able to do (their usual process, others at level 3 or above).
    const line = plan.lines.find((l) => l.site === '札幌' && l.block === 'am' && l.able.length > 1)!;
    const other = plan.demands.find((x) => x.site === '札幌' && x.process !== line.process && line.able.includes(x.process))!;
    const options = await sapporo.getByLabel(`${line.name} 午前`).locator('option').allTextContents();
    expect(options.length).toBe(plan.demands.filter((x) => x.site === '札幌' && line.able.includes(x.process)).length + 1);
    await sapporo.locator('details.plan-lines summary').click();
    await sapporo.getByLabel(`${line.name} 午前`).selectOption(`${other.site}|${other.businessId}|${other.process}`);
    await expect.poll(() => page.getByTestId('plan-approve').isDisabled()).toBe(true);
    await page.getByLabel('理由（却下・修正のとき必須）').fill('札幌の検証が遅れ気味なので');
    await page.getByTestId('plan-approve').click();
    await page.getByRole('status').filter({ hasText: '会社のデータベース' }).waitFor();
    // What the manager reads right after deciding, where the buttons were, without scrolling: delivered, or queued and why.
    const result = await page.getByRole('status').filter({ hasText: '会社のデータベース' }).boundingBox();
    expect(result!.y).toBeGreaterThanOrEqual(0);
    expect(result!.y + result!.height).toBeLessThanOrEqual(720);
    await page.screenshot({ path: join(TEST_RESULTS, 'plan-decided-1280-ja.png') });
    const decided = env.app.planning.get(planId)!;
    expect(decided.status).toBe('modified');
    const db = new Database(join(env.dataDir, 'genba.sqlite'), { readonly: true });
    try {
      const row = db.prepare('SELECT action_type, feedback_reason, assignments FROM approval_outbox WHERE suggestion_id = ?').get(planId) as {
        action_type: string;
        feedback_reason: string;
        assignments: string;
      };
      expect(row).toMatchObject({ action_type: 'modified', feedback_reason: '札幌の検証が遅れ気味なので' });
      const written = JSON.parse(row.assignments) as { operator_id: number; process_name: string; start_time: number }[];
      expect(written).toHaveLength(plan.lines.length);
      const morning = written.filter((w) => w.operator_id === line.operatorId).sort((a, b) => a.start_time - b.start_time)[0]!;
      expect(morning.process_name).toBe(other.process);
    } finally {
      db.close();
    }

    // The same view in English.
    env.app.updateSettings({ lang: 'en' });
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-plan').click();
    await page.getByTestId('plan-summary').waitFor();
    expect(await page.getByTestId('plan-summary').textContent()).toContain('Changed and approved');
    await page.screenshot({ path: join(TEST_RESULTS, 'plan-1280-en.png') });
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.screenshot({ path: join(TEST_RESULTS, 'plan-1024-en.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(TEST_RESULTS, 'plan-1920-en.png') });
    await page.getByTestId('plan-site').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(TEST_RESULTS, 'plan-site-1920-en.png') });

    // The decision in the approval history, beside the moves': the plan's day, its sites and its lines as written.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('nav-approvals').click();
    const listed = page.getByTestId(`approval-${planId}`);
    await listed.waitFor();
    const text = (await listed.textContent()) ?? '';
    expect(text).toContain('Staffing plan for');
    expect(text).toContain(`${plan.lines.length} half-day lines`);
    expect(text).toContain('Approved with changes');
    await page.screenshot({ path: join(TEST_RESULTS, 'approvals-plan-1280-en.png') });
    env.app.updateSettings({ lang: 'ja' });
  }, 180_000);
});
