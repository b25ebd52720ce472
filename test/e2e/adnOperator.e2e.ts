/**
 * SAC for the ADN operator in the web build, through the real UI in
 * Chromium: open the classroom microgrids, pick the adn-operator job, train
 * a short run (40 episodes, one dual-ascent clearing each, in the Web
 * Worker) and read the result: the learning curve with the zero-adder and
 * oracle lines, the policy's adder, welfare over the oracle's grid with the
 * learned point, the outcomes table.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, plotData as plotDataOf, SLOW, typeInto } from './browser.ts';

interface Trace {
  name?: string;
  x: number[];
  y: number[];
}
const plotData = (page: Page, testId: string) => plotDataOf<Trace>(page, testId);

describeInChromium('SAC for the ADN operator in Chromium', (app) => {
  it('trains the operator\'s tariff over the dual-ascent market and shows it against the oracle', async () => {
    const page = await openApp(app);
    await openSample(page, 'classroom-microgrids');
    await page.getByLabel('job kind').selectOption('adn-operator');
    await typeInto(page, 'option-episodes', '40');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 400_000, interval: 1000 }).toMatch(/^ok:/);

    // the plots draw once plotly has loaded
    await expect.poll(async () => (await plotData(page, 'op-welfare'))?.length ?? 0, SLOW).toBe(3);
    const welfare = (await plotData(page, 'op-welfare'))!;
    expect(welfare.map((t) => t.name)).toEqual(['sampled control (exploring)', 'zero adders (scenario tariffs)', 'grid-search oracle']);
    expect(welfare[0]!.x).toHaveLength(40);
    // the oracle beats the scenario's own tariffs
    expect(welfare[2]!.y[0]!).toBeGreaterThan(welfare[1]!.y[0]!);
    const grid = (await plotData(page, 'op-grid'))!;
    expect(grid[0]!.x).toHaveLength(11);
    const learned = grid.find((t) => t.name === 'learned')!, oracle = grid.find((t) => t.name === 'oracle')!;
    expect(Math.abs(learned.x[0]! - oracle.x[0]!)).toBeLessThan(0.03);
    const rows = await page.locator('[data-testid="op-outcomes"] tbody tr td:first-child').allTextContents();
    expect(rows).toEqual(['zero adders', 'learned', 'oracle']);

    await page.setViewportSize({ width: 1400, height: 1700 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'adn-operator-results.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
