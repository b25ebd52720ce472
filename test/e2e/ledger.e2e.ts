/**
 * The settlement ledger and PBFT in the web build, through the real UI in
 * Chromium: settle the classroom book's CPA clearing in the Web Worker, verify
 * it in the page, tamper with a price and see Verify name the broken item,
 * open the sample ledger file, and look at the QoT plot, the malleability
 * cases and the tangles; then run PBFT with more faulty validators than f
 * and see safety break in the sequence diagram.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, OUT, plotData, ROOT, SLOW, typeInto } from './browser.ts';

describeInChromium('ledger and consensus in Chromium', (app) => {
  it('settles, verifies, catches a tampered price, opens a saved ledger, and shows QoT, malleability and tangles', async () => {
    const page = await openApp(app);
    await openSample(page, 'classroom-bid-book');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('classroom-bid-book');
    await page.getByLabel('job kind').selectOption('ledger');
    await page.getByLabel('settled mechanism').selectOption('cpa');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 90_000 }).toMatch(/^ok:/);
    await expect.poll(() => page.getByTestId('ledger-summary').textContent(), SLOW).toContain('6 transactions (cpa)');

    await page.getByTestId('ledger-verify').click();
    await expect.poll(() => page.getByTestId('ledger-verdict').textContent(), SLOW).toMatch(/^Valid: 1 blocks, 6 transactions; every hash and signature checks, 1 blocks re-cleared/);
    expect(await page.locator('[data-testid="ledger-transactions"] tbody tr').count()).toBe(6);
    await page.locator('[data-testid="ledger-transactions"] tbody tr[data-tx="4"]').click();
    // 6 leaves: transaction 4's proof climbs past its sibling 5 and the root of 0–3
    await expect.poll(() => page.getByTestId('merkle-proof').textContent(), SLOW).toMatch(/Merkle proof of transaction 4: .*reaches the block’s root ✓/);
    expect((await page.getByTestId('merkle-proof').textContent())!.match(/→/g)).toHaveLength(2);
    await page.setViewportSize({ width: 1600, height: 1300 });
    await page.mouse.move(1, 1);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'ledger-explorer.png') });

    await page.getByTestId('ledger-tamper').click();
    await page.getByTestId('ledger-verify').click();
    await expect.poll(() => page.getByTestId('ledger-verdict').textContent(), SLOW).toMatch(/^Broken at blocks\[0\]\.transactions\[0\]\.id: is not the SHA-256 of the canonical body/);
    expect(await page.locator('[data-testid="ledger-transactions"] tr.broken').count()).toBe(1);

    await page.getByTestId('ledger-open').setInputFiles(path.join(ROOT, 'assets/ledgers/classroom-cpa.ggsledger.json'));
    await expect.poll(() => page.getByTestId('ledger-verdict').textContent(), SLOW).toMatch(/^Valid: 1 blocks, 6 transactions/);

    await page.getByTestId('ledger-tab-reputation').click();
    await expect.poll(async () => (await plotData<{ name: string }>(page, 'reputation-plot'))?.length, SLOW).toBe(8 + 4);
    await page.waitForTimeout(500);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'ledger-reputation.png') });
    await page.getByTestId('ledger-tab-malleability').click();
    const cases = await page.getByTestId('malleability').textContent();
    expect(cases).toContain('ECDSA signature value');
    expect(await page.locator('.malleability .num.bad').allTextContents()).toEqual(['12', '12']);
    expect(await page.locator('.malleability .num.good').allTextContents()).toEqual(['6', '6']);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'ledger-malleability.png') });
    await page.getByTestId('ledger-tab-tangle').click();
    const all = await page.locator('[data-testid="tangle-svg"] circle').count();
    expect(all).toBeGreaterThan(50);
    expect(await page.locator('[data-testid="tangle-svg"] circle[data-state="confirmed"]').count()).toBeGreaterThan(0);
    await page.getByTestId('tangle-time').fill('10');
    await expect.poll(() => page.locator('[data-testid="tangle-svg"] circle').count()).toBeLessThan(all);
    await page.getByTestId('tangle-time').fill('40');
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'ledger-tangle.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('runs PBFT: with f + 1 equivocating validators the timeline marks them and safety is violated', async () => {
    const page = await openApp(app);
    await openSample(page, 'classroom-bid-book');
    await expect.poll(() => page.getByTestId('doc-name').textContent(), SLOW).toContain('classroom-bid-book');
    await page.getByLabel('job kind').selectOption('consensus');
    await page.getByLabel('faulty behaviour').selectOption('equivocating');
    await typeInto(page, 'option-faulty', '1');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 60_000 }).toMatch(/^ok:/);
    await expect.poll(() => page.getByTestId('consensus-summary').textContent(), SLOW).toMatch(/Safetyholds.*Livenessholds/);

    await typeInto(page, 'option-faulty', '2');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 60_000 }).toMatch(/^uncertified/);
    await expect.poll(() => page.getByTestId('consensus-summary').textContent(), SLOW).toMatch(/Safetyviolated/);
    expect(await page.locator('[data-testid="consensus-timeline"] g[data-faulty="yes"]').count()).toBe(2);
    expect(await page.locator('[data-testid="consensus-timeline"] line[stroke-dasharray]').count()).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1600, height: 1300 });
    await page.mouse.move(1, 1);
    await page.getByTestId('results').screenshot({ path: path.join(OUT, 'consensus-timeline.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });
});
