/**
 * The DSO-fee game in the web build, through the real UI in Chromium: open
 * the classroom sample (two microgrids, one hour), run dso-fees in the Web
 * Worker, and see the headline (DSO objective 6.60 with its proven gap, the
 * changes against the flat fee), the optimal / flat / no-fee comparison and
 * the fee scatter against electrical distance.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, plotData as plotDataOf, SLOW } from './browser.ts';

interface Trace {
  name?: string;
  x: (number | string)[];
  y: number[];
}
const plotData = (page: Page, testId: string) => plotDataOf<Trace>(page, testId);

describeInChromium('DSO fees in Chromium', (app) => {
  it('solves the classroom game: revenue 6.60 at the optimum, compared with the flat fee and no fee', async () => {
    const page = await openApp(app);
    await openSample(page, 'classroom-dso-fees');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('classroom-dso-fees');
    await page.getByLabel('job kind').selectOption('dso-fees');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);
    await expect.poll(() => page.getByTestId('dso-summary').textContent(), SLOW).toContain('6.60');
    expect(await page.getByTestId('dso-summary').textContent()).toContain('+98.0 %');
    await expect.poll(async () => (await plotData(page, 'dso-curve'))?.length, SLOW).toBe(3);

    await expect.poll(async () => (await plotData(page, 'dso-comparison'))?.length, SLOW).toBe(3);
    const bars = (await plotData(page, 'dso-comparison'))!;
    expect(bars.map((t) => t.name)).toEqual(['optimal', 'flat', 'none']);
    expect(bars[0]!.y.at(-1)).toBeCloseTo(6.6, 6);
    const fees = (await plotData(page, 'dso-fee-distance'))!;
    expect(fees[0]!.y[0]).toBeCloseTo(0.12, 6);

    await page.setViewportSize({ width: 1600, height: 1500 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'dso-fees-results.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
