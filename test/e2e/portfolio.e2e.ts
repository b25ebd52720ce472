/**
 * The contract portfolio in the web build, through the real UI in Chromium:
 * open retailer-portfolio from the Samples menu, see the Contracts section,
 * run the `portfolio` job (glpk.js in the Web Worker), and see the cost
 * histogram with VaR and CVaR drawn as vertical lines at the reported values.
 * Then the scenario models (an edit moves the preview and its statistics;
 * undo), the CSV import (a bad file is refused with its rows and columns, a
 * good one replaces the scenarios), the frontier as a what-if sweep (points
 * appear, hover shows a portfolio) and the comparison with a portfolio the
 * user types in. Screenshots go to test/e2e/out/.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, ROOT, SLOW } from './browser.ts';

const SOLVE = { timeout: 180_000, interval: 500 };

type PlotEl = { data?: { x: number[]; y: number[]; name?: string }[]; layout?: unknown };

/** One row of the simulation statistics table: [model, simulated]. */
const statistic = (page: Page, name: string) =>
  page.getByTestId('simulation-statistics').evaluate((el, name) => {
    const row = [...el.querySelectorAll('tbody tr')].find((r) => r.querySelector('td')?.textContent?.startsWith(name));
    return row ? [...row.querySelectorAll('td')].slice(1, 3).map((td) => Number(td.textContent)) : null;
  }, name);

/** The highest 95 % quantile the price fan draws (its 5–95 % band's upper edge is trace 1). */
const fanTop = (page: Page, testId: string) => page.getByTestId(testId).evaluate((el) => Math.max(...((el as unknown as PlotEl).data?.[1]?.y ?? [NaN])));

/** Commits a form field by typing and Enter, as a user does. */
async function setField(page: Page, path: string, value: string) {
  const input = page.getByTestId(`field-${path}`);
  await input.fill(value);
  await input.press('Enter');
}

/** The long-form CSV of `S` scenarios × 48 periods, prices and demand made up but plausible. */
function csvOf(S: number): string {
  const lines = ['scenario,period,price_per_kwh,demand_kw'];
  for (let s = 0; s < S; s++) for (let t = 1; t <= 48; t++) lines.push(`y${2020 + s},${t},${(0.08 + 0.01 * s + 0.02 * Math.sin((t * Math.PI) / 12)).toFixed(4)},${1000 + 100 * s + 300 * Math.sin((t * Math.PI) / 24)}`);
  return lines.join('\n');
}

/** The x positions and labels of the histogram's vertical lines as plotly holds them; null until drawn. */
const histogramMarkers = (page: Page) =>
  page.getByTestId('cost-histogram').evaluate((el) => {
    const l = (el as unknown as { layout?: { shapes?: { x0: number }[]; annotations?: { text: string }[] } }).layout;
    return l?.shapes ? l.shapes.map((s, i) => ({ x: s.x0, text: l.annotations?.[i]?.text ?? '' })) : null;
  });

const histogramCount = (page: Page) => page.getByTestId('cost-histogram').evaluate((el) => (el as unknown as { data?: { x: number[] }[] }).data?.[0]?.x.length ?? 0);

