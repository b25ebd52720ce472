/**
 * The web build driven through its real UI in Chromium: the issue's
 * end-to-end path (open a sample, edit a load, run, the plot changes, undo,
 * save and reopen, cancel, recover after a crash, refuse an invalid file).
 */
import { expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, plottedMinVoltage, ROOT, SLOW } from './browser.ts';

/** polls wait this long: plotly loads on the first plot and CI machines may be busy */
/**
 * The budget for a UI-thread task while the worker solves. On a machine
 * whose CPUs are oversubscribed (load per core > 1.5, e.g. several test suites
 * at once) even a plain repaint can take longer, so the budget is relaxed
 * there, still far below what a solve on the UI thread would take (seconds).
 */
const loadPerCore = os.loadavg()[0]! / os.cpus().length;
const LONG_TASK_BUDGET_MS = loadPerCore > 1.5 ? 250 : 100;

const tmp = mkdtempSync(path.join(tmpdir(), 'ggs-e2e-files-'));
const busCell = (page: Page, row: number, key: string) => page.getByTestId(`bus-table-${row}-${key}`);

async function editCell(page: Page, row: number, key: string, value: string) {
  const cell = busCell(page, row, key);
  await cell.click();
  await cell.fill(value);
  await cell.press('Enter');
}

async function runAndWait(page: Page) {
  await page.getByTestId('run-button').click();
  await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 60_000 }).toMatch(/^ok:/);
}

/** File → Open… (a click, so the file chooser never depends on where keyboard focus is). */
async function openFileViaPicker(page: Page, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('menu-title-File').dispatchEvent('mousedown');
  await page.getByTestId('menu-open').click();
  await (await chooser).setFiles(file);
}

