/**
 * The VPP game through the real UI in Chromium: the classroom sample's VPPs,
 * buildings and market in their editors; Run solves the game in the Web
 * Worker (HiGHS QP); the best-response picture draws, and stepping through
 * the iterations redraws the path.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, SLOW } from './browser.ts';

const SHOTS = process.env.GGS_SCREENSHOTS;

/** Points of the iteration path the best-response plot is drawing (read from plotly's own data). */
function drawnPathLength(page: Page): Promise<number> {
  return page.getByTestId('best-response-plot').evaluate((el) => {
    const trace = (el as unknown as { data?: { name?: string; x: number[] }[] }).data?.find((t) => t.name === 'best-response iteration');
    return trace ? trace.x.length : -1;
  });
}

describeInChromium('VPP game in Chromium', (app) => {
  it('opens the classroom sample on its own job, runs the VPP game with Ctrl+Enter, shows the best-response plot and steps through the iterations', async () => {
    const page = await openApp(app);
    await openSample(page, 'classroom-two-vpps');

    await page.getByTestId('tree-vpps').click();
    await expect.poll(() => page.getByTestId('vpp-table-0-pvKwp').inputValue(), SLOW).toBe('500');
    expect(await page.getByTestId('vpp-table-1-pvProfile').inputValue()).toBe('pv');
    await page.getByTestId('tree-buildings').click();
    expect(await page.getByTestId('buildings-0-0-comfort.maxC').inputValue()).toBe('26');
    await page.getByTestId('tree-market').click();
    expect(await page.getByTestId('field-market.serviceFeeMaxPerKwh').inputValue()).toBe('0.015');

    // the sample was made for the VPP game (metadata.job): the Run panel opens on it and Ctrl+Enter runs it
    expect(await page.getByLabel('job kind').inputValue()).toBe('vpp-game');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 180_000, interval: 500 }).toMatch(/^ok:/);
    await page.getByTestId('vpp-results').waitFor(SLOW); // the VPP game's result view, not the power flow's
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'vpp-ctrl-enter.png') });

    // a new result shows the whole path, ending at the equilibrium
    await expect.poll(() => drawnPathLength(page), SLOW).toBeGreaterThan(4);
    const whole = await drawnPathLength(page);
    expect(await page.getByTestId('max-deviation-gain').textContent()).toMatch(/e-1\d|^0 /);

    await page.getByTestId('step-prev').click();
    await expect.poll(() => drawnPathLength(page), SLOW).toBe(whole - 1);
    await page.getByLabel('first step').click();
    await expect.poll(() => drawnPathLength(page), SLOW).toBe(1);
    expect(await page.getByTestId('step-text').textContent()).toMatch(/^Step 0 of/);
    await page.getByTestId('step-next').click();
    await expect.poll(() => drawnPathLength(page), SLOW).toBe(2);
    expect(await page.getByTestId('step-text').textContent()).toMatch(/sweep 1: North VPP answers/);
    await page.getByTestId('step-next').click();
    await expect.poll(() => page.getByTestId('step-text').textContent(), SLOW).toMatch(/sweep 1: South VPP answers/);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'vpp-step2.png') });

    // play animates forward to the end
    await page.getByTestId('step-play').click();
    await expect.poll(() => drawnPathLength(page), { timeout: 60_000 }).toBe(whole);

    if (SHOTS) {
      await page.getByTestId('present-button').click();
      await page.getByLabel('first step').click();
      for (let i = 0; i < 3; i++) await page.getByTestId('step-next').click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(SHOTS, 'vpp-present.png') });
      await page.getByLabel('last step').click();
      await page.keyboard.press('Escape');
      await page.getByTestId('tree-buildings').click();
      await page.getByLabel('first step').click();
      for (let i = 0; i < 3; i++) await page.getByTestId('step-next').click();
      await page.getByTestId('results').evaluate((el) => el.closest('.results-scroll')?.scrollTo(0, 0));
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(SHOTS, 'vpp-app.png') });
      await page.getByTestId('vpp-by-hour').scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(SHOTS, 'vpp-plots.png') });
      await page.getByTestId('option-compareControl').check();
      await page.getByTestId('run-button').click();
      await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 280_000, interval: 1000 }).toMatch(/^ok:/);
      await page.getByTestId('vpp-comparison').scrollIntoViewIfNeeded();
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(SHOTS, 'vpp-comparison.png') });
    }
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
  }, 600_000);
});