describeInChromium('Portfolio in Chromium', (app) => {
  it('opens retailer-portfolio, edits in the Contracts section, runs the portfolio job and shows the histogram with VaR and CVaR, and the price fan', async () => {
    const page = await openApp(app);
    await openSample(page, 'retailer-portfolio');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('retailer-portfolio');
    await page.getByTestId('tree-contracts').click();
    await expect.poll(() => page.getByTestId('contracts-table').locator('tbody tr').count(), SLOW).toBe(6);
    await expect.poll(() => page.getByTestId('field-portfolio.risk.lambda').inputValue(), SLOW).toBe('0.5');

    await page.getByLabel('job kind').selectOption('portfolio');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 120_000, interval: 500 }).toMatch(/^ok:/);
    await expect.poll(() => page.getByTestId('lp-status').textContent(), SLOW).toBe('optimal');

    await expect.poll(() => histogramCount(page), SLOW).toBe(200);
    const marks = (await histogramMarkers(page))!;
    expect(marks.map((m) => m.text.split(' ')[0])).toEqual(['E[cost]', 'VaR', 'CVaR']);
    const [mean, vaR, cvar] = marks.map((m) => m.x) as [number, number, number];
    expect(mean).toBeLessThan(vaR);
    expect(vaR).toBeLessThanOrEqual(cvar);
    // the CVaR line sits at the ex-post CVaR of the certificate
    const expost = Number((await page.getByTestId('expost-cvar').textContent())!.split('/')[1]);
    expect(Math.abs(cvar - expost)).toBeLessThan(1e-6 * Math.abs(expost) + 1e-3);
    await expect.poll(() => page.getByTestId('portfolio-volumes').evaluate((el) => (el as unknown as { data?: unknown[] }).data?.length ?? 0), SLOW).toBe(2);

    // fan chart of the simulated prices: two bands and the median
    await expect.poll(() => page.getByTestId('price-fan').evaluate((el) => (el as unknown as { data?: unknown[] }).data?.length ?? 0), SLOW).toBe(5);
    // (the frontier button runs six LP jobs; too slow for this test on a loaded machine: not covered here)
    await page.getByTestId('cost-histogram').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(ROOT, 'test/e2e/out/portfolio.png') }); // docs/screenshot-portfolio.png is a curated copy
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('edits the spot-price model and the preview and its statistics follow; undo; a bad CSV is refused by row and column, a good one replaces the scenarios', async () => {
    const page = await openApp(app);
    await openSample(page, 'retailer-portfolio');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('retailer-portfolio');
    await page.getByTestId('tree-portfolioScenarios').click();
    await expect.poll(() => page.getByTestId('preview-note').textContent(), SLOW).toMatch(/^all 200 scenarios × 48 periods, seed 2026/);
    const jumpsBefore = (await statistic(page, 'price jumps'))!;
    expect(jumpsBefore[0]).toBe(0.4);
    await expect.poll(() => fanTop(page, 'preview-price-fan'), SLOW).toBeGreaterThan(0);
    const topBefore = await fanTop(page, 'preview-price-fan');
    const kappaBefore = (await statistic(page, 'lag-1 autocorrelation'))!;
    expect(kappaBefore[0]).toBeCloseTo(Math.exp(-0.08), 3);

    // ten jumps a day: the model column says 10, the simulation counts about 10, the 95 % band rises
    await setField(page, 'portfolio.spotPrice.jumps.perDay', '10');
    await expect.poll(async () => (await statistic(page, 'price jumps'))?.[0], SLOW).toBe(10);
    const jumpsAfter = (await statistic(page, 'price jumps'))!;
    expect(jumpsAfter[1]).toBeGreaterThan(9);
    expect(jumpsAfter[1]).toBeLessThan(11);
    await expect.poll(() => fanTop(page, 'preview-price-fan'), SLOW).toBeGreaterThan(topBefore * 1.2);
    // an hour-of-day multiplier is a cell of its own; the mean reversion moves the autocorrelation
    await setField(page, 'portfolio.spotPrice.meanReversionPerHour', '0.5');
    await expect.poll(async () => (await statistic(page, 'lag-1 autocorrelation'))?.[0], SLOW).toBeCloseTo(Math.exp(-0.5), 3);
    await page.getByTestId('simulation-statistics').scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(OUT, 'portfolio-scenarios.png') });

    // a value the schema refuses is shown at its field with the path in the status bar, and there is no preview
    await setField(page, 'portfolio.demand.priceCorrelation', '1.5');
    await expect.poll(() => page.getByTestId('field-portfolio.demand.priceCorrelation').getAttribute('aria-invalid'), SLOW).toBe('true');
    await expect.poll(() => page.getByTestId('statusbar').textContent(), SLOW).toContain('portfolio.demand.priceCorrelation');
    await expect.poll(() => page.getByTestId('preview-unavailable').textContent(), SLOW).toContain('portfolio.demand.priceCorrelation');

    // undo three times: back to the sample's model and its statistics
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('field-portfolio.spotPrice.jumps.perDay').inputValue(), SLOW).toBe('0.4');
    await expect.poll(async () => (await statistic(page, 'price jumps'))?.[1], SLOW).toBe(jumpsBefore[1]);

    // a bad CSV: the dialog lists row and column; the document keeps its simulated scenarios
    await page.getByTestId('csv-import-open').click();
    await page.getByTestId('csv-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('scenario,period,price_per_kwh,demand_kw\ns1,1,0.1,900\ns1,2,abc,900\ns1,3,0.1,\n') });
    await expect.poll(() => page.getByTestId('csv-issue').count(), SLOW).toBe(3);
    const issues = await page.getByTestId('csv-issue').allTextContents();
    // in row order
    expect(issues[0]).toMatch(/^2periodscenario "s1" has no row for periods 2, 3, 4/);
    expect(issues[1]).toBe('3price_per_kwhthe price must be a number, not "abc"');
    expect(issues[2]).toBe('4demand_kwmissing value');
    expect(await page.getByTestId('csv-accept').isDisabled()).toBe(true);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(OUT, 'portfolio-csv-errors.png') });
    await page.getByTestId('csv-cancel').click();
    expect(await page.getByTestId('scenario-source').textContent()).toBe('simulated from the models below');

    // a good CSV: three scenarios replace the simulated ones (one undo step)
    await page.getByTestId('csv-import-open').click();
    await page.getByTestId('csv-file').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csvOf(3)) });
    await expect.poll(() => page.getByTestId('csv-summary').textContent(), SLOW).toContain('3 scenarios (y2020, y2021, y2022) × 48 periods');
    await page.getByTestId('csv-accept').click();
    await expect.poll(() => page.getByTestId('scenario-source').textContent(), SLOW).toBe('imported: 3 scenarios from mine.csv');
    await expect.poll(() => page.getByTestId('preview-note').textContent(), SLOW).toBe('3 imported scenarios × 48 periods');
    // the fan's median at period 1 is the middle scenario's price
    await expect.poll(() => page.getByTestId('preview-price-fan').evaluate((el) => (el as unknown as PlotEl).data?.[4]?.y[0]), SLOW).toBeCloseTo(0.09 + 0.02 * Math.sin(Math.PI / 12), 4);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('scenario-source').textContent(), SLOW).toBe('simulated from the models below');
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('solves the frontier over λ in the what-if engine (points appear, hover shows a portfolio), evaluates a typed-in portfolio and compares it side by side', async () => {
    const page = await openApp(app);
    await openSample(page, 'retailer-portfolio');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('retailer-portfolio');
    await page.getByLabel('job kind').selectOption('portfolio');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), SOLVE).toMatch(/^ok:/);

    await page.getByTestId('tree-portfolioRisk').click();
    await page.getByTestId('frontier-values').fill('0,1,4');
    await page.getByTestId('frontier-run').click();
    await expect.poll(() => page.getByTestId('frontier-progress').textContent(), SOLVE).toMatch(/^3\/3 points/);
    await expect.poll(() => page.getByTestId('frontier-table').locator('tbody tr').count(), SLOW).toBe(3);
    const curve = await page.getByTestId('frontier-plot').evaluate((el) => ({ x: (el as unknown as PlotEl).data![0]!.x, y: (el as unknown as PlotEl).data![0]!.y }));
    expect(curve.x).toHaveLength(3);
    // more weight on CVaR: CVaR falls, expected cost rises
    expect(curve.x[2]!).toBeLessThanOrEqual(curve.x[0]! + 1e-6);
    expect(curve.y[2]!).toBeGreaterThanOrEqual(curve.y[0]! - 1e-6);
    // the stacked volumes: one bar trace per contract, three points each
    await expect.poll(() => page.getByTestId('frontier-volumes').evaluate((el) => (el as unknown as PlotEl).data?.map((t) => t.y.length)), SLOW).toEqual([3, 3, 3, 3, 3, 3]);

    // hover the λ = 4 point: its portfolio in the hover label
    const at = await page.getByTestId('frontier-plot').evaluate((el) => {
      const fl = (el as unknown as { _fullLayout: { xaxis: { l2p(v: number): number; _offset: number }; yaxis: { l2p(v: number): number; _offset: number } } })._fullLayout;
      const d = (el as unknown as PlotEl).data![0]!;
      return { x: fl.xaxis._offset + fl.xaxis.l2p(d.x[2]!), y: fl.yaxis._offset + fl.yaxis.l2p(d.y[2]!) };
    });
    const box = (await page.getByTestId('frontier-plot').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.getByTestId('frontier-plot').evaluate((el) => el.querySelector('.hoverlayer')?.textContent ?? ''), SLOW).toMatch(/λ = 4.*Baseload: \d+ kW.*Solar PPA: \d+ kW/);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(OUT, 'portfolio-frontier.png') });

    // your portfolio: a typo is refused at its contract; then evaluate and compare with the last run
    await page.getByTestId('user-volume-base').fill('9x');
    await expect.poll(() => page.getByTestId('evaluate-issues').textContent(), SLOW).toContain('volumesKw.base: must be a volume in kW');
    expect(await page.getByTestId('evaluate-run').isDisabled()).toBe(true);
    await page.getByTestId('user-volume-base').fill('1200');
    await page.getByTestId('user-volume-peak').fill('300');
    await page.getByTestId('evaluate-run').click();
    await expect.poll(() => page.getByTestId('user-metrics').textContent(), SOLVE).toMatch(/^E\[cost\] [\d,]+ · CVaR/);
    await expect.poll(() => page.getByTestId('compare-table').locator('tbody tr').count(), SLOW).toBe(6 + 6);
    const row = (label: string) => page.getByTestId('compare-table').locator('tbody tr', { hasText: label }).locator('td').allTextContents();
    expect((await row('Volume Baseload'))[2]).toBe('1,200');
    // the optimum of E + λ·CVaR is no worse on that objective than the typed-in portfolio
    const num = (t: string) => Number(t.replace(/,/g, '').replace('−', '-').replace('+', ''));
    const [, eA, eB] = (await row('Expected cost')).map(num);
    const [, cA, cB] = (await row('CVaR')).map(num);
    expect(eA! + 0.5 * cA!).toBeLessThanOrEqual(eB! + 0.5 * cB! + 2);
    await expect.poll(() => page.getByTestId('compare-histogram-b').evaluate((el) => (el as unknown as PlotEl).data?.[0]?.x.length ?? 0), SLOW).toBe(200);
    await expect.poll(() => page.getByTestId('compare-cheaper').textContent(), SLOW).toMatch(/^B is cheaper in \d+ of 200 scenarios/);

    // a frontier point as A: evaluated on the same scenarios for its histogram
    await page.getByTestId('compare-a-4').click();
    await expect.poll(() => page.getByTestId('compare-table').locator('thead').textContent(), SOLVE).toContain('A: frontier λ = 4');
    const [, cvar4] = (await row('CVaR')).map(num);
    expect(Math.abs(cvar4! - curve.x[2]!)).toBeLessThan(1);
    // a tall window, so the screenshot holds the table, both histograms and the difference
    await page.setViewportSize({ width: 1600, height: 1500 });
    await page.getByTestId('compare-panel').scrollIntoViewIfNeeded();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(OUT, 'portfolio-compare.png') });
    await page.setViewportSize({ width: 1600, height: 960 });

    // CVaR limits instead: prefilled over the λ frontier's CVaR range; a cap below what any portfolio reaches is infeasible
    await page.getByTestId('frontier-mode-cvar').click();
    const caps = (await page.getByTestId('frontier-values').inputValue()).split(',').map(Number);
    expect(caps).toHaveLength(6);
    expect(Math.min(...caps)).toBeGreaterThanOrEqual(Math.min(...curve.x));
    expect(Math.max(...caps)).toBeLessThanOrEqual(Math.max(...curve.x) + 1);
    await page.getByTestId('frontier-values').fill('5000,6500');
    await page.getByTestId('frontier-run').click();
    await expect.poll(() => page.getByTestId('frontier-progress').textContent(), SOLVE).toMatch(/^2\/2 points · 1 not solved/);
    const capRows = await page.getByTestId('frontier-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent)));
    expect(capRows[0]!.slice(0, 2)).toEqual(['CVaR ≤ 5000', 'infeasible']);
    expect(capRows[1]!.slice(0, 2)).toEqual(['CVaR ≤ 6500', 'ok']);
    expect(num(capRows[1]![3]!)).toBeLessThanOrEqual(6500);

    // a cheaper peak contract: the frontier is stale, solved again over λ it moves down; the result view marks the optimum on it
    await page.getByTestId('tree-contracts').click();
    await page.getByTestId('contracts-table-1-pricePerKwh').fill('0.09');
    await page.getByTestId('contracts-table-1-pricePerKwh').press('Enter');
    await page.getByTestId('tree-portfolioRisk').click();
    await expect.poll(() => page.getByTestId('frontier-stale').count(), SLOW).toBe(1);
    await page.getByTestId('frontier-mode-lambda').click();
    expect(await page.getByTestId('frontier-values').inputValue()).toBe('0,1,4');
    await page.getByTestId('frontier-run').click();
    await expect.poll(() => page.getByTestId('frontier-progress').textContent(), SOLVE).toMatch(/^3\/3 points/);
    expect(await page.getByTestId('frontier-stale').count()).toBe(0);
    const cheaper = await page.getByTestId('frontier-plot').evaluate((el) => (el as unknown as PlotEl).data![0]!.y);
    for (let i = 0; i < 3; i++) expect(cheaper[i]!).toBeLessThan(curve.y[i]! - 1);
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('result-frontier').evaluate((el) => (el as unknown as PlotEl).data?.length ?? 0), SOLVE).toBe(2);
    await expect.poll(() => page.getByTestId('results').locator('.banner.stale').count(), SOLVE).toBe(0);

    // two runs side by side: the first optimum (peak at 0.118) as A, the new one (peak at 0.09) as B
    await page.getByTestId('compare-pick-a').selectOption({ label: 'run 1: optimum at λ = 0.5' });
    await page.getByTestId('compare-pick-b').selectOption('result');
    await expect.poll(() => page.getByTestId('compare-table').locator('thead').textContent(), SLOW).toBe('A: run 1: optimum at λ = 0.5B: last run: optimum at λ = 0.5B − A');
    const [, e1, e2] = (await row('Expected cost')).map(num);
    const [, c1, c2] = (await row('CVaR')).map(num);
    // the old portfolio costs less with the cheaper contract, and the new optimum is better still
    expect(e2! + 0.5 * c2!).toBeLessThan(e1! + 0.5 * c1!);

    // Cancel after the first point: the points in flight and the rest end cancelled, the solved ones stay
    // (a point takes a fraction of a second now: 200 of them leave time to click, and more may finish first)
    await page.getByTestId('frontier-values').fill('0.1:4:200');
    await page.getByTestId('frontier-run').click();
    await expect.poll(() => page.getByTestId('frontier-progress').textContent(), SOLVE).toMatch(/^[1-9]\d?\/200 points/);
    await page.getByTestId('frontier-cancel').click();
    await expect.poll(() => page.getByTestId('frontier-run').isDisabled(), SLOW).toBe(false);
    const statuses = await page.getByTestId('frontier-table').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(statuses).toHaveLength(200);
    expect(statuses.join(' ')).toMatch(/^(ok )+(cancelled ?)+$/);
    expect(statuses.filter((s) => s === 'cancelled').length).toBeGreaterThanOrEqual(100);
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  }, 400_000);
});
