/**
 * The traffic job in the web build, through the real UI in Chromium: open
 * the Riverside sample, run the user equilibrium (both methods) in the Web
 * Worker, and see the road map (one line per link, coloured by v/c), the
 * gap per iteration of both methods reaching 1e-4, and the certificate.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import { describeInChromium, openApp, openSample, OUT, plotData, SLOW } from './browser.ts';

describeInChromium('traffic equilibrium in Chromium', (app) => {
  it('solves Riverside: the map draws every link, the bridges congest, both methods reach the gap, the certificate holds', async () => {
    const page = await openApp(app);
    await openSample(page, 'riverside-traffic');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('riverside-traffic');
    await page.getByLabel('job kind').selectOption('traffic');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);

    await expect.poll(() => page.locator('[data-testid="road-map"] line').count(), SLOW).toBe(68);
    // a bridge (6 → 7) is drawn in a congested colour: red channel high, green lower
    const bridge = await page.locator('[data-testid="road-map"] line[data-link="6-7"]').getAttribute('stroke');
    const [r, g] = /rgb\((\d+),(\d+),(\d+)\)/.exec(bridge!)!.slice(1).map(Number);
    expect(r!).toBeGreaterThan(g!);

    await expect.poll(async () => (await plotData<{ name: string; y: number[] }>(page, 'traffic-gap-plot'))?.length, SLOW).toBe(3);
    const traces = (await plotData<{ name: string; y: number[] }>(page, 'traffic-gap-plot'))!;
    expect(traces.map((t) => t.name)).toEqual(['gradient projection', 'Frank–Wolfe', 'target']);
    for (const t of traces.slice(0, 2)) expect(t.y.at(-1)!).toBeLessThanOrEqual(1e-4);
    expect(traces[0]!.y.length).toBeLessThan(traces[1]!.y.length);
    await expect.poll(() => page.getByTestId('traffic-certificate').textContent()).toContain('gradient projection (shown)');

    await page.setViewportSize({ width: 1500, height: 1500 });
    await page.getByTestId('traffic-result').screenshot({ path: path.join(OUT, 'traffic-results.png') });
  });
});
