/**
 * File → Import meter data (CSV) in the web build, through the real UI in
 * Chromium: a bad file is refused with row-numbered problems (a time the
 * clocks skip, a malformed timestamp); the real household registers (47 days
 * around the 2016 spring change, a two-hour gap) are refused until short gaps
 * may be filled, then the import report shows the registers turned into
 * interval energy, the gap filled and how load and net load were derived;
 * the import opens as a forecast scenario, the forecast runs on it, and the
 * forecast becomes a VPP's other load in another scenario.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, OUT, ROOT, SLOW, typeInto } from './browser.ts';

const FIXTURE = path.join(ROOT, 'test/fixtures/meter/household-spring-2016.csv');

describeInChromium('meter data import in Chromium', (app) => {
  it('reports problems by row, fills a short gap on request, opens a forecast scenario and runs the forecast on it', async () => {
    const page = await openApp(app);
    await page.getByTestId('menu-title-File').dispatchEvent('mousedown');
    await page.getByTestId('menu-importMeterCsv').click();
    await expect.poll(() => page.getByTestId('meter-import-dialog').isVisible(), SLOW).toBe(true);
    await page.getByTestId('meter-zone').fill('Europe/Berlin');

    const bad = 'timestamp,load\n2016-03-27T00:00,0.4\n2016-03-27T01:00,0.5\n2016-03-27T02:00,0.5\n2016-03-27 4h,0.3\n';
    await page.getByTestId('meter-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await expect.poll(() => page.getByTestId('meter-issue').count(), SLOW).toBe(2);
    const issues = await page.getByTestId('meter-issue').allTextContents();
    expect(issues[0]).toMatch(/^4timestamp.*does not exist in Europe\/Berlin.*daylight-saving gap/);
    expect(issues[1]).toMatch(/^5timestamp.*is not a timestamp/);
    expect(await page.getByTestId('meter-accept').isDisabled()).toBe(true);

    await page.getByTestId('meter-values').selectOption('register');
    await page.getByTestId('meter-file').setInputFiles(FIXTURE);
    await expect.poll(() => page.getByTestId('meter-issues').textContent(), SLOW).toMatch(/1 problem.*Short gaps can be filled/);
    expect(await page.getByTestId('meter-issue').allTextContents()).toEqual([expect.stringMatching(/^971timestamp.*gap: 2 missing rows/)]);
    await page.getByTestId('meter-fill').fill('2');
    await expect.poll(() => page.getByTestId('meter-summary').textContent(), SLOW).toMatch(/1125 rows, 1126 intervals of 60 min from 2016-02-29T23:00:00Z \(Europe\/Berlin\)/);
    const importRow = await page.locator('[data-testid="meter-columns"] tr[data-column="grid_import"] td').allTextContents();
    // 2 missing readings interpolated in the register + the interval after them spread: 3 energy values
    expect(importRow).toEqual(['grid_import', 'register', '0', '3', '1 (1)', '0']);
    expect(await page.getByTestId('meter-notes').textContent()).toContain('load = grid_import + max(0, pv − grid_export)');
    await page.setViewportSize({ width: 1300, height: 1100 });
    await page.getByTestId('meter-import-dialog').screenshot({ path: path.join(OUT, 'meter-import.png') });

    await page.getByTestId('meter-accept').click();
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('household-spring-2016');
    await expect.poll(() => page.getByLabel('job kind').inputValue(), SLOW).toBe('forecast');
    await typeInto(page, 'option-testDays', '3');
    await typeInto(page, 'option-folds', '1');
    for (const m of ['delm', 'mlp']) await page.getByTestId(`forecast-model-${m}`).uncheck();
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 180_000, interval: 1000 }).toMatch(/^ok:/);
    const rows = await page.locator('[data-testid="forecast-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-model')));
    expect(rows).toEqual(['naive', 'ridge', 'elm']);
    await expect.poll(() => page.getByTestId('forecast-certificate').textContent()).toMatch(/0 leakage violations; 0 of 72 test feature rows change/);

    // the forecast as the other load of a VPP in the two-VPP classroom sample, for 30 households
    await page.getByTestId('forecast-base').selectOption('classroom-two-vpps');
    await expect.poll(() => page.getByTestId('forecast-target').locator('option').count(), SLOW).toBeGreaterThan(2);
    const vppOption = await page.getByTestId('forecast-target').locator('option[value^="vpp:"]').first().getAttribute('value');
    await page.getByTestId('forecast-target').selectOption(vppOption!);
    await page.getByTestId('forecast-scale').fill('30');
    await page.getByTestId('forecast-to-profile').click();
    // the imported document was never saved: the app asks first
    await page.getByRole('button', { name: "Don't save" }).click();
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('classroom-two-vpps-forecast');
    // a new, unsaved document (the VPP's otherLoadKw → profile is tested in test/solver/forecast/scenarioOf.test.ts)
    await expect.poll(() => page.getByTestId('doc-name').textContent()).toMatch(/^●/);
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
