#!/usr/bin/env node
/**
 * `npm start`: build what is stale, then open the desktop app.
 *  - Electron binary installed → launch Electron on the built app.
 *  - otherwise (offline install) → serve dist/web on 127.0.0.1 and open an
 *    installed Chromium/Chrome in app mode (--app=URL, own profile);
 *  - no browser or no display → print the URL and keep serving.
 * It always says which it did and why. Ctrl+C stops everything.
 *
 * Options: --browser (skip Electron), --no-open (serve only), --port N (or GGS_PORT).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { buildElectron } from './build-electron.mjs';
import { findChromium, findElectronBinary, isStale, missingDisplayReason, repoRoot } from './lib/environment.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : Number(process.env.GGS_PORT ?? 47800);

const WEB_SOURCES = ['renderer', 'solver', 'index.html', 'vite.config.ts', 'package.json', 'assets'];
const ELECTRON_SOURCES = ['main', 'solver', 'package.json'];

function say(message) {
  console.log(`[ggs start] ${message}`);
}

function buildWebIfStale() {
  if (!isStale('dist/web/index.html', WEB_SOURCES)) return;
  say('building the web app (vite build) …');
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

async function buildElectronIfStale() {
  if (!isStale('dist-electron/main.cjs', ELECTRON_SOURCES)) return;
  say('building the Electron main process (esbuild) …');
  await buildElectron();
}

/** Runs `child` until it exits or Ctrl+C; resolves with its exit code. */
function supervise(child, onStop = async () => {}) {
  return new Promise((resolve) => {
    const stop = () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('exit', async (code, signal) => {
      await onStop();
      resolve(code ?? (signal ? 130 : 0));
    });
  });
}

async function launchElectron(exe) {
  await buildElectronIfStale();
  say(`Electron binary found (${exe}); launching the desktop app`);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn the app into a plain Node process
  return supervise(spawn(exe, [repoRoot, ...args.filter((a) => !a.startsWith('--'))], { cwd: repoRoot, stdio: 'inherit', env }));
}

async function serve() {
  const { serveStatic } = await tsImport('../main/web/staticServer.ts', import.meta.url);
  const dir = path.join(repoRoot, 'dist', 'web');
  try {
    return await serveStatic(dir, { port: portArg });
  } catch (e) {
    // A fixed port keeps the browser's origin (and its stored recovery data) stable; any port beats none.
    say(`port ${portArg} is not free (${e.code ?? e.message}); using a random port`);
    return serveStatic(dir, { port: 0 });
  }
}

function waitForCtrlC(server) {
  return new Promise((resolve) => {
    const stop = async () => {
      say('stopping');
      await server.close();
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function openInBrowser(reason) {
  const server = await serve();
  const browser = flag('--no-open') ? null : findChromium();
  const noDisplay = missingDisplayReason();
  if (flag('--no-open')) {
    say(`${reason}; serving on ${server.url} (--no-open). Press Ctrl+C to stop.`);
    return waitForCtrlC(server);
  }
  if (noDisplay) {
    say(`${reason}; ${noDisplay}, so no window can open: serving on ${server.url}. Press Ctrl+C to stop.`);
    return waitForCtrlC(server);
  }
  if (!browser) {
    say(`${reason}, and no Chromium or Chrome was found (set CHROME_PATH, or: sudo apt-get install -y chromium).`);
    say(`Serving on ${server.url}: open it in a browser. Press Ctrl+C to stop.`);
    return waitForCtrlC(server);
  }
  const { appDataDir } = await tsImport('../main/files/appDataDir.ts', import.meta.url);
  const profile = path.join(appDataDir(), 'browser-profile');
  mkdirSync(profile, { recursive: true });
  say(`${reason}; serving on ${server.url} and opening ${path.basename(browser)} in app mode`);
  const startedAt = Date.now();
  const browserArgs = [`--app=${server.url}`, `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check'];
  // Chromium refuses to run as root with its sandbox (containers, CI machines).
  if (process.getuid?.() === 0) browserArgs.push('--no-sandbox');
  const child = spawn(browser, browserArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderrTail = '';
  let interrupted = false;
  child.stderr.on('data', (chunk) => (stderrTail = (stderrTail + chunk).slice(-2000)));
  const code = await new Promise((resolve) => {
    child.on('error', (e) => {
      say(`could not start ${browser}: ${e.message}`);
      resolve(-1);
    });
    child.on('exit', (c) => resolve(c ?? 0));
    const stop = () => {
      interrupted = true;
      child.kill('SIGTERM');
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const quick = Date.now() - startedAt < 3000;
  if (!interrupted && code === 0 && quick) {
    // The profile was already open: Chromium handed the URL to that window and exited.
    say(`the app opened in an existing browser window; still serving on ${server.url}. Press Ctrl+C to stop.`);
    return waitForCtrlC(server);
  }
  if (!interrupted && (code === -1 || (code !== 0 && quick))) {
    if (stderrTail) console.error(stderrTail.trim().split('\n').slice(-5).join('\n'));
    say(`${path.basename(browser)} did not start (exit ${code}). Serving on ${server.url}: open it in a browser. Press Ctrl+C to stop.`);
    return waitForCtrlC(server);
  }
  say(interrupted ? 'stopping' : 'the app window was closed; stopping the server');
  await server.close();
  return 0;
}

async function main() {
  buildWebIfStale();
  const electron = flag('--browser') ? null : findElectronBinary();
  const noDisplay = missingDisplayReason();
  if (electron && !noDisplay) return launchElectron(electron);
  const reason = flag('--browser')
    ? 'Browser mode requested (--browser)'
    : electron
      ? 'Electron binary found, but there is no display'
      : 'Electron binary not installed (offline install)';
  return openInBrowser(reason);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[ggs start] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);
