/**
 * The what-if panel driven through the web build in Chromium: open the IEEE
 * 33-bus sample, sweep network.loadScale over 0.5:1.5:5 recording the lowest
 * bus voltage, and get a plot of 5 points and a CSV export; values that would
 * make the scenario invalid are refused before anything runs; a 2-D grid gives
 * a heat map, and a contour plot with the cells that did not converge left
 * blank, exported as SVG from the plot's toolbar; a tornado draws its bars;
 * Monte Carlo and the A/B comparison; a VPP game's sweep of the fee cap
 * gives its equilibrium paths. Screenshots go to test/e2e/out (git-ignored;
 * their paths are printed).
 */
import { expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT } from './browser.ts';

const SLOW = { timeout: 60_000 };
const tmp = mkdtempSync(path.join(tmpdir(), 'ggs-e2e-whatif-'));

/** A plot's first trace as plotly holds it (null until drawn). */
function firstTrace<T>(page: Page, testId: string): Promise<T | null> {
  return page.getByTestId(testId).evaluate((el) => ((el as unknown as { data?: unknown[] }).data?.[0] ?? null) as never);
}

/** Clicks the SVG button of a plot's toolbar and returns the downloaded file's name and text. */
async function exportSvg(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const plot = page.getByTestId(testId);
  await plot.scrollIntoViewIfNeeded();
  await plot.hover(); // the toolbar shows on hover
  const download = page.waitForEvent('download');
  await plot.locator('[data-title="Download plot as SVG"]').click();
  const file = await download;
  const saved = path.join(tmp, file.suggestedFilename());
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), text: readFileSync(saved, 'utf8') };
}

/** The x and y of the plotted line of one output (plotly's own data); empty until drawn. */
function plotted(page: Page, outputId: string): Promise<{ x: number[]; y: (number | null)[] }> {
  return page.getByTestId(`whatif-plot-${outputId}`).evaluate((el) => {
    const trace = (el as unknown as { data?: { x: number[]; y: (number | null)[] }[] }).data?.[0];
    return trace ? { x: [...trace.x], y: [...trace.y] } : { x: [], y: [] };
  });
}

async function chooseOutputs(page: Page, ids: string[]) {
  const boxes = page.getByTestId('whatif-outputs').locator('input[type=checkbox]');
  for (const box of await boxes.all()) {
    const id = (await box.getAttribute('data-testid'))!.replace('whatif-output-', '');
    await box.setChecked(ids.includes(id));
  }
}

async function runAndWait(page: Page, points: number) {
  await page.getByTestId('whatif-run').click();
  await expect.poll(() => page.getByTestId('whatif-status').textContent(), SLOW).toMatch(new RegExp(`^${points}/${points} points`));
  await expect.poll(() => page.getByTestId('whatif-run').isEnabled(), SLOW).toBe(true);
}

