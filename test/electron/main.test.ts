/**
 * main.ts wired against the electron mock: every contract channel gets a
 * handler, the window is created locked down and loads the app origin, the
 * title follows the document state and a dirty document is not closed
 * without the renderer's confirmation.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.ts'));
import { BrowserWindow, ipcMain, protocol, session } from '../mocks/electron.ts';
import { ipcRequests } from '../../solver/contract.ts';

const top = { url: 'app://gridgame/index.html', parent: null };
let win: BrowserWindow;

beforeAll(async () => {
  process.env.GGS_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'ggs-main-'));
  await import('../../main/electron/main.ts');
  await vi.waitFor(() => expect(BrowserWindow.all.length).toBe(1));
  win = BrowserWindow.all[0]!;
});

/** Invoke as the main window's page would. */
const invoke = (channel: string, ...args: unknown[]) => {
  const handler = ipcMain.handlers.get(channel)!;
  return handler({ sender: win.webContents, senderFrame: top }, ...args);
};

describe('Electron main process', () => {
  it('registers a handler for every channel of the contract', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(ipcRequests).sort());
  });

  it('keeps a what-if study\'s saved points in the app data folder until the study clears them', async () => {
    expect(await invoke('study:read')).toBeNull();
    const saved = JSON.stringify({ savedStudy: 1, points: [['k0', { status: 'ok' }]] });
    await invoke('study:write', saved);
    expect(await invoke('study:read')).toBe(saved);
    expect(readFileSync(path.join(process.env.GGS_DATA_DIR!, 'recovery', 'whatif-study.json'), 'utf8')).toBe(saved);
    await invoke('study:clear');
    expect(await invoke('study:read')).toBeNull();
  });

  it('creates one locked-down window on the app origin', () => {
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(win.loadedUrl).toBe('app://gridgame/index.html');
    expect(protocol.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(Object.keys(session.defaultSession.hooks).sort()).toEqual(['beforeRequest', 'headersReceived', 'permissionCheck', 'permissionRequest']);
  });

  it('serves the built app with the CSP and refuses paths outside it', async () => {
    const serve = protocol.handlers.get('app')!;
    const forbidden = await serve(new Request('app://gridgame/%2e%2e/package.json'));
    expect([403, 404]).toContain(forbidden.status);
    const missing = await serve(new Request('app://gridgame/no-such-file.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves index.html for the bare origin, with its MIME type and the CSP', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ggs-web-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>GridGame Studio</title>');
    writeFileSync(path.join(root, 'assets', 'glpk.wasm'), new Uint8Array([0, 97, 115, 109]));
    const { setupAppProtocol } = await import('../../main/electron/protocol.ts');
    setupAppProtocol(root);
    const serve = protocol.handlers.get('app')!;
    const page = await serve(new Request('app://gridgame/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(await page.text()).toContain('<title>GridGame Studio</title>');
    expect((await serve(new Request('app://gridgame/assets/glpk.wasm'))).headers.get('content-type')).toBe('application/wasm');
  });

  it('drops IPC from a page that is not the main window', async () => {
    const handler = ipcMain.handlers.get('file:recent')!;
    const other = new BrowserWindow({});
    await expect(handler({ sender: other.webContents, senderFrame: top })).rejects.toThrow(/sender not allowed/);
  });

  it('shows the title the renderer formats, dirty marker included', async () => {
    await invoke('window:setDocumentState', { title: '● feeder.ggs.json — GridGame Studio', dirty: true });
    expect(win.title).toBe('● feeder.ggs.json — GridGame Studio');
  });

  it('asks the renderer before closing a dirty document, and closes once it confirms', async () => {
    await invoke('window:setDocumentState', { title: 'feeder.ggs.json', dirty: true });
    (win.webContents.sent as unknown[]).length = 0;
    win.close();
    expect(win.closed).toBe(false);
    expect(win.webContents.sent).toEqual([['window:closeRequested', {}]]);
    await invoke('window:closeConfirmed');
    expect(win.closed).toBe(true);
  });

  it('refuses to open or write a path the user never chose', async () => {
    await expect(invoke('file:openPath', '/etc/passwd')).rejects.toThrow(/not allowed/);
    await expect(invoke('file:save', { path: '/tmp/x.ggs.json', text: '{}', suggestedName: 'x' })).rejects.toThrow(/not allowed/);
  });
});
