/**
 * Load forecasting in the web build, through the real UI in Chromium: open
 * the shipped household sample (OPSD, real metered data), run the forecast
 * job in the Web Worker (TensorFlow.js CPU backend for the MLP included),
 * see every model against the baselines, the forecast with its interval, the
 * Pareto front of the grasshopper selection, and add the best forecast to
 * the scenario as a load profile.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, plotData as plotDataOf, SLOW, typeInto } from './browser.ts';

interface Trace {
  name?: string;
  x: (number | string)[];
  y: number[];
}
const plotData = (page: Page, testId: string) => plotDataOf<Trace>(page, testId);

describeInChromium('load forecasting in Chromium', (app) => {
  it('scores every model against the baselines on the real household, plots forecast vs actual, and turns the forecast into a load profile', async () => {
    const page = await openApp(app);
    await openSample(page, 'household-forecast');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('household-forecast');
    await expect.poll(() => page.getByLabel('job kind').inputValue(), SLOW).toBe('forecast');
    await typeInto(page, 'option-testDays', '14');
    await typeInto(page, 'option-folds', '1');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 240_000, interval: 1000 }).toMatch(/^ok:/);

    const rows = await page.locator('[data-testid="forecast-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-model')));
    expect(rows).toEqual(['naive', 'ridge', 'elm', 'delm', 'mlp']);
    const naive = await page.locator('[data-testid="forecast-table"] tr[data-model="naive"] td').allTextContents();
    expect(naive[0]).toContain('baseline');
    expect(Number(naive[1])).toBeGreaterThan(0.2);
    expect(naive[5]).toBe('0.0 %');

    await expect.poll(async () => (await plotData(page, 'forecast-vs-actual'))?.length, SLOW).toBe(4);
    const traces = (await plotData(page, 'forecast-vs-actual'))!;
    expect(traces.map((t) => t.name)).toEqual(['90 % interval', '90 % interval', 'actual', expect.stringMatching(/^forecast \(/)]);
    expect(traces[2]!.y).toHaveLength(14 * 24);
    await expect.poll(async () => (await plotData(page, 'forecast-pareto'))?.length, SLOW).toBe(2);
    const front = (await plotData(page, 'forecast-pareto'))!;
    expect(front[0]!.x.length).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByTestId('forecast-certificate').textContent()).toMatch(/0 leakage violations; 0 of 336 test feature rows change/);

    await page.setViewportSize({ width: 1500, height: 2000 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'forecast-results.png') });

    await page.getByTestId('forecast-to-profile').click();
    await expect.poll(() => page.getByTestId('forecast-profile-added').textContent()).toBe('profile forecast-load added');
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
