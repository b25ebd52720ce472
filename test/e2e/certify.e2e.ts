/**
 * Issue 21 in the web build: an answer whose certificate fails is shown with
 * an `uncertified` warning badge (never as ok), and a sweep marks its
 * uncertified points on the plot and counts them. Screenshots go to
 * test/e2e/out/ (uncertified-badge.png, uncertified-sweep.png).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, chromiumPath, openApp, openSample, skipReason, startApp, type AppSession } from './browser.ts';

if (skipReason) console.warn(`[e2e skipped] ${skipReason}`);

const SLOW = { timeout: 30_000 };
const OUT = path.join(ROOT, 'test/e2e/out');
mkdirSync(OUT, { recursive: true });
const SEED = 'evFleets[id=lot].generator.seed';

async function typeInto(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.fill(value);
  await input.press('Enter');
}

describe.skipIf(!chromiumPath)(`Certificates in the app${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('ev-bayesian at fleet seed 33: the result carries the uncertified badge with the cycle found; a seed sweep marks that point', { timeout: 300_000 }, async () => {
    const page = await openApp(app);
    await openSample(page, 'ev-parking-lot');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('ev-parking-lot');
    await page.getByTestId('tree-evFleets').click();
    await typeInto(page, 'field-evFleets[0].generator.seed', '33');
    await page.getByLabel('job kind').selectOption('ev-bayesian');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 120_000 }).toMatch(/^uncertified:/);
    const badge = page.getByTestId('uncertified-badge');
    await expect.poll(() => badge.textContent(), SLOW).toMatch(/uncertified.*largest deviation gain .* > 1e-6.*no pure equilibrium found: best responses cycle/);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'uncertified-result.png') });
    await badge.screenshot({ path: path.join(OUT, 'uncertified-badge.png') });

    // the sweep over four seeds: 33 is plotted, marked in orange, and counted
    await page.getByTestId('tree-whatif').click();
    await page.getByTestId('whatif-kind').selectOption('ev-bayesian');
    await page.getByTestId('whatif-param').selectOption(SEED);
    await page.getByTestId('whatif-values').fill('31:34:4');
    const boxes = page.getByTestId('whatif-outputs').locator('input[type=checkbox]');
    for (const box of await boxes.all()) await box.setChecked((await box.getAttribute('data-testid')) === 'whatif-output-v2vKwh');
    await page.getByTestId('whatif-run').click();
    await expect.poll(() => page.getByTestId('whatif-status').textContent(), { timeout: 180_000 }).toMatch(/^4\/4 points/);
    await expect.poll(() => page.getByTestId('whatif-certified-count').textContent(), SLOW).toBe('3 certified · 1 uncertified');
    const traces = await page.getByTestId('whatif-plot-v2vKwh').evaluate((el) => ((el as unknown as { data?: { name?: string; x: number[] }[] }).data ?? []).map((t) => ({ name: t.name, x: [...t.x] })));
    expect(traces.find((t) => t.name === 'uncertified')?.x).toEqual([33]);
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await page.getByTestId('whatif-results').screenshot({ path: path.join(OUT, 'uncertified-sweep.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
