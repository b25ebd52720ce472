/**
 * The one mock of `electron` for unit tests (the real module would try to
 * download a binary). Use with: vi.mock('electron', () => import('../mocks/electron.ts')).
 * It records what the code under test registers so tests can drive it:
 * `ipcMain.invokeAs(frame, channel, ...args)` plays a renderer invoke,
 * `exposed` holds what the preload put on the main world.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class IpcMainMock extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke from `frame` would do (Electron passes the args array through). */
  async invokeAs(frame: { url: string; parent: unknown } | null, channel: string, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const sender = fakeWebContents(frame?.url ?? '');
    return handler({ sender, senderFrame: frame }, ...args);
  }
}
export const ipcMain = new IpcMainMock();

export function fakeWebContents(url = 'app://gridgame/index.html') {
  const wc = new EventEmitter() as EventEmitter & Record<string, unknown>;
  Object.assign(wc, { sent: [] as unknown[], getURL: () => url, isDestroyed: () => false });
  wc.send = (channel: string, payload: unknown) => (wc.sent as unknown[]).push([channel, payload]);
  return wc;
}

export const ipcRenderer = {
  invoked: [] as unknown[][],
  listeners: new EventEmitter(),
  invoke(channel: string, ...args: unknown[]) {
    this.invoked.push([channel, ...args]);
    return Promise.resolve({ channel });
  },
  on(channel: string, l: (...a: unknown[]) => void) {
    this.listeners.on(channel, l);
  },
  removeListener(channel: string, l: (...a: unknown[]) => void) {
    this.listeners.removeListener(channel, l);
  },
};

export const exposed: Record<string, unknown> = {};
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    exposed[key] = api;
  },
};

export const app = Object.assign(new EventEmitter(), {
  getName: () => 'GridGame Studio',
  getPath: () => '/tmp/ggs-test-userdata',
  getAppPath: () => process.cwd(),
  showAboutPanel: () => undefined,
  addRecentDocument: () => undefined,
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock: () => true,
  quit: () => undefined,
});

export const Menu = {
  template: null as unknown,
  buildFromTemplate: (t: unknown) => t,
  setApplicationMenu(m: unknown) {
    this.template = m;
  },
};

export const shell = { opened: [] as string[], openExternal: async (url: string) => void shell.opened.push(url) };
export const dialog = {};
export const protocol = { registerSchemesAsPrivileged: () => undefined, handle: () => undefined };
export const session = {};
export class BrowserWindow {
  static fromWebContents() {
    return null;
  }
}

export default { ipcMain, ipcRenderer, contextBridge, app, Menu, shell, dialog, protocol, session, BrowserWindow };
