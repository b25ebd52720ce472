/**
 * The mechanism laboratory in the web build, through the real UI in
 * Chromium: open the classroom bid book, run the mechanism job in the Web
 * Worker, and see the table of mechanisms × metrics (VCG efficient with a
 * deficit of 3, the CPA giving up one trade for a surplus of 2, uniform price
 * manipulable) and the supply/demand curves with a clearing point per rule.
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
const cells = (page: Page, mechanism: string) => page.locator(`[data-testid="mechanism-table"] tr[data-mechanism="${mechanism}"] td`).allTextContents();

describeInChromium('mechanism laboratory in Chromium', (app) => {
  it('runs every mechanism on the classroom book: the table shows who is efficient, who runs a deficit, who could gain by lying; the curves carry each clearing point', async () => {
    const page = await openApp(app);
    await openSample(page, 'classroom-bid-book');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('classroom-bid-book');
    await page.getByLabel('job kind').selectOption('mechanism');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);

    await expect.poll(async () => (await cells(page, 'vcg')).length, SLOW).toBe(7);
    expect(await cells(page, 'vcg')).toEqual(['vcg', '14', '100.0 %', '-3', '3', '0', '0']);
    expect(await cells(page, 'cpa')).toEqual(['cpa', '13', '92.9 %', '2', '2', '0', '0']);
    expect((await cells(page, 'uniform-price'))[6]).toBe('0.5 (b1)');
    await expect.poll(() => page.getByTestId('mechanism-summary').textContent()).toContain('vcg');

    await expect.poll(async () => (await plotData(page, 'mechanism-curves'))?.length, SLOW).toBe(2 + 12);
    const traces = (await plotData(page, 'mechanism-curves'))!;
    expect(traces.slice(0, 2).map((t) => [t.name, t.x, t.y])).toEqual([
      ['demand (bids)', [0, 1, 2, 3, 4], [10, 8, 6, 4, 4]],
      ['supply (asks)', [0, 1, 2, 3, 4], [2, 3, 5, 7, 7]],
    ]);
    const point = (name: string) => traces.find((t) => t.name === name)!;
    // uniform price (k = ½ of the marginal pair b3 = 6, s3 = 5) clears 3 kWh at 5.5; the CPA trades 2
    expect([point('uniform-price').x[0], point('uniform-price').y[0]]).toEqual([3, 5.5]);
    expect(point('cpa').x[0]).toBe(2);

    await page.setViewportSize({ width: 1600, height: 1400 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'mechanism-results.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('community book with a binding spectrum section: the coupled auction\'s price split under the table, its clearing point at the delivered price on the combined supply curve', async () => {
    const page = await openApp(app);
    await page.setViewportSize({ width: 1600, height: 1400 });
    await openSample(page, 'small-community-market');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('small-community-market');
    await page.getByLabel('job kind').selectOption('mechanism');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);

    await expect.poll(() => page.getByTestId('mechanism-price-split').textContent(), SLOW).toBe('iterative-coupled pricesdelivered 0.16 = energy 0.11 + 1 × spectrum 0.05 per kWh');
    expect((await cells(page, 'iterative-coupled')).slice(0, 5)).toEqual(['iterative-coupled', '0.62', '100.0 %', '0', '7']);
    await expect.poll(async () => (await plotData(page, 'mechanism-curves'))?.some((t) => t.name === 'supply with spectrum (e + β·σ)'), SLOW).toBe(true);
    const traces = (await plotData(page, 'mechanism-curves'))!;
    const combined = traces.find((t) => t.name === 'supply with spectrum (e + β·σ)')!;
    expect(combined.x[combined.x.length - 1]).toBeCloseTo(7, 9); // the spectrum capacity ends the combined supply
    const point = traces.find((t) => t.name === 'iterative-coupled')!;
    expect(point.x[0]).toBeCloseTo(7, 9);
    expect(point.y[0]).toBeCloseTo(0.16, 9);

    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'mechanism-spectrum.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
