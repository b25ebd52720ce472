/**
 * The mg-energy-comm job and the per-link communication editor in the web
 * build, through the real UI in Chromium: the classroom microgrids' trades
 * with their data routed over the sample's communication network — at 06:00
 * homes' two links are full (red) and the sunny–homes trade shrinks below its
 * free-communication size — and a per-link override typed into the
 * Coordination & links editor, with a bad agent named at its path.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, SLOW, typeInto } from './browser.ts';

describeInChromium('energy–communication trading in Chromium', (app) => {
  it('draws the communication routes and loads; edits a per-link override', async () => {
    const page = await openApp(app);
    await openSample(page, 'classroom-microgrids');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('classroom-microgrids');
    await page.getByLabel('job kind').selectOption('mg-energy-comm');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 120_000 }).toMatch(/^ok:/);
    await page.getByTestId('energy-comm-result').waitFor(SLOW);
    await page.getByTestId('comm-hour').locator('input').fill('1');
    await expect.poll(() => page.getByTestId('comm-link-homes-hub').getAttribute('data-binding'), SLOW).toBe('yes');
    expect(await page.getByTestId('comm-link-sunny-homes').getAttribute('data-binding')).toBe('yes');
    expect(await page.getByTestId('comm-link-diesel-hub').getAttribute('data-binding')).toBe('no');
    const shrunk = page.locator('[data-testid="comm-routes"] tr.warn');
    expect(await shrunk.count()).toBeGreaterThan(0);
    expect(await shrunk.first().textContent()).toContain('sunny–homes');
    await page.setViewportSize({ width: 1700, height: 1400 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await page.getByTestId('energy-comm-result').screenshot({ path: path.join(OUT, 'energy-comm.png') });

    await page.getByTestId('tree-mgCoordination').click();
    await page.getByTestId('mg-links-editor').getByRole('button', { name: 'Add link' }).click();
    await expect.poll(() => page.getByTestId('mg-links-0-between[0]').inputValue(), SLOW).toBe('sunny');
    await typeInto(page, 'mg-links-0-delay', 'geometric 1.5 6');
    await typeInto(page, 'mg-links-0-bandwidthKbitPerIteration', '0.5');
    await typeInto(page, 'mg-links-0-between[1]', 'nobody');
    await expect.poll(() => page.getByTestId('mg-links-0-between[1]').getAttribute('aria-invalid'), SLOW).toBe('true');
    await typeInto(page, 'mg-links-0-between[1]', 'adn');
    await expect.poll(() => page.getByTestId('mg-links-0-between[1]').getAttribute('aria-invalid'), SLOW).toBeNull();
    expect(await page.getByTestId('mg-links-0-delay').inputValue()).toBe('geometric 1.5 6');
    // the trades' communication network: homes–hub's bandwidth in its cell; a link to itself named at its path
    expect(await page.getByTestId('mg-comm-network-2-bandwidthKbps').inputValue()).toBe('50');
    await typeInto(page, 'mg-comm-network-2-to', 'homes');
    await expect.poll(() => page.getByTestId('mg-comm-network-2-to').getAttribute('aria-invalid'), SLOW).toBe('true');
    await typeInto(page, 'mg-comm-network-2-to', 'hub');
    await expect.poll(() => page.getByTestId('mg-comm-network-2-to').getAttribute('aria-invalid'), SLOW).toBeNull();
    await page.getByTestId('mg-coordination-editor').screenshot({ path: path.join(OUT, 'mg-links-editor.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
