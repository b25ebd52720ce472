/**
 * The desktop app itself, driven through Playwright's Electron support, when
 * the Electron binary is installed. Offline installs have no binary (see
 * docs/desktop.md): then this is skipped with the reason; it is the one
 * legitimate skip in the suite. The same UI is covered in Chromium by the
 * web end-to-end tests.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.mjs';
import { findElectronBinary, missingDisplayReason, repoRoot } from '../../scripts/lib/environment.mjs';

const exe = findElectronBinary();
const skipReason = !exe ? 'Electron binary not installed: offline install' : missingDisplayReason();
if (skipReason) console.log(`electron e2e skipped: ${skipReason}`);

describe('Electron desktop app', () => {
  let app: ElectronApplication | undefined;
  afterAll(async () => {
    await app?.close();
  });

  it.skipIf(skipReason !== null)(`opens the app window securely${skipReason ? ` (skipped: ${skipReason})` : ''}`, async () => {
    expect(existsSync(path.join(repoRoot, 'dist', 'web', 'index.html')), 'run the web build first (npm test does)').toBe(true);
    await buildElectron();
    app = await electron.launch({ executablePath: exe!, args: [repoRoot], cwd: repoRoot, timeout: 60_000 });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('app://gridgame/index.html');
    await expect.poll(() => page.title(), { timeout: 30_000 }).toContain('GridGame Studio');
    // The page sees the bridge and nothing of Node.
    const surface = await page.evaluate(() => ({
      bridge: Object.keys((window as unknown as { ggs: object }).ggs).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(surface).toEqual({ bridge: ['invoke', 'on', 'platform'], require: 'undefined', process: 'undefined' });
  });
});
