/**
 * Shared setup of the end-to-end tests: find Chromium (or skip with the
 * reason and the install hint), build the web app when dist/web is missing
 * or older than its sources, serve it with the app's own static server, and
 * launch a headless browser with a throw-away profile.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic, type StaticServer } from '../../main/web/staticServer.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = path.join(ROOT, 'dist/web');
/** Where e2e tests write screenshots and downloads (git-ignored). */
export const OUT = path.join(ROOT, 'test/e2e/out');
mkdirSync(OUT, { recursive: true });
/** Poll options for what the UI shows within seconds. */
export const SLOW = { timeout: 20_000 };

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const chromiumPath: string | undefined = CANDIDATES.find((p): p is string => !!p && existsSync(p));
export const skipReason = chromiumPath
  ? undefined
  : 'Chromium not found (looked in ' + CANDIDATES.filter(Boolean).join(', ') + '); install it with `apt-get install -y chromium` or set CHROMIUM_PATH';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/web unless it is newer than renderer/, solver/ and assets/. */
export function ensureWebBuild() {
  const index = path.join(DIST, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(...['renderer', 'solver', 'assets'].map((d) => newestMtime(path.join(ROOT, d))), statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs);
  if (built > sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

export interface AppSession {
  server: StaticServer;
  browser: Browser;
  /** a fresh context (own storage, so one test's recovery snapshot cannot leak into another) */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startApp(): Promise<AppSession> {
  ensureWebBuild();
  const server = await serveStatic(DIST, { port: 0 });
  // launch() gives every browser a fresh temporary profile (--user-data-dir) of its own
  const browser = await chromium.launch({
    executablePath: chromiumPath!,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    server,
    browser,
    newContext: () => browser.newContext({ viewport: { width: 1600, height: 960 }, acceptDownloads: true }),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A describe block whose tests share one served app and browser, started
 * before them and closed after; without Chromium it is skipped and says why.
 * `app` forwards to the session once it has started.
 */
export function describeInChromium(title: string, body: (app: AppSession) => void) {
  if (skipReason) console.warn(`[e2e skipped] ${skipReason}`);
  describe.skipIf(!chromiumPath)(`${title}${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
    let session: AppSession | undefined;
    const started = () => {
      if (!session) throw new Error('the app has not started (beforeAll failed?)');
      return session;
    };
    const app: AppSession = {
      get server() { return started().server; },
      get browser() { return started().browser; },
      newContext: () => started().newContext(),
      close: () => started().close(),
    };
    beforeAll(async () => {
      session = await startApp();
    });
    afterAll(async () => {
      await session?.close();
    });
    body(app);
  });
}

/**
 * Opens the app in a new page (of `context`, or of a new context). The File
 * System Access API is hidden so the host uses its <input type=file> /
 * download fallback, which a test can drive.
 */
export async function openApp(session: AppSession, context?: BrowserContext): Promise<Page> {
  const page = await (context ?? (await session.newContext())).newPage();
  await page.addInitScript(() => {
    delete (window as unknown as Record<string, unknown>).showOpenFilePicker;
    delete (window as unknown as Record<string, unknown>).showSaveFilePicker;
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as Page & { appErrors?: string[] }).appErrors = errors;
  await page.goto(session.server.url);
  await page.locator('html[data-ready=true]').waitFor({ state: 'attached' });
  return page;
}

/** Types a value into the input with this test id and commits it with Enter, as a user does. */
export async function typeInto(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.fill(value);
  await input.press('Enter');
}

/** The traces plotly holds for the plot with this test id, in the caller's shape of a trace; null until drawn. */
export function plotData<Trace>(page: Page, testId: string): Promise<Trace[] | null> {
  return page.getByTestId(testId).evaluate((el) => ((el as unknown as { data?: unknown[] }).data ?? null) as Trace[] | null);
}

/** Selects a section in the scenario tree (its editor fills the centre pane). */
export async function openSection(page: Page, id: string) {
  await page.getByTestId(`tree-${id}`).click();
}

export async function openSample(page: Page, id: string) {
  await page.getByTestId('menu-title-File').dispatchEvent('mousedown');
  await page.getByTestId('menu-samples').hover();
  await page.getByTestId(`sample-${id}`).click();
  // loading is asynchronous and sets the job kind from the sample's metadata:
  // a test that picks a job before the sample has landed would see it reset
  await expect.poll(() => page.getByTestId('doc-name').textContent(), { timeout: 30_000 }).toContain(`${id}.ggs.json`);
}

/** The smallest voltage the voltage-profile plot is drawing (read from plotly's own data); NaN until it has drawn. */
export function plottedMinVoltage(page: Page): Promise<number> {
  return page.getByTestId('voltage-plot').evaluate((el) => {
    const trace = (el as unknown as { data?: { name?: string; y: number[] }[] }).data?.find((t) => t.name === 'V');
    return trace ? Math.min(...trace.y) : NaN;
  });
}
