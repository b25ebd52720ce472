/**
 * The learning section's editor in Chromium, on the community-learning
 * sample: edit the training episodes and the market rule (the Run panel's
 * placeholder follows), type a bad value (kept in its cell, flagged with its
 * field path in the form, the tree and the status bar), undo it (one step:
 * the earlier edits stay), then train with a tiny setting made in the editor
 * and read the learning curve: as many episodes as edited, under the edited
 * rule. A scenario without the section offers to add one with the defaults.
 */
import { expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openApp, openSample, openSection, OUT, plotData, SLOW, typeInto } from './browser.ts';

const field = (page: Page, p: string) => page.getByTestId(`field-${p}`);

describeInChromium('the learning editor in Chromium', (app) => {
  it('edits episodes and the rule, flags and undoes a bad value, and trains with the edited values', async () => {
    const page = await openApp(app);
    await openSample(page, 'community-learning');
    await expect.poll(() => page.getByLabel('job kind').inputValue(), SLOW).toBe('train');
    await openSection(page, 'learning');
    await expect.poll(() => field(page, 'learning.households').inputValue(), SLOW).toBe('6');
    expect(await page.getByTestId('learning-editor').locator('h3').allTextContents()).toEqual(['Community', 'Market rule and tariffs', 'Training', 'Networks and learning rates']);
    // an unset training field shows what the job will use
    expect(await field(page, 'learning.training.episodes').getAttribute('placeholder')).toBe('30');
    expect(await page.getByTestId('option-episodes').getAttribute('placeholder')).toBe('30');

    await typeInto(page, 'field-learning.training.episodes', '3');
    await expect.poll(() => page.getByTestId('option-episodes').getAttribute('placeholder'), SLOW).toBe('3');
    await field(page, 'learning.mechanism').selectOption('bilateral');

    // a bad value stays in its cell, flagged with its path
    await typeInto(page, 'field-learning.training.seeds', 'two');
    await expect.poll(() => field(page, 'learning.training.seeds').getAttribute('aria-invalid'), SLOW).toBe('true');
    expect(await field(page, 'learning.training.seeds').inputValue()).toBe('two');
    await expect.poll(() => page.getByTestId('learning-group-training').locator('.form-issue').textContent()).toMatch(/^learning\.training\.seeds: /);
    expect(await page.getByTestId('statusbar').textContent()).toContain('learning.training.seeds');
    expect(await page.getByTestId('tree-learning').locator('.tree-issue').count()).toBe(1);

    // one undo step takes back the bad value only
    await page.keyboard.press('Control+z');
    await expect.poll(() => field(page, 'learning.training.seeds').inputValue(), SLOW).toBe('');
    expect(await field(page, 'learning.training.seeds').getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByTestId('tree-learning').locator('.tree-issue').count()).toBe(0);
    expect(await field(page, 'learning.training.episodes').inputValue()).toBe('3');
    expect(await field(page, 'learning.mechanism').inputValue()).toBe('bilateral');

    // the tiny setting, made in the editor: two seeds, small networks, no known-optimum check
    await typeInto(page, 'field-learning.training.seeds', '2');
    await typeInto(page, 'field-learning.training.hidden', '8');
    await typeInto(page, 'field-learning.training.knownOptimumEpisodes', '0');
    await expect.poll(() => page.getByTestId('statusbar').textContent(), SLOW).toContain('scenario valid');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 60_000, interval: 300 }).toMatch(/^ok:/);

    type Trace = { name?: string; x: number[]; y: (number | null)[] };
    await expect.poll(async () => (await plotData<Trace>(page, 'train-curve'))?.length ?? 0, SLOW).toBeGreaterThan(0);
    const curve = (await plotData<Trace>(page, 'train-curve'))!;
    expect(curve.find((t) => t.name === 'learned bids (with exploration)')!.x).toEqual([1, 2, 3]);
    expect(curve.find((t) => t.name === 'retail-only')!.y.every((y) => y === 0)).toBe(true);
    curve.find((t) => t.name === 'truthful bids, same days')!.y.forEach((y) => expect(y!).toBeGreaterThan(0));
    expect(await page.getByTestId('train-run-settings').textContent()).toBe('3 episodes, seeds 1, 2, bilateral');
    const rows = await page.locator('[data-testid="train-table"] tbody tr td:first-child').allTextContents();
    expect(rows).toEqual(['learned, seed 1', 'learned, seed 2', 'truthful', 'retail-only']);

    await page.setViewportSize({ width: 1500, height: 1400 });
    await page.locator('.editor-body').evaluate((el) => el.scrollTo(0, 0));
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'learning-editor.png') });
    expect((page as Page & { appErrors: string[] }).appErrors).toEqual([]);
    await page.context().close();
  });

  it('adds a learning section with the defaults when the scenario has none', async () => {
    const page = await openApp(app);
    await openSample(page, 'ieee33');
    await openSection(page, 'learning');
    await page.getByTestId('add-learning').click();
    await expect.poll(() => field(page, 'learning.households').inputValue(), SLOW).toBe('20');
    expect(await field(page, 'learning.mechanism').inputValue()).toBe('uniform-price');
    expect(await field(page, 'learning.feedIn').inputValue()).toBe('0.08');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('add-learning').count(), SLOW).toBe(1);
    await page.context().close();
  });
});
