/**
 * The one application window. Renderer isolation is fixed here and nowhere
 * else: context isolation, OS sandbox, no Node in the page, web security on,
 * the preload bridge as the only way out (see preload.ts).
 */
import path from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './security.ts';

let mainWindow: BrowserWindow | null = null;

export function currentWindow(): BrowserWindow | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}

type WindowListener = (win: BrowserWindow) => void;
const onCreated: WindowListener[] = [];
/** Feature modules attach per-window behaviour (close guard, crash reload …) here. */
export function onWindowCreated(listener: WindowListener): void {
  onCreated.push(listener);
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'GridGame Studio',
    backgroundColor: '#1e2127',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // middle-click would open links in new windows, bypassing setWindowOpenHandler on old builds
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  for (const listener of onCreated) listener(win);
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Bring the window forward (second instance, open-file). */
export function focusMainWindow(): void {
  const win = currentWindow();
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}
