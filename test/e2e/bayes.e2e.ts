/**
 * The k-double auction in the web build, through the real UI in Chromium:
 * open the k-double-auction sample from the Samples menu, look at its tree
 * section, run the kda job in the Web Worker, see the strategy plot with both
 * players and the linear references, and a certificate ≤ 1e-9.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, chromiumPath, openApp, openSample, skipReason, startApp, type AppSession } from './browser.ts';

if (skipReason) console.warn(`[e2e skipped] ${skipReason}`);

const SLOW = { timeout: 20_000 };
const OUT = path.join(ROOT, 'test/e2e/out');
mkdirSync(OUT, { recursive: true });

/** trace names and point counts plotly holds for the strategy plot; null until drawn */
const strategyTraces = (page: Page) =>
  page
    .getByTestId('kda-strategy-plot')
    .evaluate((el) => ((el as unknown as { data?: { name: string; x: number[] }[] }).data ?? null)?.map((t) => ({ name: t.name, n: t.x.length })) ?? null);

describe.skipIf(!chromiumPath)(`k-double auction in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens k-double-auction, runs kda, plots buyer and seller strategies against the linear ones, certificate ≤ 1e-9', async () => {
    const page = await openApp(app);
    await openSample(page, 'k-double-auction');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('k-double-auction');
    await page.getByTestId('tree-kda').click();
    await expect.poll(() => page.getByTestId('field-kda.k').inputValue(), SLOW).toBe('0.5');

    await page.getByLabel('job kind').selectOption('kda');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);

    await expect.poll(async () => (await strategyTraces(page))?.length, SLOW).toBe(5);
    const traces = (await strategyTraces(page))!;
    expect(traces[0]).toEqual({ name: 'buyer bid b(v)', n: 101 });
    expect(traces[1]).toEqual({ name: 'seller ask a(c)', n: 101 });
    expect(traces[2]!.name).toContain('linear bid');
    expect(traces[3]!.name).toContain('linear ask');

    const gain = Number(await page.getByTestId('max-deviation-gain').textContent());
    expect(gain).toBeGreaterThanOrEqual(0);
    expect(gain).toBeLessThanOrEqual(1e-9);
    await expect.poll(() => page.getByTestId('kda-summary').textContent()).toContain('Efficient benchmark');

    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'kda.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('opens ev-parking-lot, shows the fleet generator, runs ev-bayesian with the V2V view and a certificate within ε, freezes the fleet', async () => {
    const page = await openApp(app);
    await openSample(page, 'ev-parking-lot');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('ev-parking-lot');
    await page.getByTestId('tree-evFleets').click();
    await expect.poll(() => page.getByTestId('ev-generator-0').textContent(), SLOW).toContain('normal mean 8.5');
    await expect.poll(() => page.getByTestId('ev-levels-0').locator('tbody tr').count(), SLOW).toBe(3);

    await page.getByLabel('job kind').selectOption('ev-bayesian');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 120_000 }).toMatch(/^ok:/);
    await expect.poll(() => page.getByTestId('ev-strategy-plot').evaluate((el) => (el as unknown as { data?: unknown[] }).data?.length ?? 0), SLOW).toBe(3);
    await expect.poll(() => page.getByTestId('ev-strategy-table').locator('tbody tr').count(), SLOW).toBe(40);
    expect(Number(await page.getByTestId('max-deviation-gain').textContent())).toBeLessThanOrEqual(0.01);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'ev-bayesian.png') });

    await page.getByTestId('ev-freeze-0').click();
    await expect.poll(() => page.getByTestId('ev-table-0').locator('tbody tr').count(), SLOW).toBe(40);
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