describeInChromium('What-if panel in Chromium', (app) => {
  it('sweeps the load scale of the IEEE 33 sample: 5 points plotted, the lowest voltage falls, CSV exported', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33');
    await page.getByTestId('tree-whatif').click();
    await page.getByTestId('whatif-param').selectOption('network.loadScale');
    await expect.poll(() => page.getByTestId('whatif-current').textContent()).toBe('now 1 ×');

    // checked before the run: a negative scale makes the scenario invalid
    await page.getByTestId('whatif-values').fill('-1,1');
    await chooseOutputs(page, ['minVoltagePu']);
    await page.getByTestId('whatif-run').click();
    await expect.poll(() => page.getByTestId('whatif-issues').textContent()).toContain('network.loadScale = -1 makes the scenario invalid');
    await page.getByTestId('whatif-values').fill('0.5:1.5:1');
    await expect.poll(() => page.getByTestId('whatif-values-preview').textContent()).toContain('STEPS must be a whole number of at least 2');

    await page.getByTestId('whatif-values').fill('0.5:1.5:5');
    await expect.poll(() => page.getByTestId('whatif-values-preview').textContent()).toBe('5 values: 0.5, 0.75, 1, 1.25, 1.5');
    await runAndWait(page, 5);
    await expect.poll(async () => (await plotted(page, 'minVoltagePu')).y.length, SLOW).toBe(5);
    const { x, y } = await plotted(page, 'minVoltagePu');
    expect(x).toEqual([0.5, 0.75, 1, 1.25, 1.5]);
    expect(y[2]).toBeCloseTo(0.91309, 4); // the point at 1.0 is the sample's own power flow
    for (let k = 1; k < 5; k++) expect(y[k]!).toBeLessThan(y[k - 1]!);
    await page.waitForTimeout(500); // let plotly finish drawing before the screenshot
    await page.screenshot({ path: path.join(OUT, 'whatif-sweep.png') });
    console.log(`screenshot: ${path.join(OUT, 'whatif-sweep.png')}`);

    const download = page.waitForEvent('download');
    await page.getByTestId('whatif-export-csv').click();
    const csvFile = path.join(tmp, 'sweep.csv');
    await (await download).saveAs(csvFile);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('index,network.loadScale,status,message,minVoltagePu,minVoltagePu@,certificate.certified,certificate.value');
    expect(lines[3]!.startsWith('2,1,ok,')).toBe(true);
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('a 2-D grid of load scale × substation voltage gives a heat map', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33');
    await page.getByTestId('tree-whatif').click();
    await page.getByTestId('whatif-param').selectOption('network.loadScale');
    await page.getByTestId('whatif-values').fill('0.5:1.5:5');
    await page.getByTestId('whatif-grid').check();
    await page.getByTestId('whatif2-param').selectOption('network.substation.vmPu');
    await page.getByTestId('whatif2-values').fill('0.98:1.05:3');
    await chooseOutputs(page, ['minVoltagePu']);
    await runAndWait(page, 15);
    const heat = () => page.getByTestId('whatif-plot-minVoltagePu').evaluate((el) => (el as unknown as { data?: { type: string; z: number[][] }[] }).data?.[0] ?? null);
    await expect.poll(heat, SLOW).not.toBeNull();
    const trace = (await heat())!;
    expect(trace.type).toBe('heatmap');
    expect(trace.z).toHaveLength(3); // rows: the second parameter's values
    expect(trace.z[0]).toHaveLength(5);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'whatif-grid.png') });
    console.log(`screenshot: ${path.join(OUT, 'whatif-grid.png')}`);
    await page.context().close();
  });

  it('a tornado of two parameters draws the ± bars of the lowest voltage', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33');
    await page.getByTestId('tree-whatif').click();
    await page.getByTestId('whatif-design').selectOption('tornado');
    await page.getByTestId('whatif-tornado-params').selectOption(['network.loadScale', 'network.substation.vmPu', 'network.buses[id=18].pdKw']);
    await page.getByTestId('whatif-tornado-delta').fill('20');
    await chooseOutputs(page, ['minVoltagePu', 'energyLossesKwh']);
    await runAndWait(page, 7);
    const bars = () => page.getByTestId('whatif-plot-minVoltagePu').evaluate((el) => (el as unknown as { data?: { type: string; y: string[] }[] }).data?.[0] ?? null);
    await expect.poll(bars, SLOW).not.toBeNull();
    expect((await bars())!.y).toHaveLength(3);
    await page.getByTestId('whatif-plot-minVoltagePu').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'whatif-tornado.png') });
    console.log(`screenshot: ${path.join(OUT, 'whatif-tornado.png')}`);
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
  it('Monte Carlo of the load scale ~ uniform(0.8, 1.2), N = 20, seed 7: a histogram of 20 samples, the same summary again, and A vs B differenced', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33');
    await page.getByTestId('tree-whatif').click();
    await page.getByTestId('whatif-design').selectOption('monte-carlo');
    await page.getByTestId('whatif-mc-param-0').selectOption('network.loadScale');
    await page.getByTestId('whatif-mc-dist-0').selectOption('uniform');
    await page.getByTestId('whatif-mc-arg-0-min').fill('0.8');
    await page.getByTestId('whatif-mc-arg-0-max').fill('1.2');
    await page.getByTestId('whatif-mc-samples').fill('20');
    await page.getByTestId('whatif-mc-seed').fill('7');
    await chooseOutputs(page, ['minVoltagePu']);
    await runAndWait(page, 20);
    const histogram = () => page.getByTestId('whatif-plot-minVoltagePu').evaluate((el) => (el as unknown as { data?: { type: string; x: number[] }[] }).data?.[0] ?? null);
    await expect.poll(histogram, SLOW).not.toBeNull();
    const trace = (await histogram())!;
    expect(trace.type).toBe('histogram');
    expect(trace.x).toHaveLength(20);
    // a load scale in [0.8, 1.2] keeps the lowest voltage around the sample's 0.913 pu
    for (const v of trace.x) expect(v).toBeGreaterThan(0.88);
    const summary = () => page.getByTestId('whatif-mc-summary-minVoltagePu').textContent();
    const first = await summary();
    expect(first).toMatch(/^minVoltagePup\.u\.200/); // output, unit, n = 20, failed 0
    await page.getByTestId('whatif-plot-minVoltagePu').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    const shot = process.env.GGS_MC_SHOT ?? path.join(OUT, 'whatif-montecarlo.png');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);

    // the same seed again: the same samples (all from the cache) and the same summary
    await runAndWait(page, 20);
    expect(await page.getByTestId('whatif-status').textContent()).toContain('(20 from cache)');
    expect(await summary()).toBe(first);
    // the two runs compared: same parameter values, so B − A is drawn and is zero
    const diff = () => page.getByTestId('whatif-compare-plot-diff').evaluate((el) => (el as unknown as { data?: { x: number[] }[] }).data?.[0]?.x ?? null);
    await expect.poll(diff, SLOW).not.toBeNull();
    expect((await diff())!.every((d) => d === 0)).toBe(true);
    // another seed: the values differ, so no difference, and the reason is given
    await page.getByTestId('whatif-mc-seed').fill('8');
    await runAndWait(page, 20);
    await expect.poll(() => page.getByTestId('whatif-compare-status').textContent()).toContain('the parameter values differ');
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
  it('a grid into divergence as a contour plot: labelled isolines, the cells that did not converge blank and crossed, exported as SVG', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33');
    await page.getByTestId('tree-whatif').click();
    await page.getByTestId('whatif-param').selectOption('network.loadScale');
    await page.getByTestId('whatif-values').fill('1:4:4');
    await page.getByTestId('whatif-grid').check();
    await page.getByTestId('whatif2-param').selectOption('network.substation.vmPu');
    await page.getByTestId('whatif2-values').fill('0.98:1.05:3');
    await chooseOutputs(page, ['minVoltagePu']);
    await runAndWait(page, 12);
    // the power flow of IEEE 33 does not converge at 4 × its load
    expect(await page.getByTestId('whatif-status').textContent()).toMatch(/ · [1-9]\d* not solved/);
    await page.getByTestId('whatif-grid-style-contour').check();
    type Surface = { type: string; z: (number | null)[][]; contours: { showlabels: boolean } };
    await expect.poll(async () => (await firstTrace<Surface>(page, 'whatif-plot-minVoltagePu'))?.type, SLOW).toBe('contour');
    const surface = (await firstTrace<Surface>(page, 'whatif-plot-minVoltagePu'))!;
    expect(surface.contours.showlabels).toBe(true);
    expect(surface.z.map((row) => row[3])).toEqual([null, null, null]); // load scale 4: no answer, no zero
    for (const row of surface.z) for (const v of row.slice(0, 3)) expect(v!).toBeGreaterThan(0.5);
    const crosses = await page.getByTestId('whatif-plot-minVoltagePu').evaluate((el) => (el as unknown as { data: { name?: string; x: number[] }[] }).data[1] ?? null);
    expect(crosses!.name).toBe('not solved');
    expect(new Set(crosses!.x)).toEqual(new Set([4]));
    await page.waitForTimeout(500);
    await page.getByTestId('whatif-plot-minVoltagePu').screenshot({ path: path.join(OUT, 'whatif-contour.png') });
    console.log(`screenshot: ${path.join(OUT, 'whatif-contour.png')}`);

    const svg = await exportSvg(page, 'whatif-plot-minVoltagePu');
    expect(svg.name).toBe('whatif-powerflow-grid-minVoltagePu.svg');
    expect(svg.text.startsWith('<svg')).toBe(true);
    expect(svg.text).toContain('network.loadScale (×)'); // the axis titles travel as text, not pixels
    expect(svg.text).toContain('network.substation.vmPu (p.u.)');
    // back to the heat map: the same cells
    await page.getByTestId('whatif-grid-style-heatmap').check();
    await expect.poll(async () => (await firstTrace<Surface>(page, 'whatif-plot-minVoltagePu'))?.type).toBe('heatmap');
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('equilibrium paths of the three-VPP game over the service-fee cap: a line per VPP, campus against civic, SVG of the trajectory', async () => {
    const page = await openApp(app);
    await openSample(page, 'three-vpps');
    await page.getByTestId('tree-whatif').click();
    await page.getByTestId('whatif-kind').selectOption('vpp-game');
    await page.getByTestId('whatif-param').selectOption('market.serviceFeeMaxPerKwh');
    await page.getByTestId('whatif-values').fill('0:0.02:5');
    await chooseOutputs(page, ['p2pSalesKwh']);
    await runAndWait(page, 5);
    await page.getByTestId('whatif-view-equilibrium').check();
    // the payoffs were not recorded: the view says so and ticks them; the re-run comes from the cache
    await expect.poll(() => page.getByTestId('whatif-equilibrium-note').textContent()).toContain('not recorded in this run: Payoff per VPP');
    await page.getByTestId('whatif-equilibrium-tick').click();
    expect(await page.getByTestId('whatif-output-payoff').isChecked()).toBe(true);
    await runAndWait(page, 5);
    expect(await page.getByTestId('whatif-status').textContent()).toContain('(5 from cache)');
    await expect.poll(() => page.getByTestId('whatif-equilibrium-note').count()).toBe(0);

    type Line = { name: string; x: number[]; y: (number | null)[] };
    const lines = () => page.getByTestId('whatif-equilibrium-plot-p2pSalesKwh').evaluate((el) => (el as unknown as { data?: Line[] }).data ?? []);
    await expect.poll(async () => (await lines()).length, SLOW).toBe(3);
    const [campus, civic, school] = await lines();
    expect([campus!.name, civic!.name, school!.name]).toEqual(['VPP campus', 'VPP civic', 'VPP school']);
    expect(campus!.x).toEqual([0, 0.005, 0.01, 0.015, 0.02]);
    // a fee makes the largest seller cut back: campus sells less at the highest cap than with no fee
    expect(campus!.y[4]!).toBeLessThan(campus!.y[0]!);
    const payoffs = await page.getByTestId('whatif-equilibrium-plot-payoff').evaluate((el) => (el as unknown as { data: Line[] }).data.length);
    expect(payoffs).toBe(3);

    type Path = { x: (number | null)[]; y: (number | null)[]; text: string[] };
    const path2 = () => firstTrace<Path>(page, 'whatif-equilibrium-trajectory');
    await expect.poll(async () => (await path2())?.x.length, SLOW).toBe(5);
    let trajectory = (await path2())!;
    expect(trajectory.x).toEqual(campus!.y);
    expect(trajectory.y).toEqual(civic!.y);
    expect(trajectory.text).toEqual(['0', '0.005', '0.01', '0.015', '0.02']);
    await page.getByTestId('whatif-equilibrium').scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0); // no toolbar in the picture
    await page.waitForTimeout(600);
    const shot = process.env.GGS_EQ_SHOT ?? path.join(OUT, 'whatif-equilibrium.png');
    await page.getByTestId('whatif-equilibrium').screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);

    // school against campus instead
    await page.getByTestId('whatif-equilibrium-b').selectOption('p2pSalesKwh:school');
    await expect.poll(async () => (await path2())?.y).toEqual(school!.y);
    trajectory = (await path2())!;
    expect(trajectory.x).toEqual(campus!.y);

    const svg = await exportSvg(page, 'whatif-equilibrium-trajectory');
    expect(svg.name).toBe('whatif-vpp-game-sweep-equilibrium-trajectory-campus-vs-school.svg');
    expect(svg.text.startsWith('<svg')).toBe(true);
    expect(svg.text).toContain('VPP campus (kWh)');
    expect(svg.text).toContain('VPP school (kWh)');
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
