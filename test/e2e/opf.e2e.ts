/**
 * The OPF in the web build, through the real UI in Chromium: open the
 * ieee33-der sample from the Samples menu, run the OPF (glpk.js in the Web
 * Worker), see the DLMP heat map, colour the map by DLMP, move the hour and
 * watch a bus change colour; then solve again with HiGHS and compare.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, SLOW } from './browser.ts';

/** screenshots for a person to look at (git-ignored) */

async function runAndWait(page: Page) {
  await page.getByTestId('run-button').click();
  await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);
}

/** The fill colour of a bus on the one-line diagram. */
const busColour = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"] .bus-dot`).evaluate((el) => (el as HTMLElement).style.background);

/** The heat map's z matrix as plotly holds it (buses × hours); null until drawn. */
const heatMapZ = (page: Page) => page.getByTestId('dlmp-heatmap').evaluate((el) => (el as unknown as { data?: { z: number[][] }[] }).data?.[0]?.z ?? null);

const objective = async (page: Page) => Number(await page.getByTestId('opf-certificate').locator('dd').nth(1).textContent());

describeInChromium('OPF in Chromium', (app) => {
  it('runs the OPF on ieee33-der, shows the DLMP heat map, colours the map by DLMP and moves it with the hour; HiGHS agrees', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33-der');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('ieee33-der');
    // PV, battery glyphs sit at their buses
    await expect.poll(() => page.locator('.react-flow__node[data-id="18"] .der-glyph').count(), SLOW).toBe(2);
    await page.getByTestId('tree-pv').click();
    await expect.poll(() => page.getByTestId('pv-table').locator('tbody tr').count(), SLOW).toBe(10);

    await page.getByLabel('job kind').selectOption('opf');
    await runAndWait(page);
    await expect.poll(() => page.getByTestId('lp-status').textContent(), SLOW).toBe('optimal');
    expect(await page.getByTestId('lp-backend-used').textContent()).toContain('GLPK');

    await expect.poll(async () => (await heatMapZ(page))?.length, SLOW).toBe(33);
    expect((await heatMapZ(page))![0]!.length).toBe(24);

    await page.getByTestId('map-layer').selectOption('dlmp');
    await expect.poll(() => page.getByTestId('opf-legend').textContent(), SLOW).toContain('DLMP');

    await page.getByTestId('hour-slider').fill('3');
    await expect.poll(() => page.getByTestId('hour-label').textContent()).toBe('03:00');
    const night = await busColour(page, '18');
    await page.getByTestId('hour-slider').fill('19');
    await expect.poll(() => page.getByTestId('hour-label').textContent()).toBe('19:00');
    await expect.poll(() => busColour(page, '18'), SLOW).not.toBe(night);

    // play steps through the day; pause stops it
    await page.getByTestId('play-hours').click();
    await expect.poll(() => page.getByTestId('hour-label').textContent(), SLOW).not.toBe('19:00');
    await page.getByTestId('play-hours').click();
    await page.getByTestId('hour-slider').fill('19');
    await expect.poll(() => page.getByTestId('hour-label').textContent()).toBe('19:00');
    await page.waitForTimeout(500); // let plotly redraw the hour markers
    await page.screenshot({ path: path.join(OUT, 'opf-dlmp-evening.png') });
    await page.getByTestId('map-layer').selectOption('carbon');
    await page.getByTestId('hour-slider').fill('19');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'opf-carbon-evening.png') });

    const glpk = await objective(page);
    await page.getByTestId('lp-backend').selectOption('highs');
    await runAndWait(page);
    await expect.poll(() => page.getByTestId('lp-backend-used').textContent(), SLOW).toBe('HiGHS');
    expect(Math.abs((await objective(page)) - glpk)).toBeLessThan(1e-3 * Math.max(1, Math.abs(glpk)));

    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
