import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { p90Late, shortItems } from '../../main/api/planTypes.js';
import { DEMO_NOW, useAppInChromium } from '../helpers/appInChromium.js';
import { figureProblems } from '../helpers/figureProblems.js';
import { runGenba } from '../helpers/genbaCli.js';
import { TEST_RESULTS } from '../helpers/genbaPage.js';
import { tempDir } from '../helpers/tempDir.js';

const text = async (page: Page, testId: string): Promise<string> => (await page.getByTestId(testId).first().innerText()).replace(/\s+/g, ' ');

/**
 * Issue 62, item 6: every figure and date a manager reads about the reference line (札幌 エントリ1, SS, at 15:40) and the
 * 10/24 plan, collected from every view, the chat and the CLI, and each found written one way: speeds with one decimal,
 * a change in % that the speeds beside it give, days as 10/24（金）, counts of thousands with separators; and the
 * plan's own figures (overtime, cross-site help, items short, series late at P90) the same in the Plan view, Approvals
 * and the CLI.
 */
describe('every figure and date of the reference line and the 10/24 plan, written one way (Chromium and the CLI)', () => {
  const env = useAppInChromium();

  it('collects the figures of every view and finds each written one way', async () => {
    const { page } = env.ui;
    const cliDir = tempDir();
    // The CLI reads a copy of the same store, at the same moment.
    cpSync(env.dataDir, cliDir.path, { recursive: true });
    const views: Record<string, string> = {};
    try {
      // Log lines and templates are the systems' own text, quoted (「OCRサーバーの応答がありません（30273ms）」), not Genba's figures.
      await page.addStyleTag({ content: 'code { display: none !important; }' });
      await page.getByTestId('row-札幌-523201-エントリ1').waitFor();
      views.overview = (await page.locator('main').innerText()).replace(/\s+/g, ' ');

      env.app.alerts.check();
      await page.getByTestId('nav-alerts').click();
      for (const a of env.app.alerts.list({ status: 'open' })) {
        await page.getByTestId(`alert-${a.id}`).click();
        views[`alert ${a.kind} ${a.site}`] = await text(page, 'alert-detail');
      }

      const ask = async (question: string): Promise<string> => {
        await page.getByTestId('nav-chat').click();
        const before = await page.getByTestId('chat-entry').count();
        await page.getByTestId('chat-input').fill(question);
        await page.getByTestId('chat-send').click();
        await expect.poll(() => page.getByTestId('timings').count(), { timeout: 60_000 }).toBe(before + 1);
        return (await page.getByTestId('chat-entry').nth(before).innerText()).replace(/\s+/g, ' ');
      };
      views.status = await ask('札幌のエントリ1の状況は？');
      // The question itself is the manager's words (「毎分7件」), not a figure Genba writes.
      views.whatIf = (await ask('札幌のエントリ1の速度が毎分7件になったら？')).replace('札幌のエントリ1の速度が毎分7件になったら？', '');
      views.proposal = await ask('札幌のエントリ1工程が遅延しています');
      await page.getByTestId('approve').last().click();
      await page.getByTestId('approve-confirmed').click();
      await expect.poll(() => page.getByTestId('proposal-status').last().textContent()).toBe('承認済み');

      // The 10/24 plan, made in the Plan view and approved there.
      await page.getByTestId('nav-plan').click();
      await page.getByTestId('plan-make').click();
      await page.getByTestId('plan-summary').waitFor({ timeout: 120_000 });
      const planId = (await page.getByTestId('plan-id').getAttribute('data-plan-id'))!;
      const plan = env.app.planning.get(planId)!;
      views.plan = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      views.planAnswer = await ask('明日の配置計画は？');
      await page.getByTestId('nav-plan').click();
      await page.getByTestId('plan-approve').click();
      await page.getByRole('status').filter({ hasText: '会社のデータベース' }).waitFor();
      await page.getByTestId('nav-approvals').click();
      await page.getByTestId(`approval-${planId}`).waitFor();
      views.approvals = await text(page, 'approvals-table');
      views.planApproval = await text(page, `approval-${planId}`);
      // A move's target names its business (札幌 has two エントリ1).
      expect(views.approvals).toContain('札幌 エントリ1（SS）');
      await page.screenshot({ path: join(TEST_RESULTS, 'figures-approvals-1280-ja.png') });

      const cli = (...args: string[]): string => {
        const r = runGenba(['--data-dir', cliDir.path, '--now', DEMO_NOW, ...args]);
        expect(r.stderr, args.join(' ')).toBe('');
        return r.stdout;
      };
      views['cli status'] = cli('status');
      views['cli overview'] = cli('overview');
      cli('alerts', 'check');
      views['cli alerts'] = cli('alerts', 'list');
      // Without the log lines quoted under each incident (indented, not an arrow line).
      views['cli incidents'] = cli('logs', 'incidents', '--site', '札幌')
        .split('\n')
        .filter((l) => !/^ {4}(?!→)/.test(l))
        .join('\n');
      views['cli plan'] = cli('plan', '--date', plan.date);
      views['cli overview en'] = cli('--lang', 'en', 'overview');
      views['cli plan en'] = cli('--lang', 'en', 'plan', '--date', plan.date);

      // Each figure written one way, in every view.
      const problems = Object.entries(views).flatMap(([view, t]) => figureProblems(t, 2025).map((p) => `${view}: ${p}`));
      expect(problems).toEqual([]);

      // The reference line's speeds and items left, the same everywhere they are written.
      for (const view of ['overview', 'proposal', 'cli overview']) expect(views[view], view).toMatch(/毎分5\.0件/);
      for (const view of ['overview', 'status', 'proposal', 'cli overview']) expect(views[view], view).toMatch(/(^|[^\d,])120 ?件/);
      expect(views.proposal).toMatch(/毎分5\.0 → \d+\.\d件（\+\d+%）/);
      expect(views.whatIf).toContain('毎分7.0件');

      // The plan's own figures, the same in the Plan view, Approvals and the CLI (a plan of the same inputs is the same plan).
      const { overtimeMinutes, crossSiteBlocks } = plan.objective;
      const short = plan.demands.reduce((n, d) => n + shortItems(d), 0);
      const late = plan.demands.filter(p90Late).length;
      const n = (x: number): string => x.toLocaleString('en-US');
      expect(views.plan).toContain(
        `10/24（金）・勤怠 ${plan.rostered}名（休み ${plan.onLeave}名）・残業 ${n(overtimeMinutes)}分・拠点間応援 ${crossSiteBlocks}件（半日）`,
      );
      expect(views.planApproval).toContain(
        `残業 ${n(overtimeMinutes)}分、拠点間応援 ${crossSiteBlocks}件（半日）、納期に間に合わない見込み ${n(Math.round(plan.objective.shortfallItems))}件`,
      );
      expect(Math.round(plan.objective.shortfallItems)).toBe(short);
      // The approval no longer reads "0 items past deadlines" alone where the plan flags series late at P90.
      expect(late).toBeGreaterThan(0);
      expect(views.plan).toContain(`P90 では納期に間に合わない ${late}工程`);
      expect(views.planApproval).toContain(`P90 では納期に間に合わない ${late}工程`);
      expect(views['cli plan']).toContain('10/24（金）の配置計画');
      expect(views['cli plan']).toContain(`残業 計${n(overtimeMinutes)}分`);
      expect(views['cli plan']).toContain(`拠点間応援 ${crossSiteBlocks}件（半日`);
      expect(views['cli plan']).toContain(`P90 では納期に間に合わない ${late}工程`);
      expect(views['cli plan en']).toContain('Fri 10/24');
      expect(env.ui.problems).toEqual([]);
    } finally {
      cliDir.remove();
    }
  }, 420_000);
});
