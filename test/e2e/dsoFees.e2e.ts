/**
 * The DSO-fee game in the web build, through the real UI in Chromium: open
 * the classroom sample (two microgrids, one hour), run dso-fees in the Web
 * Worker, and see the headline (DSO objective 6.60 with its proven gap, the
 * changes against the flat fee), the optimal / flat / no-fee comparison and
 * the fee scatter against electrical distance, the three-way table and the
 * fee map; then the IEEE 33 sample's 24 h response to the flat fee
 * (dso-fees-evaluate) on the fee map, its hour slider moved.
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

    const table = (await page.getByTestId('dso-three-way').textContent())!;
    expect(table).toMatch(/optimal.*flat.*none/s);
    expect(table).toContain('vs flat +26.5 % · none +62.3 %'); // MG cost: the classroom's microgrids pay more under the optimal fee
    expect(table).toContain('vs flat +98.0 %');
    // one pair trading in the one hour: one path on the map, labelled with the optimal fee and the 55 kW
    await expect.poll(() => page.getByTestId('dso-fee-path').count(), SLOW).toBe(1);
    expect(await page.getByTestId('dso-fee-path').textContent()).toContain('mg-a–mg-b: 0.120/kWh · 55 kW');

    await page.setViewportSize({ width: 1600, height: 1500 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'dso-fees-results.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('draws the IEEE 33 microgrids\' trades on the feeder, hour by hour', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33-dso-fees');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('ieee33-dso-fees');
    await page.getByLabel('job kind').selectOption('dso-fees-evaluate');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);
    const map = page.getByTestId('dso-fee-map');
    await expect.poll(() => map.locator('circle').count(), SLOW).toBe(33);
    // the busiest hour first (three pairs trade); in the window's first hour (08:00) only mg1 buys from mg3
    const busiest = Number(await page.getByTestId('dso-fee-map-hour').textContent());
    expect(await page.getByTestId('dso-fee-path').count()).toBe(3);
    expect(await page.getByTestId('dso-fee-path').first().textContent()).toContain('0.020/kWh');
    await page.getByLabel('hour of the fee map').fill('0');
    await expect.poll(() => page.getByTestId('dso-fee-map-hour').textContent(), SLOW).toBe('0');
    expect(await page.getByTestId('dso-fee-path').count()).toBe(1);
    expect(await page.getByTestId('dso-fee-path').first().textContent()).toContain('mg1–mg3: 0.020/kWh · 22 kW');
    await page.getByLabel('hour of the fee map').fill(String(busiest));
    await page.setViewportSize({ width: 1600, height: 1200 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await map.screenshot({ path: path.join(OUT, 'dso-fee-map.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
