/**
 * The mechanism laboratory's further views in Chromium, through the real UI:
 * payments per agent, misreport curves with the agent picker, the AGV priors
 * against the bid history, and the studies over random books run in the Web
 * Worker pool through the what-if engine — efficiency and budget against
 * market size, community prices against the supply–demand ratio, and the
 * Monte Carlo comparison (with Cancel) — asserting on what plotly draws.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, plotData as plotDataOf, SLOW } from './browser.ts';

interface Trace {
  name?: string;
  type?: string;
  mode?: string;
  x: (number | string)[];
  y: number[];
  yaxis?: string;
}
const plotData = (page: Page, testId: string) => plotDataOf<Trace>(page, testId);
const named = (traces: Trace[], name: string, yaxis?: string) => traces.find((t) => t.name === name && (yaxis === undefined || (t.yaxis ?? 'y') === yaxis))!;

async function runSample(page: Page, id: string) {
  await openSample(page, id);
  await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain(id);
  await page.getByLabel('job kind').selectOption('mechanism');
  await page.getByTestId('run-button').click();
  await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);
}

async function shot(page: Page, name: string) {
  await page.mouse.move(1, 1);
  await page.waitForTimeout(600);
  await page.getByTestId('results').screenshot({ path: path.join(OUT, `${name}.png`) });
}

describeInChromium('mechanism laboratory views in Chromium', (app) => {
  it('classroom book: payments per agent (bars and table), misreport curves with the agent picker, no KDE prior without a history', async () => {
    const page = await openApp(app);
    await page.setViewportSize({ width: 1600, height: 1400 });
    await runSample(page, 'classroom-bid-book');

    await page.getByTestId('mech-tab-payments').click();
    await expect.poll(async () => (await plotData(page, 'mechanism-payments-plot'))?.length, SLOW).toBe(12);
    const bars = (await plotData(page, 'mechanism-payments-plot'))!;
    expect(named(bars, 'vcg').x).toEqual(['b1', 'b2', 'b3', 'b4', 's1', 's2', 's3', 's4']);
    expect(named(bars, 'vcg').y).toEqual([5, 5, 5, 0, -6, -6, -6, 0]); // Σ = −3: VCG's deficit
    expect(named(bars, 'cpa').y).toEqual([6, 6, 0, 0, -5, -5, 0, 0]);
    await shot(page, 'mechanism-payments');
    await page.getByTestId('payments-as-table').check();
    const s1 = await page.locator('[data-testid="payments-table"] tr[data-agent="s1"] td').allTextContents();
    expect(s1.slice(0, 5)).toEqual(['s1', '-5.5', '-2', '-6', '-6']); // uniform price, pay-as-bid, bilateral, VCG

    await page.getByTestId('mech-tab-misreport').click();
    // opens on the most profitable liar the search found: b1 under pay-as-bid
    await expect.poll(() => page.getByTestId('misreport-agent').inputValue(), SLOW).toBe('b1');
    await expect.poll(async () => (await plotData(page, 'mechanism-misreport-plot'))?.length, SLOW).toBe(24);
    let curves = (await plotData(page, 'mechanism-misreport-plot'))!;
    const truthful = (m: string) => named(curves, `${m} truthful`);
    expect([truthful('uniform-price').x[0], truthful('uniform-price').y[0]]).toEqual([10, 4.5]);
    expect(truthful('vcg').y[0]).toBe(5);
    // uniform price: shading the bid to the marginal price 6 lowers the price by 0.5
    expect(Math.max(...named(curves, 'uniform-price').y)).toBeCloseTo(5, 12);
    expect(Math.max(...named(curves, 'vcg').y)).toBeCloseTo(5, 12);
    expect(await page.getByTestId('misreport-gains').textContent()).toContain('uniform-price 0.5 · pay-as-bid 5');
    await shot(page, 'mechanism-misreport');
    await page.getByTestId('misreport-agent').selectOption('s1');
    await expect.poll(async () => named((await plotData(page, 'mechanism-misreport-plot'))!, 'vcg truthful')?.x[0], SLOW).toBe(2);
    curves = (await plotData(page, 'mechanism-misreport-plot'))!;
    expect(truthful('vcg').y[0]).toBe(4); // s1 receives 6 for a kWh that costs it 2

    await page.getByTestId('mech-tab-priors').click();
    await expect.poll(() => page.getByTestId('priors-none').textContent(), SLOW).toContain('uniform priors on [2, 10] for 8 agents');
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('small community: the AGV prior of each agent with a history, its KDE over the histogram', async () => {
    const page = await openApp(app);
    await page.setViewportSize({ width: 1600, height: 1400 });
    await runSample(page, 'small-community-market');
    await page.getByTestId('mech-tab-priors').click();
    await expect.poll(async () => (await plotData(page, 'mechanism-prior-plot'))?.length, SLOW).toBe(2);
    const agents = await page.getByTestId('prior-agent').locator('option').allTextContents();
    expect(agents.length).toBeGreaterThan(1);
    const [hist, kde] = (await plotData(page, 'mechanism-prior-plot'))!;
    expect([hist!.type, kde!.name]).toEqual(['bar', 'KDE prior']);
    expect(hist!.name).toBe('history (10 bids)');
    expect(await page.getByTestId('prior-mass').textContent()).toMatch(/∫ density ≈ 1 /);
    await shot(page, 'mechanism-priors');
    await page.getByTestId('prior-agent').selectOption(agents[1]!);
    await expect.poll(async () => JSON.stringify((await plotData(page, 'mechanism-prior-plot'))![1]!.y), SLOW).not.toBe(JSON.stringify(kde!.y));
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('studies over random books in the workers: market size, community prices against the supply–demand ratio, Monte Carlo with N editable and Cancel', async () => {
    const page = await openApp(app);
    await page.setViewportSize({ width: 1600, height: 1400 });
    await runSample(page, 'classroom-bid-book');

    await page.getByTestId('mech-tab-size').click();
    expect(await page.getByTestId('mech-study-books').textContent()).toContain('4 buyers, 4 sellers; values uniform on [4, 10], costs uniform on [2, 7], 1 kWh per bid');
    await page.getByTestId('mech-size-sizes').fill('2,8,32');
    await page.getByTestId('mech-size-books').fill('3');
    await page.getByTestId('mech-size-run').click();
    await expect.poll(() => page.getByTestId('mech-size-status').textContent(), { timeout: 90_000 }).toMatch(/^9\/9 points · [\d.]+ s$/);
    // the status counts a point before React and plotly have drawn it: wait for the last one on the plot
    await expect.poll(async () => named((await plotData(page, 'mech-size-plot')) ?? [], 'cpa', 'y2')?.x.length, SLOW).toBe(3);
    const size = (await plotData(page, 'mech-size-plot'))!;
    expect(named(size, 'vcg', 'y').x).toEqual([2, 8, 32]);
    for (const e of named(size, 'vcg', 'y').y) expect(e).toBeCloseTo(100, 9);
    const cpa = named(size, 'cpa', 'y').y;
    expect(cpa[0]).toBeLessThan(cpa[1]!);
    expect(cpa[1]).toBeLessThan(cpa[2]!);
    expect(cpa[2]).toBeGreaterThan(99);
    for (const b of named(size, 'cpa', 'y2').y) expect(b).toBeGreaterThan(0);
    for (const b of named(size, 'vcg', 'y2').y) expect(b).toBeLessThan(0);
    await shot(page, 'mechanism-market-size');

    await page.getByTestId('mech-tab-ratio').click();
    await page.getByTestId('mech-ratio-buyers').fill('10');
    await page.getByTestId('mech-ratio-sellers').fill('2,5,10,20');
    await page.getByTestId('mech-ratio-run').click();
    await expect.poll(() => page.getByTestId('mech-ratio-status').textContent(), { timeout: 90_000 }).toMatch(/^4\/4 points · [\d.]+ s$/);
    await expect.poll(async () => named((await plotData(page, 'mech-ratio-plot')) ?? [], 'bill-sharing sell')?.x.length, SLOW).toBe(4);
    const ratio = (await plotData(page, 'mech-ratio-plot'))!;
    expect(named(ratio, 'sdr buy').x).toEqual([0.2, 0.5, 1, 2]);
    // the classroom book's tariff: grid buy 11, sell 1; SDR ≥ 1 → both at the grid sell price
    expect(named(ratio, 'sdr buy').y.slice(2)).toEqual([1, 1]);
    expect(named(ratio, 'sdr sell').y.slice(2)).toEqual([1, 1]);
    expect(named(ratio, 'mmr sell').y.slice(0, 3)).toEqual([6, 6, 6]);
    await shot(page, 'mechanism-community-prices');

    await page.getByTestId('mech-tab-monte-carlo').click();
    await page.getByTestId('mech-monte-carlo-books').fill('10');
    await page.getByTestId('mech-monte-carlo-run').click();
    await expect.poll(() => page.getByTestId('mech-monte-carlo-status').textContent(), { timeout: 120_000 }).toMatch(/^10\/10 points · [\d.]+ s$/);
    await expect.poll(async () => (await plotData(page, 'mech-monte-carlo-plot'))?.find((t) => t.name === 'bill-sharing' && t.yaxis === 'y4')?.y.length, SLOW).toBe(10);
    const mc = (await plotData(page, 'mech-monte-carlo-plot'))!;
    expect(mc).toHaveLength(4 * 12);
    expect(mc.every((t) => t.type === 'box')).toBe(true);
    const box = (name: string, axis: string) => mc.find((t) => t.name === name && t.yaxis === axis)!.y;
    expect(box('vcg', 'y')).toHaveLength(10);
    for (const e of box('vcg', 'y')) expect(e).toBeCloseTo(100, 9);
    for (const b of box('cpa', 'y2')) expect(b).toBeGreaterThanOrEqual(0);
    for (const b of box('vcg', 'y2')) expect(b).toBeLessThan(0);
    for (const g of box('vcg', 'y3')) expect(g).toBeLessThan(1e-9);
    expect(Math.max(...box('pay-as-bid', 'y3'))).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="mech-monte-carlo-table"] tbody tr').count()).toBe(12);
    await shot(page, 'mechanism-monte-carlo');

    // a long study: the boxes grow while it runs; Cancel stops it short
    await page.getByTestId('mech-monte-carlo-books').fill('400');
    await page.getByTestId('mech-monte-carlo-run').click();
    await expect.poll(async () => Number((await page.getByTestId('mech-monte-carlo-status').textContent())?.split('/')[0]), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    expect((await plotData(page, 'mech-monte-carlo-plot'))!.find((t) => t.name === 'vcg')!.y.length).toBeGreaterThanOrEqual(3);
    await page.getByTestId('mech-monte-carlo-cancel').click();
    await expect.poll(() => page.getByTestId('mech-monte-carlo-cancel').isDisabled(), SLOW).toBe(true);
    const done = Number((await page.getByTestId('mech-monte-carlo-status').textContent())!.split('/')[0]);
    expect(done).toBeLessThan(400);
    expect(await page.getByTestId('mech-monte-carlo-status').textContent()).toMatch(/^\d+\/400 points/);
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
