import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, chromiumPath, openApp, openSample, plotData as plotDataOf, skipReason, startApp, type AppSession } from './browser.ts';

const SLOW = { timeout: 20_000 };
const OUT = path.join(ROOT, 'test/e2e/out');
mkdirSync(OUT, { recursive: true });
interface Trace { name?: string; type?: string; x: (number | string)[]; y: (number | null)[]; yaxis?: string }
const plotData = (page: Page, testId: string) => plotDataOf<Trace>(page, testId);

async function runSample(page: Page, id: string) {
  await openSample(page, id);
  await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain(id);
  await page.getByLabel('job kind').selectOption('mechanism');
  await page.getByTestId('run-button').click();
  await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);
}

describe.skipIf(!chromiumPath)(`explore${skipReason ?? ''}`, () => {
  let app: AppSession;
  beforeAll(async () => { app = await startApp(); });
  afterAll(async () => { await app?.close(); });
  it('explores', async () => {
    const page = await openApp(app);
    await page.setViewportSize({ width: 1600, height: 1400 });
    await runSample(page, 'classroom-bid-book');
    await page.getByTestId('mech-tab-payments').click();
    await expect.poll(async () => (await plotData(page, 'mechanism-payments-plot'))?.length, SLOW).toBeGreaterThan(0);
    console.log(JSON.stringify((await plotData(page, 'mechanism-payments-plot'))!.map((t) => [t.name, t.x, t.y])));
    await page.getByTestId('results').screenshot({ path: '/tmp/mv/payments.png' });
    await page.getByTestId('mech-tab-misreport').click();
    await expect.poll(async () => (await plotData(page, 'mechanism-misreport-plot'))?.length, SLOW).toBeGreaterThan(0);
    console.log(await page.getByTestId('misreport-agent').inputValue(), await page.getByTestId('misreport-agent').locator('option').allTextContents());
    console.log(await page.getByTestId('misreport-gains').textContent());
    await page.getByTestId('results').screenshot({ path: '/tmp/mv/misreport.png' });
    await page.getByTestId('mech-tab-priors').click();
    console.log(await page.getByTestId('results').textContent());
    await page.getByTestId('mech-tab-size').click();
    await page.getByTestId('mech-size-sizes').fill('2,8,32');
    await page.getByTestId('mech-size-books').fill('3');
    await page.getByTestId('mech-size-run').click();
    await expect.poll(() => page.getByTestId('mech-size-status').textContent(), { timeout: 90_000 }).toMatch(/^9\/9 points.* s$/);
    console.log(JSON.stringify((await plotData(page, 'mech-size-plot'))!.filter((t) => t.name && !t.name.endsWith('books')).map((t) => [t.name, t.yaxis, t.x, t.y])));
    await page.getByTestId('results').screenshot({ path: '/tmp/mv/size.png' });
    await page.getByTestId('mech-tab-ratio').click();
    await page.getByTestId('mech-ratio-buyers').fill('10');
    await page.getByTestId('mech-ratio-sellers').fill('2,5,10,20');
    await page.getByTestId('mech-ratio-run').click();
    await expect.poll(() => page.getByTestId('mech-ratio-status').textContent(), { timeout: 90_000 }).toMatch(/^4\/4 points.* s$/);
    console.log(JSON.stringify((await plotData(page, 'mech-ratio-plot'))!.map((t) => [t.name, t.x, t.y])));
    await page.getByTestId('results').screenshot({ path: '/tmp/mv/ratio.png' });
    await page.getByTestId('mech-tab-monte-carlo').click();
    await page.getByTestId('mech-monte-carlo-books').fill('8');
    await page.getByTestId('mech-monte-carlo-run').click();
    await expect.poll(() => page.getByTestId('mech-monte-carlo-status').textContent(), { timeout: 120_000 }).toMatch(/^8\/8 points.* s$/);
    console.log(await page.getByTestId('mech-monte-carlo-status').textContent());
    console.log(JSON.stringify((await plotData(page, 'mech-monte-carlo-plot'))!.map((t) => [t.name, t.yaxis, t.y])));
    await page.getByTestId('results').screenshot({ path: '/tmp/mv/mc.png' });
    await runSample(page, 'small-community-market');
    await page.getByTestId('mech-tab-priors').click();
    await expect.poll(async () => (await plotData(page, 'mechanism-prior-plot'))?.length, SLOW).toBe(2);
    console.log(await page.getByTestId('prior-mass').textContent());
    await page.getByTestId('results').screenshot({ path: '/tmp/mv/priors.png' });
    console.log((page as Page & { appErrors: string[] }).appErrors);
  }, 400_000);
});
