/**
 * The Bayesian models in the web build, through the real UI in Chromium:
 * - k-double auction: open the sample, run kda in the Web Worker, see the
 *   strategy plot with both players and the linear references, and a
 *   certificate ≤ 1e-9; edit the priors (triangular, custom weights, a
 *   changed type grid and its fix) and see the bars follow.
 * - EV parking lot: edit a generator distribution and see the preview
 *   histogram change, change a prior weight and see the normalised bar,
 *   edit the microgrid, run ev-bayesian, run the prior-sensitivity sweep
 *   (and cancel one), freeze the fleet into a table.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, plotData as plotDataOf, SLOW, typeInto } from './browser.ts';

interface Trace {
  name?: string;
  x: (number | string)[];
  y: (number | null)[];
}
const plotData = (page: Page, testId: string) => plotDataOf<Trace>(page, testId);

/** types a value into an input and commits it (Enter), as a user would */
/** screenshots without the hover toolbar of the last plot touched */
const unhover = (page: Page) => page.mouse.move(1, 1);

/** the whole results panel (the window made tall enough to hold it), in pieces of 1000 px, for looking at every plot */
async function shootResults(page: Page, name: string, parts: Record<string, string> = {}) {
  await page.setViewportSize({ width: 1600, height: 4000 });
  await unhover(page);
  await page.waitForTimeout(800);
  const box = (await page.getByTestId('results').boundingBox())!;
  for (let k = 0, y = box.y; y < box.y + box.height; k++, y += 1000)
    await page.screenshot({ path: path.join(OUT, `${name}-${k + 1}.png`), clip: { x: box.x, y, width: box.width, height: Math.min(1000, box.y + box.height - y) } });
  // and single parts of it (test id → file), whole
  for (const [testId, file] of Object.entries(parts)) await page.getByTestId(testId).screenshot({ path: path.join(OUT, file) });
  await page.setViewportSize({ width: 1600, height: 960 });
}

