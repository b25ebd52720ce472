/**
 * Community design in the web build, through the real UI in Chromium: open
 * the community-learning sample, pick the community-design job with a tiny
 * configuration, run it in the Web Worker and read the result: the welfare
 * bars of every design choice (oracle's best and learned pick marked), the
 * communities on the feeder, the chooser's table.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, plotData, SLOW, typeInto } from './browser.ts';

interface Trace { name?: string; x: (number | null)[]; y: (string | number | null)[]; marker?: { color?: string | string[] } }

describeInChromium('community design in Chromium', (app) => {
  it('runs the job and shows every choice\'s welfare, the communities on the feeder and the chooser against the oracle', async () => {
    const page = await openApp(app);
    await openSample(page, 'community-learning');
    await page.getByLabel('job kind').selectOption('community-design');
    await typeInto(page, 'option-populations', '24');
    await typeInto(page, 'option-steps', '48');
    await typeInto(page, 'option-epochs', '120');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 180_000, interval: 1000 }).toMatch(/^ok:/);

    await expect.poll(() => plotData<Trace>(page, 'community-design-bars'), SLOW).not.toBeNull();
    const bars = (await plotData<Trace>(page, 'community-design-bars'))!;
    expect(bars[0]!.y).toHaveLength(50);
    const welfare = bars[0]!.x as number[];
    // sorted best first, and the best bar is the oracle's (green)
    welfare.slice(1).forEach((w, i) => expect(w).toBeLessThanOrEqual(welfare[i]!));
    expect((bars[0]!.marker!.color as string[])[0]).toBe('#2ca02c');
    const feeder = (await plotData<Trace>(page, 'community-design-feeder'))!;
    const households = feeder.filter((t) => t.name?.startsWith('community')).reduce((s, t) => s + t.x.length, 0);
    expect(households).toBe(6);
    const rows = await page.locator('[data-testid="community-design-chooser"] tbody tr td:first-child').allTextContents();
    expect(rows).toEqual(['training', 'held out']);
    await expect.poll(() => page.getByTestId('community-design-summary').textContent()).toContain('holds');

    await page.setViewportSize({ width: 1500, height: 2000 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'community-design-results.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
