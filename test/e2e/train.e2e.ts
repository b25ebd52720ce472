/**
 * Learning bidders in the web build, through the real UI in Chromium: open
 * the community-learning sample, start training (tiny: six episodes, two
 * seeds) in the Web Worker, watch the live learning curve grow, pause and
 * resume it, and read the result: the learning curve with its band and both
 * baselines on one plot, the bids over episodes, the policy heat maps and
 * the evaluation table.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, plotData as plotDataOf, SLOW, typeInto } from './browser.ts';

interface Trace {
  name?: string;
  x: number[];
  y: (number | null)[];
  z?: number[][];
}
const plotData = (page: Page, testId: string) => plotDataOf<Trace>(page, testId);
const liveEpisodes = async (page: Page) => ((await plotData(page, 'train-live-curve'))?.[2]?.x.length ?? 0);

describeInChromium('learning bidders in Chromium', (app) => {
  it('trains with a live curve, pauses and resumes, and shows the curve with both baselines, the bids and the policy', async () => {
    const page = await openApp(app);
    await openSample(page, 'community-learning');
    await expect.poll(() => page.getByLabel('job kind').inputValue(), SLOW).toBe('train');
    await typeInto(page, 'option-episodes', '6');
    await typeInto(page, 'option-seeds', '2');
    await typeInto(page, 'option-knownOptimumEpisodes', '0');
    await page.getByTestId('run-button').click();

    // the curve grows while training runs
    await expect.poll(() => liveEpisodes(page), { timeout: 120_000, interval: 300 }).toBeGreaterThanOrEqual(1);
    await page.getByTestId('pause-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), SLOW).toContain('paused');
    const held = await liveEpisodes(page);
    await page.waitForTimeout(4000);
    // at most the episode that was running when Pause was pressed finishes
    expect(await liveEpisodes(page)).toBeLessThanOrEqual(held + 1);
    await page.getByTestId('pause-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 240_000, interval: 1000 }).toMatch(/^ok:/);

    const curve = (await plotData(page, 'train-curve'))!;
    expect(curve.map((t) => t.name)).toEqual([undefined, '95 % band over 2 seeds', 'learned bids (with exploration)', 'truthful bids, same days', 'retail-only']);
    expect(curve[2]!.x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(curve[4]!.y.every((y) => y === 0)).toBe(true);
    curve[3]!.y.forEach((y) => expect(y!).toBeGreaterThan(0));
    const bids = (await plotData(page, 'train-bids'))!;
    expect(bids.filter((t) => t.name?.startsWith('truthful')).map((t) => t.y[0])).toEqual([0.3, 0.08]);
    const rows = await page.locator('[data-testid="train-table"] tbody tr td:first-child').allTextContents();
    expect(rows).toEqual(['learned, seed 1', 'learned, seed 2', 'truthful', 'retail-only']);
    await expect.poll(() => page.getByTestId('train-summary').textContent()).toContain('holds');

    await page.setViewportSize({ width: 1400, height: 1900 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'train-results.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