describeInChromium('GridGame Studio in Chromium', (app) => {
  it('opens the sample, edits a load, runs, and the plotted minimum voltage moves; undo restores the load', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33');
    await expect.poll(() => busCell(page, 17, 'pdKw').inputValue(), SLOW).toBe('90');
    await runAndWait(page);
    await expect.poll(() => plottedMinVoltage(page), SLOW).toBeCloseTo(0.91309, 4);
    const before = await plottedMinVoltage(page);

    await editCell(page, 17, 'pdKw', '900');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('●');
    expect(await page.title()).toMatch(/^● ieee33\.ggs\.json — GridGame Studio$/);
    await runAndWait(page);
    await expect.poll(() => plottedMinVoltage(page), SLOW).toBeLessThan(before - 0.01);

    await page.keyboard.press('Control+z');
    await expect.poll(() => busCell(page, 17, 'pdKw').inputValue(), SLOW).toBe('90');
    expect(await page.title()).toBe('ieee33.ggs.json — GridGame Studio');
    // the unchanged scenario's result comes straight from the cache
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => plottedMinVoltage(page), SLOW).toBeCloseTo(before, 6);
    await page.keyboard.press('Control+y');
    await expect.poll(() => busCell(page, 17, 'pdKw').inputValue(), SLOW).toBe('900');
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('saves (download) and reopens (file input); the content round-trips', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33');
    await editCell(page, 4, 'qdKvar', '77.5');
    await editCell(page, 4, 'name', 'Pumping station');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const file = path.join(tmp, 'saved.ggs.json');
    await (await download).saveAs(file);
    await expect.poll(() => page.getByTestId('doc-name').textContent()).not.toContain('●');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.network.buses[4]).toMatchObject({ id: '5', qdKvar: 77.5, name: 'Pumping station' });

    await page.getByTestId('menu-title-File').dispatchEvent('mousedown');
    await page.getByTestId('menu-new').click();
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('untitled');
    await openFileViaPicker(page, file);
    await expect.poll(() => busCell(page, 4, 'qdKvar').inputValue(), SLOW).toBe('77.5');
    expect(await busCell(page, 4, 'name').inputValue()).toBe('Pumping station');
    expect(await page.getByTestId('doc-name').textContent()).toContain('saved.ggs.json');

    // saving the reopened document again gives the same bytes
    const again = page.waitForEvent('download');
    await page.keyboard.press('Control+Shift+s');
    const file2 = path.join(tmp, 'saved-again.ggs.json');
    await (await again).saveAs(file2);
    expect(readFileSync(file2, 'utf8')).toBe(readFileSync(file, 'utf8'));
    await page.context().close();
  });

  it('cancels a long job promptly, without blocking the UI thread meanwhile', async () => {
    // a year of hourly periods: long enough to still be running when Cancel is pressed
    const day = JSON.parse(readFileSync(path.join(ROOT, 'assets/scenarios/ieee33-day.ggs.json'), 'utf8'));
    const T = 8784;
    day.time.T = T;
    for (const p of day.profiles) p.values = Array.from({ length: T }, (_, t) => p.values[t % p.values.length]);
    const file = path.join(tmp, 'year.ggs.json');
    writeFileSync(file, JSON.stringify(day));

    const page = await openApp(app);
    await openFileViaPicker(page, file);
    await expect.poll(() => page.getByTestId('statusbar').textContent(), SLOW).toContain(`T = ${T}`);
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), SLOW).toMatch(/period/);
    // While the worker solves, the UI thread must stay responsive: no task over the budget.
    // Two windows are measured and the better one counts, so that one hiccup of a
    // loaded CI machine (other processes, GC) does not fail the test.
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[][] };
      w.longTasks = [[]];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.at(-1)!.push(e.duration))).observe({ type: 'longtask' });
    });
    await page.waitForTimeout(300);
    await page.evaluate(() => (window as unknown as { longTasks: number[][] }).longTasks.push([]));
    await page.waitForTimeout(300);
    const windows = await page.evaluate(() => (window as unknown as { longTasks: number[][] }).longTasks.slice(1));
    const worstTask = Math.min(...windows.map((w) => Math.max(0, ...w)));
    expect(await page.getByTestId('job-status').textContent()).toMatch(/period/); // still running
    const cancelledAt = Date.now();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 5000, interval: 20 }).toMatch(/^cancelled/);
    // the issue asks for 200 ms inside the app; this measures through the test driver as well
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    if (LONG_TASK_BUDGET_MS > 100) console.warn(`[e2e] load ${loadPerCore.toFixed(1)} per core: UI task budget relaxed to ${LONG_TASK_BUDGET_MS} ms (worst seen ${worstTask.toFixed(0)} ms)`);
    expect(worstTask).toBeLessThan(LONG_TASK_BUDGET_MS);

    // the solver is usable again afterwards
    await openSample(page, 'ieee33');
    await runAndWait(page);
    await page.context().close();
  });

  it('offers to restore unsaved work after the page dies, and restores the edit', async () => {
    const context = await app.newContext();
    const page = await openApp(app, context);
    await openSample(page, 'ieee33');
    await editCell(page, 9, 'pdKw', '432.1');
    await page.waitForTimeout(3800); // one autosave period and a bit
    await page.close({ runBeforeUnload: false }); // a crash: no prompt, no goodbye

    const next = await openApp(app, context);
    const dialog = next.getByTestId('dialog');
    await expect.poll(() => dialog.textContent(), SLOW).toMatch(/Restore unsaved work from/);
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => busCell(next, 9, 'pdKw').inputValue(), SLOW).toBe('432.1');
    expect(await next.getByTestId('doc-name').textContent()).toContain('●');
    await context.close();
  });

  it('refuses an invalid file with a dialog of "path: message" lines and keeps the document', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33');
    await expect.poll(() => busCell(page, 17, 'pdKw').inputValue(), SLOW).toBe('90');
    const bad = JSON.parse(readFileSync(path.join(ROOT, 'assets/scenarios/ieee33.ggs.json'), 'utf8'));
    bad.network.lines[4].to = '99';
    bad.network.buses[2].pdKw = 'lots';
    const file = path.join(tmp, 'bad.ggs.json');
    writeFileSync(file, JSON.stringify(bad));
    await openFileViaPicker(page, file);
    const lines = page.getByTestId('dialog-lines');
    await expect.poll(() => lines.textContent(), SLOW).toContain('network.buses[2].pdKw: must be a number');
    await page.getByTestId('dialog').getByRole('button', { name: 'OK' }).click();
    expect(await busCell(page, 17, 'pdKw').inputValue()).toBe('90');
    expect(await page.getByTestId('doc-name').textContent()).toContain('ieee33.ggs.json');

    // the cross-reference check reports its path too
    bad.network.buses[2].pdKw = 90;
    writeFileSync(file, JSON.stringify(bad));
    await openFileViaPicker(page, file);
    await expect.poll(() => lines.textContent(), SLOW).toContain('network.lines[4].to: bus "99" does not exist');
    await page.getByTestId('dialog').getByRole('button', { name: 'OK' }).click();
    expect(await page.getByTestId('doc-name').textContent()).toContain('ieee33.ggs.json');
    await page.context().close();
  });
});
