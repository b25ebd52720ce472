/**
 * The DLMP market traders in the web build, through the real UI in
 * Chromium: open the IEEE 33 DER sample, pick the dlmp-learn job, run a
 * small configuration in the Web Worker (glpk in WebAssembly) and read the
 * result view: the surrogate's held-out error, the learning curves on
 * surrogate and exact prices, injections and prices per state beside the
 * Nash equilibrium, the table.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, plotData as plotDataOf, SLOW, typeInto } from './browser.ts';

interface Trace {
  name?: string;
  x: (number | string)[];
  y: (number | null)[];
}
const plotData = (page: Page, testId: string) => plotDataOf<Trace>(page, testId);

describeInChromium('DLMP market traders in Chromium', (app) => {
  it('trains on surrogate and exact prices and shows both beside the Nash equilibrium', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33-der');
    await page.getByLabel('job kind').selectOption('dlmp-learn');
    await typeInto(page, 'option-episodes', '12');
    await typeInto(page, 'option-samples', '120');
    await typeInto(page, 'option-surrogateEpochs', '100');
    await typeInto(page, 'option-evalLoads', '2');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 600_000, interval: 1000 }).toMatch(/^ok:/);

    // plotly draws after the view mounts
    await expect.poll(async () => (await plotData(page, 'dlmp-learn-curves'))?.length ?? 0, SLOW).toBe(2);
    const curves = (await plotData(page, 'dlmp-learn-curves'))!;
    expect(curves).toHaveLength(2);
    expect(curves[1]!.x).toHaveLength(12);
    const injections = (await plotData(page, 'dlmp-learn-injections'))!;
    // 2 agents × (surrogate-trained, exact-trained, Nash), one bar per state (3 periods × 2 load levels)
    expect(injections).toHaveLength(6);
    injections.forEach((t) => expect(t.x).toHaveLength(6));
    const rows = await page.locator('[data-testid="dlmp-learn-table"] tbody tr').count();
    expect(rows).toBe(6);
    await expect.poll(() => page.getByTestId('dlmp-learn-summary').textContent(), SLOW).toContain('holds');

    await page.setViewportSize({ width: 1400, height: 1900 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'dlmp-learn-results.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  }, 900_000);
});
