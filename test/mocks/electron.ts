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
  paths: {} as Record<string, string>,
  getName: () => 'GridGame Studio',
  setPath(name: string, value: string) {
    app.paths[name] = value;
  },
  getPath: (name: string) => app.paths[name] ?? '/tmp/ggs-test-userdata',
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
/** Native dialogs answer from a queue the test fills: `dialog.answers.push({ canceled, filePaths | filePath })`. */
export const dialog = {
  answers: [] as Array<{ canceled: boolean; filePaths?: string[]; filePath?: string }>,
  shown: [] as unknown[],
  async showOpenDialog(...args: unknown[]) {
    dialog.shown.push(args.at(-1));
    return dialog.answers.shift() ?? { canceled: true, filePaths: [] };
  },
  async showSaveDialog(...args: unknown[]) {
    dialog.shown.push(args.at(-1));
    return dialog.answers.shift() ?? { canceled: true };
  },
};

export const protocol = {
  schemes: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.schemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

/** session.defaultSession keeps every hook it is given. */
export const session = {
  defaultSession: {
    hooks: {} as Record<string, (...args: never[]) => unknown>,
    setPermissionRequestHandler(h: never) {
      this.hooks.permissionRequest = h;
    },
    setPermissionCheckHandler(h: never) {
      this.hooks.permissionCheck = h;
    },
    webRequest: {
      onBeforeRequest: (h: never) => void (session.defaultSession.hooks.beforeRequest = h),
      onHeadersReceived: (h: never) => void (session.defaultSession.hooks.headersReceived = h),
    },
  },
};

/** A window that records what main does to it; `webContents` is a fakeWebContents. */
export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  static fromWebContents(wc: unknown) {
    return BrowserWindow.all.find((w) => w.webContents === wc) ?? null;
  }
  readonly webContents = Object.assign(fakeWebContents(), { setWindowOpenHandler: () => undefined, reload: () => undefined });
  title = '';
  loadedUrl = '';
  closed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.all.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  setTitle(t: string) {
    this.title = t;
  }
  setDocumentEdited() {}
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
  /** like Electron: emits 'close' (cancellable) and closes unless prevented */
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
  }
}

export default { ipcMain, ipcRenderer, contextBridge, app, Menu, shell, dialog, protocol, session, BrowserWindow };
