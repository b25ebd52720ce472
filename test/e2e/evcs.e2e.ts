/**
 * The evcs-market job in the web build, through the real UI in Chromium:
 * open the Riverside + IEEE 123 sample, run the coupled fixed point in the
 * Web Worker (HiGHS in WebAssembly), and see both maps side by side (roads
 * by congestion with the four stations, the feeder by voltage with the
 * stations' buses), the station table, the coupling's residual falling
 * below its tolerance and the certificate.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import { describeInChromium, openApp, openSample, OUT, plotData, SLOW } from './browser.ts';

describeInChromium('EV charging stations in Chromium', (app) => {
  it('solves the coupled sample: both maps, the stations, the residual under its tolerance, the certificate', async () => {
    const page = await openApp(app);
    await openSample(page, 'riverside-evcs');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('riverside-evcs');
    await page.getByLabel('job kind').selectOption('evcs-market');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 120_000 }).toMatch(/^ok:/);

    await expect.poll(() => page.locator('[data-testid="evcs-road-map"] line').count(), SLOW).toBe(68);
    await expect.poll(() => page.locator('[data-testid="evcs-road-map"] [data-station]').count()).toBe(4);
    // the feeder: every station's bus marked; the far end (bus 114) drawn lower than the head
    await expect.poll(() => page.locator('[data-testid="evcs-feeder-map"] [data-station-bus]').count()).toBe(4);
    expect(await page.locator('[data-testid="evcs-feeder-map"] line').count()).toBeGreaterThan(100);
    await expect.poll(() => page.getByTestId('evcs-stations').textContent()).toContain('north-east');

    await expect.poll(async () => (await plotData<{ name: string; y: number[] }>(page, 'evcs-residual-plot'))?.length, SLOW).toBe(2);
    const residual = (await plotData<{ name: string; y: number[] }>(page, 'evcs-residual-plot'))!;
    expect(residual[0]!.y.at(-1)!).toBeLessThanOrEqual(1e-3);
    expect(residual[0]!.y[0]!).toBeGreaterThan(1e-3);
    await expect.poll(() => page.getByTestId('evcs-certificate').textContent()).toContain('market balance');

    await page.setViewportSize({ width: 2400, height: 1800 });
    await page.getByTestId('evcs-result').screenshot({ path: path.join(OUT, 'evcs-results.png') });
  });
});