const sum = (xs: readonly (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
const argmax = (xs: readonly (number | null)[]) => xs.reduce<number>((best, v, i) => ((v ?? -Infinity) > (xs[best] ?? -Infinity) ? i : best), 0);

describeInChromium('Bayesian models in Chromium', (app) => {
  it('opens k-double-auction, runs kda, plots buyer and seller strategies against the linear ones, certificate ≤ 1e-9', async () => {
    const page = await openApp(app);
    await openSample(page, 'k-double-auction');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('k-double-auction');
    await page.getByTestId('tree-kda').click();
    await expect.poll(() => page.getByTestId('field-kda.k').inputValue(), SLOW).toBe('0.5');
    // uniform priors: 101 equal bars
    await expect.poll(async () => (await plotData(page, 'kda-prior-buyer-bars'))?.[0]?.y.length, SLOW).toBe(101);

    await page.getByLabel('job kind').selectOption('kda');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);

    await expect.poll(async () => (await plotData(page, 'kda-strategy-plot'))?.length, SLOW).toBe(5);
    const traces = (await plotData(page, 'kda-strategy-plot'))!;
    expect(traces.map((t) => [t.name, t.x.length])).toEqual([
      ['buyer bid b(v), found', 101],
      ['seller ask a(c), found', 101],
      ['Chatterjee–Samuelson linear bid: b = 2v/3 + 1/12', 101],
      ['Chatterjee–Samuelson linear ask: a = 2c/3 + 1/4', 101],
      ['truthful (bid = value, ask = cost)', 2],
    ]);
    // started from the linear profile, the solver returns it: the plot says how far apart they are
    const distance = Number((await page.getByTestId('kda-linear-distance').textContent())!.split('= ')[1]);
    expect(distance).toBeLessThan(1e-9);

    const gain = Number(await page.getByTestId('max-deviation-gain').textContent());
    expect(gain).toBeGreaterThanOrEqual(0);
    expect(gain).toBeLessThanOrEqual(1e-9);
    await expect.poll(() => page.getByTestId('kda-summary').textContent()).toContain('Efficient benchmark');
    // one sweep from the linear start: nothing to plot, the sentence says why
    await expect.poll(() => page.getByTestId('results').textContent()).toContain('one sweep: no type wanted to move');

    await page.waitForTimeout(500);
    await unhover(page);
    await page.screenshot({ path: path.join(OUT, 'kda.png') });
    await shootResults(page, 'kda-results');
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('edits the kda priors: a triangular buyer prior peaks at its mode, a custom seller weight moves its bar, a new type grid is flagged and resampled', async () => {
    const page = await openApp(app);
    await openSample(page, 'k-double-auction');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('k-double-auction');
    await page.getByTestId('tree-kda').click();
    const bars = async (side: string) => (await plotData(page, `kda-prior-${side}-bars`))?.[0]?.y ?? [];

    await page.getByTestId('kda-prior-buyer-shape').selectOption('triangular');
    await expect.poll(async () => argmax(await bars('buyer')), SLOW).toBe(50); // mode 0.5
    await typeInto(page, 'kda-prior-buyer-mode', '0.25');
    await expect.poll(async () => argmax(await bars('buyer')), SLOW).toBe(25);
    expect(sum(await bars('buyer'))).toBeCloseTo(1, 9);

    await page.getByTestId('kda-prior-seller-shape').selectOption('custom');
    await expect.poll(() => page.getByTestId('kda-prior-seller-table').locator('tbody tr').count(), SLOW).toBe(101);
    await typeInto(page, 'kda-prior-seller-w0', '50');
    // weights 50, 1, 1, …: the first type holds 50 / 150 of the prior
    await expect.poll(async () => (await bars('seller'))[0], SLOW).toBeCloseTo(1 / 3, 9);

    await typeInto(page, 'field-kda.typePoints', '41');
    await expect.poll(() => page.getByTestId('kda-prior-buyer-issue').textContent(), SLOW).toContain('kda.buyerPrior: holds 101 weights but kda.typePoints is 41');
    await page.getByTestId('kda-prior-buyer-resample').click();
    await page.getByTestId('kda-prior-seller-resample').click();
    await expect.poll(() => page.getByTestId('kda-prior-buyer-issue').count(), SLOW).toBe(0);
    await expect.poll(async () => (await bars('buyer')).length, SLOW).toBe(41);
    expect(argmax(await bars('buyer'))).toBe(10); // 0.25 on the 41-point grid
    await page.waitForTimeout(400);
    await unhover(page);
    await page.screenshot({ path: path.join(OUT, 'kda-priors.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('ev-parking-lot: edits a generator distribution and sees the preview change, a prior and its normalised bar, the microgrid; runs ev-bayesian, the prior-sensitivity sweep and a cancelled one; freezes the fleet', { timeout: 300_000 }, async () => {
    const page = await openApp(app);
    try {
      await evWorkbench(page);
    } catch (e) {
      await unhover(page);
      await page.screenshot({ path: path.join(OUT, 'ev-failure.png') });
      throw e;
    }
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});

/** The EV workbench steps, in the order a user would take them. */
async function evWorkbench(page: Page) {
  await openSample(page, 'ev-parking-lot');
  await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('ev-parking-lot');
  await page.getByTestId('tree-evFleets').click();
  await expect.poll(() => page.getByTestId('ev-generator-0').textContent(), SLOW).toContain('normal mean 8.5, sd 1.2, clipped to [6, 12]');
  await expect.poll(() => page.getByTestId('ev-levels-0').locator('tbody tr').count(), SLOW).toBe(3);
  await expect.poll(() => page.getByTestId('ev-roles-0').textContent(), SLOW).toMatch(/Sampled: 40 EVs/);

  // the arrival-time preview: 40 sampled EVs against a clipped normal
  const hist = async () => {
    const t = await plotData(page, 'ev-gen-0-arrivalH-hist');
    return t && t.length === 2 ? { observed: t[0]!.y as number[], expected: t[1]!.y as number[] } : null;
  };
  await expect.poll(async () => sum((await hist())?.observed ?? []), SLOW).toBe(40);
  const meanText = () => page.getByTestId('ev-gen-0-arrivalH-stats').textContent();
  const before = (await meanText())!;
  expect(before).toMatch(/distribution 8\.5/);
  await unhover(page);
  await page.screenshot({ path: path.join(OUT, 'ev-generator.png') });

  // a later mean moves the distribution's mean and the sample's
  await typeInto(page, 'ev-gen-0-arrivalH-mean', '10');
  await expect.poll(meanText, SLOW).not.toBe(before);
  const after = (await meanText())!.match(/sample mean ([\d.]+) · distribution ([\d.]+)/)!;
  expect(Number(after[2])).toBeGreaterThan(9.8);
  expect(Number(after[2])).toBeLessThan(10);
  expect(Number(after[1])).toBeGreaterThan(Number(before.match(/sample mean ([\d.]+)/)![1]));

  // uniform over the clip bounds: the expected line is flat
  await page.getByTestId('ev-gen-0-arrivalH-kind').selectOption('uniform');
  await expect.poll(() => page.getByTestId('ev-gen-0-arrivalH').textContent(), SLOW).toContain('uniform [6, 12]');
  await expect.poll(async () => {
    const e = (await hist())?.expected ?? [];
    return e.length > 0 && e.every((v) => Math.abs(v - e[0]!) < 1e-9);
  }, SLOW).toBe(true);
  expect(sum((await hist())!.expected)).toBeCloseTo(40, 9);

  // a bigger fleet: 200 EVs in every histogram
  await typeInto(page, 'field-evFleets[0].generator.count', '200');
  await expect.poll(async () => sum((await hist())?.observed ?? []), SLOW).toBe(200);
  await expect.poll(() => page.getByTestId('ev-roles-0').textContent(), SLOW).toMatch(/Sampled: 200 EVs/);

  // the prior: weights 0.3, 0.4, 0.9 are shares 18.75 %, 25 %, 56.25 %
  await typeInto(page, 'ev-levels-0-2-prior', '0.9');
  await expect.poll(() => page.getByTestId('ev-prior-seg-0-2').getAttribute('data-share'), SLOW).toBe('0.5625');
  expect(await page.getByTestId('ev-prior-seg-0-0').getAttribute('data-share')).toBe('0.1875');
  // a negative weight is flagged in its cell and listed with its path
  await typeInto(page, 'ev-levels-0-1-prior', '-1');
  await expect.poll(() => page.getByTestId('ev-levels-issues-0').textContent(), SLOW).toContain('evFleets[0].responsiveness[1].prior');
  await typeInto(page, 'ev-levels-0-1-prior', '0.4');
  await expect.poll(() => page.getByTestId('ev-levels-issues-0').count(), SLOW).toBe(0);
  await page.waitForTimeout(300);
  await unhover(page);
  await page.screenshot({ path: path.join(OUT, 'ev-generator-edited.png') });

  // the microgrid: its day plot follows the carbon price
  await page.getByTestId('tree-evMarket').click();
  await expect.poll(async () => (await plotData(page, 'ev-market-day'))?.map((t) => t.name), SLOW).toContain('buy + carbon cost');
  await typeInto(page, 'field-evMarket.carbonPricePerKg', '0');
  await expect.poll(async () => (await plotData(page, 'ev-market-day'))?.map((t) => t.name), SLOW).toEqual(['PV output (kW)', 'carbon intensity (kg/kWh)', 'buy λb', 'sell λs']);
  await typeInto(page, 'field-evMarket.carbonPricePerKg', '0.05');
  await unhover(page);
  await page.screenshot({ path: path.join(OUT, 'ev-market.png') });

  // back to the sample's fleet: arrival times, prior, 40 EVs
  await page.getByTestId('tree-evFleets').click();
  await page.getByTestId('ev-gen-0-arrivalH-kind').selectOption('normal');
  await typeInto(page, 'ev-gen-0-arrivalH-mean', '8.5');
  await typeInto(page, 'ev-gen-0-arrivalH-sd', '1.2');
  await expect.poll(() => page.getByTestId('ev-gen-0-arrivalH').textContent(), SLOW).toContain('normal mean 8.5, sd 1.2, clipped to [6, 12]');
  await typeInto(page, 'ev-levels-0-2-prior', '0.3');
  await typeInto(page, 'field-evFleets[0].generator.count', '40');
  await expect.poll(() => page.getByTestId('ev-roles-0').textContent(), SLOW).toMatch(/Sampled: 40 EVs/);
  await page.getByLabel('job kind').selectOption('ev-bayesian');
  // 16 common-random-number type profiles instead of 64 keep each job (and each sweep point) under a second or two
  await typeInto(page, 'option-sampleSize', '16');
  await page.getByTestId('run-button').click();
  await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 120_000 }).toMatch(/^ok:/);
  await expect.poll(async () => (await plotData(page, 'ev-strategy-plot'))?.length, SLOW).toBe(3);
  await expect.poll(() => page.getByTestId('ev-strategy-table').locator('tbody tr').count(), SLOW).toBe(40);
  expect((await plotData(page, 'ev-type-strategy-plot'))!.filter((t) => t.name?.startsWith('mean')).map((t) => t.x.length)).toEqual([3, 3]);
  expect(Number(await page.getByTestId('max-deviation-gain').textContent())).toBeLessThanOrEqual(0.01);

  // the prior-sensitivity sweep: 3 shares of the most responsive level
  await expect.poll(() => page.getByTestId('ev-sens-level').inputValue(), SLOW).toBe('2');
  await typeInto(page, 'ev-sens-from', '0.1');
  await typeInto(page, 'ev-sens-to', '0.8');
  await typeInto(page, 'ev-sens-points', '3');
  await page.getByTestId('ev-sens-run').click();
  await expect.poll(() => page.getByTestId('ev-sens-status').textContent(), { timeout: 120_000 }).toMatch(/^3\/3 points/);
  await expect.poll(async () => (await plotData(page, 'ev-sensitivity-plot'))?.length, SLOW).toBe(3);
  const sens = (await plotData(page, 'ev-sensitivity-plot'))!;
  expect(sens.map((t) => t.name)).toEqual(['V2V volume (kWh)', 'green utilisation (%)', 'grid emissions (kg CO₂)']);
  for (const t of sens) {
    expect(t.x.map((x) => Number(Number(x).toFixed(6)))).toEqual([10, 45, 80]);
    expect(t.y.every((y) => typeof y === 'number' && Number.isFinite(y))).toBe(true);
  }
  // more responsive users trade more (issue 5 item 6, here end to end)
  expect(sens[0]!.y[2]!).toBeGreaterThan(sens[0]!.y[0]!);
  expect(await page.getByTestId('ev-sens-table').locator('tbody tr').count()).toBe(3);
  await shootResults(page, 'ev-bayesian-results', { 'ev-sensitivity': 'ev-sensitivity.png' });

  // a longer sweep, cancelled after it starts: the points not run say so
  await typeInto(page, 'ev-sens-points', '8');
  await page.getByTestId('ev-sens-run').click();
  await expect.poll(() => page.getByTestId('ev-sens-cancel').isEnabled(), SLOW).toBe(true);
  await page.getByTestId('ev-sens-cancel').click();
  await expect.poll(() => page.getByTestId('ev-sens-run').isEnabled(), { timeout: 60_000 }).toBe(true);
  await expect.poll(() => page.getByTestId('ev-sens-table').textContent(), SLOW).toContain('cancelled');
  await expect.poll(() => page.getByTestId('log').textContent(), SLOW).toMatch(/prior sensitivity: \d of 8 points solved \(cancelled\)/);
  await page.waitForTimeout(300);
  await unhover(page);
  await page.screenshot({ path: path.join(OUT, 'ev-bayesian.png') });

  await page.getByTestId('ev-freeze-0').click();
  await expect.poll(() => page.getByTestId('ev-table-0').locator('tbody tr').count(), SLOW).toBe(40);
}
