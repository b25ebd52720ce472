/**
 * The mg-bargaining job in the web build, through the real UI in Chromium:
 * open the classroom microgrids, run the job in the Web Worker, and see each
 * microgrid's cost alone, at the optimum and after payments (equal gains of
 * 89.97), the trades per period, the ADMM residuals and the AC voltages.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, plotData as plotDataOf, SLOW } from './browser.ts';

interface Trace {
  name?: string;
  x: number[];
  y: number[];
}
const plotData = (page: Page, testId: string) => plotDataOf<Trace>(page, testId);

describeInChromium('microgrid bargaining in Chromium', (app) => {
  it('runs the classroom microgrids: equal gains after payments, trades per period, ADMM residuals, AC voltages', async () => {
    const page = await openApp(app);
    await openSample(page, 'classroom-microgrids');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('classroom-microgrids');
    await page.getByLabel('job kind').selectOption('mg-bargaining');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 120_000 }).toMatch(/^ok:/);

    const rows = page.locator('[data-testid="microgrid-payments"] tbody tr');
    await expect.poll(() => rows.count(), SLOW).toBe(3);
    const gains = await rows.locator('td:last-child').allTextContents();
    expect(gains).toEqual(['89.97', '89.97', '89.97']);
    await expect.poll(async () => (await plotData(page, 'microgrid-trades'))?.length, SLOW).toBe(3);
    const residuals = (await plotData(page, 'admm-residuals'))!;
    expect(residuals[0]!.name).toBe('primal residual');
    expect(residuals[0]!.x.length).toBeGreaterThan(10);
    expect((await plotData(page, 'microgrid-voltages'))!.length).toBe(3);

    await page.setViewportSize({ width: 1600, height: 1700 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'microgrid-results.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
