import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.ts'));

import { contextBridge, exposed, ipcMain, ipcRenderer } from '../mocks/electron.ts';
import { ipcRequests, MENU_COMMANDS } from '../../solver/contract.ts';
import { createIpcRouter } from '../../main/electron/ipcRouter.ts';
import { menuTemplate } from '../../main/electron/menu.ts';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  PathGrants,
  documentPathFromArgv,
  isAllowedNavigation,
  isAllowedRequestUrl,
  isPermissionAllowed,
  isSafeExternalUrl,
  isTrustedSender,
  isTrustedUrl,
  resolveAppFile,
  scenarioFileName,
  securityHeaders,
} from '../../main/electron/security.ts';

const top = { url: APP_ENTRY_URL, parent: null };

describe('isTrustedUrl', () => {
  it('accepts pages of app://gridgame only', () => {
    expect(isTrustedUrl('app://gridgame/index.html')).toBe(true);
    expect(isTrustedUrl('app://gridgame/assets/x.js?v=1#h')).toBe(true);
  });
  it.each([
    'app://evil/index.html',
    'app://gridgame.evil.com/',
    'app://user:pw@gridgame/',
    'https://gridgame/',
    'file:///index.html',
    'http://127.0.0.1:5173/',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('rejects %s', (url) => expect(isTrustedUrl(url)).toBe(false));
});

describe('isAllowedNavigation', () => {
  it('allows reloading the app and nothing else', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('https://example.org/')).toBe(false);
    expect(isAllowedNavigation('file:///home/u/feeder.ggs.json')).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('lets only plain https links out to the system browser', () => {
    expect(isSafeExternalUrl('https://matpower.org/')).toBe(true);
    for (const url of ['http://example.org', 'file:///etc/passwd', 'smb://host/share', 'https://u:p@x.org', 'ms-msdt:/id']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('isAllowedRequestUrl', () => {
  it('loads only our origin and in-memory data', () => {
    expect(isAllowedRequestUrl('app://gridgame/assets/glpk.wasm')).toBe(true);
    expect(isAllowedRequestUrl('blob:app://gridgame/5e1c')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('https://cdn.example.org/plotly.js')).toBe(false);
    expect(isAllowedRequestUrl('blob:https://evil.org/5e1c')).toBe(false);
    expect(isAllowedRequestUrl('file:///etc/passwd')).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  it('denies every device and web permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'clipboard-read', 'hid', 'serial']) {
      expect(isPermissionAllowed(p, APP_ENTRY_URL), p).toBe(false);
    }
  });
  it('allows sanitized clipboard writes from the app only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.org/')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('accepts the top frame of the app', () => expect(isTrustedSender(top)).toBe(true));
  it('rejects sub-frames, foreign pages and vanished frames', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.org/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const root = path.resolve('/srv/web');
  it('maps app URLs into the web root', () => {
    expect(resolveAppFile(root, 'app://gridgame/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://gridgame/assets/a%20b.js?x#y')).toBe(path.join(root, 'assets', 'a b.js'));
  });
  it.each([
    'app://gridgame/../secret',
    'app://gridgame/%2e%2e/secret',
    'app://gridgame/assets/..%2f..%2fsecret',
    'app://gridgame/..%5c..%5csecret',
    'app://gridgame/%00',
    'app://gridgame/%E0%A4%A',
    'app://other/index.html',
  ])('refuses %s', (url) => {
    const file = resolveAppFile(root, url);
    expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    if (url.includes('other') || url.includes('%00') || url.includes('%5c') || url.includes('%A4%A')) expect(file).toBeNull();
  });
});

describe('securityHeaders', () => {
  it('sends a CSP without remote origins, inline scripts or eval', () => {
    const h = securityHeaders('index.html');
    expect(h['Content-Type']).toMatch(/^text\/html/);
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
    expect(securityHeaders('glpk.wasm')['Content-Type']).toBe('application/wasm');
  });
});

describe('PathGrants', () => {
  it('grants only absolute scenario paths the shell has seen', () => {
    const grants = new PathGrants();
    const file = path.resolve('/home/u/feeder.ggs.json');
    expect(grants.isGranted(file)).toBe(false);
    grants.grant(file);
    expect(grants.isGranted(file)).toBe(true);
    expect(grants.isGranted(path.resolve('/home/u/other.ggs.json'))).toBe(false);
    expect(grants.isGranted('feeder.ggs.json')).toBe(false);
    const key = path.resolve('/home/u/.ssh/id_rsa');
    grants.grant(key);
    expect(grants.isGranted(key)).toBe(false);
  });
});

describe('documentPathFromArgv and scenarioFileName', () => {
  it('finds the scenario a file association passes', () => {
    expect(documentPathFromArgv(['/opt/ggs/ggs', '/home/u/a.ggs.json'])).toBe('/home/u/a.ggs.json');
    expect(documentPathFromArgv(['electron', '.', '--flag', 'b.GGS.JSON'])).toBe('b.GGS.JSON');
    expect(documentPathFromArgv(['electron', '.', '--inspect=x.ggs.json'])).toBeNull();
    expect(documentPathFromArgv(['x.ggs.json'])).toBeNull();
  });
  it('suggests a plain file name, never a path', () => {
    expect(scenarioFileName('IEEE 33-bus')).toBe('IEEE 33-bus.ggs.json');
    expect(scenarioFileName('case69.json')).toBe('case69.ggs.json');
    expect(scenarioFileName('../../etc/passwd')).not.toContain('/');
    expect(scenarioFileName('')).toBe('scenario.ggs.json');
  });
});

describe('IPC router', () => {
  beforeEach(() => {
    for (const c of [...ipcMain.handlers.keys()]) ipcMain.removeHandler(c);
  });

  it('drops a message from a foreign sender without calling the handler', async () => {
    const handler = vi.fn();
    const log = vi.fn();
    createIpcRouter({ log }).handle('file:recent', handler);
    await expect(ipcMain.invokeAs({ url: 'https://evil.org/', parent: null }, 'file:recent')).rejects.toThrow(/sender not allowed/);
    await expect(ipcMain.invokeAs({ url: APP_ENTRY_URL, parent: {} }, 'file:recent')).rejects.toThrow(/sender not allowed/);
    expect(handler).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('untrusted sender https://evil.org/'));
  });

  it('drops a message from a page of our origin in another webContents', async () => {
    const handler = vi.fn();
    createIpcRouter({ isOurWebContents: () => false, log: () => {} }).handle('file:recent', handler);
    await expect(ipcMain.invokeAs(top, 'file:recent')).rejects.toThrow(/sender not allowed/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects a bad payload with a path-qualified error', async () => {
    const handler = vi.fn();
    createIpcRouter({ log: () => {} }).handle('file:save', handler);
    const bad = ipcMain.invokeAs(top, 'file:save', { path: null, text: 42, suggestedName: 'x' });
    await expect(bad).rejects.toThrow(/^invalid arguments for file:save: \[0\]\.text: /);
    await expect(ipcMain.invokeAs(top, 'file:save', { path: null, text: '', suggestedName: 'x', extra: 1 })).rejects.toThrow(/\[0\]/);
    await expect(ipcMain.invokeAs(top, 'file:save')).rejects.toThrow(/invalid arguments for file:save/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes a good payload, parsed, to the handler and returns its answer', async () => {
    const handler = vi.fn(async (_event: unknown, arg: { title: string; dirty: boolean }) => arg.title.length);
    createIpcRouter().handle('window:setDocumentState', handler as never);
    await expect(ipcMain.invokeAs(top, 'window:setDocumentState', { title: 'feeder', dirty: true })).resolves.toBe(6);
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ senderFrame: top }), { title: 'feeder', dirty: true });
  });

  it('refuses to start while a contract channel has no handler', () => {
    const router = createIpcRouter();
    router.handle('file:recent', async () => []);
    expect(() => router.assertComplete()).toThrow(/without a handler: file:open,/);
    for (const c of Object.keys(ipcRequests)) if (c !== 'file:recent') router.handle(c as 'file:open', async () => null);
    expect(() => router.assertComplete()).not.toThrow();
    expect(() => router.handle('file:recent', async () => [])).toThrow(/already has a handler/);
    router.dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('preload bridge', () => {
  it('exposes only invoke/on for contract channels, without the event object', async () => {
    expect(contextBridge).toBeDefined();
    await import('../../main/electron/preload.ts');
    const ggs = exposed.ggs as { invoke: (...a: unknown[]) => Promise<unknown>; on: (c: string, l: (p: unknown) => void) => () => void; platform: string };
    expect(Object.keys(ggs).sort()).toEqual(['invoke', 'on', 'platform']);
    await ggs.invoke('file:recent');
    expect(ipcRenderer.invoked).toContainEqual(['file:recent']);
    await expect(ggs.invoke('shell:exec', 'rm -rf /')).rejects.toThrow(/unknown channel/);
    expect(() => ggs.on('some:internal', () => {})).toThrow(/unknown event/);
    const seen: unknown[] = [];
    const off = ggs.on('job:progress', (p) => seen.push(p));
    ipcRenderer.listeners.emit('job:progress', { sender: 'secret' }, { id: 'a' });
    off();
    ipcRenderer.listeners.emit('job:progress', { sender: 'secret' }, { id: 'b' });
    expect(seen).toEqual([{ id: 'a' }]);
  });
});

describe('application menu', () => {
  it('offers every renderer command and sends it as menu:command', () => {
    const sent: unknown[] = [];
    const template = menuTemplate((command, p) => sent.push(p ? [command, p] : [command]), ['/home/u/a.ggs.json'], 'linux');
    const items = template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    const recent = items.find((i) => i.label === 'Open Recent');
    for (const i of items) (i as { click?: () => void }).click?.();
    for (const i of (recent?.submenu ?? []) as { click?: () => void }[]) i.click?.();
    const commands = new Set(sent.map((s) => (s as string[])[0]));
    expect([...MENU_COMMANDS].filter((c) => !commands.has(c))).toEqual([]);
    expect(sent).toContainEqual(['openPath', '/home/u/a.ggs.json']);
    // Shortcuts are the renderer's: shown in the menu, never registered twice.
    expect(items.filter((i) => i.accelerator).every((i) => i.registerAccelerator === false)).toBe(true);
  });
});
