/**
 * Issue 21 in the web build: an answer whose certificate fails is shown with
 * an `uncertified` warning badge (never as ok), and a sweep marks its
 * uncertified points on the plot and counts them. Screenshots go to
 * test/e2e/out/ (uncertified-badge.png, uncertified-sweep.png).
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, typeInto } from './browser.ts';

const SLOW = { timeout: 30_000 };

describeInChromium('Certificates in the app', (app) => {
  it('kda stopped after one sweep at k = 0.3: the result carries the uncertified badge with the reason; a sweep over k marks that point', { timeout: 300_000 }, async () => {
    const page = await openApp(app);
    await openSample(page, 'k-double-auction');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('k-double-auction');
    await page.getByTestId('tree-kda').click();
    await typeInto(page, 'field-kda.k', '0.3');
    await page.getByLabel('job kind').selectOption('kda');
    // one best-response sweep from the k = 1/2 linear profile cannot reach the k = 0.3 equilibrium
    await typeInto(page, 'option-maxIterations', '1');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 120_000 }).toMatch(/^uncertified:/);
    const badge = page.getByTestId('uncertified-badge');
    await expect.poll(() => badge.textContent(), SLOW).toMatch(/uncertified.*largest deviation gain .* > 1e-9.*did not settle/);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'uncertified-result.png') });
    await badge.screenshot({ path: path.join(OUT, 'uncertified-badge.png') });

    // the sweep over k with the same options: k = 1/2 starts at its equilibrium (certified), k = 0.3 does not
    await page.getByTestId('tree-whatif').click();
    await page.getByTestId('whatif-kind').selectOption('kda');
    await page.getByTestId('whatif-param').selectOption('kda.k');
    await page.getByTestId('whatif-values').fill('0.3,0.5');
    const boxes = page.getByTestId('whatif-outputs').locator('input[type=checkbox]');
    for (const box of await boxes.all()) await box.setChecked((await box.getAttribute('data-testid')) === 'whatif-output-efficiency');
    await page.getByTestId('whatif-run').click();
    await expect.poll(() => page.getByTestId('whatif-status').textContent(), { timeout: 180_000 }).toMatch(/^2\/2 points/);
    await expect.poll(() => page.getByTestId('whatif-certified-count').textContent(), SLOW).toBe('1 certified · 1 uncertified');
    const traces = await page.getByTestId('whatif-plot-efficiency').evaluate((el) => ((el as unknown as { data?: { name?: string; x: number[] }[] }).data ?? []).map((t) => ({ name: t.name, x: [...t.x] })));
    expect(traces.find((t) => t.name === 'uncertified')?.x).toEqual([0.3]);
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await page.getByTestId('whatif-results').screenshot({ path: path.join(OUT, 'uncertified-sweep.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
